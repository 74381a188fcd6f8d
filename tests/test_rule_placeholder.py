"""placeholder: unfilled template variables and fill-me-in markers; macros may keep valid Liquid."""

from __future__ import annotations

import pytest
from conftest import corpus_failure_rate

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Severity, Status

RID = "placeholder"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=[RID]))


BAD = [
    ("Hi [NAME], thanks for getting in touch.", "[NAME]"),
    ("Hi [Customer Name], your refund has been processed.", "[Customer Name]"),
    ("Dear [first name], we've updated your booking.", "[first name]"),
    ("Your order [ORDER NUMBER] has shipped.", "[ORDER NUMBER]"),
    ("Hi {first_name}, your parcel is on the way.", "{first_name}"),
    (
        "Hi {{ticket.requester.first_name}, your ticket has been updated.",
        "{{ticket.requester.first_name}, your ticket has been updated",
    ),
    ("Hi {{customer.name}}, we've received your return.", "{{customer.name}}"),
    ("Your replacement will arrive on XXX.", "XXX"),
    ("TODO: add the tracking link here.", "TODO"),
    ("Your refund of <insert amount> will be back on your card in 5 days.", "<insert amount>"),
    ("We'll deliver to <customer address> on Monday.", "<customer address>"),
    ("Order %ORDER% is ready for collection.", "%ORDER%"),
    ("Hi %FIRST_NAME%, thanks for your patience.", "%FIRST_NAME%"),
    ("Your case number is [insert case number].", "[insert case number]"),
    ("I've credited [amount] to your account.", "[amount]"),
    ("Hi <<NAME>>, your subscription renews tomorrow.", "<<NAME>>"),
    ("Hello ${first_name}, your account is verified.", "${first_name}"),
    ("Hi $CUSTOMER_NAME, the engineer is booked for Tuesday.", "$CUSTOMER_NAME"),
    ("You can track it here: [tracking link]", "[tracking link]"),
    ("Thanks,\n[Agent Name]\nSupport Team", "[Agent Name]"),
    ("Your new PIN will arrive by TBD.", "TBD"),
    ("The store at [Store Address] has your parcel.", "[Store Address]"),
    ("Hi __FIRST_NAME__, welcome aboard!", "__FIRST_NAME__"),
    ("Call us on XXXX XXX XXXX if the issue comes back.", "XXXX"),
    ("Hi {{ customer.first_name }}, FIXME add the apology paragraph.", "{{ customer.first_name }}"),
]

GOOD = [
    "Hi Sam, thanks for getting in touch.",
    "Hi Priya, your refund of $24.99 has been processed.",
    "Your order #48213 has shipped and should arrive on Friday.",
    "Here's the guide: [setup instructions](https://help.example.com/setup).",
    "[SOLVED] The login issue was caused by an expired certificate; it's fixed now.",
    "Thanks for the update! [Edited to add the link: https://status.example.com]",
    "The file is called report_2024.pdf and it's attached.",
    "Use the code SPRING10 at checkout for 10% off.",
    "We're open 9am-5pm, Monday to Friday.",
    "Your case number is 00482913.",
    "Press Ctrl + Shift + R to reload the page without the cache.",
    "Hi there, your account is verified and ready to use.",
    "I've credited £15 to your account for the trouble.",
    "Our engineer will visit between 8 and 12 on Tuesday.",
    "Hi Alex, your subscription renews on 3 May.",
    "The error <404> means the page moved; here's the new link.",
    "We've sent the replacement to 12 High Street.",
    "Thanks,\nJordan\nSupport Team",
    "Can you try the steps in section 2 (Reset)?",
    "The price went up by 5% in January, as announced in December.",
    "Hi Tom! Your parcel is at the depot, ready for collection.",
    "Your new PIN will arrive by post within 5 working days.",
    "Sorry for the wait, xx",
    "I've attached a screenshot [see image] showing where the setting is.",
    "Remove the curly braces from your CSV header before importing.",
    "Please find the attached invoice [PDF].",
    "Available sizes: [S] [M] [L] [XL]",
]


