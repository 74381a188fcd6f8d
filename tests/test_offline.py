"""No network at run time: the CLI and textstat work in a process whose sockets are blocked.

A ``sitecustomize.py`` placed first on ``PYTHONPATH`` replaces ``socket.socket.connect`` /
``connect_ex``, ``socket.getaddrinfo``, ``gethostbyname`` and ``create_connection`` with
functions that record the attempt in a file and raise. Every test asserts the record stays empty.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.cli import main

REPO = Path(__file__).resolve().parents[1]
SOURCE_EXAMPLES = REPO / "examples" / "pair"

SITECUSTOMIZE = """
import os
import socket

_LOG = os.environ["REPLYLINT_NET_LOG"]


def _blocked(name):
    def refuse(*args, **kwargs):
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{name} {args[1:2] if name.endswith('connect') else args[:1]}\\n")
        raise OSError(f"network blocked by test: {name}")
    return refuse


socket.socket.connect = _blocked("socket.connect")
socket.socket.connect_ex = _blocked("socket.connect_ex")
socket.getaddrinfo = _blocked("getaddrinfo")
socket.gethostbyname = _blocked("gethostbyname")
socket.create_connection = _blocked("create_connection")
"""


@pytest.fixture()
def offline_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    env["REPLYLINT_NET_LOG"] = str(log)
    env.pop("REPLYLINT_CONFIG", None)
    return env, log


@pytest.fixture()
def examples(tmp_path: Path) -> Path:
    """The example pair copied to a folder with no configuration file above it (default config)."""
    folder = tmp_path / "pair"
    folder.mkdir()
    for name in ("customer.txt", "good-draft.txt", "jargon-draft.txt"):
        (folder / name).write_bytes((SOURCE_EXAMPLES / name).read_bytes())
    return folder


def run(env: dict[str, str], args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def attempts(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_block_is_effective(offline_env: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    """Guard: the blocker really refuses connections (otherwise the other tests prove nothing)."""
    env, log = offline_env
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('example.com', 80), timeout=1)\n"
        "except OSError as e:\n"
        "    print('refused', e)\n"
        "s = socket.socket()\n"
        "try:\n"
        "    s.connect(('127.0.0.1', 9))\n"
        "except OSError as e:\n"
        "    print('refused', e)\n"
    )
    proc = run(env, ["-c", code], tmp_path)
    assert proc.stdout.count("refused network blocked by test") == 2, proc.stdout + proc.stderr
    assert "create_connection" in attempts(log) and "socket.connect" in attempts(log)


@pytest.mark.parametrize(
    ("draft", "expected_code"),
    [("good-draft.txt", None), ("jargon-draft.txt", 1)],
)
def test_cli_check_offline(
    offline_env: tuple[dict[str, str], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    draft: str,
    expected_code: int | None,
    examples: Path,
) -> None:
    env, log = offline_env
    args = ["check", str(examples / draft), "--customer", str(examples / "customer.txt"), "--format", "json"]
    args += ["--min-precision", "0"]  # every rule at its severity: the jargon draft fails
    # the same command in this (unblocked) process is the reference
    ref_code = main(args)
    ref_out = capsys.readouterr().out
    proc = run(env, ["-m", "replylint.cli", *args], tmp_path)
    assert attempts(log) == "", f"network access attempted:\n{attempts(log)}"
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == ref_code, proc.stderr
    if expected_code is not None:
        assert proc.returncode == expected_code
    assert proc.stdout == ref_out
    assert '"findings"' in proc.stdout


def test_cli_jargon_text_output_offline(
    offline_env: tuple[dict[str, str], Path], tmp_path: Path, examples: Path
) -> None:
    env, log = offline_env
    proc = run(
        env,
        [
            "-m",
            "replylint.cli",
            "check",
            str(examples / "jargon-draft.txt"),
            "--customer",
            str(examples / "customer.txt"),
            "--min-precision",
            "0",
        ],
        tmp_path,
    )
    assert attempts(log) == ""
    assert proc.returncode == 1, proc.stderr
    assert "jargon" in proc.stdout
    assert "SLA" in proc.stdout


def test_cli_rules_offline(offline_env: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, log = offline_env
    proc = run(env, ["-m", "replylint.cli", "rules"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "jargon" in proc.stdout
    assert attempts(log) == ""


def test_textstat_offline(offline_env: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, log = offline_env
    code = (
        "import textstat\n"
        "text = ('We have refunded the full amount to your card. It should show up within five '\n"
        "        'business days, depending on your bank. Reply here if it does not arrive.')\n"
        "print(round(textstat.flesch_kincaid_grade(text), 2))\n"
        "print(textstat.syllable_count('notwithstanding reimbursement'))\n"
    )
    proc = run(env, ["-c", code], tmp_path)
    assert proc.returncode == 0, proc.stderr
    grade, syllables = proc.stdout.split()
    assert 2.0 < float(grade) < 14.0
    assert int(syllables) >= 8
    assert attempts(log) == ""
