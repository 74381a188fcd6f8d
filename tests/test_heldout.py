"""Floors on the hand-labelled held-out set (tests/data/heldout.jsonl), a few points under what
the analyzers reach, plus a few new sentences for the generalisations behind those figures.

The held-out set was written and labelled (RUBRIC.md fields) before the analyzers were run on
it: 82 exchanges from banking, telecoms, SaaS, e-commerce, travel, utilities, gaming, healthcare
admin and education, over chat, social and email. Scoring is benchmarks/heldout.py (the same
functions as benchmarks/accuracy.py and benchmarks/check_scores.py). Floors are aggregate: a
single case may change, the overall figure may not drop.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import load_benchmark

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "data" / "heldout.jsonl"

# measured when these floors were set (hand rules alone): extraction F1 0.974; answered accuracy
# 0.933 (matched questions) and 0.936 (labelled spans), 'unanswered' recall 0.90; checks
# (precision / recall of the "fails" verdict): question-answered 0.727/0.889, apology 0.875/1.0,
# next-action 0.957/1.0, bare-refusal 1.0/0.714, empathy (detection on complaint rows) 0.889/1.0.
# With the learned, calibrated decisions (2026-12-02; the models never saw this set): answered
# accuracy 0.920 / 0.923, 'unanswered' verdict (below P(answered) 0.5) precision 1.0 recall 0.40;
# question-answered fails (error level, confident only) 1.0 precision / 0.333 recall, the other
# unanswered questions are reported as 'possibly unanswered' at info; apology 0.870 / 0.952.
# With 7-25 positives per check, one case moves a figure by 4-15 points: the floors allow about
# one regression.
EXTRACTION_F1_FLOOR = 0.94
ANSWER_ACCURACY_FLOOR = 0.90
LABELLED_ACCURACY_FLOOR = 0.90
UNANSWERED_RECALL_FLOOR = 0.35
CHECK_FLOORS: dict[str, tuple[float, float]] = {  # check -> (precision floor, recall floor)
    "question-answered": (0.90, 0.30),
    "apology": (0.80, 0.90),
    "next-action": (0.90, 0.95),
    "bare-refusal": (0.95, 0.65),
    "empathy": (0.83, 0.95),
}


@pytest.fixture(scope="module")
def checker() -> Any:
    """Every rule at its own severity: these cases pin what each rule concludes (min-precision
    would report the rules measured below it as "possibly" findings at info)."""
    from replylint.checker import Checker
    from replylint.config import Config

    return Checker(Config(min_precision=0.0))


@pytest.fixture(scope="module")
def figures(checker: Any) -> dict[str, Any]:
    return load_benchmark("heldout").heldout_figures(HELDOUT, checker=checker)


def test_heldout_file_is_well_formed() -> None:
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 80
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        for q in r["questions"]:
            assert q["text"] in r["customer"], r["id"]
            assert q["kind"] in ("direct", "indirect", "request"), r["id"]
            assert q["answered"] == (q["answered_by"] is not None), r["id"]
            if q["answered_by"] is not None:
                assert q["answered_by"] in r["reply"], r["id"]
        for term in r["jargon"]:
            assert term in r["reply"], r["id"]
        assert not r["alternative"] or r["refusal"], r["id"]


def test_heldout_extraction_floor(figures: dict[str, Any]) -> None:
    assert figures["extraction"]["overall"]["f1"] >= EXTRACTION_F1_FLOOR


def test_heldout_answered_floor(figures: dict[str, Any]) -> None:
    assert figures["answers"]["overall"]["accuracy"] >= ANSWER_ACCURACY_FLOOR
    assert figures["answers"]["overall"]["unanswered_recall"] >= UNANSWERED_RECALL_FLOOR
    assert figures["answers_labelled"]["overall"]["accuracy"] >= LABELLED_ACCURACY_FLOOR


@pytest.mark.parametrize("check", sorted(CHECK_FLOORS))
def test_heldout_check_floors(figures: dict[str, Any], check: str) -> None:
    s = figures["checks"][check]
    assert s != "n/a", f"{check} is not installed"
    p_floor, r_floor = CHECK_FLOORS[check]
    assert s["precision"] is not None and s["precision"] >= p_floor, (check, s["errors"])
    assert s["recall"] is not None and s["recall"] >= r_floor, (check, s["errors"])


# --- the generalisations, on sentences that are in neither the corpus nor the held-out set ----


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        ("Does your insurance cover a broken windscreen?", "Yes, windscreen repairs are covered with no excess."),
        (
            "What is your refund policy for delayed deliveries?",
            "If a delivery is more than 5 days late, you can ask for a full refund.",
        ),
        (
            "Is there a fee if my direct debit fails?",
            "There's no fee for a failed direct debit; we'll simply try again after 3 days.",
        ),
    ],
)
def test_information_question_with_problem_word_needs_no_apology(checker: Any, customer: str, draft: str) -> None:
    assert checker.check(draft, customer).check("apology").status.value != "failed"


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "My insurance app keeps crashing when I upload photos.",
            "Please update the app to version 5.2 and try the upload again.",
        ),
        ("You took the payment twice for one order.", "You can see both payments in your history."),
        ("Why has my premium gone up by 40%?", "Premiums are reviewed every year at renewal."),
    ],
)
def test_reported_problem_without_apology_fails(checker: Any, customer: str, draft: str) -> None:
    assert checker.check(draft, customer).check("apology").status.value == "failed"


@pytest.mark.parametrize(
    "draft",
    [
        "Sorry if the process seemed complicated, the steps are in the guide.",
        "Sorry, but our terms clearly state that tickets can't be changed.",
    ],
)
def test_conditional_or_blaming_sorry_is_no_apology(checker: Any, draft: str) -> None:
    customer = "Your booking site is a nightmare and I got charged the wrong fare."
    assert checker.check(draft, customer).check("apology").status.value == "failed"


@pytest.mark.parametrize(
    "draft",
    [
        "Your membership is now cancelled and no further payments will be taken.",
        "The remaining credit of £12.40 has been transferred to your bank account.",
        "Our technicians expect the line to be working again by 4pm.",
    ],
)
def test_stated_outcome_is_a_next_action(checker: Any, draft: str) -> None:
    customer = "Please cancel my gym membership, the line at the desk has been down for a week."
    assert checker.check(draft, customer).check("next-action").status.value == "passed"


@pytest.mark.parametrize(
    "draft",
    [
        "Parking permits are issued by the local council.",
        "Late check-out is included for Gold members.",
        pytest.param(
            "The Plus plan comes with priority chat with answers within 2 hours.",
            marks=pytest.mark.xfail(strict=True, reason="the parser attaches 'within 2 hours' to 'comes'"),
        ),
    ],
)
def test_general_statement_is_no_next_action(checker: Any, draft: str) -> None:
    customer = "My parking permit never arrived and I got a fine. What now?"
    assert checker.check(draft, customer).check("next-action").status.value == "failed"


def test_contrast_with_another_provider_is_an_alternative(checker: Any) -> None:
    report = checker.check(
        "Our basic plan doesn't cover roadside assistance, but the Plus plan does.",
        "Do you cover roadside assistance?",
    )
    assert report.check("bare-refusal").status.value == "passed"


@pytest.mark.parametrize(
    "draft",
    ["Gift cards are non-refundable.", "That treatment wasn't covered under your policy."],
)
def test_policy_no_is_a_refusal(checker: Any, draft: str) -> None:
    assert checker.check(draft, "Can I get my money back for this?").check("bare-refusal").status.value == "failed"


def test_one_sentence_does_not_answer_an_unrelated_second_question(checker: Any) -> None:
    customer = "Can you reset my PIN? Also, will my old card still work until the new one comes?"
    draft = "I've reset your PIN and sent the new one by text."
    report = checker.check(draft, customer)
    card = next(q for q in report.questions if "old card" in q.text)
    assert not card.answered
    # reported: as an error when the model is confident, else as "possibly unanswered" at info
    assert any(f.rule == "question-answered" and "old card" in f.message for f in report.findings)


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (
            "Please close my savings account.",
            "Your savings account is now closed and the balance is in your current account.",
        ),
        ("Can you cancel my order #4471?", "Order #4471 is cancelled and you won't be charged."),
    ],
)
def test_stated_outcome_answers_the_request(checker: Any, customer: str, draft: str) -> None:
    assert checker.check(draft, customer).check("question-answered").status.value == "passed"
