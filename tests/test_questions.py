"""Question and request extraction, and the customer-text cleaner it relies on."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from hard_cases import EMAIL_CASES, EXTRACTION_CASES
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.analysis.mail import clean_customer
from replylint.analysis.questions import QuestionExtractor, QuestionFact, _pack_path


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", "", text.lower()).split())


def _jaccard(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 1.0


@pytest.fixture(scope="module")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return QuestionExtractor(nlp.vocab)


def extract(nlp, extractor, text: str) -> list[QuestionFact]:  # type: ignore[no-untyped-def]
    return extractor.extract(nlp(clean_customer(text)))


def _assert_asks(facts: list[QuestionFact], expected: list[tuple[str, str]], text: str) -> None:
    got = [(f.text, f.answer_type) for f in facts]
    assert len(facts) == len(expected), f"{text!r}: expected {expected}, got {got}"
    for phrase, atype in expected:
        best = max(facts, key=lambda f: _jaccard(f.text, phrase))
        assert _jaccard(best.text, phrase) >= 0.5, f"{text!r}: no question covers {phrase!r}; got {got}"
        assert best.answer_type == atype, f"{text!r}: {phrase!r} typed {best.answer_type}, expected {atype}"


@pytest.mark.parametrize(("text", "expected"), EXTRACTION_CASES, ids=[c[0][:40] for c in EXTRACTION_CASES])
def test_hard_cases(nlp, extractor, text: str, expected: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    _assert_asks(extract(nlp, extractor, text), expected, text)


@pytest.mark.parametrize(("text", "expected", "absent"), EMAIL_CASES, ids=[c[0][:30] for c in EMAIL_CASES])
def test_email_cases(nlp, extractor, text: str, expected: list[tuple[str, str]], absent: list[str]) -> None:  # type: ignore[no-untyped-def]
    facts = extract(nlp, extractor, text)
    _assert_asks(facts, expected, text)
    for phrase in absent:
        assert all(phrase not in f.text for f in facts), f"{phrase!r} leaked into {[f.text for f in facts]}"


def test_offsets_point_into_the_original(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "@ShopHelp hi!! where is my order #1234?? it was due monday &amp; nothing. pls refund me https://t.co/x"
    facts = extract(nlp, extractor, text)
    assert facts, "expected the where-question and the refund request"
    for f in facts:
        assert text[f.start : f.end] == f.text
        assert "@ShopHelp" not in f.text and "https" not in f.text
    assert [f.start for f in facts] == sorted(f.start for f in facts)


def test_kinds_and_focus(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    (q,) = extract(nlp, extractor, "Could you please cancel my gym membership")
    assert q.kind == "request" and q.answer_type == "request"
    assert "cancel" in q.focus and "membership" in q.focus
    (q,) = extract(nlp, extractor, "I'm wondering why my invoice shows two charges")
    assert q.kind == "indirect" and q.answer_type == "why"
    assert 0.0 < q.confidence <= 1.0


def test_fact_for_a_known_span(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Order 55 never came. I was wondering how long a refund takes?"
    doc = nlp(clean_customer(text))
    start = text.index("I was")
    fact = extractor.fact_for_span(doc, start, len(text))
    assert fact.text == text[start:] and fact.kind == "indirect" and fact.answer_type == "when"
    assert "refund" in fact.focus
    req = extractor.fact_for_span(doc, 0, 19, "request")
    assert req.kind == "request" and req.answer_type == "request"


def test_extract_is_thread_safe_and_deterministic(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    texts = [c[0] for c in EXTRACTION_CASES]
    docs = [nlp(clean_customer(t)) for t in texts]
    serial = [extractor.extract(d) for d in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(extractor.extract, docs))
    assert serial == parallel


def test_pack_is_found_and_has_no_yaml_booleans() -> None:
    import yaml

    for name in ("questions.yml", "synonyms.yml"):
        path = _pack_path(name)
        assert path.is_file()
        data = yaml.safe_load(path.read_text(encoding="utf-8"))["data"]
        # unquoted yes/no/on/off load as booleans and silently drop out of phrase lists
        for key, value in data.items():
            items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
            assert not any(isinstance(v, bool) for v in items), f"{name}: {key} holds a YAML boolean; quote it"


def test_numbered_list_marker_is_not_part_of_the_question(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    facts = extract(nlp, extractor, "A few questions:\n1. Is there a rate limit on the API?\n2. Do you offer webhooks?")
    assert [f.text for f in facts] == ["Is there a rate limit on the API?", "Do you offer webhooks?"]


# --- the cleaner ---------------------------------------------------------------------------------
def test_clean_blanks_quoted_history_and_signature() -> None:
    text = (
        "Hi there -\nMy invoice is wrong, can you fix it?\n\nThanks,\nAnna\n\n"
        "On Tue, 4 Jun 2024 at 09:12, Billing <b@example.com> wrote:\n> Your invoice is attached."
    )
    out = clean_customer(text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(out) if c == "\n"]
    assert "can you fix it?" in out
    for gone in ("Hi there", "Anna", "wrote:", "attached"):
        assert gone not in out


def test_clean_blanks_mentions_urls_and_original_message() -> None:
    text = "@AcmeHelp @bob is my refund coming? see https://t.co/abc\n-----Original Message-----\nFrom: x"
    out = clean_customer(text)
    assert out.strip().startswith("is my refund coming?")
    assert "https" not in out and "Original" not in out and "From:" not in out


def test_clean_keeps_plain_messages() -> None:
    text = "where is my order, it was due on monday"
    assert clean_customer(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_clean_preserves_length_and_newlines(text: str) -> None:
    out = clean_customer(text)
    assert len(out) == len(text)
    assert all((a == "\n") == (b == "\n") for a, b in zip(text, out, strict=False))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\n",
        "@brand",
        "https://t.co/abc",
        "😡😡😡",
        "???",
        "?!?!",
        "...",
        "-- \nJohn",
        "please",
        "help",
        "why",
        "Hi,\n\nThanks,\nBob",
        "```\nTraceback (most recent call last):\n  File x\n```",
        "¿Dónde está mi pedido? Necesito ayuda",
        "a" * 5000,
        "why " * 300,
    ],
)
def test_odd_inputs_do_not_break(nlp, extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    cleaned = clean_customer(text)
    assert len(cleaned) == len(text)
    facts = extractor.extract(nlp(cleaned))
    for f in facts:
        assert text[f.start : f.end] == f.text and f.text.strip()
        assert 0.0 <= f.confidence <= 1.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "where is my order",
                "?",
                "please",
                "refund me",
                "I",
                "can you",
                "help",
                ",",
                ".",
                "!",
                "@brand",
                "\n",
                "why",
                "not sure how",
                "to",
                "fix",
                "it",
                "my",
                "thanks",
                "and",
                "or",
                "if",
                "the",
                "app",
                "crashes",
                "(",
                ")",
                '"',
            ]
        ),
        max_size=25,
    )
)
def test_extract_never_fails_and_offsets_hold(nlp, extractor, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(parts)
    for f in extractor.extract(nlp(clean_customer(text))):
        assert text[f.start : f.end] == f.text


# --- the necessary conditions _segments tests before calling each break test (speed work, 2026-11):
# where a condition fails, the break test must say "no break" on its own

_BREAK_TEXTS = [
    "my card got declined twice today Can you help me fix it please",
    "tried restarting, any ideas? charged when do i get my money back",
    "Please cancel my contract, I'm moving abroad. paid without getting premium what now",
    "fix your app it won't even open lol is that normal",
    "The app keeps crashing Ive tried reinstalling pls advise thanks",
    'Hi, the screen says "Permissions: Read your history" and I can\'t click "OK" what do I do',
]


@pytest.mark.parametrize("text", _BREAK_TEXTS)
def test_segment_break_prefilters_are_necessary(nlp, extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    from replylint.analysis.questions import _NEW_SUBJECTS, _PLEA_END_NEXT, _norm

    doc = nlp(text)
    toks = list(doc)
    sent_start = {t.i: t.sent.start for t in toks}
    for tok in toks:
        i, low = tok.i, _norm(tok)
        if i == 0:
            continue
        if not (low in extractor._please_any or tok.lower_ in _PLEA_END_NEXT):
            assert not extractor._please_break(toks, i)
        if not (tok.is_title or tok.is_upper):
            assert not extractor._runon_break(toks, i, sent_start[i])
        if not (low == "what" or low in extractor._wh or tok.tag_ == "MD" or tok.pos_ == "AUX"):
            assert not extractor._question_break(toks, i, sent_start[i])
        if tok.lower_ not in _NEW_SUBJECTS:
            assert not extractor._asyndetic_break(toks, i, sent_start[i])
        if i > 1 and toks[i - 1].text != ",":
            assert not extractor._comma_splice_break(toks, i, sent_start[i])
        if not extractor._is_please(tok):
            continue
        assert low in extractor._please_any


@pytest.mark.parametrize("text", _BREAK_TEXTS)
def test_inside_quotes_fast_path_matches_the_token_walk(nlp, extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    for tok in doc:
        n = 0
        j = tok.i - 1
        while j > max(-1, tok.i - 61) and "\n" not in doc[j].text and "\n" not in doc[j].whitespace_:
            n += doc[j].text in {'"', "\u201c", "\u201d", "``", "''"}
            j -= 1
        assert extractor._inside_quotes(doc, tok, 0) == (n % 2 == 1)
