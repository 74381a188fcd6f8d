"""blame: blaming or arguing with the customer, with neutral-rewrite suggestions."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Report, Status

RID = "blame"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


def status(checker: Checker, draft: str) -> Status:
    result = checker.check(draft).check(RID)
    assert result is not None
    return result.status


def findings(report: Report) -> list:
    return [f for f in report.findings if f.rule == RID]


BAD = [
    ("As I said before, the refund takes 5 to 7 working days.", "As I said before"),
    ("Like I said, we don't ship to PO boxes.", "Like I said"),
    ("As previously stated, the warranty is 12 months from purchase.", "As previously stated"),
    ("As stated previously, we cannot change the delivery address once the order is packed.", "As stated previously"),
    ("Per my last email, your account was closed at your request.", "Per my last email"),
    ("As per my previous email, the invoice is attached to your order page.", "As per my previous email"),
    ("You should have contacted us within 30 days of delivery.", "You should have"),
    ("You should've backed up your files before updating.", "You should've"),
    ("You failed to enter the verification code in time, so it expired.", "You failed to"),
    ("It looks like you simply failed to read the confirmation screen.", "you simply failed to"),
    ("Obviously the discount code can't be used twice.", "Obviously"),
    ("The password reset link was obviously sent to your email.", "obviously"),
    ("Clearly you didn't select express shipping at checkout.", "Clearly you"),
    ("You clearly skipped step 3 of the setup guide.", "You clearly"),
    ("You need to read the terms before you buy.", "You need to read"),
    ("You didn't read the product description, it says 110V only.", "You didn't read"),
    ("If you had read the email you would know the code expired.", "If you had read"),
    ("As I mentioned before, the app only works on Android 10 and later.", "As I mentioned before"),
    ("As I already explained, the fee is non-refundable.", "As I already explained"),
    ("As we've already explained, the store can't take returns without a receipt.", "As we've already explained"),
    ("You were supposed to print the return label and attach it to the box.", "You were supposed to"),
    ("That's your own fault for choosing the cheapest shipping option.", "your own fault"),
    ("This is user error, not a bug in the app.", "user error"),
    ("For the last time, we don't price-match other retailers.", "For the last time"),
    ("You neglected to mention the order number, so we couldn't find it.", "You neglected to"),
    ("You must have misunderstood the offer terms.", "You must have misunderstood"),
]

GOOD = [
    "To recap, the refund takes 5 to 7 working days to show on your statement.",
    "Just to recap: we can't ship to PO boxes, but any street address works, including a workplace.",
    "The warranty runs for 12 months from the date of purchase, so you're covered until March.",
    "You should have received a confirmation email a few minutes ago; please check your spam folder too.",
    "You should have got a text with the tracking link this morning.",
    "The verification code expires after 10 minutes, so I've sent you a fresh one.",
    "It's not your fault at all: the checkout page was showing the wrong price yesterday.",
    "This isn't your fault, and I'm sorry for the confusion it caused.",
    "I said I'd check with the warehouse, and I did: your parcel left this morning.",
    "Here's the relevant part of the guide: step 3 covers pairing the remote.",
    "The product page lists it as 110V, so it won't work with UK sockets without a converter.",
    "Thanks for clarifying! I can see the order now and it's on its way.",
    "Clearly labelled return boxes help the warehouse process refunds faster, so I've attached a label.",
    "I can see why that was confusing; the email didn't make the deadline clear.",
    "The discount code works once per account, but I've added a new one for your next order.",
    "I may not have explained this clearly before, so here's how the fee works.",
    "The next step is to print the return label and attach it to the box.",
    "Once you've read through the attached guide, let me know if anything is unclear.",
    "We've fixed the bug that caused the app to crash on login.",
    "Our team clearly dropped the ball here, and I'm sorry.",
    "As you mentioned, the charger stopped working after a week, so I've arranged a replacement.",
    "Like you, I'd want this sorted quickly, so I've escalated it.",
    "Previously, refunds took up to 10 days; now they're processed within 3.",
    "You can read more about the plan options on our pricing page.",
    "As promised, here is the invoice for your March order.",
    "You should have access to the new dashboard now.",
    "You should have been told about the fee up front, and I'm sorry you weren't.",
]


@pytest.mark.parametrize(("draft", "phrase"), BAD)
def test_blaming_phrase_fails_with_span_and_suggestion(checker: Checker, draft: str, phrase: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.FAILED
    fs = findings(report)
    assert fs, "a failing check reports findings"
    texts = [draft[f.start : f.end] for f in fs]
    assert all(draft[f.start : f.end] == f.text for f in fs)
    assert any(t.lower() == phrase.lower() for t in texts), texts
    assert all(f.suggestion for f in fs)


@pytest.mark.parametrize("draft", GOOD)
def test_neutral_wording_passes(checker: Checker, draft: str) -> None:
    assert status(checker, draft) is Status.PASSED


def test_rewrite_table_gives_specific_suggestion(checker: Checker) -> None:
    report = checker.check("Per my last email, the invoice is attached.")
    (f,) = findings(report)
    assert "recap" in (f.suggestion or "").lower()


def test_each_phrase_is_its_own_finding(checker: Checker) -> None:
    draft = "As I said before, obviously the code expired. You should have used it sooner."
    report = checker.check(draft)
    assert [f.text for f in findings(report)] == ["As I said before", "obviously", "You should have"]


def test_nested_phrase_reported_once(checker: Checker) -> None:
    report = checker.check("Like I said before, we can't refund gift cards.")
    assert [f.text for f in findings(report)] == ["Like I said before"]


def test_allow_option() -> None:
    checker = Checker(Config(select=[RID], rules={RID: {"allow": ["obviously"]}}))
    assert status(checker, "Obviously we want this fixed for you as much as you do.") is Status.PASSED
    assert status(checker, "As I said before, it's fixed.") is Status.FAILED


def test_offsets_with_html_and_handles(checker: Checker) -> None:
    draft = "<p>@sam_k Hi Sam,</p><p>Like I said, the store closes at 8pm.</p>"
    (f,) = findings(checker.check(draft))
    assert draft[f.start : f.end] == "Like I said"


def test_soft_reading_pointer_passes(checker: Checker) -> None:
    assert status(checker, "If you haven't read our setup guide yet, it's linked below.") is Status.PASSED


def test_quoted_history_is_not_the_agents_wording(checker: Checker) -> None:
    draft = (
        "Hi Sam,\n\nThe refund went out today.\n\nBest,\nAlex\n\n"
        "On Mon, 3 Jun 2024 at 10:02, Sam <sam@example.com> wrote:\n"
        "> As I said before, you clearly didn't read my last email.\n"
    )
    assert status(checker, draft) is Status.PASSED
    assert status(checker, "> Like I said, it's broken.\n\nSorry about that, Sam! It's fixed now.") is Status.PASSED


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (real agent replies that are fine should pass)."""
    assert corpus_failure_rate(RID) <= 0.05


@pytest.mark.parametrize(
    ("draft", "phrase"),
    [
        ("As we told you on the phone, the fee applies.", "As we told you"),
        ("You were warned about the late fee in our last three emails.", "You were warned"),
        ("It's clearly stated on our website that sale items can't be returned.", "It's clearly stated"),
        ("If you had followed the instructions, this wouldn't have happened.", "If you had followed"),
        ("Had you checked the size guide, you'd have picked a medium.", "Had you checked"),
    ],
)
def test_more_i_told_you_so_shapes(checker: Checker, draft: str, phrase: str) -> None:
    fs = findings(checker.check(draft))
    assert [f.text for f in fs] == [phrase]


@pytest.mark.parametrize(
    "draft",
    [
        "I'm sorry you were told the wrong date by our store.",
        "You were told the wrong price, and that's our mistake.",
        "If you'd like, I can resend the email.",
    ],
)
def test_owning_our_mistake_is_not_blame(checker: Checker, draft: str) -> None:
    assert status(checker, draft) is Status.PASSED
