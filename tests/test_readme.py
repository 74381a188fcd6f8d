"""The README stays true: every rule is in its table, CI runs the README's own commands."""

from __future__ import annotations

import re
from pathlib import Path

from replylint.rules import all_rules

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table() -> None:
    table_ids = set(re.findall(r"^\| `([a-z-]+)` \|", README, flags=re.M))
    assert set(all_rules()) <= table_ids, sorted(set(all_rules()) - table_ids)
    assert table_ids <= set(all_rules()), sorted(table_ids - set(all_rules()))


def test_ci_runs_the_readme_install_and_test_commands() -> None:
    block = re.search(r"## Install and test.*?```bash\n(.*?)```", README, flags=re.S)
    assert block, "the README has an install-and-test block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci, f"CI does not run the README command {command!r}"


def test_every_output_format_is_documented() -> None:
    from replylint.formatters import available_formats

    for name in available_formats():
        assert f"--format {name}" in README or f"`{name}`" in README, name
