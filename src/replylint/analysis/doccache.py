"""Per-doc caches of what spaCy recomputes on every access.

``Doc.text`` rebuilds the string each time, and ``Span.noun_chunks`` walks the noun chunks of the
whole document: called once per fact or per sentence, both made a check quadratic in the length
of the text. The caches live in ``doc.user_data``, so they belong to one check's doc (no shared
state between threads).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

_TEXT = "replylint.text"
_CHUNKS = "replylint.noun_chunks"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


def noun_chunks_in(span: Span) -> list[Span]:
    """The noun chunks inside ``span`` (as ``span.noun_chunks``), from one pass over the doc."""
    doc = span.doc
    cached = doc.user_data.get(_CHUNKS)
    if cached is None:
        cached = [(c.start, c.end) for c in doc.noun_chunks] if doc.has_annotation("DEP") else []
        doc.user_data[_CHUNKS] = cached
    starts = [s for s, _ in cached]
    i = bisect.bisect_left(starts, span.start)
    out: list[Span] = []
    while i < len(cached) and cached[i][0] < span.end:
        s, e = cached[i]
        if e <= span.end:
            out.append(doc[s:e])
        i += 1
    return out
