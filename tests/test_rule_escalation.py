"""escalation: a request for a manager / supervisor / escalation gets a response."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

RID = "escalation"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


ASKS = [
    "This is the third time I've been charged twice. I want to speak to a manager.",
    "Let me talk to your supervisor, now.",
    "Can I speak with someone in charge please?",
    "I demand to speak to a manager about this.",
    "Please escalate this, it's been two weeks.",
    "I need this escalated to someone senior.",
    "Put me through to a team leader.",
    "Is there someone higher up I can talk to?",
    "Can you pass this to your manager?",
    "I'd like to make a formal complaint to your complaints department.",
    "Get me a supervisor!",
    "I want to talk to someone more senior than you.",
    "Hi,\n\nI've explained this four times. Can I please speak to a manager?\n\nThanks,\nRuth",
    "Escalate my case please, nobody is reading my emails.",
    "Who is your boss? I want to speak to your boss.",
    "I'm asking for an escalation. This has gone on long enough.",
    "I need to speak to a supervisor about the cancellation fee.",
    "Could you transfer me to a manager?",
    "Please get this escalated, the engineer never showed up.",
    "Connect me with your supervisor or I'm cancelling.",
    "I want whoever is in charge to call me.",
    "manager please",
    "Can I get a manager to review the refund decision?",
    "i want this escalated asap",
    "Forward my complaint to your manager.",
]

UNRESPONSIVE = [
    "Sorry about that! I've refunded the duplicate charge; it will show in 3-5 days.",
    "Have you tried restarting the router?",
    "Thanks for your patience. Your order will arrive on Friday.",
    "I understand your frustration. Can you DM us your account number?",
    "We've added a $10 credit to your account.",
]

RESPONSES = [
    "I'm sorry this keeps happening. I've passed your case to my team leader, who will call you tomorrow morning.",
    "I've escalated this to our network engineers as urgent, and I'll update you by 5pm today.",
    "A manager would see the same options I do, but here's what I can do right now: a full refund.",
    "I'm the supervisor on shift today, so I can help you directly.",
    "I've raised this with our complaints team; they'll be in touch within 2 working days.",
    "I'll transfer you to a senior specialist now.",
    "My manager is reviewing your case and will email you by Friday.",
    "I've forwarded your complaint to our customer relations team, who will contact you this week.",
    "A supervisor isn't available right now, but one will call you back before 6pm.",
    "The escalation is logged as case 48213, and someone from the senior team will reply within 24 hours.",
]


@pytest.mark.parametrize("customer", ASKS)
@pytest.mark.parametrize("draft", UNRESPONSIVE[:1])
def test_ignored_escalation_request_fails(checker: Checker, customer: str, draft: str) -> None:
    report = checker.check(draft, customer)
    assert report.check(RID).status is Status.FAILED
    (f,) = [f for f in report.findings if f.rule == RID]
    assert draft[f.start : f.end] == f.text
    assert f.suggestion


@pytest.mark.parametrize("draft", UNRESPONSIVE)
def test_other_unresponsive_drafts_fail(checker: Checker, draft: str) -> None:
    assert checker.check(draft, "I want to speak to a manager.").check(RID).status is Status.FAILED


@pytest.mark.parametrize("draft", RESPONSES)
def test_responding_drafts_pass(checker: Checker, draft: str) -> None:
    report = checker.check(draft, "This is unacceptable. I want to speak to a manager or have this escalated.")
    assert report.check(RID).status is Status.PASSED


NO_ASK = [
    "My order arrived damaged. Can I get a replacement?",
    "The store manager was really helpful yesterday, thanks!",
    "Your manager at the Leeds branch was rude to me.",
    "How do I change my delivery address?",
    "I'm the office manager and I need invoices for all our orders.",
    "My account manager hasn't replied to my email.",
    "Is the supervisor mode in the app meant for parents?",
    "The problem escalated quickly after the update.",
    "When will the outage be fixed?",
    "Thanks for sorting this out so quickly!",
    "Can someone call me about my bill?",
    "I was told a senior engineer would visit on Monday, is that still happening?",
    "Cancel my subscription please.",
    "Does the premium plan include a dedicated manager dashboard?",
    "I spoke to a manager yesterday and she said the refund was approved.",
]


@pytest.mark.parametrize("customer", NO_ASK)
def test_no_escalation_ask_is_not_applicable(checker: Checker, customer: str) -> None:
    result = checker.check("Thanks for getting in touch! It's sorted now.", customer).check(RID)
    assert result.status is Status.NOT_APPLICABLE


def test_without_customer_message_not_applicable(checker: Checker) -> None:
    assert checker.check("I've refunded the charge.").check(RID).status is Status.NOT_APPLICABLE


def test_finding_points_at_first_sentence_after_handle(checker: Checker) -> None:
    draft = "@sam_k Sorry about that! I've refunded it."
    (f,) = [f for f in checker.check(draft, "I want a manager!").findings if f.rule == RID]
    assert f.text == "Sorry about that!"


def test_quoted_customer_text_is_not_a_response(checker: Checker) -> None:
    customer = "I want to speak to a manager."
    draft = "Thanks for your patience. Your refund is on its way.\n\n> I want to speak to a manager."
    assert checker.check(draft, customer).check(RID).status is Status.FAILED


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (real agent replies that are fine should pass)."""
    assert corpus_failure_rate(RID) <= 0.05


def test_generic_follow_up_is_not_a_response(checker: Checker) -> None:
    draft = "I've refunded the charge. We'll be in touch if anything changes."
    assert checker.check(draft, "I want to speak to a manager!").check(RID).status is Status.FAILED
