"""deflection: sending the customer elsewhere without resolving or handing over."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

RID = "deflection"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


BAD = [
    ("For billing questions you'll need to call our support line on 0800 123 456.", "call our support line"),
    ("This is a separate issue, so please open a new ticket.", "open a new ticket"),
    ("Please submit a new ticket for the second order.", "submit a new ticket"),
    ("I can't help with that here; please reach out to another department.", "reach out to another department"),
    ("You'll have to contact the relevant department for a refund.", "contact the relevant department"),
    ("Please call customer service during business hours.", "call customer service"),
    ("We don't handle that. Please contact the billing department.", "contact the billing department"),
    ("That's not our department, sorry.", "not our department"),
    ("Please contact us again next week and we'll see.", "contact us again"),
    ("You can call our helpline, they deal with warranty claims.", "call our helpline"),
    ("Create a new ticket and someone from the returns team will pick it up.", "Create a new ticket"),
    ("Try contacting us again tomorrow.", "contacting us again"),
    (
        "Hi Dana,\n\nYou've reached the wrong department. Please call our customer care line.\n\nThanks",
        "call our customer care line",
    ),
    ("Please post in our community forum, the experts there can help.", "post in our community forum"),
    ("Send us a DM.", "DM"),
    ("DM us!", "DM"),
    ("Thanks for reaching out! Send us a DM. https://t.co/abc123", "DM"),
    ("We'd love to help. Please send us a DM and we'll take it from there.", "DM"),
    ("Sorry to hear that. Shoot us a DM.", "DM"),
    ("Please send us a private message so we can assist you further.", "private message"),
    ("Hi there! Please DM us.", "DM"),
    ("We're here for you. Message us privately. ^JS", "Message us"),
    ("Happy to help! Slide into our DMs 🙂", "DMs"),
    ("We understand. Please send us a direct message for further assistance. -KC", "direct message"),
    ("Thanks. Reach out via DM so we can look into this together.", "DM"),
    ("Please contact our support team by phone, they're better placed to help with this.", "contact our support team"),
    ("Please raise a ticket at support.example.com and we'll take it from there.", "raise a ticket"),
    ("You can reach our billing team on 0800 111 222, Mon-Fri 9-5.", "reach our billing team"),
    ("If you want a refund, you'll need to call our support line.", "call our support line"),
]

GOOD = [
    "I've passed this to our billing team with your notes, and they'll contact you by email within one working day.",
    "Sorry about that! Please DM us your order number and postcode so we can check where the parcel is.",
    "Glad it's working again. If anything else comes up, feel free to contact us again.",
    "I've forwarded your case to the warranty team; they'll call you tomorrow morning.",
    "I've escalated this to our returns department, and they will be in touch within 48 hours.",
    "The refund has been issued and will reach your card in 3-5 days.",
    "Could you DM us the email address on the account? We'll check the payment from there.",
    "Have you tried restarting the app? If that doesn't help, send us a DM with your app version.",
    "We've just sent you a DM with the next steps.",
    "The outage in your area should be fixed by 6pm. DM us if it isn't and we'll book an engineer.",
    "That sounds frustrating. Which iOS version are you on? Reply in DM and we'll go from there.",
    "I'm transferring you to a billing specialist now; they can see the full invoice history.",
    "If you'd like a call back, just reply with a good time and I'll arrange it.",
    "You can change the delivery date yourself under Orders > Manage delivery.",
    "Please call our support line if you'd ever like to talk it through by phone; I've also attached the guide.",
    "Our support line is open 24/7 now, so if this happens again at night you can reach someone straight away.",
    "The store manager has your details and will call you this afternoon.",
    "Thanks for the update! I'll keep this ticket open until the replacement arrives.",
    "The new plan starts on your next bill, so there's nothing else you need to do.",
    "Sorry for the wait. Your order shipped this morning; tracking: https://track.example.com/123",
    "I've asked the warehouse to check the parcel and will update you by Friday.",
    "We'd like to help. What's the error message you see? Send us a DM with a screenshot.",
    "Happy to help! Please DM us your booking reference and we'll sort the seat change.",
    "If the problem comes back in future, don't hesitate to open a new ticket and mention this one.",
    "Your account is unlocked now. Let us know in DM if you have trouble signing in.",
    "Feel free to contact our team anytime if anything else comes up.",
    "I've asked our billing team to call you this afternoon.",
    "Our team will contact you within 24 hours to book the engineer.",
    "The fix is live now. If the problem persists, contact us again and we'll send an engineer.",
]


@pytest.mark.parametrize(("draft", "text"), BAD)
def test_deflection_fails(checker: Checker, draft: str, text: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.FAILED
    fs = [f for f in report.findings if f.rule == RID]
    assert all(draft[f.start : f.end] == f.text for f in fs)
    assert any(f.text.lower() == text.lower() for f in fs), [f.text for f in fs]


@pytest.mark.parametrize("draft", GOOD)
def test_help_or_handover_passes(checker: Checker, draft: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.PASSED, [f.text for f in report.findings]


def test_allow_dm_option() -> None:
    lenient = Checker(Config(select=[RID], rules={RID: {"allow_dm": True}}))
    assert lenient.check("Send us a DM.").check(RID).status is Status.PASSED
    assert lenient.check("Please open a new ticket for that.").check(RID).status is Status.FAILED


def test_long_dm_reply_is_not_bare() -> None:
    draft = "Thanks for the patience. We're sorry. We understand. We want to help. Send us a DM."
    default = Checker(Config(select=[RID]))
    tight = Checker(Config(select=[RID], rules={RID: {"max_bare_sentences": 6}}))
    assert default.check(draft).check(RID).status is Status.PASSED
    assert tight.check(draft).check(RID).status is Status.FAILED


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (bare "send us a DM" replies are meant to fail; the corpus has ~8% of them)."""
    assert corpus_failure_rate(RID) <= 0.1


