"""empathy: an upset customer hears that the impact was understood."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import usable_pair_rows

from replylint.checker import Checker, Pair
from replylint.config import Config
from replylint.models import Severity, Status

RULE = "empathy"


@pytest.fixture(scope="module")
def check() -> Any:
    checker = Checker(Config(select=[RULE]))
    return lambda draft, customer=None: checker.check(draft, customer)


FAILS = [
    (
        "I've been locked out of my account for three days. This is ridiculous.",
        "Please reset your password using the link on the login page.",
    ),
    ("My flight was cancelled and nobody told me.", "Please DM us your booking reference."),
    ("The heater stopped working in the middle of winter.", "Send us the serial number and a photo of the receipt."),
    ("I've been charged twice!!", "Which card did you use?"),
    ("Worst service ever.", "Please DM us your account number."),
    ("The app crashes every time I open it.", "Try reinstalling the app."),
    (
        "Hello,\n\nThis is the third time I've written about the broken dishwasher. The engineer never "
        "showed up on Tuesday and I took the day off work for it.\n\nRegards,\nHelen",
        "Hi Helen,\n\nPlease confirm your postcode and a phone number so we can book a new visit.\n\nThanks,\nService Team",
    ),
]

PASSES = [
    ("I've been locked out for three days.", "I can only imagine how stressful that is. I've unlocked your account."),
    ("My flight was cancelled.", "That's not the experience we want you to have. I've rebooked you on the 6pm flight."),
    (
        "I was charged twice for my subscription.",
        "I can see you were charged twice for your subscription, so I've refunded the second charge.",
    ),
    (
        "The app logs me out every hour, so annoying.",
        "I understand how frustrating that is. Which phone are you using?",
    ),
    ("Still no refund after three weeks!", "We hear you, and three weeks is too long. I've escalated it today."),
    (
        "Hello,\n\nThis is the third time I've written about the broken dishwasher. The engineer never "
        "showed up on Tuesday and I took the day off work for it.\n\nRegards,\nHelen",
        "Hi Helen,\n\nI completely understand, taking a day off for a visit that never happened is "
        "really frustrating. I've booked a priority slot for Thursday morning.\n\nBest,\nMo",
    ),
    ("No burritos left at 7pm, again.", "Bummer. We'll let the store know."),
]

NOT_APPLICABLE = [
    ("What time do you open on Saturdays?", "We open at 9."),
    ("Thanks for the help yesterday!", "Any time!"),
    ("Do you ship to Ireland?", "Yes, in 3-5 days."),
]


@pytest.mark.parametrize(("customer", "draft"), FAILS)
def test_no_acknowledgement_fails(check: Any, customer: str, draft: str) -> None:
    report = check(draft, customer)
    result = report.check(RULE)
    assert result.status is Status.FAILED
    assert result.severity is Severity.INFO
    [finding] = [f for f in report.findings if f.rule == RULE]
    assert draft[finding.start : finding.end] == finding.text and finding.text


@pytest.mark.parametrize(("customer", "draft"), PASSES)
def test_acknowledgement_passes(check: Any, customer: str, draft: str) -> None:
    result = check(draft, customer).check(RULE)
    assert result.status is Status.PASSED
    for ev in result.evidence:
        assert draft[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(("customer", "draft"), NOT_APPLICABLE)
def test_calm_customer_is_not_applicable(check: Any, customer: str, draft: str) -> None:
    assert check(draft, customer).check(RULE).status is Status.NOT_APPLICABLE


def test_needs_a_customer_message(check: Any) -> None:
    assert check("Please reset your password.").check(RULE).status is Status.NOT_APPLICABLE


def test_restatement_counts_as_empathy(check: Any) -> None:
    result = check(
        "Sorry, your order arrived damaged, and the glass inside was broken. I've sent a replacement.",
        "My order arrived damaged and the glass was shattered.",
    ).check(RULE)
    assert result.status is Status.PASSED
    assert any(ev.label == "restatement" for ev in result.evidence)


# --------------------------------------------------------------------------- corpus ----------
def test_corpus_detection_floor() -> None:
    """On complaint rows, 'passed' should agree with the empathy label."""
    rows = [r for r in usable_pair_rows() if r["complaint"]]
    reports = Checker(Config(select=[RULE])).check_many([Pair(r["reply"], r["customer"]) for r in rows])
    tp = fp = fn = 0
    for row, rep in zip(rows, reports, strict=True):
        predicted = rep.check(RULE).status is Status.PASSED
        tp += predicted and row["empathy"]
        fp += predicted and not row["empathy"]
        fn += row["empathy"] and not predicted
    assert tp / max(1, tp + fp) >= 0.8, (tp, fp)
    assert tp / max(1, tp + fn) >= 0.7, (tp, fn)
