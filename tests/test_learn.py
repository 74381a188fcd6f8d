"""The learned-decision machinery: source groups, folds, the model format, selection of asks, and
the Checker's calibrated verdicts (confident findings at the rule's severity, 'possibly' at info)."""

from __future__ import annotations

import math

import pytest

from replylint.learn.corpus import source_group
from replylint.learn.decide import select_asks
from replylint.learn.linear import LinearModel


@pytest.mark.parametrize(
    ("source", "group"),
    [
        ("twcs/AppleSupport", "org:apple"),
        ("twcs/AskPayPal", "org:paypal"),
        ("twcs/SpotifyCares", "org:spotify"),
        ("https://community.spotify.com/t5/Subscriptions/x/td-p/1", "org:spotify"),
        ("https://community.quickfile.co.uk/t/free-plan/123", "org:quickfile"),
        ("https://www.jotform.com/answers/1258910-x", "org:jotform"),
        ("hankinsoft/SQLPro#530", "repo:hankinsoft/sqlpro"),
        ("hankinsoft/SQLPro#12", "repo:hankinsoft/sqlpro"),
    ],
)
def test_source_group(source: str, group: str) -> None:
    assert source_group(source) == group


def test_folds_never_put_a_group_on_both_sides() -> None:
    pytest.importorskip("sklearn")
    from replylint.learn.crossval import folds

    groups = [f"g{i % 13}" for i in range(200)]
    seen_test: set[str] = set()
    for tr, te in folds(groups, 5):
        train_groups = {groups[i] for i in tr}
        test_groups = {groups[i] for i in te}
        assert not train_groups & test_groups
        seen_test |= test_groups
    assert seen_test == set(groups)


def _model(**kw: object) -> LinearModel:
    base: dict[str, object] = {
        "name": "t",
        "description": "test",
        "feature_version": 1,
        "corpus_sha256": "x",
        "trained_rows": 1,
        "weights": {"a": 2.0, "b": -1.0},
        "intercept": -0.5,
    }
    base.update(kw)
    return LinearModel.model_validate(base)


def test_linear_model_probability_and_explanation() -> None:
    m = _model(platt_a=0.5, platt_b=0.1)
    z = 0.5 * (-0.5 + 2.0 * 1 + -1.0 * 0.0) + 0.1
    assert m.probability({"a": 1.0}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert m.probability({"unknown": 1.0}) == pytest.approx(1 / (1 + math.exp(-(0.5 * -0.5 + 0.1))))
    assert [c.feature for c in m.explain({"a": 1.0, "b": 1.0, "c": 1.0})] == ["a", "b"]
    assert m.probability({"a": 1e6}) == pytest.approx(1.0)
    assert m.probability({"b": 1e6}) == pytest.approx(0.0)


def test_select_asks_keeps_the_most_probable_of_overlapping_spans() -> None:
    spans = [(0, 20), (5, 15), (30, 40), (35, 50), (60, 70)]
    probs = [0.6, 0.9, 0.4, 0.5, 0.1]
    assert select_asks(spans, probs, 0.3) == [1, 3]
    assert select_asks(spans, probs, 0.55) == [1]
    assert select_asks([], [], 0.5) == []


def test_shipped_thresholds_are_ordered() -> None:
    from replylint.learn.linear import load_model

    asks, answered, complaint = load_model("asks"), load_model("answered"), load_model("complaint")
    assert 0 < asks.threshold("keep") <= asks.threshold("confident") < 1
    assert 0 < answered.threshold("unanswered") <= 0.5 <= answered.threshold("answered_confident") < 1
    assert 0 < complaint.threshold("complaint") <= complaint.threshold("complaint_confident") < 1


CUSTOMER = "Hi, my parcel hasn't arrived yet. When will it be delivered? Also, can I change the delivery address?"


def test_questions_carry_probabilities(checker: object) -> None:
    report = checker.check("Your parcel arrives on Friday. You can change the address on the Orders page.", CUSTOMER)  # type: ignore[attr-defined]
    assert len(report.questions) == 2
    for q in report.questions:
        assert 0.0 < q.confidence <= 1.0
        assert q.answered_probability is not None and 0.0 <= q.answered_probability <= 1.0
        assert q.drivers


def test_possibly_unanswered_is_info_and_does_not_fail_the_check(checker: object) -> None:
    """Below the confidence threshold, an unanswered-looking question is an info finding and the
    check passes; with min-confidence 0 the same verdict is an error."""
    from replylint import Checker, Config

    draft = "Thanks for reaching out! You can change the delivery address from the Orders page."
    lenient = Checker(Config(rules={"question-answered": {"min-confidence": 0.99}}))
    report = lenient.check(draft, CUSTOMER)
    qa = report.check("question-answered")
    assert qa is not None
    findings = [f for f in report.findings if f.rule == "question-answered"]
    if findings:
        assert all(f.severity.value == "info" for f in findings)
        assert all(f.message.startswith("possibly unanswered") for f in findings)
        assert qa.status.value == "passed"
    strict = Checker(Config(rules={"question-answered": {"min-confidence": 0.0}}))
    report = strict.check(draft, CUSTOMER)
    strict_findings = [f for f in report.findings if f.rule == "question-answered"]
    assert len(strict_findings) >= len(findings)
    assert all(f.severity.value == "error" for f in strict_findings)


def test_rules_judgement_switches_the_models_off() -> None:
    from replylint import Checker, Config

    report = Checker(Config(judgement="rules")).check("Your parcel arrives on Friday.", "When will my parcel arrive?")
    assert report.questions and report.questions[0].answered_probability is None
