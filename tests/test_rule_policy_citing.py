"""policy-citing: "per our policy" as the only reason for a refusal."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

RID = "policy-citing"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


BAD = [
    ("Per our policy, we can't refund opened software.", "Per our policy"),
    ("As per our policy, we are unable to accept returns after 30 days.", "As per our policy"),
    ("Unfortunately it's against our policy to change the name on a booking.", "against our policy"),
    ("Due to company policy we are unable to share order details over chat.", "Due to company policy"),
    ("Due to our policy, we cannot issue a second replacement.", "Due to our policy"),
    ("Company policy states that we don't offer refunds on sale items.", "Company policy states"),
    ("Our policy states that gift cards cannot be exchanged for cash.", "Our policy states"),
    ("I'm afraid that's against our terms, so the account can't be transferred.", "against our terms"),
    ("According to our policy, we're not able to cancel a subscription mid-month.", "According to our policy"),
    ("In line with company policy, we won't be able to waive the late fee.", "In line with company policy"),
    ("Sorry, our policy doesn't allow us to reopen closed tickets.", "our policy doesn't allow"),
    ("Per company policy, orders cannot be modified once placed.", "Per company policy"),
    ("It is our policy not to give discounts on top of promotions.", "It is our policy"),
    ("Because of our policy we have to decline your request for an extension.", "Because of our policy"),
    ("That's our policy, and we can't make an exception.", "That's our policy"),
    ("As per our terms and conditions, deposits are non-refundable and we can't return it.", "As per our terms"),
    ("Per our policies, we do not ship hazardous items.", "Per our policies"),
    ("Unfortunately this violates our terms of service, so we can't restore the listing.", "violates our terms"),
    ("Due to policy, we're unable to extend your trial.", "Due to policy"),
    (
        "Hi Dana,\n\nI checked with the team. As per company policy, we cannot refund digital downloads.\n\nBest,\nLee",
        "As per company policy",
    ),
    ("Per our policy we won't price match online marketplaces.", "Per our policy"),
    ("Our terms state that we cannot accept returns without the original packaging.", "Our terms state"),
    (
        "It's against company policy to give out staff phone numbers. Anything else I can help with?",
        "against company policy",
    ),
    (
        "According to company policy, refunds are only issued to the original payment method.",
        "According to company policy",
    ),
    ("Sorry, but we no longer offer that plan due to our policies.", "due to our policies"),
    ("We can't refund opened software. That's our policy.", "That's our policy"),
]

GOOD = [
    "Per our policy, we can't refund opened software, because the licence key can't be reissued once revealed.",
    "Due to our policy we are unable to share order details over chat. This protects your account from anyone pretending to be you.",
    "It's against our policy to change the name on a booking, since airline security checks the name against your ID.",
    "We can't accept returns after 30 days so that we can resell items as new.",
    "Per our policy, every order over $50 ships free.",
    "According to our policy, you can return anything within 60 days for a full refund.",
    "Our policy is to reply to every email within one working day.",
    "Per company policy, we cannot share card details by email, to keep your payment information safe.",
    "We can't refund digital downloads once they've been downloaded. That said, I've added a $10 credit for the trouble.",
    "Due to our policy we can't share staff phone numbers; that's to protect our team's privacy.",
    "Unfortunately we're unable to extend the trial, because the trial licence is tied to the 14-day free period for every account.",
    "I checked our returns policy and your order is still eligible, so I've sent a label.",
    "Company policy states that deposits are non-refundable. The reason is that we reserve the venue for you the moment you pay.",
    "The deposit is non-refundable because the venue is reserved for you the moment you pay.",
    "We don't ship hazardous items by air, as the airlines won't carry them, but ground shipping is available.",
    "As per our policy, we offer a 30-day money-back guarantee on all plans.",
    "Our privacy policy explains how we store your data; here's the link.",
    "Our refund policy is on the website if you'd like to read it, and I'm happy to walk you through it.",
    "It's against our terms to resell tickets, so that fans pay face value instead of scalper prices.",
    "We cannot issue a second replacement for legal reasons: the warranty covers one replacement by law.",
    "Thanks for reading our cancellation policy so carefully! You can cancel any time before the 5th.",
    "Due to company policy we are unable to accept cash. This is to keep our drivers safe.",
    "Per our policy we can't waive the late fee, otherwise it wouldn't be fair to the customers who paid on time.",
    "We updated our policy last month: refunds now go back within 3 days.",
    "Hi Sam,\n\nPer our policy, refunds go to the original card.\n\nBest,\nAlex",
]


@pytest.mark.parametrize(("draft", "cite"), BAD)
def test_bare_policy_refusal_fails(checker: Checker, draft: str, cite: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.FAILED
    fs = [f for f in report.findings if f.rule == RID]
    assert all(draft[f.start : f.end] == f.text for f in fs)
    assert cite.lower() in fs[0].text.lower()


@pytest.mark.parametrize("draft", GOOD)
def test_explained_or_non_refusal_passes(checker: Checker, draft: str) -> None:
    assert checker.check(draft).check(RID).status is Status.PASSED


def test_reason_window_option() -> None:
    draft = "Per our policy, we can't refund opened games. Sorry about that. This is because keys can't be reused."
    default = Checker(Config(select=[RID]))
    wider = Checker(Config(select=[RID], rules={RID: {"reason_window": 2}}))
    assert default.check(draft).check(RID).status is Status.FAILED
    assert wider.check(draft).check(RID).status is Status.PASSED


def test_require_refusal_false_flags_any_unexplained_citation() -> None:
    strict = Checker(Config(select=[RID], rules={RID: {"require_refusal": False}}))
    assert strict.check("Per our policy, every order over $50 ships free.").check(RID).status is Status.FAILED


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (real agent replies that are fine should pass)."""
    assert corpus_failure_rate(RID) <= 0.05


@pytest.mark.parametrize(
    ("draft", "cite"),
    [
        ("Our policy prohibits refunds on custom orders.", "Our policy prohibits"),
        ("Refunds after 14 days are not permitted under our policy.", "under our policy"),
        ("This request goes against our company guidelines, so we must decline.", "against our company guidelines"),
    ],
)
def test_other_policy_shapes(checker: Checker, draft: str, cite: str) -> None:
    fs = [f for f in checker.check(draft).findings if f.rule == RID]
    assert fs and cite.lower() in fs[0].text.lower()


def test_guidelines_mentioned_without_refusal_pass(checker: Checker) -> None:
    assert (
        checker.check("Our guidelines are on the website if you'd like to read them.").check(RID).status
        is Status.PASSED
    )
