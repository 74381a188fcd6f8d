"""One problem, one finding (issue 13, item 5): when two rules claim the same problem, the more
specific one reports it (``Rule.yields_to``), and the other's check passes with that reason."""

from __future__ import annotations

import pytest

from replylint import Checker


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def _by_rule(checker: Checker, draft: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in checker.check(draft).findings:
        out.setdefault(f.rule, []).append(f.text)
    return out


def test_todo_is_a_placeholder_not_also_an_acronym(checker: Checker) -> None:
    found = _by_rule(checker, "Hi Sam, TODO: add the refund date. Thanks!")
    assert found["placeholder"] == ["TODO"]
    assert "jargon" not in found
    report = checker.check("Hi Sam, TODO: add the refund date. Thanks!")
    jargon = next(c for c in report.checks if c.rule == "jargon")
    assert jargon.status.value == "passed" and "reported by placeholder" in jargon.message


def test_deflection_inside_a_blaming_sentence_is_the_blame(checker: Checker) -> None:
    found = _by_rule(checker, "Hi Sam, you should have read the FAQ before contacting us again. Thanks, Alex")
    assert found["blame"] == ["you should have"]
    assert "deflection" not in found


def test_other_problems_in_the_same_draft_are_still_reported(checker: Checker) -> None:
    found = _by_rule(checker, "Hi Sam, TODO: explain the SLA. You should have checked. Please call our support line.")
    assert found["placeholder"] == ["TODO"] and found["jargon"] == ["SLA"]  # SLA is jargon, beside the TODO
    assert found["deflection"] == ["call our support line"]  # not in the blaming sentence
