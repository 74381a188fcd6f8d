"""Property-based tests of the public API: no input crashes replylint.

Invariants, over arbitrary Unicode, control characters, RTL text, emoji, combining marks, HTML
with scripts, nested quoting, template syntax, empty and whitespace-only input and huge input:

* the only exceptions are the documented ``ReplylintError`` subclasses (``InputError`` for empty,
  oversized or binary input);
* finding offsets lie inside the draft and ``draft[f.start:f.end] == f.text``; evidence too;
* findings are sorted by ``(start, end, rule)``;
* the same input gives the same report (``model_dump`` equality), whether checked alone, in a
  batch, or in a session;
* ``normalize`` keeps the length; placeholders and macro readers point inside their text.

The suite runs the small ``ci`` profile; ``benchmarks/fuzz.py`` runs the same properties with
``HYPOTHESIS_PROFILE=fuzz`` (hundreds of thousands of examples).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from replylint.errors import InputError, ReplylintError
from replylint.models import Report
from replylint.normalize import check_text, find_placeholders, normalize
from replylint.textio import decode

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.register_profile("dev", max_examples=10, deadline=None, suppress_health_check=_SLOW)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: Examples run per property (benchmarks/fuzz.py prints the totals).
EXAMPLES: Counter[str] = Counter()

#: The checker properties parse every example with spaCy; the fuzz profile scales them down.
CHECKER_SHARE = float(os.environ.get("REPLYLINT_FUZZ_CHECKER_SHARE", "1.0"))


def _checker_settings() -> settings:
    n = max(10, int(settings.default.max_examples * CHECKER_SHARE))
    return settings(settings.default, max_examples=n)


# -- strategies --------------------------------------------------------------------------------

SUPPORT = [
    "Hi Dana,",
    "Thanks for reaching out.",
    "I'm sorry your order is late.",
    "Unfortunately we can't refund this order.",
    "Your refund will arrive in 3-5 business days.",
    "Could you send me your order number?",
    "When will my parcel arrive?",
    "Can I get a refund?",
    "Please clear your cache and cookies.",
    "As I said before, you should have read the FAQ.",
    "I've escalated this to our L2 team per our SLA.",
    "Best,\nSam",
    "Kind regards,",
    "Is there anything else I can help with?",
    "We apologize for any inconvenience.",
    "I'll call you tomorrow at 10am.",
    "Your order #48213 shipped on Monday.",
]
ODD = [
    "{{ticket.requester.first_name}}",
    "{{",
    "}}",
    "{% if x %}",
    "{%",
    "%}",
    "[CUSTOMER NAME]",
    "[",
    "]",
    "%AGENT%",
    "<insert date>",
    "TODO",
    "XXX",
    "{name}",
    "<p>",
    "</p>",
    "<br>",
    "<div>",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&#0;",
    "&bogus;",
    "<script>alert('x')</script>",
    "<style>p{}</style>",
    "<!-- c -->",
    "<script>",
    "<a href='http://x'>",
    "> ",
    "> > > ",
    ">>>",
    "\n> quoted line\n",
    "On Mon, Mar 10, 2025 at 9:14 AM Acme <a@b.c> wrote:",
    "-----Original Message-----",
    "مرحبا، كيف يمكنني المساعدة؟",
    "שלום, איך אפשר לעזור?",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇬🇧",
    "e\u0301",
    "Z\u0351\u0362\u0358a\u0353\u034el\u035fg\u0330o",
    "\u0300",
    "\x01",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\r\n",
    "\r",
    "\t",
    "\x0b",
    "\x0c",
    "https://example.com/a?b=c&d=e",
    "user@example.com",
    "@SupportTeam",
    "#hashtag",
    "$15.99",
    "3-5",
    "???",
    "!!!",
    "...",
    "—",
    '"',
    "'",
    "`",
    "\\",
    "\ud7ff",
    "\U0010ffff",
    "\uffff",
    "\ufffd",
    "I",
    "a",
    "  ",
    "\n\n\n",
    "Mr.",
    "e.g.",
    "U.S.",
    "can't",
    "y'all'd've",
]
LONG_WORD = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30)

fragments = st.one_of(
    st.sampled_from(SUPPORT),
    st.sampled_from(ODD),
    st.text(max_size=12),
    LONG_WORD,
)


@st.composite
def texts(draw: Any, max_parts: int = 12) -> str:
    parts = draw(st.lists(fragments, max_size=max_parts))
    seps = draw(
        st.lists(st.sampled_from([" ", "", "\n", "\n\n", " > ", "\t"]), min_size=len(parts), max_size=len(parts))
    )
    return "".join(p + s for p, s in zip(parts, seps, strict=False))


any_text = st.one_of(texts(), st.text(max_size=200))
maybe_customer = st.one_of(st.none(), st.just(""), any_text)


def checked(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``fn``; a documented InputError is a valid outcome (returns None)."""
    try:
        return fn(*args, **kwargs)
    except InputError:
        return None
    except ReplylintError as exc:  # any other documented error is fine too, but say which
        pytest.fail(f"unexpected {type(exc).__name__} for plain text input: {exc}")


