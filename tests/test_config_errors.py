"""Malformed configuration and rule packs: refused with a ConfigError naming file, key and line.

Also the safety contract of packs: YAML is loaded with the safe loader, so a pack can never run
code, whatever tags it carries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.config import load_config
from replylint.errors import ConfigError
from replylint.packs import CompiledPacks, PackSet, load_pack


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path) -> ConfigError:
    """Load ``path`` as the project configuration and resolve its rules; return the error."""
    from replylint.checker import resolve_rules
    from replylint.rules import all_rules

    with pytest.raises(ConfigError) as info:
        cfg = load_config(path)
        resolve_rules(cfg, all_rules())
    return info.value


def pack_error(nlp, path: Path) -> ConfigError:  # type: ignore[no-untyped-def]
    """Load and compile ``path`` as the only pack (built-in packs are not involved)."""
    with pytest.raises(ConfigError) as info:
        CompiledPacks(nlp, PackSet([load_pack(path)]))
    return info.value


def assert_names(err: ConfigError, path: Path, key: str | None, line: int | None) -> None:
    msg = str(err)
    assert path.name in msg, msg
    if key is not None:
        assert key in msg, msg
    if line is not None:
        assert f":{line}:" in msg or f"line {line}" in msg, msg
        assert err.line == line


# -- replylint.toml --------------------------------------------------------------------------


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\nchanel = "email"\n')
    err = config_error(path)
    assert_names(err, path, "chanel", 2)
    assert "unknown key" in str(err)


def test_unknown_key_in_nested_table(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", "[score]\nerror = 20\nwarnings = 5\n")
    err = config_error(path)
    assert_names(err, path, "warnings", 3)


def test_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\n\nmax-chars = "a lot"\n')
    err = config_error(path)
    assert_names(err, path, "max-chars", 3)
    assert "a lot" in str(err)


def test_negative_limit_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", "max-chars = -5\n")
    err = config_error(path)
    assert_names(err, path, "max-chars", 1)


def test_bad_severity_for_a_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "warning"\n\n[severity]\njargon = "fatal"\n')
    err = config_error(path)
    assert_names(err, path, "severity.jargon", 4)
    assert "fatal" in str(err)


def test_bad_fail_on(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "critical"\n')
    err = config_error(path)
    assert_names(err, path, "fail-on", 1)


def test_pyproject_section_is_prefixed(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.replylint]\nfail-on = "loud"\n')
    err = config_error(path)
    assert_names(err, path, "tool.replylint.fail-on", 5)


def test_unknown_rule_in_select_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\nselect = ["jargon", "no-such-rule"]\n')
    err = config_error(path)
    assert_names(err, path, "select", None)
    assert "no-such-rule" in str(err)


def test_unknown_rule_in_select_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\nselect = ["jargon", "no-such-rule"]\n')
    assert_names(config_error(path), path, "select", 2)


def test_unknown_rule_option_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\n\n[rules.jargon]\nno-such-option = 3\n')
    err = config_error(path)
    assert_names(err, path, "rules.jargon.no-such-option", None)


def test_unknown_rule_option_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\n\n[rules.jargon]\nno-such-option = 3\n')
    assert_names(config_error(path), path, "rules.jargon.no-such-option", 4)


def test_bad_toml_syntax_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\nselect = [jargon\n')
    err = config_error(path)
    assert_names(err, path, None, 2)
    assert "TOML" in str(err)


def test_bad_toml_syntax_names_key(tmp_path: Path) -> None:
    path = write(tmp_path, "replylint.toml", 'fail-on = "error"\nselect = [jargon\n')
    assert_names(config_error(path), path, "select", 2)


def test_config_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "replylint.toml"
    path.write_bytes(b'fail-on = "error"\n# caf\xe9\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert path.name in str(info.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.toml")
    assert "nope.toml" in str(info.value)


# -- rule packs ------------------------------------------------------------------------------


def test_bad_pack_yaml_names_file_and_line(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", 'matchers:\n  APOLOGY:\n    phrases: ["sorry"\n    lemmas: []\n')
    err = pack_error(nlp, path)
    assert_names(err, path, None, 4)
    assert "YAML" in str(err)


def test_bad_pack_yaml_names_key(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", 'matchers:\n  APOLOGY:\n    phrases: ["sorry"\n    lemmas: []\n')
    # the key whose value is broken, at the line where YAML noticed it
    assert_names(pack_error(nlp, path), path, "phrases", 4)


def test_pack_unknown_key(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", "matchers:\n  APOLOGY:\n    phrase: [sorry]\n")
    err = pack_error(nlp, path)
    assert_names(err, path, "matchers.APOLOGY.phrase", 3)
    assert "unknown key" in str(err)


def test_pack_wrong_type(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", "data:\n  x: 1\nmatchers:\n  APOLOGY:\n    phrases: sorry\n")
    err = pack_error(nlp, path)
    assert_names(err, path, "matchers.APOLOGY.phrases", 5)


def test_pack_not_a_mapping(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", "- sorry\n- apologize\n")
    err = pack_error(nlp, path)
    assert_names(err, path, None, 1)


def test_bad_spacy_token_pattern(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(
        tmp_path,
        "team.yml",
        'description: team phrases\nmatchers:\n  APOLOGY:\n    patterns:\n      - [{LEMMA: "sorry"}]\n'
        '      - [{LEMMAS: "apologize"}]\n',
    )
    err = pack_error(nlp, path)
    assert_names(err, path, "matchers.APOLOGY.patterns.1", 6)
    assert "LEMMAS" in str(err)


def test_bad_spacy_operator(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", 'matchers:\n  APOLOGY:\n    patterns:\n      - [{LOWER: "sorry", OP: "%"}]\n')
    err = pack_error(nlp, path)
    assert_names(err, path, "matchers.APOLOGY.patterns.0", 4)


def test_bad_dependency_pattern(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(
        tmp_path,
        "team.yml",
        "matchers:\n  REGRET:\n    dependency:\n"
        '      - [{RIGHT_ID: "v", RIGHT_ATTRS: {LEMMA: "regret"}},'
        ' {LEFT_ID: "nope", REL_OP: ">", RIGHT_ID: "o", RIGHT_ATTRS: {DEP: "dobj"}}]\n',
    )
    err = pack_error(nlp, path)
    assert_names(err, path, "matchers.REGRET.dependency.0", 4)


def test_valid_team_pack_compiles_and_matches(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    """The counterpart of the error tests: a well-formed pack loads and its matchers work."""
    path = write(
        tmp_path,
        "team.yml",
        'matchers:\n  COURTESY:\n    phrases: ["thanks for your patience"]\n    lemmas: ["appreciate wait"]\n'
        '    patterns:\n      - [{LEMMA: "apologize"}, {LOWER: "for"}]\n',
    )
    packs = CompiledPacks(nlp, PackSet([load_pack(path)]))
    found = packs.match(nlp("Thanks for your patience, and we apologized for the delay."))
    assert [s.text for s in found["COURTESY"]] == ["Thanks for your patience", "apologized for"]


# -- no code from configuration or packs -----------------------------------------------------

EXPLOITS = [
    'matchers: !!python/object/apply:os.system ["touch {marker}"]\n',
    'data:\n  hook: !!python/object/apply:os.system ["touch {marker}"]\n',
    '!!python/object/new:os.system ["touch {marker}"]\n',
    'data:\n  x: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n',
    "data:\n  y: !!python/name:os.system\n",
]


@pytest.mark.parametrize("template", EXPLOITS)
def test_pack_cannot_execute_code(tmp_path: Path, template: str) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, "evil.yml", template.format(marker=marker))
    with pytest.raises(ConfigError) as info:
        PackSet.load([path])
    assert "evil.yml" in str(info.value)
    assert not marker.exists()


def test_pack_folder_from_config_cannot_execute_code(tmp_path: Path) -> None:
    """End to end through the configuration: ``packs = ["team"]`` pointing at a hostile pack."""
    marker = tmp_path / "pwned"
    (tmp_path / "team").mkdir()
    write(tmp_path / "team", "evil.yml", f'matchers: !!python/object/apply:os.system ["touch {marker}"]\n')
    cfg_path = write(tmp_path, "replylint.toml", 'packs = ["team"]\n')
    cfg = load_config(cfg_path)
    with pytest.raises(ConfigError) as info:
        PackSet.load(Path(p) for p in cfg.packs)
    assert "evil.yml" in str(info.value)
    assert not marker.exists()


def test_toml_has_no_code_path(tmp_path: Path) -> None:
    """TOML has no tags; a string that looks like code stays a (refused) string."""
    marker = tmp_path / "pwned"
    path = write(tmp_path, "replylint.toml", f"model = \"__import__('os').system('touch {marker}')\"\n")
    cfg = load_config(path)
    from replylint.errors import ModelError

    with pytest.raises(ModelError):
        from replylint.pipeline import load_pipeline

        load_pipeline(cfg.model)
    assert not marker.exists()


def test_pack_regex_operator_refused(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "team.yml", 'matchers:\n  X:\n    patterns:\n      - [{TEXT: {REGEX: "(a+)+$"}}]\n')
    pack_error(nlp, path)
