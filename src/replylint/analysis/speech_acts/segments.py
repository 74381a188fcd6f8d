"""Which parts of a sentence are questions to the reader, by form (not just a '?')."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from replylint.analysis.speech_acts.table import _Table
from replylint.analysis.speech_acts.words import _AUX_LEMMAS, _LEADING_FILLERS, _SECOND_PERSON, _WH_TAGS


# --- sentence shapes --------------------------------------------------------------------------
# These run once per sentence of every doc, so they read the doc's _Table (token offsets in,
# token offsets out) instead of Token objects.
def _filler_at(t: _Table, i: int) -> bool:
    """:func:`_is_filler` of token ``i``."""
    return t.space[i] or t.punct[i] or t.handle[i] or t.lower[i] in _LEADING_FILLERS or t.pos[i] == "INTJ"


def _first_content_at(t: _Table, ids: Sequence[int]) -> int | None:
    for i in ids:
        if not _filler_at(t, i):
            return i
    return None


def _ancestor_ids(t: _Table, i: int) -> Iterator[int]:
    """``Token.ancestors`` of token ``i``, as offsets."""
    cur = i
    steps = 0
    while t.head[cur] != cur and steps < t.n:
        cur = t.head[cur]
        yield cur
        steps += 1


_SEGMENT_ENDS = frozenset({",", ";", ":", "–", "—", "...", "…", ".", "!", "?"})


def _segments_at(t: _Table, start: int, end: int) -> list[list[int]]:
    """A sentence split at , ; : and dashes (clauses of a tweet often run together)."""
    texts, newline, ws = t.text, t.newline, t.ws
    # the offsets that end a segment, in one comprehension; then the segments between them
    cuts = [
        i
        for i in range(start, end)
        if texts[i] in _SEGMENT_ENDS or newline[i] or (texts[i] == "-" and (ws[i] or (i > 0 and ws[i - 1])))
    ]
    out: list[list[int]] = []
    first = start
    for cut in cuts:
        out.append(list(range(first, cut + 1)))
        first = cut + 1
    if first < end:
        out.append(list(range(first, end)))
    return out


def _interrogative_at(t: _Table, ids: Sequence[int], has_qmark: bool) -> bool:
    first = _first_content_at(t, ids)
    if first is None:
        return False
    if t.tag[first] in _WH_TAGS or t.lower[first] in ("y", "wat", "whats", "hows", "wheres"):
        return True
    # the next content word after the first
    nxt = next((i for i in ids if i > first and not _filler_at(t, i)), None)
    if t.pos[first] == "ADP" and nxt is not None and t.tag[nxt] in _WH_TAGS:
        return True  # "In what area are you located?"
    if t.lemma[first] in _AUX_LEMMAS or t.tag[first] == "MD":
        if nxt is not None and (
            t.lower[nxt] in _SECOND_PERSON
            or t.dep[nxt] in ("nsubj", "expl", "nsubjpass")
            or t.pos[nxt] in ("PRON", "DET", "PROPN", "NOUN")
        ):
            return True
        return has_qmark
    # a fragment: "emails or receipt numbers?"
    return has_qmark and not any(t.pos[i] in ("VERB", "AUX") for i in ids)


def _confirmation_question_at(t: _Table, ids: Sequence[int]) -> bool:
    """A statement about the customer turned into a question: "Your services are all down?"."""
    first = _first_content_at(t, ids)
    if first is None or t.lower[first] in ("i", "we", "i'd", "we'd", "i'm", "we're", "that", "this", "it"):
        return False
    for i in ids:
        if t.lower[i] in ("you", "your", "u", "ur") and (
            t.dep[i] in ("nsubj", "nsubjpass") or any(t.dep[a] in ("nsubj", "nsubjpass") for a in _ancestor_ids(t, i))
        ):
            return True
    return False


def _question_segments_at(t: _Table, start: int, end: int) -> list[list[int]]:
    """:func:`question_segments` of the tokens ``start:end``, as offsets."""
    out: list[list[int]] = []
    segs = _segments_at(t, start, end)
    texts = t.text
    # most sentences have no "?" at all: then no token or segment has one either
    any_q = "?" in "".join(texts[start:end])
    has_q = any_q and any(x.startswith("?") or x.endswith("?") for x in texts[start:end])
    if any_q:
        content = [i for i in range(start, end) if not t.space[i]]
        while content and ((t.punct[content[-1]] and "?" not in texts[content[-1]]) or t.handle[content[-1]]):
            content.pop()
        first = _first_content_at(t, segs[0]) if segs else None
        opens_question = first is not None and (
            t.tag[first] in _WH_TAGS or t.lemma[first] in _AUX_LEMMAS or t.tag[first] == "MD"
        )
        if (
            content
            and "?" in texts[content[-1]]
            and len(segs) > 1
            and opens_question
            and _interrogative_at(t, segs[0], True)
            and not any("?" in texts[i] for i in content[:-1])
        ):
            # "What device, operating system, and app version is this happening on?"
            return [content]
    for k, seg in enumerate(segs):
        seg_q = any_q and any("?" in texts[i] for i in seg)
        if (seg_q and _interrogative_at(t, seg, True)) or (seg_q and _confirmation_question_at(t, seg)):
            out.append(seg)
        elif seg_q and k > 0 and not out:
            # "We'd like to help Sam, which number is calling you?" — look at the clause before '?'
            continue
        elif not has_q and k == 0 and _interrogative_at(t, seg, False):
            first = _first_content_at(t, seg)
            nxt = None if first is None else next((i for i in seg if i > first and not _filler_at(t, i)), None)
            # "Have you tried another device, Miriam" — aux + you, no question mark
            if (
                first is not None
                and t.lemma[first] in _AUX_LEMMAS
                and nxt is not None
                and t.lower[nxt] in _SECOND_PERSON
            ):
                out.append(seg)
    return out