def assert_report_invariants(report: Report, draft: str) -> None:
    assert 0 <= report.score <= 100
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(draft), f
        assert draft[f.start : f.end] == f.text, f
        assert f.line >= 1 and f.column >= 1
        before = draft[: f.start]
        assert f.line == before.count("\n") + 1
        assert f.column == f.start - (before.rfind("\n") + 1) + 1
    keys = [(f.start, f.end, f.rule) for f in report.findings]
    assert keys == sorted(keys)
    for c in report.checks:
        for e in c.evidence:
            assert 0 <= e.start <= e.end <= len(draft), (c.rule, e)
            assert draft[e.start : e.end] == e.text, (c.rule, e)
    rules = [c.rule for c in report.checks]
    assert len(rules) == len(set(rules))
    failed = {c.rule for c in report.checks if c.status.value == "failed"}
    # a check that passed may carry advisory findings ("possibly unanswered") at info only
    passed = {c.rule for c in report.checks if c.status.value == "passed"}
    assert {f.rule for f in report.findings if f.severity.value != "info"} <= failed
    assert {f.rule for f in report.findings if f.severity.value == "info"} <= failed | passed


def empty(text: str) -> bool:
    return not text.strip()


# -- normalize / placeholders / check_text / decode ----------------------------------------------


@given(any_text)
def test_normalize_keeps_length_and_blanks_controls(text: str) -> None:
    EXAMPLES["normalize"] += 1
    out = normalize(text)
    assert len(out) == len(text)
    assert not any((ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0 for c in out)
    # newlines are never invented where the text had none, and never removed
    assert out.count("\n") >= text.count("\n") or "<" in text


@given(any_text)
def test_find_placeholders_inside_and_sorted(text: str) -> None:
    EXAMPLES["find_placeholders"] += 1
    phs = find_placeholders(text)
    for p in phs:
        assert 0 <= p.start < p.end <= len(text), p
        assert text[p.start : p.end] == p.text
    assert [(p.start, p.end) for p in phs] == sorted((p.start, p.end) for p in phs)


@given(st.text(max_size=300), st.integers(min_value=1, max_value=400))
def test_check_text_accepts_or_refuses_with_input_error(text: str, limit: int) -> None:
    EXAMPLES["check_text"] += 1
    try:
        assert check_text(text, what="draft", max_chars=limit) is text
        assert len(text) <= limit and "\x00" not in text
    except InputError:
        assert len(text) > limit or "\x00" in text


@given(st.binary(max_size=400))
def test_decode_arbitrary_bytes(data: bytes) -> None:
    EXAMPLES["decode"] += 1
    try:
        out = decode(data, "file.txt")
    except InputError as exc:
        assert "file.txt" in str(exc)
        return
    assert isinstance(out, str)


@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_decode_round_trips_text(text: str, encoding: str) -> None:
    EXAMPLES["decode_roundtrip"] += 1
    assume("\x00" not in text and not text.startswith("\ufeff"))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be written to a file
        assume(False)
        return
    assert decode(data, "reply.txt") == text


# -- the Checker -----------------------------------------------------------------------------------


@given(draft=any_text, customer=maybe_customer, macro=st.booleans())
@_checker_settings()
def test_check_invariants(checker, draft: str, customer: str | None, macro: bool) -> None:  # type: ignore[no-untyped-def]
    EXAMPLES["check"] += 1
    report = checked(checker.check, draft, customer, macro=macro)
    if report is None:
        assert empty(draft) or "\x00" in draft or "\x00" in (customer or "")
        return
    assert not empty(draft)
    assert_report_invariants(report, draft)
    for q in report.questions:
        assert customer is not None
        assert 0 <= q.start <= q.end <= len(customer)
        if q.answered_by is not None:
            assert draft[q.answered_by.start : q.answered_by.end] == q.answered_by.text
    again = checker.check(draft, customer, macro=macro)
    assert again.model_dump() == report.model_dump()


@given(pairs=st.lists(st.tuples(texts(max_parts=8), maybe_customer), min_size=1, max_size=6))
@_checker_settings()
def test_check_many_equals_check(checker, pairs: list[tuple[str, str | None]]) -> None:  # type: ignore[no-untyped-def]
    EXAMPLES["check_many"] += 1
    pairs = [(d if d.strip() and "\x00" not in d else "Thanks!", c) for d, c in pairs]
    pairs = [(d, c if c is None or "\x00" not in c else None) for d, c in pairs]
    batch = checker.check_many(pairs, batch_size=3)
    assert len(batch) == len(pairs)
    for (d, c), report in zip(pairs, batch, strict=False):
        assert_report_invariants(report, d)
        assert report.model_dump() == checker.check(d, c).model_dump()


@given(customer=maybe_customer, drafts=st.lists(texts(max_parts=8), min_size=1, max_size=5))
@_checker_settings()
def test_session_equals_check(checker, customer: str | None, drafts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A session (customer parsed once, drafts typed) gives exactly what ``check`` gives."""
    EXAMPLES["session"] += 1
    session = checked(checker.session, customer)
    if session is None:
        assert customer is not None and "\x00" in customer
        return
    for draft in drafts:
        report = checked(session.check, draft)
        if report is None:
            assert empty(draft) or "\x00" in draft
            continue
        assert_report_invariants(report, draft)
        assert report.model_dump() == checker.check(draft, customer).model_dump()


@given(draft=any_text)
@_checker_settings()
def test_typing_prefixes_never_crash(checker, draft: str) -> None:  # type: ignore[no-untyped-def]
    """Every prefix of a draft, as an agent types it, checks cleanly (cut mid-tag, mid-placeholder)."""
    EXAMPLES["typing"] += 1
    session = checker.session("Hi, where is my order? It was due on Friday and I need it.")
    step = max(1, len(draft) // 6)
    for end in range(1, len(draft) + 1, step):
        prefix = draft[:end]
        report = checked(session.check, prefix)
        if report is not None:
            assert_report_invariants(report, prefix)


# -- input refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("draft", ["", " ", "\n\t\r\n", "\u3000", "\u00a0\u2003"])
def test_empty_and_whitespace_drafts_are_input_errors(checker, draft: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        checker.check(draft, "Where is my order?")


def test_one_megabyte_inputs_refused(checker) -> None:  # type: ignore[no-untyped-def]
    big = ("Thanks for reaching out about your refund. " * 25_000)[:1_000_000]
    assert len(big) == 1_000_000
    for call in (
        lambda: checker.check(big),
        lambda: checker.check("Thanks!", big),
        lambda: checker.session(big),
        lambda: checker.check_many([("Thanks!", None), (big, None)]),
    ):
        with pytest.raises(InputError, match="over the limit"):
            call()


def test_binary_looking_text_refused(checker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="NUL"):
        checker.check("PK\x03\x04\x00\x00binary")


def test_large_hostile_html_under_the_limit(checker) -> None:  # type: ignore[no-untyped-def]
    """A big HTML macro with scripts, entities and nested quoting: checked, offsets valid."""
    block = (
        "<div><p>Hi {{ticket.requester.first_name}},</p><script>var x = '<p>not text</p>';</script>"
        "<p>Sorry about the delay &mdash; your refund &amp; credit are on the way.</p>"
        "> > > On Monday you wrote:<br>> > where is it?<br></div>\n"
    )
    draft = block * 60
    report = checker.check(draft, "> > > Where is my refund??", macro=True)
    assert_report_invariants(report, draft)
    scripts = []
    pos = draft.find("<script>")
    while pos >= 0:
        scripts.append((pos, draft.index("</script>", pos) + len("</script>")))
        pos = draft.find("<script>", pos + 1)
    # nothing inside a script body is ever flagged on its own (it is not text the customer reads)
    for f in report.findings:
        assert not any(a <= f.start and f.end <= b for a, b in scripts), f


@pytest.mark.parametrize(
    "draft",
    [
        "word " * 6000,  # one huge sentence, no punctuation
        ("a" * 5000 + " ") * 4,  # giant tokens
        "?" * 3000,
        "> " * 5000 + "Thanks",
        "{{" * 2000,
        "<p>" * 3000,
        "\n" * 5000 + "Thanks",
        "😀" * 5000,
        "Why? " * 2000,
    ],
    ids=[
        "one-sentence",
        "giant-tokens",
        "question-marks",
        "quote-markers",
        "open-braces",
        "tags",
        "newlines",
        "emoji",
        "questions",
    ],
)
def test_pathological_shapes(checker, draft: str) -> None:  # type: ignore[no-untyped-def]
    report = checked(checker.check, draft, "Where is my order? Can you refund me? " * 20)
    if report is None:
        assert empty(draft)
        return
    assert_report_invariants(report, draft)


# -- macro readers (src/replylint/sources) ----------------------------------------------------------

FORMATS = ["macros.txt", "macros.md", "macros.html", "macros.yml", "macros.json", "macros.csv", "macros.tsv"]

structured_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "---\ntitle: x\n---\nHi",
            "---\n: : :\n---\n",
            "- title: a\n  body: |\n    Hi\n",
            "- [",
            "{",
            '[{"body": 1}]',
            'title,body\nA,"Hi\nthere"\n',
            'title,body\n"unterminated',
            '[{"title": "A", "body": "\\ud800"}]',
            "\ufefftitle,body\na,b",
            '- !!python/object/apply:os.system ["true"]',
            "*alias",
            "&a [*a]",
        ]
    ),
)


@given(name=st.sampled_from(FORMATS), text=structured_text)
def test_sources_never_crash(name: str, text: str) -> None:
    from replylint.sources import parse_source

    EXAMPLES["sources"] += 1
    try:
        source = parse_source(name, text)
    except InputError:
        return
    for m in source.macros:
        assert isinstance(m.body, str)
        for i in range(len(m.body) + 1):
            assert 0 <= m.offsets(i) <= len(text), (name, m, i)
        line, col = source.position(m.offsets(0))
        assert line >= 1 and col >= 1


bodies = st.lists(
    st.tuples(
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=20), texts(max_parts=6)
    ),
    min_size=1,
    max_size=4,
)


def _dump(fmt: str, items: list[tuple[str, str]]) -> str:
    if fmt == "json":
        return json.dumps([{"title": t, "body": b} for t, b in items], ensure_ascii=False, indent=1)
    if fmt == "yml":
        return yaml.safe_dump([{"title": t, "body": b} for t, b in items], allow_unicode=True, sort_keys=False)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["title", "body"])
    writer.writerows(items)
    return buf.getvalue()


@given(fmt=st.sampled_from(["json", "yml", "csv"]), items=bodies)
def test_sources_round_trip_bodies(fmt: str, items: list[tuple[str, str]]) -> None:
    """Macros written by the standard library's writers read back with the same bodies."""
    from replylint.sources import parse_source

    EXAMPLES["sources_roundtrip"] += 1
    items = [(t, b) for t, b in items if b.strip() and "\x00" not in b and "\r" not in b]
    if fmt == "yml":  # PyYAML's own dump/load does not round-trip these line-break characters
        items = [(t, b) for t, b in items if not any(c in t + b for c in "\x85\u2028\u2029")]
    assume(items)
    text = _dump(fmt, items)
    source = parse_source(f"macros.{fmt}", text)
    got = [m.body for m in source.macros]
    assert got == [b for _, b in items]
    for m in source.macros:
        for i in range(len(m.body)):
            assert 0 <= m.offsets(i) < len(text)


# -- the Checker's parse shortcuts change nothing -----------------------------------------------------


def test_skipping_ner_on_customer_messages_changes_no_report(checker) -> None:  # type: ignore[no-untyped-def]
    """The Checker parses customer messages without NER (no analyzer reads their entities).

    Guard for that shortcut: over the labelled corpus, every report equals the one computed with
    the full pipeline on customer messages. If an analyzer starts reading entities of the customer
    message, this fails: remove "ner" from ``checker.CUSTOMER_SKIPPED_COMPONENTS``.
    """
    import copy

    from conftest import load_corpus

    assert "ner" in checker.customer_disable
    full = copy.copy(checker)  # the same compiled rules and packs; only the shortcut differs
    full.customer_disable = ()
    rows = [r for name in ("dev.jsonl", "email-dev.jsonl") for r in load_corpus(name) if r.get("reply")]
    pairs = [(r["reply"], r["customer"]) for r in rows]
    fast = checker.check_many(pairs)
    slow = full.check_many(pairs)
    for (draft, _), a, b in zip(pairs, fast, slow, strict=False):
        assert a.model_dump() == b.model_dump(), draft[:80]
