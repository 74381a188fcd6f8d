"""Library consistency: contradicting facts between macros are found, variants and enumerations
are not (false positives kept low)."""

from __future__ import annotations

import pytest

from replylint.consistency import ConsistencyChecker, LibraryText, library_findings
from replylint.models import Severity


@pytest.fixture(scope="module")
def consistency(nlp) -> ConsistencyChecker:  # type: ignore[no-untyped-def]
    return ConsistencyChecker(nlp)


def _conflicts(checker: ConsistencyChecker, texts: list[str]) -> list[tuple[str, set[str]]]:
    return [(c.label, {f.text for _, f in c.facts}) for c in checker.conflicts(texts)]


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        # The refund window, said two ways.
        (
            "You can request a refund within 30 days of purchase.",
            "Sorry, refunds are accepted up to 14 days after delivery.",
            {"30 days", "14 days"},
        ),
        # The processing time of a refund.
        (
            "Your refund will appear on your statement in 5-7 business days.",
            "It usually takes 3-5 business days for the refund to appear.",
            {"5-7 business days", "3-5 business days"},
        ),
        # Prices of one plan.
        ("Our Pro plan is $29 per month, billed monthly.", "The Pro plan costs $19/month.", {"$29", "$19"}),
        # The free-shipping threshold.
        (
            "Express shipping is free on orders over $50.",
            "Good news: shipping is free on orders over $35!",
            {"$50", "$35"},
        ),
        # Two main phone numbers.
        (
            "You can call our support team at 1-800-555-0199.",
            "Please call us on (555) 123-4567, Monday to Friday.",
            {"1-800-555-0199", "(555) 123-4567"},
        ),
        # Two generic support addresses.
        (
            "Just email support@example.com and we'll sort it.",
            "Reach us at help@example.com any time.",
            {"support@example.com", "help@example.com"},
        ),
    ],
)
def test_contradictions_are_found(consistency: ConsistencyChecker, a: str, b: str, values: set[str]) -> None:
    found = _conflicts(consistency, [a, "Thanks for the kind words, we'll pass them on to the team.", b])
    assert [v for _, v in found] == [values], found


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Same figure, different wording: 2 weeks == 14 days, 48 hours == 2 days.
        ("Returns are accepted within 14 days.", "You can return items within two weeks of delivery."),
        ("We reply to every email within 48 hours.", "We reply within 2 days."),
        # Different things: a deadline vs a processing time.
        (
            "You can request a refund within 30 days of purchase.",
            "Your refund will appear on your card in 5 business days.",
        ),
        # Variants told apart by a modifier.
        ("Express shipping costs $15.", "Standard shipping costs $5."),
        ("Sale items can be returned within 14 days.", "Items can be returned within 30 days."),
        # Different departments.
        ("For billing questions, email billing@example.com.", "Just email support@example.com and we'll sort it."),
        # Prices per month vs per year.
        ("Our Pro plan is $29 per month.", "Our Pro plan is $290 per year."),
        # One-off amounts (goodwill credits, refunds of an order) are not prices.
        ("We've added a $10 credit to your account.", "We've added a $5 credit to your account as a thank-you."),
        ("I've refunded $25 to your card.", "I've refunded $40 to your original payment method."),
        # Unrelated numbers.
        ("Your order 55512 ships in 3 days.", "We have 3 colours of the kettle in stock."),
    ],
)
def test_consistent_or_unrelated_facts_are_not_flagged(consistency: ConsistencyChecker, a: str, b: str) -> None:
    assert _conflicts(consistency, [a, b]) == []


def test_a_macro_enumerating_cases_is_left_out(consistency: ConsistencyChecker) -> None:
    texts = [
        "Items can be returned within 30 days, or within 14 days for items bought on sale.",
        "Items can be returned within 30 days.",
    ]
    assert _conflicts(consistency, texts) == []


def test_template_placeholders_and_html_are_ignored(consistency: ConsistencyChecker) -> None:
    texts = [
        "<p>Hi {{ticket.requester.first_name}},</p><p>You can request a refund within 30 days of purchase.</p>",
        "<p>Refunds are accepted up to <b>30 days</b> after delivery.</p>",
    ]
    assert _conflicts(consistency, texts) == []


def test_library_findings_point_at_both_facts(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "Hi,\n\nYou can request a refund within 30 days of purchase.\n",
        "Hello!\nRefunds are accepted up to 14 days after delivery.",
    ]
    lib = [
        LibraryText(t, title, (lambda name: lambda off: f"{name}:{off}")(name))  # noqa: B023 - bound by the outer lambda
        for t, title, name in zip(texts, ["Policy", "Late"], ["a.md", "b.json"], strict=True)
    ]
    found = library_findings(nlp, lib, severity=Severity.ERROR)
    (fa,), (fb,) = found[0], found[1]
    assert texts[0][fa.start : fa.end] == fa.text == "30 days"
    assert (fa.line, fa.column) == (3, 33)
    assert fa.severity is Severity.ERROR and fa.rule == "inconsistent-fact"
    assert f"'14 days' at b.json:{texts[1].index('14 days')} (Late)" in fa.message
    assert "'30 days' at a.md:" in fb.message