@pytest.mark.parametrize(("draft", "text"), BAD)
def test_unfilled_placeholder_fails(checker: Checker, draft: str, text: str) -> None:
    report = checker.check(draft)
    result = report.check(RID)
    assert result is not None and result.status is Status.FAILED
    fs = [f for f in report.findings if f.rule == RID]
    assert all(draft[f.start : f.end] == f.text for f in fs)
    assert any(f.text == text for f in fs), [f.text for f in fs]
    assert result.severity is Severity.ERROR


@pytest.mark.parametrize("draft", GOOD)
def test_filled_reply_passes(checker: Checker, draft: str) -> None:
    assert checker.check(draft).check(RID).status is Status.PASSED


MACRO_GOOD = [
    "Hi {{ticket.requester.first_name}}, thanks for reaching out!",
    "Hi {{ customer.first_name | default: 'there' }}, your order {{order.number}} has shipped.",
    "{% if order.tracking_url %}Track it here: {{order.tracking_url}}{% endif %}",
    "{% for item in order.items %}- {{item.name}}\n{% endfor %}Thanks!",
    "Hello {{first_name}},\n\n{% unless vip %}Standard delivery takes 3 days.{% endunless %}",
]

MACRO_BAD = [
    ("Hi {{ticket.requester.first_name}, thanks!", "unbalanced"),
    ("Hi [NAME], thanks for reaching out!", "[NAME]"),
    ("Order %ORDER% has shipped, {{customer.name}}.", "%ORDER%"),
    ("{% if order.paid %}Thanks for your payment!", "never closed"),
    ("Thanks!{% endif %}", "never opened"),
    ("Hi {{first_name}}, TODO write the refund paragraph.", "TODO"),
]


@pytest.mark.parametrize("draft", MACRO_GOOD)
def test_macro_allows_balanced_liquid(checker: Checker, draft: str) -> None:
    assert checker.check(draft, macro=True).check(RID).status is Status.PASSED


@pytest.mark.parametrize("draft", MACRO_GOOD)
def test_same_liquid_in_a_sent_reply_fails(checker: Checker, draft: str) -> None:
    assert checker.check(draft).check(RID).status is Status.FAILED


@pytest.mark.parametrize(("draft", "hint"), MACRO_BAD)
def test_macro_still_catches_markers_and_broken_syntax(checker: Checker, draft: str, hint: str) -> None:
    report = checker.check(draft, macro=True)
    assert report.check(RID).status is Status.FAILED
    fs = [f for f in report.findings if f.rule == RID]
    assert any(hint in f.text or hint in f.message for f in fs), [(f.text, f.message) for f in fs]
    assert all(draft[f.start : f.end] == f.text for f in fs)


def test_every_placeholder_is_reported(checker: Checker) -> None:
    draft = "Hi [NAME], your order %ORDER% ships on XXX."
    fs = [f.text for f in checker.check(draft).findings if f.rule == RID]
    assert fs == ["[NAME]", "%ORDER%", "XXX"]


def test_allow_markers_option() -> None:
    checker = Checker(Config(select=[RID], rules={RID: {"allow_markers": ["[REDACTED]"]}}))
    assert checker.check("Your card ending [REDACTED] was charged.").check(RID).status is Status.PASSED
    assert checker.check("Hi [NAME], your card was charged.").check(RID).status is Status.FAILED


def test_placeholder_in_html_keeps_offsets(checker: Checker) -> None:
    draft = "<p>Hi <b>[NAME]</b>,</p><p>Your refund is on its way.</p>"
    (f,) = [f for f in checker.check(draft).findings if f.rule == RID]
    assert draft[f.start : f.end] == "[NAME]"


def test_corpus_failure_rate_regression() -> None:
    """Raw failure rate on the real corpus replies stays where it was measured (real agent replies that are fine should pass)."""
    assert corpus_failure_rate(RID) <= 0.05


def test_blank_to_fill_in(checker: Checker) -> None:
    report = checker.check("Hi ___, thanks for waiting.")
    assert [f.text for f in report.findings if f.rule == RID] == ["___"]
    assert checker.check("Thanks!\n___\nSent from my phone").check(RID).status is Status.PASSED
