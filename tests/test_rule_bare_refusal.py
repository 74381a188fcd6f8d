"""bare-refusal: a "no" comes with another way forward."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import usable_pair_rows

from replylint.checker import Checker, Pair
from replylint.config import Config
from replylint.models import Severity, Status

RULE = "bare-refusal"


@pytest.fixture(scope="module")
def check() -> Any:
    checker = Checker(Config(min_precision=0.0, select=[RULE]))
    return lambda draft, customer=None: checker.check(draft, customer)


FAILS = [
    # not known yet / nothing to give: implicit refusals
    ("When does season 3 come out?", "Nothing has been announced yet.", "Nothing has been announced yet."),
    (
        "Any news on the Android app?",
        "Hi Jo, we don't have an ETA for the Android app just yet.",
        "Hi Jo, we don't have an ETA for the Android app just yet.",
    ),
    (
        "Is there a free tier?",
        "There is no free version of the app any more.",
        "There is no free version of the app any more.",
    ),
    (
        "Can you tell me when the fix ships?",
        "We don't have any details we can share at the moment.",
        "We don't have any details we can share at the moment.",
    ),
    (
        "Can I return the headphones?",
        "Unfortunately we can't refund opened items.",
        "Unfortunately we can't refund opened items.",
    ),
    ("Can you deliver to my PO box?", "We don't ship to PO boxes.", "We don't ship to PO boxes."),
    (
        "Can I export to CSV on the free plan?",
        "That feature isn't available on the free plan. Thanks for asking!",
        "That feature isn't available on the free plan.",
    ),
    (
        "Can my brother use my licence?",
        "It's not possible to transfer a licence to another person.",
        "It's not possible to transfer a licence to another person.",
    ),
    (
        "I deleted a chat by mistake, can I get it back?",
        "Sorry, there is no way to recover deleted messages.",
        "Sorry, there is no way to recover deleted messages.",
    ),
    (
        "Can I move my booking to next week?",
        "We're unable to change a booking within 48 hours of arrival.",
        "We're unable to change a booking within 48 hours of arrival.",
    ),
    (
        "Hi,\n\nCould you split my order into two deliveries? Half of it is needed at our second office.\n\nThanks,\nMarta",
        "Hi Marta,\n\nThanks for your message. I checked with our warehouse team and unfortunately we cannot "
        "split the order into two deliveries.\n\nKind regards,\nJoe",
        "I checked with our warehouse team and unfortunately we cannot split the order into two deliveries.",
    ),
    (
        "Will you match the price at TechMart?",
        "I'm afraid we won't be able to price-match that offer.",
        "I'm afraid we won't be able to price-match that offer.",
    ),
    ("Can you waive the late fee?", "Late fees cannot be waived.", "Late fees cannot be waived."),
    (
        "Can I pay in instalments?",
        "We do not offer payment plans at this time. Thank you for your understanding.",
        "We do not offer payment plans at this time.",
    ),
]

PASSES = [
    ("Can I return the headphones?", "We can't refund opened items, but we can offer an exchange."),
    (
        "Can you deliver to my PO box?",
        "We don't ship to PO boxes; instead, you can pick the parcel up at any of our lockers.",
    ),
    (
        "Can I export to CSV on the free plan?",
        "That feature isn't available on the free plan, but you can try Pro free for 14 days.",
    ),
    (
        "Can my brother use my licence?",
        "It's not possible to transfer a licence. What I can do is refund yours so he can buy his own.",
    ),
    (
        "Can I move my booking?",
        "We're unable to change the booking now. Please call the hotel directly on 020 7946 0000 and they can move it.",
    ),
    (
        "Hello,\n\nIs there a way to get the old dashboard back? The new one is slower for us.\n\nBest,\nIvo",
        "Hi Ivo,\n\nThe old dashboard is no longer available, I'm afraid. As a workaround, switching to "
        "compact view under Settings > Display brings back the dense layout. I've also passed your "
        "feedback on to the product team.\n\nCheers,\nAna",
    ),
    ("Can you extend my trial?", "We can't extend trials, but I've added a 20% discount to your account instead."),
]

NOT_APPLICABLE = [
    ("Will the speaker reach the gazebo?", "No chance to run a cable from the router to the gazebo?"),
    ("Was I charged twice?", "We have no record of a second charge on your card."),
    ("Is there a fee to change seats?", "There's no fee for that, you can change it in the app."),
    ("Thanks!", "No problem at all, glad it works."),
    ("Where's my order?", "Your order shipped today and should arrive Thursday."),
    ("I can't log in!", "I'm sorry you can't log in. Try resetting your password here: https://example.com/reset"),
    ("I never got the email.", "If you can't find the email, check your spam folder."),
    ("Thanks for the help!", "We can't thank you enough for the kind words!"),
]


@pytest.mark.parametrize(("customer", "draft", "sentence"), FAILS)
def test_bare_refusal_fails_on_the_refusal_sentence(check: Any, customer: str, draft: str, sentence: str) -> None:
    report = check(draft, customer)
    result = report.check(RULE)
    assert result.status is Status.FAILED
    assert result.severity is Severity.ERROR
    findings = [f for f in report.findings if f.rule == RULE]
    assert [f.text for f in findings] == [sentence]
    assert draft[findings[0].start : findings[0].end] == sentence
    assert findings[0].suggestion


@pytest.mark.parametrize(("customer", "draft"), PASSES)
def test_refusal_with_alternative_passes(check: Any, customer: str, draft: str) -> None:
    result = check(draft, customer).check(RULE)
    assert result.status is Status.PASSED
    assert result.evidence
    for ev in result.evidence:
        assert draft[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(("customer", "draft"), NOT_APPLICABLE)
def test_no_refusal_is_not_applicable(check: Any, customer: str, draft: str) -> None:
    assert check(draft, customer).check(RULE).status is Status.NOT_APPLICABLE


def test_each_refusal_sentence_is_a_finding(check: Any) -> None:
    draft = "We can't cancel the order now. We also cannot refund the shipping fee."
    report = check(draft)
    assert [f.text for f in report.findings] == [
        "We can't cancel the order now.",
        "We also cannot refund the shipping fee.",
    ]


def test_works_without_customer_message(check: Any) -> None:
    assert check("Unfortunately we can't refund opened items.").check(RULE).status is Status.FAILED


# --------------------------------------------------------------------------- corpus ----------
def test_corpus_floor() -> None:
    """Few refusals in the corpus: what matters is not nagging good replies (error severity)."""
    rows = usable_pair_rows()
    reports = Checker(Config(min_precision=0.0, select=[RULE])).check_many(
        [Pair(r["reply"], r["customer"]) for r in rows]
    )
    tp = fp = fn = tn = 0
    for row, rep in zip(rows, reports, strict=True):
        expected = row["refusal"] and not row["alternative"]
        predicted = rep.check(RULE).status is Status.FAILED
        tp += predicted and expected
        fp += predicted and not expected
        fn += expected and not predicted
        tn += not predicted and not expected
    assert fp / max(1, fp + tn) <= 0.03, (fp, tn)
    assert tp >= 2, (tp, fn)
