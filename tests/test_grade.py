"""replylint.analysis.grade gives textstat 0.7.8's Flesch-Kincaid grade, float for float."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.analysis.grade import count_syllables, flesch_kincaid_grade, syllable_table

DATA = Path(__file__).parent / "data"


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("heldout*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                for key in ("customer", "reply"):
                    if row.get(key):
                        texts.append(row[key])
                        texts.extend(row[key].split(". "))
    return texts


def test_same_grade_as_textstat_on_support_text() -> None:
    texts = _texts()
    assert len(texts) > 300
    differ = [t for t in texts if flesch_kincaid_grade(t) != textstat.flesch_kincaid_grade(t)]
    assert differ == []


@pytest.mark.parametrize(
    "text",
    ["", " ", "Hi", "...", "123 456", "Naïve façade, re-send the e-mail!", "Supercalifragilistic xyzzyq qwrtp."],
)
def test_same_grade_on_edge_cases(text: str) -> None:
    assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghij klmnop.,!?'-\nXYZ")), max_size=200))
def test_same_syllables_as_textstat(text: str) -> None:
    assert count_syllables(text) == textstat.syllable_count(text)


def test_table_uses_the_first_pronunciation() -> None:
    table = syllable_table()
    assert len(table) > 100_000
    assert table["reimbursement"] == 4
    assert "read(2)" not in table