@pytest.mark.parametrize(
    "draft",
    [
        "That's handled by our partner company, you'll have to take it up with them.",
        "We're not able to help with that here, you'll need to speak to the store.",
        "Sorry, we can't help you with that.",
    ],
)
def test_brush_offs_without_a_handover(checker: Checker, draft: str) -> None:
    assert checker.check(draft).check(RID).status is Status.FAILED


@pytest.mark.parametrize(
    ("draft", "text"),
    [
        ("Here to help! Send us a note via https://help.example.com/contact so our team can connect.", "a note via"),
        ("That's worrying. Please tell us more here: https://example.com/feedback", "tell us more here"),
        ("You may want to start a ticket with support if you haven't already.", "start a ticket with"),
        ("For this one you'll need to contact customer support.", "contact customer support"),
    ],
)
def test_other_channels_are_deflection_too(checker: Checker, draft: str, text: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.FAILED
    assert any(text.lower() in f.text.lower() or f.text.lower() in text.lower() for f in report.findings)


@pytest.mark.parametrize(
    "draft",
    [
        "Hi there, we've replied to your DM, please check your inbox when you get a chance.",
        "We've responded to your DM, so please message us back whenever you can!",
        "Sorry about the delay! Please check your DMs for our reply.",
        "Please DM us your record locator and we'll take a look.",
        "Could you DM us which store you visited?",
        "Hello, there should be an unsubscribe link at the bottom of every email. Please DM us if not.",
        "I've contacted customer support on your behalf and they will call you today.",
        "You should see the credit on your next bill. If you don't see it by then, please contact us again.",
    ],
)
def test_dm_already_in_hand_or_specific_passes(checker: Checker, draft: str) -> None:
    assert checker.check(draft).check(RID).status is Status.PASSED


def test_nothing_to_deflect_when_the_customer_only_praises() -> None:
    checker = Checker(Config(select=[RID]))
    praise = checker.check("Excellent! We're always a DM away :)", customer="I love my new phone!!!")
    assert praise.check(RID).status is Status.PASSED
    problem = checker.check("We're always a DM away :)", customer="My phone has had no signal since Monday.")
    assert problem.check(RID).status is Status.FAILED
