"""Answer matching: does the draft answer each customer question, and which sentence does."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from spacy.tokens import Span

from replylint.analysis.answers import AnswerFact, AnswerMatcher, AnswerOptions, LexicalSimilarity, Similarity
from replylint.analysis.mail import clean_customer
from replylint.analysis.questions import QuestionExtractor, QuestionFact

# (customer, draft, expected answered flag per extracted question, phrase the answering sentence contains)
ANSWER_CASES: list[tuple[str, str, list[bool], str | None]] = [
    # when -> a date or time
    (
        "When will my refund arrive?",
        "Thanks for your patience. Your refund was issued today and should reach your card within 5 business days.",
        [True],
        "within 5 business days",
    ),
    # how much -> an amount
    (
        "how much is express shipping to Ireland",
        "Express shipping to Ireland is €12.50 and arrives in two days.",
        [True],
        "€12.50",
    ),
    # yes/no -> an affirmation about the same thing
    ("Do you ship to Canada?", "Yes, we ship to Canada with tracked delivery.", [True], "Yes"),
    # how -> instructions
    (
        "How do I change my password?",
        "Go to Settings > Security and tap Change password, then follow the steps.",
        [True],
        "Settings",
    ),
    # why -> a reason
    (
        "Why was I charged twice?",
        "You were charged twice because the first payment timed out and was retried; the duplicate is refunded.",
        [True],
        "because",
    ),
    # request -> a commitment
    (
        "please cancel my subscription",
        "Done! I've cancelled your subscription and you won't be billed again.",
        [True],
        "cancelled",
    ),
    # request -> declined with a reason
    (
        "can you refund my ebook?",
        "Unfortunately we can't refund ebooks once they have been downloaded, as our terms explain.",
        [True],
        "Unfortunately",
    ),
    # only a deflection to DM: not an answer
    (
        "Where is my order? It was due Monday.",
        "We're sorry to hear that! Please DM us your order number so we can look into this.",
        [False],
        None,
    ),
    # only a clarifying question: not an answer
    ("Why does the app crash when I open it?", "Which phone model and app version are you using?", [False], None),
    # two questions, one skipped
    (
        "Can I change my delivery address? And how much is express shipping?",
        "You can change the delivery address from the Orders page in your account.",
        [True, False],
        "Orders page",
    ),
    # several questions in one email: the skipped one is reported
    (
        "We're evaluating your API.\n1. Is there a rate limit on the orders endpoint?\n"
        "2. What's the pricing for more than 10k calls per month?",
        "Thanks for your interest! Yes, the orders endpoint allows 100 requests per minute.",
        [True, False],
        "Yes",
    ),
    # "we do deliver on Saturdays" says yes to Saturdays, not to changing the address
    (
        "My order hasn't arrived. When will it arrive? Can I change the delivery address to my office? "
        "And do you deliver on Saturdays?",
        "Your order is out for delivery and will arrive tomorrow. We do deliver on Saturdays between 9am and 1pm.",
        [True, False, True],
        "tomorrow",
    ),
    # a general pointer is not an answer; a link about the question is
    ("How do I reset my password?", "Please see our FAQ: https://help.example.com/faq", [False], None),
    (
        "How do I reset my password?",
        "Here's how to reset your password: https://help.example.com/reset-password",
        [True],
        "reset your password",
    ),
    # talking about the request is not doing it or declining it
    ("can you waive the late fee? I was in hospital", "Late fees are set by our billing system.", [False], None),
    # a when-question needs a time, a how-much question an amount, even when the words match
    (
        "My parcel hasn't arrived. When will it be delivered? Also, can I change the delivery address?",
        "Thanks for getting in touch! You can change the delivery address from the Orders page in your account.",
        [False, True],
        None,
    ),
    (
        "How much does the premium plan cost per month?",
        "Thanks for your interest in our plans! Let us know if there's anything else.",
        [False],
        None,
    ),
    # a status question is answered by what happened / will happen
    (
        "you lost my bag on flight 88. any update??",
        "We're so sorry. Your bag has been located and will be delivered to your address by 8pm tonight.",
        [True],
        "delivered",
    ),
    # "discontinued" is a no
    (
        "do you still sell the vegan sausage rolls?",
        "Hi, sorry to say they've been discontinued.",
        [True],
        "discontinued",
    ),
    # a generic plea is handled by troubleshooting steps
    (
        "please help my outlook keeps asking for my password every 5 minutes",
        "Let's fix that! Try removing your account from Outlook and adding it again.",
        [True],
        None,
    ),
    # a pointer that is about the request answers it
    (
        "I need to change the name on my booking, my passport has my middle name",
        "Hi, you can correct a name free of charge via Manage Booking on our website within 14 days.",
        [True],
        "Manage Booking",
    ),
    # with several questions, a sentence with none of this one's words does not answer it
    (
        "Where is my parcel? Can I change the delivery address?",
        "Thanks for reaching out! You can change the address from the Orders page.",
        [False, True],
        None,
    ),
    # the customer's own words quoted under the reply answer nothing
    (
        "Is there an outage in Leeds?",
        "Thanks for your message, we are checking.\n\nOn Mon, 3 Jun 2024 at 10:00, Ann <ann@example.com> wrote:\n"
        "> Is there an outage in Leeds?",
        [False],
        None,
    ),
    # promising to look into it is not doing it
    (
        "please fix the sync, it has been broken for a week",
        "Thanks for flagging this. We'll look into it.",
        [False],
        None,
    ),
    # a request met with a hedge is not handled
    ("please open a store in Leeds", "Hopefully we'll get there at some point!", [False], None),
]


@pytest.fixture(scope="module")
def tools(nlp):  # type: ignore[no-untyped-def]
    return QuestionExtractor(nlp.vocab), AnswerMatcher(nlp.vocab)


def run(
    nlp, tools, customer: str, draft: str, matcher: AnswerMatcher | None = None
) -> tuple[list[QuestionFact], list[AnswerFact], str]:  # type: ignore[no-untyped-def]
    extractor, default = tools
    cdoc = nlp(clean_customer(customer))
    ddoc = nlp(draft)
    qs = extractor.extract(cdoc)
    return qs, (matcher or default).match(qs, cdoc, ddoc), ddoc.text


@pytest.mark.parametrize(
    ("customer", "draft", "expected", "phrase"), ANSWER_CASES, ids=[c[0][:40] for c in ANSWER_CASES]
)
def test_answer_cases(nlp, tools, customer: str, draft: str, expected: list[bool], phrase: str | None) -> None:  # type: ignore[no-untyped-def]
    qs, facts, text = run(nlp, tools, customer, draft)
    assert len(qs) == len(expected), [q.text for q in qs]
    assert [f.answered for f in facts] == expected, [(f.question.text, f.score, f.reason) for f in facts]
    for f in facts:
        assert f.question in qs
        assert 0.0 <= f.score <= 1.0 and f.reason
        if f.answered:
            assert f.start is not None and f.end is not None
            if phrase is not None and f is facts[expected.index(True)]:
                assert phrase in text[f.start : f.end], (text[f.start : f.end], f.reason)


def test_reason_names_shared_words_and_type(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    _, (f,), _ = run(nlp, tools, "When will my refund arrive?", "Your refund will arrive on Friday.")
    assert f.answered
    assert "refund" in f.reason and "time" in f.reason


def test_unanswered_reason_mentions_the_topic(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    _, (f,), _ = run(nlp, tools, "How do I reset my router?", "Please DM us your account number.")
    assert not f.answered
    assert "DM" in f.reason or "router" in f.reason


def test_unanswered_reason_uses_the_customers_words_and_the_missing_piece(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    _, (f,), _ = run(nlp, tools, "When will my refund arrive?", "Your refund request was received by our billing team.")
    assert not f.answered
    assert "'refund'" in f.reason and "time" in f.reason, f.reason
    _, (g,), _ = run(nlp, tools, "can you waive the late fee?", "Late fees are set by our billing system.")
    assert not g.answered and "'fee'" in g.reason and "~" not in g.reason, g.reason


def test_deflection_answers_option(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    customer, draft = "Where is my order?", "Please DM us your order number and we'll check."
    _, (strict,), _ = run(nlp, tools, customer, draft)
    lenient = AnswerMatcher(nlp.vocab, AnswerOptions(deflection_answers=True, threshold=0.2))
    _, (loose,), _ = run(nlp, tools, customer, draft, lenient)
    assert not strict.answered and loose.answered


def test_extra_synonyms_raise_the_score(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    customer = "Will the rebate show up on my statement? I have two cards."
    draft = "The cashback appears on your next statement."
    _, plain, _ = run(nlp, tools, customer, draft)
    widened = AnswerMatcher(nlp.vocab, AnswerOptions(extra_synonyms={"rebate": ["cashback"]}))
    _, wide, _ = run(nlp, tools, customer, draft, widened)
    assert "rebate" in wide[0].reason and wide[0].score > plain[0].score


def test_similarity_backend_is_pluggable(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    class Always(LexicalSimilarity):
        def similarity(
            self,
            question: QuestionFact,
            question_concepts: frozenset[str],
            sentence: Span,
            sentence_concepts: frozenset[str],
        ) -> float:
            return 1.0

    assert isinstance(Always(), Similarity)
    customer, draft = "Is the blue model waterproof?", "It comes with a two-year warranty."
    _, (lexical,), _ = run(nlp, tools, customer, draft)
    _, (custom,), _ = run(nlp, tools, customer, draft, AnswerMatcher(nlp.vocab, similarity=Always()))
    assert custom.score > lexical.score


def test_options_validate() -> None:
    with pytest.raises(ValueError):
        AnswerOptions(threshold=1.5)
    with pytest.raises(ValueError):
        AnswerOptions(unknown=1)  # type: ignore[call-arg]


def test_match_is_thread_safe(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    extractor, matcher = tools
    pairs = [(nlp(clean_customer(c)), nlp(d)) for c, d, _, _ in ANSWER_CASES]
    qs = [extractor.extract(c) for c, _ in pairs]
    serial = [matcher.match(q, c, d) for q, (c, d) in zip(qs, pairs, strict=False)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda a: matcher.match(a[0], *a[1]), zip(qs, pairs, strict=False)))
    assert serial == parallel


def test_no_questions_no_answers(nlp, tools) -> None:  # type: ignore[no-untyped-def]
    _, facts, _ = run(nlp, tools, "Thanks, all sorted now!", "Glad to hear it!")
    assert facts == []


@pytest.mark.parametrize("draft", ["", "   ", "Thanks!", "https://example.com", "?", "😀", "-- \nSam", "a" * 3000])
def test_odd_drafts_do_not_break(nlp, tools, draft: str) -> None:  # type: ignore[no-untyped-def]
    qs, facts, text = run(nlp, tools, "Where is my order? Please refund me.", draft)
    assert len(facts) == len(qs) == 2
    for f in facts:
        assert (f.start is None) == (f.end is None)
        if f.start is not None:
            assert 0 <= f.start < f.end <= len(text)


# --- helpers of the 2026-11 speed work: each fast path against the plain computation it replaces

_SPEED_DRAFTS = [
    "Hi Sam,\n\nThanks for reaching out! I've refunded the $12.99 charge from Acme Corp; it reaches your "
    "Visa card by Friday.\n\nIf the Garmin Connect app still shows the old plan, log out and back in.\n\n- Becky",
    "We're sorry! Please DM us your order number and delivery address so our London team can look into it. ^MM",
    "The Premium Family plan costs £16.99 a month. You can switch at https://example.com/plans any time.",
]


@pytest.mark.parametrize("draft", _SPEED_DRAFTS)
def test_sentence_phrases_from_doc_lists_match_span_lookups(nlp, tools, draft: str) -> None:  # type: ignore[no-untyped-def]
    from replylint.analysis.doccache import noun_chunks_in

    _extractor, matcher = tools
    doc = nlp(draft)
    ents = list(doc.ents)
    chunks = noun_chunks_in(doc[0 : len(doc)])
    for sent in matcher._split(doc):
        sent_ents = [e for e in ents if e.start >= sent.start and e.end <= sent.end]
        sent_chunks = [c for c in chunks if c.start >= sent.start and c.end <= sent.end]
        assert [(e.start, e.end) for e in sent_ents] == [(e.start, e.end) for e in sent.ents]
        assert [(c.start, c.end) for c in sent_chunks] == [(c.start, c.end) for c in noun_chunks_in(sent)]
        assert AnswerMatcher._phrases(sent, sent_ents, sent_chunks) == AnswerMatcher._phrases(sent)
        assert matcher._concepts(sent, list(sent)) == matcher._concepts(sent)


def test_placeholder_prefilter_and_lookahead_keep_every_match() -> None:
    import re

    from replylint import normalize

    plain = re.compile(normalize._PLACEHOLDER_RE.pattern.replace("(?=[{\\[%<TFX])(?:", "", 1)[:-1])
    texts = [
        "Hi {{ customer.first_name }}, order [ORDER ID] %ORDER% <insert date> TODO XX {% if x %} {x_y}",
        "Hi {{name}, closed}} here XXX TBD FIXME [customer name]",
        "No placeholders at all, just $5 and a_b.",
    ]
    for text in texts:
        spans = [(m.start(), m.end(), m.lastgroup) for m in normalize._PLACEHOLDER_RE.finditer(text)]
        assert spans == [(m.start(), m.end(), m.lastgroup) for m in plain.finditer(text)]
        if not normalize._may_hold_placeholder(text):
            assert normalize.find_placeholders(text) == []
    assert not normalize._may_hold_placeholder("Thanks, your refund is on its way.")
