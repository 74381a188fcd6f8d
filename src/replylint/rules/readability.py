"""readability: sentences short enough and a reading grade low enough for the channel."""

from __future__ import annotations

from typing import Any, Literal

import textstat
from pydantic import Field
from spacy.tokens import Span

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import channel_of, is_word, not_authored, words

ChannelName = Literal["email", "chat", "social"]


class ReadabilityOptions(RuleOptions):
    channel: ChannelName | None = Field(default=None, description="email / chat / social (None: email)")
    max_sentence_words: int | None = Field(
        default=None, ge=5, description="longest sentence in words (None: channel default, email 30, chat/social 20)"
    )
    max_grade: float | None = Field(
        default=None, ge=1, description="Flesch-Kincaid grade ceiling for the draft (None: channel default)"
    )
    min_words_for_grade: int = Field(
        default=40, ge=1, description="grade the draft only when it has at least this many words (short texts score erratically)"
    )
    check_grade: bool = Field(default=True, description="check the reading grade as well as sentence length")


def segments(doc_sents: list[Span]) -> list[Span]:
    """Sentences, split again at line breaks: list items and headings are separate units even
    when the parser runs them together ("Things to try:\n\n- Can you ...")."""
    out: list[Span] = []
    for sent in doc_sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    out.append(sent.doc[start : tok.i])
                start = tok.i + 1
            elif "\n" in tok.whitespace_ and tok.i + 1 < sent.end:
                out.append(sent.doc[start : tok.i + 1])
                start = tok.i + 1
        if start < sent.end:
            out.append(sent.doc[start : sent.end])
    return out


def _is_prose(sent: Span) -> bool:
    """Code, version lists and link dumps are not prose sentences: skip them."""
    ws = words(sent)
    if not ws:
        return False
    alpha = sum(1 for t in ws if t.is_alpha)
    return alpha >= 0.7 * len(ws)


def _reading_words(sent: Span) -> list[str]:
    """Words a reader processes one by one: with letters (numbers and codes are read as chunks),
    without a leading greeting vocative ("Hi Thomas,")."""
    ws = [t for t in words(sent) if any(c.isalpha() for c in t.text)]
    if ws and ws[0].lower_ in _GREETINGS:
        for k, t in enumerate(ws[:4]):
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.text in (",", "!"):
                ws = ws[k + 1 :]
                break
    return [t.text for t in ws]


_GREETINGS = {"hi", "hello", "hey", "dear", "hiya", "morning"}


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


class Readability(Rule):
    id = "readability"
    summary = "Sentences stay short and the reading grade stays low enough for the channel."
    why = (
        "Customers skim support replies, often on a phone and often stressed. A 40-word sentence "
        "hides the one instruction they need; a high reading grade makes non-native speakers and "
        "busy readers give up. Defaults: sentences up to 30 words in email, 20 in chat and social."
    )
    default_severity = Severity.INFO
    Options = ReadabilityOptions
    bad = (
        Example(
            draft=(
                "In order to ensure that your account remains secure while we look into the unusual sign-in "
                "activity that was detected on it yesterday evening, we have temporarily restricted access to "
                "payments and would ask you to reset your password from the settings page."
            ),
            note="one 45-word sentence",
        ),
        Example(
            draft="Once the courier has confirmed the new delivery slot with the depot we will send you a text message with the exact time window.",
            options={"channel": "chat"},
            note="24 words is long for chat",
        ),
    )
    good = (
        Example(
            draft=(
                "We noticed an unusual sign-in on your account yesterday evening. To keep it safe, we've paused "
                "payments for now. Please reset your password from the Settings page, and payments will work again."
            ),
            expect="passed",
        ),
        Example(draft="The courier will text you the delivery time once it's booked.", options={"channel": "chat"}, expect="passed"),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, ReadabilityOptions)
        data = ctx.toolkit.data
        channel = channel_of(ctx, options.channel)
        max_words = options.max_sentence_words
        if max_words is None:
            max_words = data.get("readability_max_sentence_words", {}).get(channel, 30)
        max_grade = options.max_grade
        if max_grade is None:
            max_grade = data.get("readability_max_grade", {}).get(channel)
        text = ctx.draft
        hits: list[Hit] = []
        prose: list[Span] = []
        skip = not_authored(ctx)
        for sent in segments(list(ctx.draft_doc.sents)):
            ws0 = words(sent)
            if not ws0 or ws0[0].idx in skip or not _is_prose(sent):
                continue
            prose.append(sent)
            n = len(_reading_words(sent))
            if max_words is not None and n > int(max_words):
                ws = words(sent)
                a, b = _trim(text, ws[0].idx, sent.end_char)
                hits.append(
                    Hit(a, b, f"this sentence has {n} words (the {channel} ceiling is {max_words})",
                        "Split it: one idea per sentence, the action first")
                )
        evidence: list[Evidence] = []
        if options.check_grade and max_grade is not None and prose:
            clean = " ".join(
                "".join(t.text_with_ws for t in s if is_word(t) or t.is_punct).strip().rstrip(".!?:;") + "."
                for s in prose
            )
            n_words = sum(len(words(s)) for s in prose)
            if n_words >= options.min_words_for_grade:
                grade = float(textstat.flesch_kincaid_grade(clean))
                a, b = _trim(text, words(prose[0])[0].idx, prose[-1].end_char)
                if grade > float(max_grade):
                    hits.append(
                        Hit(a, b, f"reading grade {grade:.1f} is above the {channel} ceiling of {max_grade}",
                            "Use shorter sentences and everyday words")
                    )
                else:
                    evidence.append(Evidence(a, b, f"grade {grade:.1f}"))
        if hits:
            return Outcome.failed(hits)
        return Outcome.passed(evidence)
