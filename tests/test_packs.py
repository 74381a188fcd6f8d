"""Rule packs: YAML data compiled into spaCy matchers; team packs extend built-in labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.errors import ConfigError
from replylint.packs import CompiledPacks, PackSet, builtin_pack_dir, load_pack


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_packs_load_and_validate() -> None:
    packset = PackSet.load()
    assert packset.packs, "the built-in packs ship with the package"
    assert all(p.path.parent == builtin_pack_dir() for p in packset.packs)
    assert "jargon_terms" in packset.data()


def test_team_pack_extends_a_label_with_phrases_lemmas_patterns_and_dependencies(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        tmp_path / "team.yml",
        """
matchers:
  TEAM_TEST:
    phrases: ["store credit"]
    lemmas: ["swap the item"]
    patterns:
      - [{LOWER: "voucher"}, {LIKE_NUM: true}]
    dependency:
      - - {RIGHT_ID: "verb", RIGHT_ATTRS: {LEMMA: "waive"}}
        - {LEFT_ID: "verb", REL_OP: ">", RIGHT_ID: "obj", RIGHT_ATTRS: {DEP: "dobj"}}
data:
  acronym_allow: ["ZZT"]
""",
    )
    packs = CompiledPacks(nlp, PackSet.load([tmp_path]))
    text = "We can offer store credit, swapped the items, sent voucher 20 and we waived the fee."
    found = packs.match(nlp(text))["TEAM_TEST"]
    texts = [s.text for s in found]
    assert "store credit" in texts
    assert "swapped the items" in texts
    assert "voucher 20" in texts
    assert any(t.startswith("waived") and t.endswith("fee") for t in texts)
    assert "ZZT" in packs.data["acronym_allow"] and "FAQ" in packs.data["acronym_allow"]


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yml", "matchers:\n  X:\n    phrases: [unclosed\n")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert info.value.file == str(path) and info.value.line is not None and "invalid YAML" in str(info.value)


def test_unknown_key_names_key_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yml", "matchers:\n  X:\n    phrases: [a]\n    phrasse: [b]\n")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    assert info.value.key == "matchers.X.phrasse" and info.value.line == 4


def test_invalid_spacy_pattern_names_the_pattern(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "bad.yml", "matchers:\n  X:\n    patterns:\n      - [{LOWR: 'a'}]\n")
    with pytest.raises(ConfigError) as info:
        CompiledPacks(nlp, PackSet.load([path]))
    assert info.value.key == "matchers.X.patterns.0" and info.value.line == 4
    assert "invalid spaCy pattern" in str(info.value)


def test_yaml_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path / "evil.yml", f'data: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(ConfigError):
        load_pack(path)
    assert not marker.exists()


def test_missing_pack_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        PackSet.load([tmp_path / "nope"])


def test_yes_no_on_off_stay_words_in_packs(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """YAML 1.1 would turn these into booleans; a word list must keep them as words."""
    path = write(
        tmp_path / "words.yml",
        "matchers:\n  ANSWER_WORD:\n    patterns:\n      - [{LOWER: {IN: [yes, no, on, off]}}]\n",
    )
    packs = CompiledPacks(nlp, PackSet.load([path]))
    found = [s.text for s in packs.match(nlp("No, it is not on."))["ANSWER_WORD"]]
    assert found == ["No", "on"]


def test_team_pack_extends_the_answer_synonyms(tmp_path: Path) -> None:
    """Question/answer vocabulary is pack data too: a team's synonym group changes the verdict."""
    from replylint.checker import Checker
    from replylint.config import Config

    customer = "Do you sell gift cards? And where do I find my e-ticket?"
    draft = "Our store vouchers come in $25 and $50 values. Your boarding pass is attached to the confirmation email."
    write(tmp_path / "team" / "travel.yml", 'data:\n  synonyms:\n    - [e-ticket, "boarding pass"]\n')
    for judgement in ("rules", "learned"):
        plain = Checker(Config(select=["question-answered"], judgement=judgement)).check(draft, customer)
        team = Checker(Config(select=["question-answered"], packs=[str(tmp_path / "team")], judgement=judgement)).check(
            draft, customer
        )
        where_plain = next(q for q in plain.questions if "e-ticket" in q.text)
        where_team = next(q for q in team.questions if "e-ticket" in q.text)
        assert where_team.answered and where_team.answered_by is not None
        assert "boarding pass" in where_team.answered_by.text
        if judgement == "rules":
            assert not where_plain.answered
        else:  # the learned decision weighs the match among other signals: the synonym raises it
            assert where_plain.answered_probability is not None and where_team.answered_probability is not None
            assert where_team.answered_probability > where_plain.answered_probability + 0.1
