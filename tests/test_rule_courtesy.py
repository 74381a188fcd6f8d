"""courtesy: please / thank you where the reply asks something of the customer or answers a concern."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

RID = "courtesy"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


# (draft, customer or None, start of the flagged instruction)
BAD = [
    ("Send us your order number and the email address on the account.", None, "Send us"),
    ("Restart the router and wait two minutes.", None, "Restart"),
    ("Can you restart the app and try the payment again?", None, "Can you"),
    ("Will you send over a screenshot of the error?", None, "Will you"),
    ("DM us the iOS version your iPhone is running.", None, "DM us"),
    ("Reply with the serial number from the back of the unit.", None, "Reply"),
    ("Clear your browser cache, then sign in again.", None, "Clear"),
    ("You'll need to reset your password from the login page.", None, "You"),
    ("You have to bring the receipt to the store.", None, "You"),
    ("You must confirm your email before the account works.", None, "You"),
    ("I checked the order. Go to Settings > Billing and update the card.", None, "Go to"),
    ("If that doesn't work, reinstall the app.", None, "reinstall"),
    ("Just tap 'Forgot password' on the sign-in screen.", None, "Just tap"),
    ("Fill in the form at the link below.", None, "Fill in"),
    ("Tell us more about what happened in DM.", None, "Tell us"),
    ("Hi Sam,\n\nAttach the photos of the damage to this email.\n\nBest,\nLee", None, "Attach"),
    ("Log out, log back in and check again.", None, "Log out"),
    ("First, unplug the charger for 30 seconds.", None, "First, unplug"),
    ("Check the spam folder for the confirmation.", None, "Check"),
    ("Update the app to the latest version.", None, "Update"),
    # concern raised, no thanks or acknowledgement at all (flagged at the first sentence)
    (
        "The parcel is at your local depot and will be delivered tomorrow.",
        "My parcel still hasn't arrived and it's been two weeks. This is ridiculous.",
        "The parcel",
    ),
    ("Which app are you referring to?", "Your app keeps crashing every time I open it.", "Which app"),
    ("Are all your services down?", "Internet has been cutting out all evening, this is unacceptable", "Are all"),
    ("In what area are you located?", "Everything is down AGAIN. Worst provider ever.", "In what"),
    (
        "Your card was charged once; the second line is a pending authorisation.",
        "I've been charged twice for the same order!",
        "Your card",
    ),
]

GOOD = [
    ("Please send us your order number and the email address on the account.", None),
    ("Could you restart the app and try the payment again?", None),
    ("Would you mind sending a screenshot of the error?", None),
    ("Thanks for flagging this! DM us the iOS version your iPhone is running.", None),
    ("If you could reply with the serial number, I'll check the warranty.", None),
    ("Clear your browser cache, then sign in again. Thanks for bearing with us!", None),
    ("When you get a chance, reset your password from the login page.", None),
    ("Your refund was issued today and should arrive within 5 days.", None),
    ("Let us know if you have any other questions!", None),
    ("If anything else comes up, just let us know.", None),
    ("Feel free to reach out any time.", None),
    ("Have a great weekend!", None),
    ("We've fixed the bug, so the app should work normally now.", None),
    ("I'd appreciate it if you could check the spam folder.", None),
    ("Kindly attach the photos of the damage to this email.", None),
    ("Let me check that for you.", None),
    (
        "Thanks for your patience. The parcel is at your local depot and will be delivered tomorrow.",
        "My parcel still hasn't arrived and it's been two weeks. This is ridiculous.",
    ),
    ("I'm so sorry about that. Which app are you referring to?", "Your app keeps crashing every time I open it."),
    (
        "Thanks for letting us know. Are all your services down?",
        "Internet has been cutting out all evening, this is unacceptable",
    ),
    (
        "My apologies for the trouble. The second line is a pending authorisation and will drop off.",
        "I've been charged twice for the same order!",
    ),
    ("You're welcome! Enjoy the new headphones.", "Thanks so much for sorting my refund, you guys are great"),
    ("The store opens at 9am on Sundays.", "What time does the store open on Sunday?"),
    ("Yes, the jacket comes in navy too.", "Does the jacket come in navy?"),
    (
        "Glad we could help. Who did you speak to? I'd love to pass on the praise.",
        "Thank you for resolving my issue so quickly!!",
    ),
    ("Keep us posted on how the new battery does.", None),
    ("If you'd prefer to talk it through, give us a call on 0800 123 456.", None),
    ("I've arranged a free replacement. You don't need to send the damaged one back.", None),
    (
        "Sure! Go to Profile > Plan and tap 'Change plan'. Your new price starts next month.",
        "how do i switch to the cheaper plan",
    ),
    (
        "Unfortunately, we can't refund tickets within 24 hours of the event, because the seats can't be resold. "
        "I can move your booking to another date for free - would that help?",
        "I want a refund for tomorrow's show",
    ),
]


@pytest.mark.parametrize(("draft", "customer", "start"), BAD)
def test_unsoftened_instruction_or_concern_fails(
    checker: Checker, draft: str, customer: str | None, start: str
) -> None:
    report = checker.check(draft, customer)
    assert report.check(RID).status is Status.FAILED
    (f,) = [f for f in report.findings if f.rule == RID]
    assert draft[f.start : f.end] == f.text
    assert f.text.startswith(start), f.text


@pytest.mark.parametrize(("draft", "customer"), GOOD)
def test_courteous_or_no_ask_passes(checker: Checker, draft: str, customer: str | None) -> None:
    report = checker.check(draft, customer)
    assert report.check(RID).status is Status.PASSED, [f.text for f in report.findings]


def test_finding_is_on_first_instruction(checker: Checker) -> None:
    draft = "Your order is on hold. Update the card on file. Then retry the payment."
    (f,) = [f for f in checker.check(draft).findings if f.rule == RID]
    assert f.text == "Update the card on file."


def test_concern_branch_can_be_switched_off() -> None:
    lenient = Checker(Config(select=[RID], rules={RID: {"require_on_concern": False}}))
    customer = "My parcel still hasn't arrived and it's been two weeks."
    assert lenient.check("It will be delivered tomorrow.", customer).check(RID).status is Status.PASSED
    assert lenient.check("Send us the tracking number.", customer).check(RID).status is Status.FAILED


def test_steps_need_a_how_to_question_to_count_as_an_answer(checker: Checker) -> None:
    draft = "Go to Profile > Plan and tap 'Change plan'."
    assert checker.check(draft, "Where can I change my plan?").check(RID).status is Status.PASSED
    assert checker.check(draft, "My plan price went up again, this is unacceptable").check(RID).status is Status.FAILED
    assert checker.check("Send us your order number.", "How do I return an item?").check(RID).status is Status.FAILED


def test_without_customer_only_instructions_count(checker: Checker) -> None:
    assert checker.check("It will be delivered tomorrow.").check(RID).status is Status.PASSED


@pytest.mark.parametrize(
    "draft",
    [
        "Can you access the settings for other watch faces in the mobile app?",
        "You would have set this up in the web vault when you created the account.",
        "Can you see the blue banner at the top of the page?",
    ],
)
def test_diagnostic_questions_and_past_modals_are_not_instructions(checker: Checker, draft: str) -> None:
    assert checker.check(draft).check(RID).status is Status.PASSED


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (terse Twitter replies without please/thanks are meant to fail; ~20% of the corpus)."""
    assert corpus_failure_rate(RID) <= 0.25
