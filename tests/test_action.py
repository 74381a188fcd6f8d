"""The GitHub Action (``action.yml``): valid against GitHub's published metadata schema, and its
shell steps run here as the composite action runs them, on a pull request of a macro library."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from replylint.action import changed_lines

REPO = Path(__file__).resolve().parents[1]
ACTION = REPO / "action.yml"
BIN = Path(sys.executable).parent

GOOD = "Hi {{ticket.requester.first_name}},\n\nYour parcel left our warehouse this morning. I'll email you the tracking link today.\n\nBest,\nSam\n"
JARGON = "Hi {{ticket.requester.first_name}},\n\nI've moved this to our T2 queue per the SLA, so you'll hear from us by Friday.\n\nBest,\nSam\n"


def _action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def test_action_yml_validates_against_the_github_action_schema() -> None:
    """Issue 13: three unquoted ": " in descriptions made action.yml invalid YAML."""
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_upload_sarif_is_off_by_default_and_annotations_cover_changed_lines() -> None:
    inputs = _action()["inputs"]
    assert inputs["upload-sarif"]["default"] == "false"
    assert inputs["annotations"]["default"] == "changed"


def test_changed_lines_of_a_unified_diff() -> None:
    diff = (
        "diff --git a/m/a.md b/m/a.md\n--- a/m/a.md\n+++ b/m/a.md\n@@ -3 +3,2 @@\n-x\n+y\n+z\n"
        "@@ -10,2 +11,0 @@\n-gone\n-gone\n"
        "--- a/m/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        "--- /dev/null\n+++ b/m/new.md\n@@ -0,0 +1 @@\n+new\n"
    )
    assert changed_lines(diff) == {"m/a.md": {3, 4}, "m/new.md": {1}}


def _expand(value: str, inputs: dict[str, str], context: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        return context[expr]

    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


def _run_step(step: dict[str, Any], inputs: dict[str, str], context: dict[str, str], cwd: Path, tmp: Path) -> str:
    """Run one `shell: bash` step as the runner does: env expanded, GITHUB_OUTPUT and RUNNER_TEMP set."""
    assert step["shell"] == "bash"
    output = tmp / "github_output"
    output.touch()
    env = {k: _expand(str(v), inputs, context) for k, v in step.get("env", {}).items()}
    env.update(
        PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", GITHUB_OUTPUT=str(output), RUNNER_TEMP=str(tmp), HOME=str(tmp)
    )
    script = _expand(step["run"], inputs, context)
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    context["stdout"], context["returncode"] = result.stdout, str(result.returncode)
    for line in output.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        context[f"steps.{step.get('id')}.outputs.{key}"] = value
    return result.stdout + result.stderr


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.slow
def test_the_composite_action_lints_once_and_annotates_only_changed_lines(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    (work / "macros").mkdir(parents=True)
    (work / "macros" / "old.md").write_text(JARGON, encoding="utf-8")  # a problem the PR does not touch
    (work / "macros" / "shipped.md").write_text(GOOD, encoding="utf-8")
    # the team's own internal terms: certain jargon, reported at warning whatever min-precision says
    (work / "replylint.toml").write_text(
        '[rules.jargon]\nterms = { "RMA" = "return authorisation", "SLA" = "the response time we promise" }\n',
        encoding="utf-8",
    )
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "base")
    base = _git(work, "rev-parse", "HEAD")
    (work / "macros" / "shipped.md").write_text(GOOD + "\nPS: see the RMA per the SLA.\n", encoding="utf-8")
    _git(work, "commit", "-qam", "pull request")

    action = _action()
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs["paths"] = "macros"
    context = {"github.event.pull_request.base.sha": base}
    steps = {s.get("id") or s.get("name"): s for s in action["runs"]["steps"]}
    tmp = tmp_path / "runner"
    tmp.mkdir()
    log = _run_step(steps["lint"], inputs, context, work, tmp)
    assert context["returncode"] == "0", log
    assert context["steps.lint.outputs.exit-code"] == "1", log

    annotations = [line for line in context["stdout"].splitlines() if line.startswith("::")]
    assert annotations, log
    assert all("file=macros/shipped.md,line=8," in a for a in annotations), annotations  # only the new line
    assert len(annotations) == len(set(annotations))  # nothing twice
    assert "Lint macros" in [s.get("name") for s in action["runs"]["steps"]]
    assert action["runs"]["steps"][2]["run"].count("replylint lint") == 1  # linted once
    summary = context["stdout"].splitlines()[-1]
    assert summary.startswith("replylint: 2 checked,") and "could not" not in summary

    sarif = json.loads((work / inputs["sarif-file"]).read_text(encoding="utf-8"))
    located = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert located == {"macros/old.md", "macros/shipped.md"}  # code scanning gets the whole library

    _run_step(steps["Fail on findings"], inputs, context, work, tmp)
    assert context["returncode"] == "1"
    assert "::error title=replylint::macros have findings" in context["stdout"]
