"""``replylint lint`` end to end: formats, exit codes, offsets into the original files, macros
with a declared scenario, suppression (inline, per macro, per file, baseline), broken files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from replylint.cli import main

REPO = Path(__file__).resolve().parents[1]

GOOD_MD = """\
---
title: Parcel shipped
channel: email
---
Hi {{ticket.requester.first_name}},

Thanks for your patience! Your parcel left our warehouse this morning and should arrive by
Thursday. I've emailed you the tracking link so you can follow it.

Best,
{{current_user.first_name}}
"""

JARGON_MD = """\
---
title: Escalated
---
Hi {{ticket.requester.first_name}},

I've escalated this to our T2 team per the SLA and opened an RMA, so you'll get an update from us by Friday.

Best,
{{current_user.first_name}}
"""

ZENDESK = {
    "macros": [
        {
            "id": 360000000001,
            "title": "Returns::Label",
            "active": True,
            "actions": [
                {"field": "status", "value": "pending"},
                {
                    "field": "comment_value_html",
                    "value": '<p>Hi [CUSTOMER NAME],</p>\n<p>Here is your "prepaid" return label \u2014 '
                    "print it and drop the parcel at any post office. We'll email you when it arrives, "
                    "well within the SLA.</p>",
                },
            ],
        }
    ],
    "count": 1,
}


def run_lint(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    # these tests are about linting a library, not about calibration: every rule at its severity
    # (by default the rules measured below min-precision, jargon among them, say "possibly" at info)
    code = main(["lint", "--no-progress", "--min-precision", "0", *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code, out, _ = run_lint([*args, "--format", "json"], capsys)
    return code, json.loads(out)


def findings(payload: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(r, f) for r in payload["results"] if r["report"] for f in r["report"]["findings"]]


def text_at(path: str, line: int, column: int) -> str:
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[line - 1 :])[column - 1 :]


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "macros"
    (lib / "md").mkdir(parents=True)
    (lib / "md" / "shipped.md").write_text(GOOD_MD, encoding="utf-8")
    (lib / "md" / "escalated.md").write_text(JARGON_MD, encoding="utf-8")
    (lib / "zendesk.json").write_text(json.dumps(ZENDESK, indent=2), encoding="utf-8")
    (lib / "node_modules").mkdir()
    (lib / "node_modules" / "ignored.md").write_text("Per the SLA, TODO.", encoding="utf-8")
    (lib / "notes.docx").write_bytes(b"PK\x03\x04 not a macro")
    return lib


def test_lint_reports_findings_at_file_positions(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, payload = run_json([str(library)], capsys)
    assert code == 1
    paths = {Path(r["path"]).name for r in payload["results"]}
    assert paths == {"shipped.md", "escalated.md", "zendesk.json"}  # node_modules and .docx skipped
    found = findings(payload)
    rules = {(Path(r["path"]).name, f["rule"]) for r, f in found}
    assert ("escalated.md", "jargon") in rules
    assert ("zendesk.json", "placeholder") in rules
    assert not any(
        name == "shipped.md" and f["severity"] != "info" for (name, _), (_, f) in zip(rules, found, strict=False)
    )
    for res, f in found:
        at = text_at(res["path"], f["line"], f["column"])
        raw = json.dumps(f["text"])[1:-1] if res["path"].endswith(".json") else f["text"]
        assert at.startswith(raw), (res["path"], f["line"], f["column"], f["text"], at[:40])
    zendesk = next(f for r, f in found if f["rule"] == "placeholder")
    assert zendesk["text"] == "[CUSTOMER NAME]" and zendesk["line"] > 5
    # After \n, \" and \u2014 escapes in the JSON string, the column is still the file's.
    sla = next(f for r, f in found if f["rule"] == "jargon" and r["path"].endswith("zendesk.json"))
    raw_line = (library / "zendesk.json").read_text(encoding="utf-8").split("\n")[sla["line"] - 1]
    assert raw_line[sla["column"] - 1 :].startswith("SLA.</p>")
    assert "\\u2014" in raw_line[: sla["column"]] and '\\"prepaid\\"' in raw_line


def test_fail_on_error_ignores_warnings(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "zendesk.json").unlink()
    code, out, _ = run_lint([str(library), "--fail-on", "error"], capsys)
    assert code == 0, out
    code, out, _ = run_lint([str(library)], capsys)
    assert code == 1
    assert "library: 2 file(s), 2 macro(s) checked, mean score" in out


def test_broken_files_are_reported_and_the_rest_is_checked(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (library / "broken.json").write_text('{"macros": [\n  {"title": "x",}\n]}', encoding="utf-8")
    (library / "legacy.md").write_bytes("Merci, votre colis arrive bientôt.".encode("latin-1"))
    code, payload = run_json([str(library)], capsys)
    assert code == 2  # an unreadable file is an input error, even with findings elsewhere
    errors = {Path(r["path"]).name: r["error"] for r in payload["results"] if r["error"]}
    assert set(errors) == {"logo.txt", "broken.json", "legacy.md"}
    assert "binary" in errors["logo.txt"]
    assert "broken.json:2:" in errors["broken.json"] and "invalid JSON" in errors["broken.json"]
    assert "not UTF-8" in errors["legacy.md"]
    assert any(f["rule"] == "jargon" for _, f in findings(payload))


def test_usage_errors_exit_2(tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_lint([str(empty)], capsys)[0] == 2
    code, out, _ = run_lint([str(tmp_path / "missing")], capsys)
    assert code == 2 and "no such file or folder" in out
    code, _, err = run_lint([str(library), "--format", "yaml"], capsys)
    assert code == 2 and "unknown format" in err
    (library / "replylint.toml").write_text('[lint.per-file-ignores]\n"*.md" = ["no-such-rule"]\n', encoding="utf-8")
    code, _, err = run_lint([str(library)], capsys)
    assert code == 2 and "no-such-rule" in err


def test_scenario_makes_customer_rules_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch, we appreciate your business.\n"
    macros = [
        {"title": "No scenario", "body": body},
        {
            "title": "With scenario",
            "body": body,
            "scenario": "When will my refund arrive? I returned the shoes two weeks ago.",
        },
    ]
    path = tmp_path / "macros.json"
    path.write_text(json.dumps(macros, indent=2), encoding="utf-8")
    _, payload = run_json([str(path), "--select", "question-answered"], capsys)
    checks = {r["title"]: r["report"]["checks"][0] for r in payload["results"]}
    assert checks["No scenario"]["status"] == "not_applicable"
    assert checks["With scenario"]["status"] == "failed"


def test_inline_and_per_macro_and_per_file_suppression(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    sla = "We've escalated this per the SLA, so you'll get an update from us by Friday.\n"
    (lib / "inline.md").write_text(
        "<!-- replylint: disable-next-line=jargon -->\n" + sla + "Per the SLA we reply within a day.\n",
        encoding="utf-8",
    )
    (lib / "front.md").write_text("---\ntitle: Front\nreplylint: {ignore: [jargon]}\n---\n" + sla, encoding="utf-8")
    (lib / "legacy-file.md").write_text(sla, encoding="utf-8")
    (lib / "macros.yml").write_text(
        "# replylint: disable=jargon\n- title: Y1\n  body: " + json.dumps(sla) + "\n"
        "# replylint: enable=jargon\n- title: Y2\n  body: " + json.dumps(sla) + "\n",
        encoding="utf-8",
    )
    (lib / "replylint.toml").write_text('[lint.per-file-ignores]\n"legacy-*.md" = ["jargon"]\n', encoding="utf-8")
    _, payload = run_json([str(lib), "--select", "jargon"], capsys)
    by_title = {r["title"]: [f for f in r["report"]["findings"]] for r in payload["results"]}
    assert by_title["Front"] == []
    assert by_title["legacy-file"] == []
    assert by_title["Y1"] == [] and len(by_title["Y2"]) == 1
    inline = by_title["inline"]
    assert len(inline) == 1 and inline[0]["line"] == 3  # only the second SLA (next line suppressed)


def test_baseline_round_trip_survives_edits_elsewhere(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "replylint-baseline.json"
    code, _, err = run_lint([str(library), "--write-baseline", str(baseline)], capsys)
    assert code == 0 and "wrote" in err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["findings"]
    assert all("line" not in e for e in data["findings"])
    assert run_lint([str(library), "--baseline", str(baseline)], capsys)[0] == 0
    # A baseline (or JSON report) kept inside the library is not read as macros.
    inside = library / "replylint-baseline.json"
    assert run_lint([str(library), "--write-baseline", str(inside)], capsys)[0] == 0
    assert run_lint([str(library), "--baseline", str(inside)], capsys)[0] == 0
    # Lines move (a paragraph added above): the old findings are still known.
    md = library / "md" / "escalated.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace("Hi {{", "Hi there.\n\nSorry for the wait.\n\nHi {{"), encoding="utf-8"
    )
    assert run_lint([str(library), "--baseline", str(baseline)], capsys)[0] == 0
    # A new finding is reported, and only it.
    md.write_text(md.read_text(encoding="utf-8") + "\nWe also opened a KYC check.\n", encoding="utf-8")
    code, payload = run_json([str(library), "--baseline", str(baseline)], capsys)
    assert code == 1
    assert [f["text"] for _, f in findings(payload)] == ["KYC"]


def test_library_consistency_in_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Refund policy\n---\nYou can request a refund within 30 days of purchase.\n", encoding="utf-8"
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: Late refund\n---\nSorry, refunds are accepted up to 14 days after delivery.\n", encoding="utf-8"
    )
    _, payload = run_json([str(tmp_path), "--select", "inconsistent-fact"], capsys)
    got = {r["title"]: [f for f in r["report"]["findings"]] for r in payload["results"]}
    (fa,), (fb,) = got["Refund policy"], got["Late refund"]
    assert fa["text"] == "30 days" and "14 days" in fa["message"] and "b.md:4:" in fa["message"]
    assert fb["text"] == "14 days" and (fb["line"], fb["column"]) == (4, 35)
    _, payload = run_json([str(tmp_path), "--select", "inconsistent-fact", "--ignore", "inconsistent-fact"], capsys)
    assert not findings(payload)


def test_example_library(capsys: pytest.CaptureFixture[str]) -> None:
    lib = REPO / "examples" / "macro-library"
    code, payload = run_json([str(lib)], capsys)
    assert code == 1
    rules = {(Path(r["path"]).name, f["rule"]) for r, f in findings(payload)}
    assert ("order-delayed.md", "placeholder") in rules
    assert ("order-delayed.md", "jargon") in rules
    assert ("zendesk-macros.json", "inconsistent-fact") in rules and ("refund-policy.md", "inconsistent-fact") in rules
    clean = [r["title"] for r in payload["results"] if r["report"] and not r["report"]["findings"]]
    assert "Password reset link" in clean
    for res, f in findings(payload):
        at = text_at(res["path"], f["line"], f["column"])
        raw = (
            json.dumps(f["text"])[1:-1]
            if res["path"].endswith(".json")
            else f["text"].replace('"', '""')
            if res["path"].endswith(".csv")
            else f["text"]
        )
        assert at.startswith(raw.split("\\n")[0][:20]), (res["path"], f)


@pytest.mark.slow
def test_jobs_give_the_same_results(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    many = library / "many.json"
    many.write_text(
        json.dumps(
            [
                {"title": f"M{i}", "body": f"Per the SLA, ticket {i} is with T2. We'll update you by Friday."}
                for i in range(140)
            ]
        ),
        encoding="utf-8",
    )
    _, one = run_json([str(library), "--jobs", "1"], capsys)
    _, two = run_json([str(library), "--jobs", "2"], capsys)
    assert one["results"] == two["results"]


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook definition works with pre-commit, offline, against a repo of macros."""
    pre_commit = (
        os.environ.get("PRE_COMMIT") or shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    )
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (pip install pre-commit, or set PRE_COMMIT=/path/to/pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    macros = tmp_path / "macros"
    macros.mkdir()
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(macros)], check=True)
    (macros / "good.md").write_text(GOOD_MD, encoding="utf-8")
    (macros / "bad.md").write_text(JARGON_MD, encoding="utf-8")
    # every rule at its severity (jargon is measured below the default min-precision)
    (macros / "replylint.toml").write_text("min-precision = 0\n", encoding="utf-8")
    subprocess.run([*git, "-C", str(macros), "add", "."], check=True)
    # try-repo needs the hook repo as a git repo: a throwaway clone of the working tree's HEAD
    # plus the uncommitted hook files, so the test does not depend on what is committed.
    hook_repo = tmp_path / "hook-repo"
    shutil.copytree(
        REPO, hook_repo, ignore=shutil.ignore_patterns(".git", ".ci-venv", "*.egg-info", "__pycache__", ".pytest_cache")
    )
    subprocess.run([*git, "init", "-q", str(hook_repo)], check=True)
    subprocess.run([*git, "-C", str(hook_repo), "add", "."], check=True)
    subprocess.run([*git, "-C", str(hook_repo), "commit", "-qm", "hook"], check=True)
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
    }
    online = os.environ.get("REPLYLINT_PRE_COMMIT_ONLINE") == "1"
    if not online:
        # Offline: pip must not reach a package index while pre-commit builds the hook's env.
        env["PIP_NO_INDEX"] = "1"
    for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
        if online and key in os.environ:
            env[key] = os.environ[key]
    proc = subprocess.run(
        [pre_commit, "try-repo", str(hook_repo), "replylint", "--all-files"],
        cwd=macros,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = proc.stdout + proc.stderr
    if not online and proc.returncode == 3 and "An unexpected error has occurred" in output and "pip" in output:
        pytest.skip(
            "offline: pre-commit installs the hook into its own fresh virtualenv with pip, which needs the "
            "package index for replylint's build backend and dependencies (spaCy, the model); set "
            "REPLYLINT_PRE_COMMIT_ONLINE=1 to run this test with index access"
        )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bad.md" in proc.stdout and "jargon" in proc.stdout


def test_progress_bar_only_when_enabled() -> None:
    import io

    from replylint.lint import Progress

    stream = io.StringIO()
    bar = Progress(4, stream, enabled=True)
    bar.advance(1)
    bar.advance(3)
    bar.close()
    out = stream.getvalue()
    assert "1/4 macros" in out and "4/4 macros" in out and "[" + "#" * 30 + "]" in out
    quiet = io.StringIO()
    silent = Progress(4, quiet, enabled=False)
    silent.advance(4)
    silent.close()
    assert quiet.getvalue() == ""


def test_baseline_from_configuration(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "replylint.toml").write_text('[lint]\nbaseline = "accepted.json"\n', encoding="utf-8")
    assert run_lint([str(library)], capsys)[0] == 2  # configured but not written yet
    assert run_lint([str(library), "--write-baseline", str(library / "accepted.json")], capsys)[0] == 0
    assert run_lint([str(library)], capsys)[0] == 0  # found next to replylint.toml


# -- issue 13, item 4: output paths, baseline folders, empty files ------------------------------


@pytest.mark.parametrize(
    ("command", "option"), [("check", "--output"), ("lint", "--output"), ("lint", "--write-baseline")]
)
def test_output_to_a_folder_or_a_missing_folder_is_one_line_exit_2(
    command: str, option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "macro.md"
    draft.write_text(GOOD_MD, encoding="utf-8")
    for target in (tmp_path, tmp_path / "missing" / "out.txt"):
        extra = ["--no-progress"] if command == "lint" else []
        code = main([command, str(draft), *extra, option, str(target)])
        out, err = capsys.readouterr()
        assert code == 2, (target, out, err)
        assert err.count("\n") == 1 and err.startswith(f"replylint: error: {option} {target}: "), err
        assert "Traceback" not in err
    assert not (tmp_path / "missing").exists()  # no folder is created on the user's behalf


def test_an_empty_macro_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    (tmp_path / "empty.md").write_text("---\ntitle: Nothing yet\n---\n\n", encoding="utf-8")
    code, out, _ = run_lint([str(tmp_path)], capsys)
    assert code == 2
    assert f"{tmp_path / 'empty.md'}: error: empty: no macro text to check" in out
    assert "1 checked" in out and "1 could not be checked" in out


# -- issue 13, item 3: a real `pre-commit run` in a macro repository ----------------------------


def _git_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
    }


@pytest.mark.slow
def test_pre_commit_run_in_a_macro_repository(tmp_path: Path) -> None:
    """The shipped hook (entry and file filters of .pre-commit-hooks.yaml, run as a local hook so no
    hook environment is built) in a repository with its own README, a macro folder and a drafts
    folder that `[lint] exclude` leaves out: the README is not linted as a macro, and an excluded
    file staged alone passes (it exited 2, "no macro files found")."""
    import yaml

    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists() or shutil.which("git") is None:
        pytest.skip("needs pre-commit (the dev extra) and git")
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    local = {key: hook[key] for key in ("id", "name", "entry", "types_or", "files", "exclude", "require_serial")}
    config = {"repos": [{"repo": "local", "hooks": [{**local, "language": "system", "args": ["--no-progress"]}]}]}
    repo = tmp_path / "support-macros"
    (repo / "macros" / "drafts").mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "replylint.toml").write_text('min-precision = 0\n\n[lint]\nexclude = ["drafts"]\n', encoding="utf-8")
    (repo / "README.md").write_text(
        "# Our macros\n\nEdit a macro, open a PR; the L2 team reviews it per the SLA. TODO: add a CODEOWNERS file.\n",
        encoding="utf-8",
    )
    (repo / "macros" / "shipped.md").write_text(GOOD_MD, encoding="utf-8")
    (repo / "macros" / "drafts" / "wip.md").write_text("Hi [NAME], TODO\n", encoding="utf-8")
    env = _git_env(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)

    assert run("git", "init", "-q").returncode == 0
    run("git", "add", ".pre-commit-config.yaml", "replylint.toml", "README.md", "macros/shipped.md")
    first = run(str(pre_commit), "run")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "README.md" not in first.stdout
    assert run("git", "commit", "-qm", "macros").returncode == 0
    run("git", "add", "macros/drafts/wip.md")
    alone = run(str(pre_commit), "run")
    assert alone.returncode == 0, alone.stdout + alone.stderr
    (repo / "macros" / "late.md").write_text(JARGON_MD, encoding="utf-8")
    run("git", "add", "macros/late.md")
    failing = run(str(pre_commit), "run")
    assert failing.returncode == 1 and "macros/late.md" in failing.stdout and "[jargon]" in failing.stdout
