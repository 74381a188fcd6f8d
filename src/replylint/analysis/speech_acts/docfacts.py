"""Per-doc facts computed once and kept in ``doc.user_data``: sentence bounds, the token table,
question segments, quoted ranges."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import doc_text
from replylint.analysis.speech_acts.quoted import quoted_ranges
from replylint.analysis.speech_acts.segments import _question_segments_at
from replylint.analysis.speech_acts.table import _Table

# --- per-doc facts ---------------------------------------------------------------------------
_DOC_FACTS = "replylint.speech_acts"


class _DocFacts:
    """Facts about one doc that the analyses ask for token by token, computed once per doc.

    ``Token.sent`` checks the doc's annotation and walks out to the sentence edges on every access,
    and the question segments of a sentence were recomputed by every analysis that skips
    questions: both made a check quadratic in the length of the text. Only integers are kept
    (no Token or Span), so the doc does not reference itself through ``user_data``. Each fact is
    computed when first asked for, so a doc without sentence boundaries fails only where it did.
    """

    __slots__ = ("_bounds", "_index", "_qids", "_qsegs", "_quoted", "_table")

    def __init__(self) -> None:
        self._bounds: list[tuple[int, int]] | None = None
        self._index: list[int] = []
        self._table: _Table | None = None
        self._qsegs: list[list[list[int]]] | None = None
        self._qids: frozenset[int] | None = None
        self._quoted: list[tuple[int, int]] | None = None

    def sentences(self, doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
        """(start, end) token offsets of each sentence, and the sentence number of each token."""
        if self._bounds is None:
            bounds = [(s.start, s.end) for s in doc.sents]
            index = [0] * len(doc)
            for k, (start, end) in enumerate(bounds):
                index[start:end] = [k] * (end - start)
            self._bounds, self._index = bounds, index
        return self._bounds, self._index

    def table(self, doc: Doc) -> _Table:
        """The token attributes of the doc as plain lists."""
        if self._table is None:
            try:
                bounds, index = self.sentences(doc)
                sent_start: list[int] | None = [bounds[k][0] for k in index]
            except ValueError:  # no sentence boundaries: only the walks that need them fail
                sent_start = None
            self._table = _Table(doc, sent_start)
        return self._table

    def question_segments(self, doc: Doc) -> list[list[list[int]]]:
        """Token offsets of :func:`question_segments` of each sentence."""
        if self._qsegs is None:
            bounds = self.sentences(doc)[0]
            table = self.table(doc)
            self._qsegs = [_question_segments_at(table, s, e) for s, e in bounds]
        return self._qsegs

    def question_ids(self, doc: Doc) -> frozenset[int]:
        """Offsets of the tokens inside a question segment."""
        if self._qids is None:
            self._qids = frozenset(i for segs in self.question_segments(doc) for seg in segs for i in seg)
        return self._qids

    def quoted(self, doc: Doc) -> list[tuple[int, int]]:
        """:func:`quoted_ranges` of the doc's text."""
        if self._quoted is None:
            self._quoted = quoted_ranges(doc_text(doc))
        return self._quoted


def _table(doc: Doc) -> _Table:
    return _doc_facts(doc).table(doc)


def _doc_facts(doc: Doc) -> _DocFacts:
    facts = doc.user_data.get(_DOC_FACTS)
    if not isinstance(facts, _DocFacts):
        facts = _DocFacts()
        doc.user_data[_DOC_FACTS] = facts
    return facts


def _sent_bounds(tok: Token) -> tuple[int, int]:
    """(start, end) of ``tok.sent``."""
    bounds, index = _doc_facts(tok.doc).sentences(tok.doc)
    return bounds[index[tok.i]]


def _sent_of(tok: Token) -> Span:
    """``tok.sent``, without walking the doc."""
    start, end = _sent_bounds(tok)
    return tok.doc[start:end]


def _span_sent(span: Span) -> Span:
    """``span.sent`` (the sentence of the span's first token) of a non-empty span."""
    return _sent_of(span[0])


def _span_sent_bounds(span: Span) -> tuple[int, int]:
    """(start, end) of ``span.sent`` of a non-empty span."""
    return _sent_bounds(span[0])
