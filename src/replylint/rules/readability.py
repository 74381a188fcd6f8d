"""readability: sentences short enough and a reading grade low enough for the channel."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, LENGTH
from spacy.tokens import Doc, Span

from replylint.analysis.doccache import doc_text
from replylint.analysis.grade import flesch_kincaid_grade
from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import channel_of, not_authored, word_flags, word_indices

ChannelName = Literal["email", "chat", "social"]


class ReadabilityOptions(RuleOptions):
    channel: ChannelName | None = Field(default=None, description="email / chat / social (None: email)")
    max_sentence_words: int | None = Field(
        default=None,
        ge=5,
        description="longest sentence in words (None: channel default, email 30, chat 20, social 25)",
    )
    max_grade: float | None = Field(
        default=None, ge=1, description="Flesch-Kincaid grade ceiling for the draft (None: channel default)"
    )
    min_words_for_grade: int = Field(
        default=40,
        ge=1,
        description="grade the draft only when it has at least this many words (short texts score erratically)",
    )
    check_grade: bool = Field(default=True, description="check the reading grade as well as sentence length")


def segments(doc_sents: list[Span]) -> list[Span]:
    """Sentences, split again at line breaks: list items and headings are separate units even
    when the parser runs them together ("Things to try:\n\n- Can you ...")."""
    out: list[Span] = []  # (Span(doc, a, b) is doc[a:b] without its slice normalisation)
    starts: list[int] = []  # each token's start in the text of ``starts_of``
    starts_of: Doc | None = None
    for k, sent in enumerate(doc_sents):
        doc = sent.doc
        text = doc_text(doc)
        # with the last whitespace: where the next token starts (the next sentence's start, when
        # it is the next one in the list; Doc[i] builds a Token)
        nxt = doc_sents[k + 1] if k + 1 < len(doc_sents) else None
        if sent.end >= len(doc):
            end = len(text)
        elif nxt is not None and nxt.doc is doc and nxt.start == sent.end:
            end = nxt.start_char
        else:
            end = doc[sent.end].idx
        # Only tokens with a line break in their text or in the whitespace after them split a
        # sentence: visit just those (found with str.find), in order, not every token.
        p = text.find("\n", sent.start_char, end)
        if p < 0:
            out.append(Span(doc, sent.start, sent.end))
            continue
        if starts_of is not doc:
            starts, starts_of = doc.to_array(IDX).tolist(), doc
        start = sent.start
        seen = -1
        while p >= 0:
            i = bisect.bisect_right(starts, p) - 1
            if i != seen:
                seen = i
                tok = doc[i]
                if tok.is_space and "\n" in tok.text:
                    if tok.i > start:
                        out.append(Span(doc, start, tok.i))
                    start = tok.i + 1
                elif "\n" in tok.whitespace_ and tok.i + 1 < sent.end:
                    out.append(Span(doc, start, tok.i + 1))
                    start = tok.i + 1
            p = text.find("\n", p + 1, end)
        if start < sent.end:
            out.append(Span(doc, start, sent.end))
    return out


@dataclass(frozen=True)
class _Tokens:
    """What the rule reads of each token of a doc, as plain lists read in one pass (a spaCy
    ``Token`` object per access made the rule several times slower)."""

    text: str  # the doc's text
    start: list[int]  # where each token starts in ``text``
    length: list[int]  # ... and its length
    alpha: list[int]  # is_alpha
    punct: list[int]  # is_punct
    word: list[bool]  # is_word (see ``replylint.rules.length``)

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        rows = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_PUNCT]).T.tolist() if len(doc) else [[]] * 4
        return cls(doc_text(doc), rows[0], rows[1], rows[2], rows[3], word_flags(doc))

    def token_text(self, i: int) -> str:
        return self.text[self.start[i] : self.start[i] + self.length[i]]

    def words_and_punctuation(self, sent: Span) -> str:
        """``"".join(t.text_with_ws for t in sent if is_word(t) or t.is_punct)``: each run of
        kept tokens is one slice of the text (a token's text and whitespace reach the next token)."""
        text, start, word, punct = self.text, self.start, self.word, self.punct
        parts: list[str] = []
        run = -1  # first token of the current run of kept tokens
        for i in range(sent.start, sent.end):
            if word[i] or punct[i]:
                if run < 0:
                    run = i
            elif run >= 0:
                parts.append(text[start[run] : start[i]])
                run = -1
        if run >= 0:
            parts.append(text[start[run] : start[sent.end] if sent.end < len(start) else len(text)])
        return "".join(parts)

    def is_prose(self, ws: list[int]) -> bool:
        """Code, version lists and link dumps are not prose sentences: skip them (``ws``: the
        sentence's words)."""
        if not ws:
            return False
        alpha = sum(1 for i in ws if self.alpha[i])
        return alpha >= 0.7 * len(ws)

    def reading_words(self, doc: Doc, ws: list[int]) -> list[int]:
        """Words a reader processes one by one: with letters (numbers and codes are read as
        chunks), without a leading greeting vocative ("Hi Thomas,")."""
        # is_alpha (all letters) settles most words without reading their text
        alpha = self.alpha
        ws = [i for i in ws if alpha[i] or any(map(str.isalpha, self.token_text(i)))]
        if ws and doc[ws[0]].lower_ in _GREETINGS:
            for k, i in enumerate(ws[:4]):
                if i + 1 < len(self.start) and self.token_text(i + 1) in (",", "!"):
                    ws = ws[k + 1 :]
                    break
        return ws


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
        "busy readers give up. Defaults: sentences up to 30 words in email, 20 in chat, 25 in social."
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
        Example(
            draft="The courier will text you the delivery time once it's booked.",
            options={"channel": "chat"},
            expect="passed",
        ),
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
        n_words = 0  # words in the prose sentences
        first_word = 0  # where the first prose sentence's first word starts
        skip = not_authored(ctx)
        doc = ctx.draft_doc
        toks = _Tokens.of(doc)
        for sent in segments(list(doc.sents)):
            ws = word_indices(sent)
            if not ws or toks.start[ws[0]] in skip or not toks.is_prose(ws):
                continue
            if not prose:
                first_word = toks.start[ws[0]]
            prose.append(sent)
            n_words += len(ws)
            n = len(toks.reading_words(doc, ws))
            if max_words is not None and n > int(max_words):
                a, b = _trim(text, toks.start[ws[0]], sent.end_char)
                hits.append(
                    Hit(
                        a,
                        b,
                        f"this sentence has {n} words (the {channel} ceiling is {max_words})",
                        "Split it: one idea per sentence, the action first",
                    )
                )
        evidence: list[Evidence] = []
        if options.check_grade and max_grade is not None and prose:
            if n_words >= options.min_words_for_grade:
                clean = " ".join(toks.words_and_punctuation(s).strip().rstrip(".!?:;") + "." for s in prose)
                grade = float(flesch_kincaid_grade(clean))
                a, b = _trim(text, first_word, prose[-1].end_char)
                if grade > float(max_grade):
                    hits.append(
                        Hit(
                            a,
                            b,
                            f"reading grade {grade:.1f} is above the {channel} ceiling of {max_grade}",
                            "Use shorter sentences and everyday words",
                        )
                    )
                else:
                    evidence.append(Evidence(a, b, f"grade {grade:.1f}"))
        if hits:
            return Outcome.failed(hits)
        return Outcome.passed(evidence)
