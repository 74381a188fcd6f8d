"""Per-doc caches of what spaCy recomputes on every access.

``Doc.text`` rebuilds the string each time, and ``Span.noun_chunks`` walks the noun chunks of the
whole document: called once per fact or per sentence, both made a check quadratic in the length
of the text. The caches live in ``doc.user_data``, so they belong to one check's doc (no shared
state between threads).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")

_TEXT = "replylint.text"
_CHUNKS = "replylint.noun_chunks"
_CHUNK_STARTS = "replylint.noun_chunk_starts"


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
        doc.user_data[_CHUNK_STARTS] = [s for s, _ in cached]
    starts = doc.user_data[_CHUNK_STARTS]
    i = bisect.bisect_left(starts, span.start)
    out: list[Span] = []
    while i < len(cached) and cached[i][0] < span.end:
        s, e = cached[i]
        if e <= span.end:
            out.append(doc[s:e])
        i += 1
    return out


class Within(Generic[T]):
    """Items with a ``(start, end)`` range (token or character offsets), found by the range that
    contains them: ``inside(a, b)`` is ``[x for x in items if a <= start(x) and end(x) <= b]``
    (same order), in time proportional to the items that start in ``[a, b]`` instead of all of
    them. Asked once per sentence, a scan of all items made a long text quadratic."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self._items = list(items)
        self._bounds = [bounds(x) for x in self._items]
        self._order = sorted(range(len(self._items)), key=lambda k: self._bounds[k][0])
        self._starts = [self._bounds[k][0] for k in self._order]

    def __len__(self) -> int:
        return len(self._items)

    def inside(self, a: int, b: int) -> list[T]:
        lo = bisect.bisect_left(self._starts, a)
        hi = bisect.bisect_right(self._starts, b)
        if hi - lo <= 1:
            ks = self._order[lo:hi]
        else:
            ks = sorted(self._order[lo:hi])  # back in the items' own order
        return [self._items[k] for k in ks if self._bounds[k][1] <= b]

    def any_inside(self, a: int, b: int) -> bool:
        lo = bisect.bisect_left(self._starts, a)
        hi = bisect.bisect_right(self._starts, b)
        return any(self._bounds[k][1] <= b for k in self._order[lo:hi])


class Ranges:
    """Character ranges ``(start, end)``, asked whether any overlaps a range, contains a point or
    starts inside an interval, each in log time (a scan of all ranges per fact made a long text
    quadratic). The answers are exactly those of the scans named on each method."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(ranges)
        self._starts = [a for a, _ in pairs]
        #: the furthest end among the ranges up to each (sorted by start)
        self._reach: list[int] = []
        furthest: int | None = None
        for _, b in pairs:
            furthest = b if furthest is None else max(furthest, b)
            self._reach.append(furthest)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, a: int, b: int) -> bool:
        """``any(a < end and start < b for start, end in ranges)``"""
        k = bisect.bisect_left(self._starts, b)  # the ranges with start < b
        return k > 0 and self._reach[k - 1] > a

    def contains(self, point: int) -> bool:
        """``any(start <= point < end for start, end in ranges)``"""
        return self.overlaps(point, point + 1) if self._starts else False

    def covers(self, a: int, b: int) -> bool:
        """``any(start <= a and b <= end for start, end in ranges)``"""
        k = bisect.bisect_right(self._starts, a)  # the ranges with start <= a
        return k > 0 and self._reach[k - 1] >= b

    def starts_within(self, a: int, b: int) -> bool:
        """``any(a <= start < b for start, end in ranges)``"""
        k = bisect.bisect_left(self._starts, a)
        return k < len(self._starts) and self._starts[k] < b
