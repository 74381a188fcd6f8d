"""jargon: internal terms, unexplained acronyms and a readability ceiling, each with its span."""

from __future__ import annotations

import pytest
from conftest import load_corpus

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status

BAD = [
    ("I've escalated this to Tier 2 and they'll look at it.", ["Tier 2"]),
    ("Your package is backordered at the warehouse.", ["backordered"]),
    ("We need to run a traceroute from your router.", ["traceroute"]),
    ("Please update the firmware on the hub and restart it.", ["firmware"]),
    ("The charge you see is a pre-auth and will drop off in 3 days.", ["pre-auth"]),
    ("I've logged a JIRA for the dev team.", ["JIRA"]),
    ("Clear your cache and try again.", ["cache"]),
    ("Our backend had an issue last night, it's fixed now.", ["backend"]),
    ("The DNS change needs time to propagate; check the CNAME tomorrow.", ["DNS", "CNAME"]),
    ("Your RMA was approved, ship it back with the label.", ["RMA"]),
    ("I raised a P1 with the NOC so they can look at it.", ["P1", "NOC"]),
    ("Your account is flagged by our KYC process, the CX team will follow up.", ["KYC", "CX"]),
    ("We'll issue an RCA once the root cause is known.", ["RCA", "root cause"]),
    ("Your SIM is being provisioned, it can take an hour.", ["provisioned"]),
    ("I've added it to the backlog and it'll go in a future sprint.", ["backlog"]),
]

GOOD = [
    "Thanks for your patience! Your refund of $25 was issued today and will reach your card in 3-5 days.",
    "Please restart the app and sign in again; that clears the error for most people.",
    "Your order ships from our warehouse tomorrow and should arrive by Friday.",
    "You can find the steps in our FAQ: https://help.example.com/returns",
    "I've passed this to our specialist team; they'll call you before 5pm today.",
    "Our service level agreement (SLA) promises a reply within four hours.",
    "The RMA (return merchandise authorization) number is on your label.",
    "Could you DM us your order number and the email on the account?",
    "Your new PIN will arrive by post within 5 working days.",
    "I'm sorry the TV stopped working. We'll send an engineer on Tuesday between 8am and 12pm.",
    "THANK YOU SO MUCH FOR WAITING, WE'RE ON IT NOW!",
    "Thanks Maria, the USPS tracking shows it's at your local post office. ^MM",
    "That's great to hear, enjoy your new phone!",
    "Hi there, the app works on iOS 15 and later; updating your phone fixes this.",
    "We've refunded the delivery fee. Let us know if there's anything else.",
]


@pytest.fixture(scope="module")
def jargon_checker() -> Checker:
    return Checker(Config(min_precision=0.0, select=["jargon"]))


@pytest.mark.parametrize(("draft", "terms"), BAD)
def test_flags_each_term_with_its_span(jargon_checker: Checker, draft: str, terms: list[str]) -> None:
    report = jargon_checker.check(draft)
    assert report.check("jargon").status is Status.FAILED  # type: ignore[union-attr]
    found = [f.text for f in report.findings]
    for term in terms:
        assert term in found, (term, found)
    for f in report.findings:
        assert draft[f.start : f.end] == f.text
        assert f.suggestion


@pytest.mark.parametrize("draft", GOOD)
def test_plain_language_passes(jargon_checker: Checker, draft: str) -> None:
    report = jargon_checker.check(draft)
    assert report.findings == [], [f.text for f in report.findings]


def test_acronym_used_by_the_customer_is_not_jargon(jargon_checker: Checker) -> None:
    customer = "My VPN keeps dropping when I connect to the office NAS, any ideas?"
    report = jargon_checker.check("Try reconnecting the NAS after the VPN is up.", customer)
    assert report.findings == []


def test_team_terms_and_allow_list() -> None:
    checker = Checker(
        Config(
            min_precision=0.0,
            select=["jargon"],
            rules={"jargon": {"terms": {"WISMO": "where is my order"}, "allow": ["cache"]}},
        )
    )
    report = checker.check("This WISMO ticket is solved; clearing the cache helped.")
    assert [f.text for f in report.findings] == ["WISMO"]
    assert report.findings[0].suggestion == "say 'where is my order'"


def test_readability_ceiling_points_at_the_hardest_sentence() -> None:
    checker = Checker(
        Config(min_precision=0.0, select=["jargon"], rules={"jargon": {"max-grade": 8, "min-words-for-grade": 20}})
    )
    draft = (
        "Thanks for writing. Notwithstanding the aforementioned circumstances, the reimbursement "
        "authorisation necessitates supplementary documentation substantiating the transactional "
        "irregularities you encountered during your subscription's administrative reconfiguration. "
        "We will help you."
    )
    report = checker.check(draft)
    hard = [f for f in report.findings if "grade level" in f.message]
    assert len(hard) == 1
    assert hard[0].text.startswith("Notwithstanding")


