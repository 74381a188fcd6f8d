"""The repository's own habits: ruff (lint + format) and mypy (strict on src/) pass, CI and the
repository's pre-commit configuration run them, and no file names one machine's paths."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("command", [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)])
def test_code_checks_pass(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_and_pre_commit_run_the_code_checks() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in ("ruff check .", "ruff format --check .", "mypy"):
        assert re.search(rf"^{re.escape(command)}$", ci, flags=re.M), command
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["ruff"].startswith("ruff check")
    assert hooks["ruff-format"].startswith("ruff format --check")
    assert hooks["mypy"] == "mypy"


_NOT_YET: set[str] = set()


def test_no_machine_paths_in_the_sources() -> None:
    files = subprocess.run(
        ["git", "ls-files", "*.py", "*.md", "*.yml", "*.yaml", "*.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    machine = re.compile(r"(?<![\w.])/(?:work|home|Users|root)/[\w.-]+")
    found = [
        f"{name}:{n}: {line.strip()}"
        for name in files
        if name not in _NOT_YET and (REPO / name).is_file()
        for n, line in enumerate((REPO / name).read_text(encoding="utf-8").splitlines(), 1)
        if machine.search(line)
    ]
    assert not found, "\n".join(found)
