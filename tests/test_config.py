"""Configuration: discovery upward, layering, key-by-key merge, errors naming file/key/line."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import Config, find_config, load_config
from replylint.errors import ConfigError
from replylint.models import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    cfg = Config()
    assert cfg.fail_on is Severity.WARNING
    assert cfg.select is None and cfg.ignore == []
    assert cfg.max_chars == 200_000


def test_discovered_upward_from_the_checked_file(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'fail-on = "error"\nignore = ["jargon"]\n')
    draft = write(tmp_path / "macros" / "billing" / "refund.txt", "Hi")
    assert find_config(draft) == tmp_path / "replylint.toml"
    cfg = load_config(start=draft)
    assert cfg.fail_on is Severity.ERROR and cfg.ignore == ["jargon"]
    assert cfg.source == str(tmp_path / "replylint.toml")


def test_nearest_file_wins_and_pyproject_needs_the_tool_table(tmp_path: Path) -> None:
    write(tmp_path / "replylint.toml", 'fail-on = "error"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    draft = write(tmp_path / "sub" / "d.txt", "Hi")
    assert find_config(draft) == tmp_path / "replylint.toml"
    write(tmp_path / "sub" / "pyproject.toml", '[tool.replylint]\nfail-on = "info"\n')
    assert load_config(start=draft).fail_on is Severity.INFO


def test_command_line_overrides_merge_key_by_key(tmp_path: Path) -> None:
    cfg_file = write(
        tmp_path / "replylint.toml",
        'fail-on = "error"\n[rules.jargon]\nmax-grade = 10\nallow = ["API"]\n[severity]\njargon = "info"\n',
    )
    cfg = load_config(cfg_file, overrides={"fail-on": "info", "rules": {"jargon": {"max-grade": 8}}})
    assert cfg.fail_on is Severity.INFO
    assert cfg.rules["jargon"] == {"max-grade": 8, "allow": ["API"]}
    assert cfg.severity == {"jargon": Severity.INFO}


def test_snake_case_keys_are_accepted(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path / "replylint.toml", 'fail_on = "info"\nmax_chars = 1000\n'))
    assert cfg.fail_on is Severity.INFO and cfg.max_chars == 1000


def test_pack_folders_are_relative_to_the_config_file(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path / "conf" / "replylint.toml", 'packs = ["team-rules"]\n'))
    assert cfg.packs == [str((tmp_path / "conf" / "team-rules").resolve())]


@pytest.mark.parametrize(
    ("text", "key", "line", "words"),
    [
        ('fail-on = "warning"\nfial-on = "error"\n', "fial-on", 2, "unknown key"),
        ('\n\nfail-on = "critical"\n', "fail-on", 3, "error"),
        ('max-chars = "lots"\n', "max-chars", 1, "integer"),
        ("[score]\nerror = -5\n", "score.error", 2, "greater than"),
        ("[lint]\nbody-field = 3\n", "lint.body-field", 2, "string"),
    ],
)
def test_bad_values_name_file_key_and_line(tmp_path: Path, text: str, key: str, line: int, words: str) -> None:
    path = write(tmp_path / "replylint.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert err.file == str(path)
    assert err.key == key
    assert err.line == line
    assert words in str(err)
    assert str(path) in str(err) and key in str(err)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "replylint.toml", 'fail-on = "error"\nselect = [jargon\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 2 and "invalid TOML" in str(info.value)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_pyproject_errors_carry_the_tool_prefix(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.replylint]\nfail-on = "loud"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "tool.replylint.fail-on" and info.value.line == 2