def test_corpus_jargon_labels(jargon_checker: Checker) -> None:
    rows = [r for name in ("dev.jsonl", "email-dev.jsonl") for r in load_corpus(name) if r["usable"]]
    reports = jargon_checker.check_many([(r["reply"], r["customer"]) for r in rows])
    tp = fp = fn = 0
    for row, report in zip(rows, reports, strict=True):
        predicted = report.check("jargon").status is Status.FAILED  # type: ignore[union-attr]
        gold = bool(row["jargon"])
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    # every labelled jargon reply is caught but twcs-119320, where the customer wrote "cache" first
    # (the label lists it; issue 12 says a term the customer used first is no jargon)
    assert tp >= 2 and fn <= 1
    assert fp / len(rows) <= 0.03  # and plain replies are left alone


SIGNED = [
    "@115720 The SD card slot is under the battery cover. ^MM",
    "@115720 Please DM us your order number. -TLT",
    "@115720 Please DM us your order number. *TMT https://t.co/abc",
    "@115720 We've checked and your refund is on its way! - JRB",
    "@115720 We've checked and your refund is on its way!\n^ACM",
]


@pytest.mark.parametrize("draft", SIGNED)
def test_sign_off_initials_are_not_acronyms(jargon_checker: Checker, draft: str) -> None:
    assert jargon_checker.check(draft).findings == []


def test_an_acronym_ending_a_sentence_is_still_checked(jargon_checker: Checker) -> None:
    report = jargon_checker.check("Your order is stuck at the MDC - TLX teams are on it.")
    assert "MDC" in [f.text for f in report.findings]
    # a hyphenated word at the end is no sign-off
    report = jargon_checker.check("Please check the firmware version before your check-in")
    assert "firmware" in [f.text for f in report.findings]


EVERYDAY = [
    "Try another SD card, or plug the camera in by USB.",
    "Enter your PIN, then show your ID at the desk.",
    "It works on your TV, PC and iOS devices.",
    "I've sent the PDF to the URL you gave us, and the QR code by SMS.",
    "Your IBAN and the CVV on your card are never asked for by phone.",
]


@pytest.mark.parametrize("draft", EVERYDAY)
def test_everyday_acronyms_are_not_jargon(jargon_checker: Checker, draft: str) -> None:
    assert jargon_checker.check(draft).findings == [], draft


def test_terms_the_customer_used_first_are_not_jargon(jargon_checker: Checker) -> None:
    draft = "Deleting the cache won't empty your basket as long as you sign out first."
    assert jargon_checker.check(draft).findings != []  # alone, "cache" is jargon
    customer = "Will I lose my shopping if I delete the cache/cookies?"
    assert jargon_checker.check(draft, customer).findings == []
    customer = "My parcel is stuck, it says backordered, what does that mean?"
    assert jargon_checker.check("It's backordered until Friday.", customer).findings == []


TECHNICAL_CUSTOMERS = [
    "After upgrading to 2.4.1 the CLI fails:\n```\nTraceback (most recent call last):\n  File \"x.py\"\nKeyError: 'id'\n```",
    "Running `npm install replylint` gives EACCES on /usr/local/lib/node_modules, any idea?",
    "Calling the REST API with my token from the python SDK returns a JSON error since v3.2.0.",
]


@pytest.mark.parametrize("customer", TECHNICAL_CUSTOMERS)
def test_technical_customers_may_read_technical_terms(jargon_checker: Checker, customer: str) -> None:
    draft = "Set the API key in your config file and check the stack trace in the debug log; the SDK reads JSON."
    assert jargon_checker.check(draft, "My app stopped working, can you help?").findings != []
    assert jargon_checker.check(draft, customer).findings == []
    # internal support language stays jargon for everyone
    report = jargon_checker.check("I've moved this to the L2 escalation queue.", customer)
    assert any("escalation queue" in f.text or f.text == "L2" for f in report.findings), report.findings


def test_technical_audience_can_be_switched_off() -> None:
    strict = Checker(Config(min_precision=0.0, select=["jargon"], rules={"jargon": {"technical_audience": False}}))
    draft = "Set the API key in your config file."
    assert strict.check(draft, TECHNICAL_CUSTOMERS[2]).findings != []


@pytest.mark.parametrize(
    "customer",
    [
        "I can't log in on my phone since the update, can you help?",
        "The build quality of my router is bad and the server at your store was rude.",
        "My order 12345 was charged twice on 2.3.2024, please refund one.",
    ],
)
def test_everyday_messages_are_not_technical(customer: str) -> None:
    from replylint.rules.jargon import is_technical

    vocabulary = frozenset(["api", "sdk", "json", "config", "logs", "terminal", "repo", "commit"])
    assert not is_technical(customer, vocabulary)


def test_jargon_agreement_with_the_corpus_labels() -> None:
    """benchmarks/jargon.py, measured 2026-12-02: F1 out of source (dev2 + email-dev2, not read
    while deciding the allow-lists) 0.413; tweets dev2 0.526, email-dev2 0.364. Floors a few
    points under."""
    from conftest import corpus_dir, load_benchmark

    if not (corpus_dir() / "dev2.jsonl").is_file():
        pytest.skip("labelled corpus not found")
    figures = load_benchmark("jargon").scores(corpus_dir())
    assert figures["out of source (dev2 + email-dev2)"]["f1"] >= 0.37
    assert figures["dev2.jsonl"]["f1"] >= 0.47
    assert figures["email-dev2.jsonl"]["f1"] >= 0.32
    assert figures["in sample (dev + email-dev)"]["f1"] >= 0.6
