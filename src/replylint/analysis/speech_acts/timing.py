"""Whether a clause is timed: durations ("within 3 days"), time anchors ("by Friday"), date and time
words."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from replylint.analysis.speech_acts.docfacts import _table
from replylint.analysis.speech_acts.grammar import _subtree_ids
from replylint.analysis.speech_acts.table import _Table
from replylint.analysis.speech_acts.words import _TIME_WORDS

_DURATION_UNITS = frozenset({"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months"})


def _has_duration(verb: Token) -> bool:
    """ "after 72 hours", "within 3-5 business days", "take 5 days" under ``verb``."""
    doc = verb.doc
    table = _table(doc)
    # the subtree's offsets (not in order: the test is a yes/no), a Token only for a time unit
    for k in _subtree_ids(table, verb.i):
        if table.lower[k] not in _DURATION_UNITS:
            continue
        t = doc[k]
        if any(s.like_num or s.lower_ in ("a", "an", "few", "couple") for s in t.doc[max(0, t.i - 4) : t.i]):
            if verb.lemma_.lower() == "take" or any(
                p.lower_ in ("after", "within", "in") for p in t.doc[max(verb.i, t.i - 6) : t.i]
            ):
                if not _under_noun(t, verb):
                    return True
    return False


def _under_noun(tok: Token, verb: Token) -> bool:
    """On the way from ``tok`` up to ``verb`` there is a noun other than a time unit: the time
    qualifies that noun ("Pro includes chat with replies within 4 hours"), not the verb."""
    cur = tok
    for _ in range(12):
        if cur.i == verb.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i != verb.i and cur.pos_ in ("NOUN", "PROPN") and cur.lower_ not in _DURATION_UNITS:
            return True
        if cur.i != verb.i and cur.pos_ in ("VERB", "ADJ", "AUX") and cur.dep_ not in ("xcomp", "advcl", "prep"):
            return True
    return False


_TIME_ANCHOR_CUES = frozenset(
    {"by", "within", "before", "until", "in", "today", "tomorrow", "tonight", "soon", "shortly", "asap", "now"}
)


def _time_anchor(verb: Token) -> bool:
    """A point or window in time for ``verb`` ("by Friday", "within the hour", "tomorrow"), not an
    agent ("handled by the ground agent") nor the length of a stay ("included for both nights")."""
    doc = verb.doc
    table = _table(doc)
    # the subtree's offsets (not in order: the test is a yes/no), a Token only for a cue word
    for k in _subtree_ids(table, verb.i):
        low = table.lower[k]
        if low not in _TIME_ANCHOR_CUES:
            continue
        t = doc[k]
        if low in ("by", "within", "before", "until", "in") and t.dep_ == "prep" and not _under_noun(t, verb):
            objs = [c for c in t.children if c.dep_ == "pobj"]
            if any(
                o.lower_ in _TIME_WORDS or o.ent_type_ in ("DATE", "TIME") or o.lower_ in _DURATION_UNITS for o in objs
            ):
                return True
        elif low in ("today", "tomorrow", "tonight", "soon", "shortly", "asap", "now") and not _under_noun(t, verb):
            return True
    return False


_DATE_TIME = frozenset({get_string_id("DATE"), get_string_id("TIME")})


def _timed_at(doc: Doc, t: _Table, ids: Iterable[int]) -> bool:
    """``any(w.lower_ in _TIME_WORDS or w.ent_type_ in ("DATE", "TIME") for w in tokens)`` of the
    tokens at ``ids``, without a Token per word. The entity types are read from the doc now, not
    kept in the _Table: NER may run on a doc after its table was built. Only the tokens at ``ids``
    are read (the whole doc's array per call made a long text quadratic)."""
    ids = list(ids)
    lower = t.lower
    if any(lower[k] in _TIME_WORDS for k in ids):
        return True
    return any(doc[k].ent_type in _DATE_TIME for k in ids)
