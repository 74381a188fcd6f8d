"""over-promise: guarantees, 'never again', and instant timeframes for work the agent doesn't control."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

RID = "over-promise"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


@pytest.fixture(scope="module")
def strict() -> Checker:
    """Timing promises reported at the rule's severity (by default they are 'possibly' at info)."""
    return Checker(Config(select=[RID], rules={RID: {"strict_timing": True}}))


BAD = [
    ("I can assure you this will never happen again.", "never happen again"),
    ("Rest assured, this won't happen again.", "won't happen again"),
    ("We've fixed the fault and it will not happen again.", "will not happen again"),
    ("I guarantee the new router fixes the dropouts.", "guarantee"),
    ("Your parcel is guaranteed to arrive tomorrow.", "guaranteed"),
    ("We promise the update fixes the battery drain.", "promise"),
    ("I'm 100% sure the problem is solved now.", "100%"),
    ("I'm one hundred percent certain the payment went through.", "one hundred percent"),
    ("Your refund will be processed immediately.", "immediately"),
    ("The engineers will fix the outage right away.", "right away"),
    ("The courier will deliver it within the hour.", "within the hour"),
    ("Your account will be unlocked instantly.", "instantly"),
    ("The replacement is going to be shipped straight away.", "straight away"),
    ("The team will have this resolved within minutes.", "within minutes"),
    ("Our billing department will refund you right now.", "right now"),
    ("It'll be back up and running in no time!", "in no time"),
    ("The technician will be with you first thing tomorrow.", "first thing tomorrow"),
    ("The warehouse will dispatch a new one asap.", "asap"),
    ("I'll have someone call you right away.", "right away"),
    ("The money will be back in your account immediately.", "immediately"),
    ("You won't ever have this problem again, we promise.", "promise"),
    ("Our developers are going to release a fix later today.", "later today"),
    ("Hi Sam,\n\nSorry about the double charge. The bank will reverse it immediately.\n\nBest,\nAlex", "immediately"),
    ("With the new firmware you'll never have this issue again.", "never have this issue again"),
    ("The network team will restore service within the hour, guaranteed.", "within the hour"),
]

GOOD = [
    "I've raised this with our network team and I'll email you right away when I hear back.",
    "Your refund has been issued and usually shows up within 3-5 business days.",
    "I can't guarantee a delivery date yet, but I'll update you by Friday either way.",
    "I'll reply right away once I have the tracking number.",
    "I'll check with the warehouse right away and get back to you today.",
    "We'll look into this immediately.",
    "Once the points load, you get the reward immediately.",
    "Please restart the router right away if the light turns red.",
    "I've escalated this immediately to our billing team; they usually reply within a day.",
    "Refunds normally take 3-5 working days, and I'll keep an eye on yours.",
    "We offer a 100% money-back guarantee within 30 days.",
    "Our shirts are 100% cotton.",
    "I promise to email you tomorrow with an update.",
    "I can't promise it'll be fixed this week, but it's our top priority.",
    "I'll send you the link straight away.",
    "We're doing everything we can to stop this from happening again.",
    "I'll follow up with the courier first thing tomorrow.",
    "The fix is planned for next week's update; I'll let you know when it's live.",
    "I'll forward this to our engineers right now.",
    "The update rolled out today and should stop the crashes.",
    "Delivery usually takes 2-3 days, though it can be longer over the holidays.",
    "We've put extra checks in place to make this much less likely to happen again.",
    "Your satisfaction is guaranteed or your money back.",
    "I'll call you right away if anything changes.",
    "The outage started at 2pm and the team is working on it; I'll update you at 5pm.",
    "We guarantee all our repairs for 90 days.",
    "Our 30-day price guarantee means we'll refund the difference.",
    "We'll issue the refund immediately after the return is scanned.",
    "Rest assured, I'm looking into it personally.",
    "You'll get a confirmation email immediately after you submit the form.",
    "You'll receive a verification code right away.",
]


@pytest.mark.parametrize(("draft", "text"), BAD)
def test_unkeepable_promise_fails(strict: Checker, draft: str, text: str) -> None:
    report = strict.check(draft)
    assert report.check(RID).status is Status.FAILED
    fs = [f for f in report.findings if f.rule == RID]
    assert all(draft[f.start : f.end] == f.text for f in fs)
    assert any(f.text.lower() == text.lower() for f in fs), [f.text for f in fs]


@pytest.mark.parametrize("draft", GOOD)
def test_honest_commitment_passes(checker: Checker, draft: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.PASSED, [f.text for f in report.findings]


def test_own_actions_can_be_disallowed() -> None:
    strict = Checker(Config(select=[RID], rules={RID: {"allow_own_actions": False, "strict_timing": True}}))
    assert strict.check("I'll reply right away with the details.").check(RID).status is Status.FAILED


def test_extra_phrases_option() -> None:
    custom = Checker(
        Config(
            select=[RID],
            rules={RID: {"extra_phrases": ["for sure"], "extra_time_phrases": ["by tonight"], "strict_timing": True}},
        )
    )
    assert custom.check("It's fixed for sure.").check(RID).status is Status.FAILED
    report = custom.check("The engineers will have it fixed by tonight.")
    assert [f.text for f in report.findings] == ["by tonight"]
    assert custom.check("I'll email you by tonight.").check(RID).status is Status.PASSED


@pytest.mark.parametrize(
    ("draft", "text"),
    [
        ("Your refund will be processed immediately.", "immediately"),
        ("The courier will deliver it within the hour.", "within the hour"),
    ],
)
def test_timing_promises_are_possibly_findings_by_default(checker: Checker, draft: str, text: str) -> None:
    report = checker.check(draft)
    assert report.check(RID).status is Status.PASSED
    fs = [f for f in report.findings if f.rule == RID]
    assert [(f.text, f.severity.value) for f in fs] == [(text, "info")]
    assert "possibly" in fs[0].message


@pytest.mark.parametrize(
    "draft",
    [
        "If you confirm the plan, it will become active immediately.",
        "With the upgrade you will not pay anything immediately.",
    ],
)
def test_how_a_product_behaves_is_no_promise(strict: Checker, draft: str) -> None:
    assert strict.check(draft).check(RID).status is Status.PASSED


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (real agent replies that are fine should pass)."""
    assert corpus_failure_rate(RID) <= 0.05


@pytest.mark.parametrize(
    ("draft", "text"),
    [
        ("This will definitely be resolved by tomorrow.", "definitely"),
        ("Your issue is now permanently fixed.", "permanently fixed"),
        ("The replacement will arrive tomorrow, no question.", "no question"),
        ("The technicians will certainly have it working tonight.", "certainly"),
    ],
)
def test_certainty_about_others_work(checker: Checker, draft: str, text: str) -> None:
    fs = [f for f in checker.check(draft).findings if f.rule == RID]
    assert [f.text for f in fs] == [text]


def test_certainty_about_own_next_step_passes(checker: Checker) -> None:
    assert checker.check("I'll definitely call you tomorrow.").check(RID).status is Status.PASSED
