"""next-action: the draft says who does what next (and when)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import usable_pair_rows

from replylint.checker import Checker, Pair
from replylint.config import Config
from replylint.models import Status

RULE = "next-action"


@pytest.fixture(scope="module")
def check() -> Any:
    checker = Checker(Config(min_precision=0.0, select=[RULE]))
    return lambda draft, customer=None: checker.check(draft, customer)


FAILS = [
    ("My order hasn't arrived.", "We're sorry to hear that.", "We're sorry to hear that."),
    ("The app keeps crashing.", "Thanks for reaching out! How can we help?", "How can we help?"),
    ("Can I get a refund?", "We understand your frustration.", "We understand your frustration."),
    (
        "Why was I charged twice?",
        "That's not the experience we want you to have.",
        "That's not the experience we want you to have.",
    ),
    (
        None,
        "Thanks for your email, we appreciate your patience.",
        "Thanks for your email, we appreciate your patience.",
    ),
    (
        "Hi,\n\nI still haven't received the invoice for order 5512 and my finance team keeps asking.\n\nThanks,\nCarla",
        "Hi Carla,\n\nThank you for getting in touch and for your patience. We value you as a customer.\n\nKind regards,\nAccounts",
        "We value you as a customer.",
    ),
    (
        "My card was declined at checkout.",
        "Sorry about that, that must be so frustrating.",
        "Sorry about that, that must be so frustrating.",
    ),
    ("When will the blue one be back in stock?", "Hopefully soon! It's a popular one.", "It's a popular one."),
    ("@ShopCo my delivery is two days late", "@jo_p We'd love to help, Jo! ^AM", "We'd love to help, Jo!"),
    ("My order never arrived.", "We'd be happy to help if needed.", "We'd be happy to help if needed."),
    ("My order never arrived!", "Thanks for the help! https://t.co/abc", "Thanks for the help!"),
]

PASSES = [
    ("How do I change the default page?", "This should help! https://docs.example.com/default-page"),
    (
        "Why can't I see the new episodes?",
        "They aren't out in your region yet, but we'll be sure to pass your interest on.",
    ),
    ("Still waiting for a reply about my refund!!", "We've been in touch via DM, Sam!"),
    (
        "How do I wire the receiver to a gravity system?",
        "The live wire for the pump should be connected to the NO terminal.",
    ),
    ("My order hasn't arrived.", "Sorry! Please DM us your order number and we'll check with the courier."),
    ("The app keeps crashing.", "Which version of the app are you on?"),
    ("Can I get a refund?", "Yes, I've issued a full refund; you'll see it in 3-5 business days."),
    (
        "Why was I charged twice?",
        "I've asked our billing team to reverse the second charge and I'll email you once it's done.",
    ),
    (None, "Restart the router and wait two minutes before reconnecting."),
    ("How do I change my password?", "You can change it under Settings > Security."),
    (
        "Hello,\n\nSince the last update the sync between my phone and laptop stopped working. "
        "Any idea what to do?\n\nBest,\nRui",
        "Hi Rui,\n\nThanks for the report. Please sign out on both devices, update the laptop app to 5.3.1 "
        "and sign back in; that clears the stale sync token.\n\nIf it still fails, reply with the "
        "diagnostics file from Help > Export logs and I'll look at it today.\n\nBest,\nMila",
    ),
    ("Is the router meant to blink orange?", "Is the light on the front blinking or solid?"),
    ("Where is my parcel?", "Your parcel is with the courier and will be delivered tomorrow before 1pm."),
    (
        "I need to change my flight.",
        "We've passed your request to our bookings team, who will call you within 24 hours.",
    ),
]

NOT_APPLICABLE = [
    ("Thanks, the replacement arrived!", "Great news, enjoy!"),
    ("Love the new menu!", "Thank you, glad you like it!"),
    ("Just wanted to say your driver was lovely today.", "That's so kind, we'll pass it on!"),
]


@pytest.mark.parametrize(("customer", "draft", "last"), FAILS)
def test_no_next_action_fails_on_last_sentence(check: Any, customer: str | None, draft: str, last: str) -> None:
    report = check(draft, customer)
    assert report.check(RULE).status is Status.FAILED
    [finding] = [f for f in report.findings if f.rule == RULE]
    assert finding.text == last
    assert draft[finding.start : finding.end] == last
    assert finding.suggestion and "who does what by when" in finding.suggestion.lower().replace("say ", "")


@pytest.mark.parametrize(("customer", "draft"), PASSES)
def test_next_action_passes_with_evidence(check: Any, customer: str | None, draft: str) -> None:
    result = check(draft, customer).check(RULE)
    assert result.status is Status.PASSED
    assert result.evidence
    for ev in result.evidence:
        assert draft[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(("customer", "draft"), NOT_APPLICABLE)
def test_thanks_and_praise_are_not_applicable(check: Any, customer: str, draft: str) -> None:
    assert check(draft, customer).check(RULE).status is Status.NOT_APPLICABLE


def test_plain_question_without_complaint_still_needs_a_step(check: Any) -> None:
    report = check("Great question!", "Is the store open on Sunday?")
    assert report.check(RULE).status is Status.FAILED


# --------------------------------------------------------------------------- corpus ----------
def test_corpus_floor() -> None:
    rows = usable_pair_rows()
    reports = Checker(Config(min_precision=0.0, select=[RULE])).check_many(
        [Pair(r["reply"], r["customer"]) for r in rows]
    )
    tp = fp = fn = tn = 0
    for row, rep in zip(rows, reports, strict=True):
        expected = not row["next_action"] and (row["complaint"] or bool(row["questions"]))
        predicted = rep.check(RULE).status is Status.FAILED
        tp += predicted and expected
        fp += predicted and not expected
        fn += expected and not predicted
        tn += not predicted and not expected
    assert tp / max(1, tp + fp) >= 0.8, (tp, fp)
    assert tp / max(1, tp + fn) >= 0.7, (tp, fn)
    assert fp / max(1, fp + tn) <= 0.05, (fp, tn)
