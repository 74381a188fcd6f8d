"""What the analyzer reports: :class:`ActFact` with character offsets, and how facts are made and
deduplicated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import doc_text

Matches = dict[str, list[Span]]


@dataclass(frozen=True, slots=True)
class ActFact:
    """One speech act found in a text: a label and character offsets into the text."""

    label: str
    start: int
    end: int
    text: str


def _fact(label: str, doc: Doc, start_char: int, end_char: int) -> ActFact:
    return ActFact(label=label, start=start_char, end=end_char, text=doc_text(doc)[start_char:end_char])


def _span_fact(label: str, span: Span) -> ActFact:
    return _fact(label, span.doc, span.start_char, span.end_char)


def _tokens_fact(label: str, tokens: Iterable[Token]) -> ActFact:
    toks = sorted(tokens, key=lambda t: t.i)
    doc = toks[0].doc
    return _fact(label, doc, toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _dedupe(facts: Iterable[ActFact]) -> list[ActFact]:
    """Sorted by position; a fact contained in an earlier-kept one of the same kind is dropped."""
    out: list[ActFact] = []
    # Every kept fact starts at or before f (sorted), so f lies inside one of them exactly when
    # the furthest end kept so far reaches f's end: linear, not quadratic, in the facts.
    furthest = -1
    for f in sorted(facts, key=lambda f: (f.start, -(f.end - f.start))):
        if furthest >= f.end:
            continue
        out.append(f)
        furthest = max(furthest, f.end)
    return out
