"""Speech acts: what a customer message complains about, and what a draft reply does.

The analyzer combines rule-pack matches (``APOLOGY``, ``NON_APOLOGY``, ``COMPLAINT``,
``REFUSAL``, ``ALTERNATIVE``, ``NEXT_ACTION``, ``GENERIC_OFFER``, ``EMPATHY``; see
``rules/*.yml``) with dependency-aware checks that patterns cannot express: a negation attached
to the same verb as "can", a "sorry" whose clause continues with "if you feel", the subject of a
commitment being I/we, an imperative with no subject, a question whose form is interrogative.

All facts are :class:`ActFact` with character offsets into ``doc.text``, which has the length
of the original text (see :mod:`replylint.normalize`), so offsets are offsets into the original.

The analyzer is built once per Checker and never mutated afterwards (thread-safe). The
``*_of(ctx)`` helpers compute a fact once per check through ``ctx.memo``. What several analyses
read about one doc (each token's sentence, its attributes as plain lists, the question segments)
is computed once per doc and kept in ``doc.user_data`` (see :class:`_DocFacts`); a doc belongs to
one check, so this is not shared between threads.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_EMAIL,
    LIKE_URL,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import Ranges, doc_text, noun_chunks_in
from replylint.packs import CompiledPacks

if TYPE_CHECKING:
    from replylint.context import Context

__all__ = [
    "ActFact",
    "SpeechActAnalyzer",
    "alternatives_of",
    "apologies_of",
    "complaint_of",
    "complaint_probability",
    "complaint_sentences",
    "empathy_of",
    "next_actions_of",
    "non_apologies_of",
    "prose_sentences",
    "refusals_of",
    "sentence_of",
    "surely_complains",
]

Matches = dict[str, list[Span]]


@dataclass(frozen=True, slots=True)
class ActFact:
    """One speech act found in a text: a label and character offsets into the text."""

    label: str
    start: int
    end: int
    text: str


# --- closed-class word sets (grammar, not vocabulary: teams extend the packs, not these) -------
_NEG_WORDS = frozenset({"not", "n't", "n’t", "never", "no", "cannot", "nt"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_SECOND_PERSON = frozenset({"you", "u", "ya", "y'all", "yall"})
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_AUX_LEMMAS = frozenset(
    {"be", "do", "have", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
)
_WILL = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_WOULD = frozenset({"would", "'d", "’d"})
_CAN = frozenset({"can", "ca", "could", "cannot"})
_INSTR_MODALS = frozenset({"can", "could", "should", "must", "may", "might"})
_LEADING_FILLERS = frozenset(
    {
        "please",
        "pls",
        "plz",
        "kindly",
        "just",
        "also",
        "so",
        "and",
        "then",
        "ok",
        "okay",
        "sure",
        "now",
        "first",
        "next",
        "but",
        "or",
        "alright",
        "oh",
        "well",
        "hi",
        "hey",
        "hello",
        "great",
        "perfect",
    }
)
#: Words that embed a clause as something the agent perceives or regrets, not something it says
#: ("sorry you can't log in", "I see you're unable to ...", "if you can't ...").
_EMBEDDING_HEADS = frozenset(
    {
        "sorry",
        "understand",
        "hear",
        "see",
        "imagine",
        "apologize",
        "apologise",
        "frustrating",
        "know",
        "notice",
        "sound",
        "seem",
        "appear",
        "look",
        "read",
        "hate",
        "sad",
        "understandable",
    }
)
#: Verbs of impression: "sorry if it seemed/looked/came across ..." regrets an impression.
_SEEM_VERBS = frozenset({"seem", "appear", "look", "sound", "come"})
#: Verbs that cite a rule or a document back at the customer ("the guide says", "our terms state").
_CITING_VERBS = frozenset({"say", "state", "show", "mention", "indicate", "specify", "note", "explain"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "when", "once", "until", "in case"})
_TIME_WORDS = frozenset(
    {
        "today",
        "tomorrow",
        "tonight",
        "soon",
        "shortly",
        "within",
        "by",
        "next",
        "hours",
        "days",
        "weeks",
        "minutes",
        "asap",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "evening",
        "week",
        "month",
        "later",
    }
)
_BACK_WORDS = frozenset(
    {"back", "available", "fixed", "resolved", "live", "online", "restored", "ready", "delivered", "sorted", "up"}
)
_REFUSAL_MODAL_IGNORE = frozenset(
    {
        "wait",
        "thank",
        "agree",
        "stress",
        "emphasize",
        "emphasise",
        "imagine",
        "recommend",
        "find",
        "locate",
        "see",
        "reproduce",
        "tell",
        "say",
        "believe",
        "understand",
        "express",
        "overstate",
        "help",
        "apologize",
        "apologise",
        "guarantee",
        "promise",
        "be",
        "seem",
        "access",
        "load",
        "open",
        "hear",
        "reach",
        "miss",
    }
)
#: "we'll be glad to ...": an adjective of willingness that makes "we will be" a commitment
_WILLING = frozenset({"glad", "happy", "sure", "pleased", "delighted", "ready", "able"})
_NEG_IGNORE_EXTRA = frozenset({"wait", "thank", "recommend", "believe", "stress", "praise", "ask"})
# Subjects and auxiliaries that _action_at tests for every verb, built once.
_WE = frozenset({"i", "we"})
_PERSONAL_SUBJECTS = frozenset({"they", "he", "she", "i", "we", "you"})
_ANY_PERSON = _PERSONAL_SUBJECTS | _SECOND_PERSON
_OUTCOME_AUX = _WILL | {"should", "is", "are", "'s", "’s", "will", "be"}  # "a fix is rolling out", "should be back"
_SETTLED_AUX = _WILL | {"should", "have", "has", "'s", "’s", "been"}  # not a present passive
_PERFECT_AUX = frozenset({"has", "have", "'s", "'ve", "’s", "’ve"})
_COMMIT_AUX = (
    _WILL | _CAN | {"'m", "am", "are", "'re", "’re", "'ve", "’ve", "have", "has", "need", "going", "is", "'s", "’s"}
)


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


_HANDLE_FIRST = frozenset("@^#h/")  # the first characters of the handle prefixes below
_TABLE_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, IS_SPACE, IS_PUNCT, LIKE_URL, LIKE_EMAIL, SPACY, IS_ALPHA, IDX]


class _Table:
    """The token attributes that the dependency walks below read, as plain lists by token offset.

    A walk up or across the tree through ``Token`` objects creates a Token per step and looks its
    strings up in the vocab each time; the same walk over lists of strings and offsets is several
    times faster. The values are exactly the Token attributes named on each field.
    """

    __slots__ = (
        "_sent_start",
        "alpha",
        "dep",
        "handle",
        "head",
        "idx",
        "kids",
        "lemma",
        "lower",
        "n",
        "newline",
        "pos",
        "punct",
        "space",
        "tag",
        "text",
        "url",
        "ws",
    )

    def __init__(self, doc: Doc, sent_start: list[int] | None) -> None:
        strings = doc.vocab.strings
        n = len(doc)
        arr = doc.to_array(_TABLE_ATTRS) if n else numpy.zeros((0, len(_TABLE_ATTRS)), dtype=numpy.uint64)
        cols = arr[:, :6].T.tolist()
        flags = (arr[:, 7:13] != 0).T.tolist()
        # HEAD holds the offset to the head as an unsigned number: read it back as signed
        heads = arr[:, 6].astype(numpy.int64) + numpy.arange(n, dtype=numpy.int64)
        self.n: int = n
        self.text: list[str] = [strings[h] for h in cols[0]]  # Token.text
        self.lower: list[str] = [strings[h] for h in cols[1]]  # Token.lower_
        self.lemma: list[str] = [strings[h].lower() for h in cols[2]]  # Token.lemma_.lower()
        self.pos: list[str] = [strings[h] for h in cols[3]]  # Token.pos_
        self.tag: list[str] = [strings[h] for h in cols[4]]  # Token.tag_
        self.dep: list[str] = [strings[h] for h in cols[5]]  # Token.dep_
        self.head: list[int] = heads.tolist()  # Token.head.i
        #: Token.children: the tokens whose head is this one, in order
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)
        self.space: list[bool] = flags[0]  # Token.is_space
        self.punct: list[bool] = flags[1]  # Token.is_punct
        self.url: list[bool] = flags[2]  # Token.like_url
        self.ws: list[bool] = flags[4]  # bool(Token.whitespace_)
        self.alpha: list[bool] = flags[5]  # Token.is_alpha
        self.idx: list[int] = arr[:, 13].tolist()  # Token.idx
        #: a space token with a line break in it
        self.newline: list[bool] = [sp and "\n" in t for sp, t in zip(self.space, self.text, strict=True)]
        #: _is_handle: a @mention, a #tag, an agent signature (^MM, /AY) or a link
        # (the first character is tested before the prefixes: most words start with none of them)
        self.handle: list[bool] = [
            url
            or email
            or (t[:1] in _HANDLE_FIRST and (t.startswith(("@", "^", "#", "http")) or (t[:1] == "/" and len(t) <= 4)))
            for t, url, email in zip(self.text, flags[2], flags[3], strict=True)
        ]
        self._sent_start = sent_start

    @property
    def sent_start(self) -> list[int]:
        """Token.sent.start"""
        if self._sent_start is None:
            raise ValueError("[E030] Sentence boundaries unset.")
        return self._sent_start


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


# --- token helpers --------------------------------------------------------------------------
# Each helper takes a Token; the walks themselves run over the doc's _Table (see there why).
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_AUX_DEPS = frozenset({"aux", "auxpass"})


def _is_handle(tok: Token) -> bool:
    """A @mention, a #tag, an agent signature (^MM, /AY) or a link: not part of the prose."""
    return _table(tok.doc).handle[tok.i]


def _is_filler(tok: Token) -> bool:
    t = _table(tok.doc)
    i = tok.i
    return t.space[i] or t.punct[i] or t.handle[i] or t.lower[i] in _LEADING_FILLERS or t.pos[i] == "INTJ"


def _across_line_at(t: _Table, a: int, b: int) -> bool:
    """A line break separates tokens ``a`` and ``b`` ("Hi Ann,\n\nTry ..." is not "Ann tries")."""
    lo, hi = (a, b) if a <= b else (b, a)
    return True in t.newline[lo:hi]


def _subjects_at(t: _Table, i: int) -> list[int]:
    return [c for c in t.kids[i] if t.dep[c] in _SUBJECT_DEPS and not t.handle[c] and not _across_line_at(t, c, i)]


def _subjects(tok: Token) -> list[Token]:
    doc = tok.doc
    return [doc[c] for c in _subjects_at(_table(doc), tok.i)]


def _effective_subjects_at(t: _Table, i: int) -> list[int]:
    cur = i
    for _ in range(6):
        subs = _subjects_at(t, cur)
        if subs:
            return subs
        dep = t.dep[cur]
        if (
            dep in ("conj", "xcomp", "acomp")
            and t.head[cur] != cur
            and not (dep == "conj" and _after_comma_cc_at(t, cur))
        ):
            cur = t.head[cur]
            continue
        break
    return []


def _effective_subjects(tok: Token) -> list[Token]:
    """The subject of ``tok``, inherited through coordination and control ("we'll check and call")."""
    doc = tok.doc
    return [doc[c] for c in _effective_subjects_at(_table(doc), tok.i)]


def _aux(tok: Token) -> list[Token]:
    doc = tok.doc
    t = _table(doc)
    return [doc[c] for c in t.kids[tok.i] if t.dep[c] in _AUX_DEPS]


def _has_neg_at(t: _Table, i: int) -> bool:
    lower = t.lower
    for c in t.kids[i]:
        if t.dep[c] == "neg" or lower[c] in ("never", "cannot"):
            return True
        if lower[c] == "longer" and any(lower[g] == "no" for g in t.kids[c]):
            return True
    return False


def _has_neg(tok: Token) -> bool:
    return _has_neg_at(_table(tok.doc), tok.i)


def _after_comma_cc_at(t: _Table, i: int) -> bool:
    """ "..., but keep an eye on the blog": a new clause after a comma and a conjunction."""
    texts = [t.lower[k] for k in range(max(t.sent_start[i], i - 3), i) if not t.space[k]]
    return len(texts) >= 2 and texts[-1] in ("but", "and", "so", "then") and texts[-2] in (",", ";", "-", "–", "—")


def _clause_negated(tok: Token) -> bool:
    """Negation on the verb or on the verbs it depends on through xcomp/acomp ("not able to X")."""
    return _clause_negated_at(_table(tok.doc), tok.i)


def _clause_negated_at(t: _Table, i: int) -> bool:
    cur = i
    for _ in range(5):
        if _has_neg_at(t, cur):
            return True
        dep = t.dep[cur]
        if dep in ("xcomp", "acomp", "conj") and t.head[cur] != cur:
            if dep == "conj" and (_subjects_at(t, cur) or _after_comma_cc_at(t, cur)):
                return False
            cur = t.head[cur]
            continue
        return False
    return False


def _ancestors_to_root(tok: Token) -> Iterator[Token]:
    cur = tok
    for _ in range(40):
        if cur.head.i == cur.i:
            return
        cur = cur.head
        yield cur


def _hoped(tok: Token) -> bool:
    """Some ancestor of ``tok`` (as :func:`_ancestors_to_root` walks them) is "hope" or "wish"."""
    return _hoped_at(_table(tok.doc), tok.i)


def _hoped_at(t: _Table, i: int) -> bool:
    cur = i
    for _ in range(40):
        if t.head[cur] == cur:
            return False
        cur = t.head[cur]
        if t.lemma[cur] in ("hope", "wish"):
            return True
    return False


def _conditional(tok: Token) -> bool:
    """``tok`` sits in an if/unless/when clause (on the way up to its sentence root)."""
    return _conditional_at(_table(tok.doc), tok.i)


def _conditional_at(t: _Table, i: int) -> bool:
    cur = i
    for _ in range(40):
        if any(t.dep[c] == "mark" and t.lower[c] in _CONDITIONAL_MARKS for c in t.kids[cur]):
            return True
        if t.head[cur] == cur:
            return False
        cur = t.head[cur]
    return False


def _embedded(tok: Token) -> bool:
    """``tok`` is inside a clause that the agent perceives/regrets ("sorry you can't ...", "I see
    you're unable to ..."). Coordination is not embedding: in "we don't know why, but we'll find
    out", "find" is not under "know"."""
    return _embedded_at(_table(tok.doc), tok.i)


def _embedded_at(t: _Table, i: int) -> bool:
    cur = i
    for _ in range(40):
        if any(
            t.lower[c] == "sorry" and c < i and c + 1 < t.n and t.lower[c + 1] in ("you", "your", "that")
            for c in t.kids[cur]
        ):
            return True  # "Sorry you had to wait" (sorry parsed as an interjection)
        if t.head[cur] == cur:
            return False
        via_conj = t.dep[cur] == "conj"
        cur = t.head[cur]
        if not via_conj and (t.lemma[cur] in _EMBEDDING_HEADS or t.lower[cur] in _EMBEDDING_HEADS):
            return True
    return False


_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "`"})


def _quoted_name(span: Span) -> bool:
    """The span is exactly a short quoted term ("disconnect", 'Offline mode')."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = [t for t in doc[span.end : span.end + 2]]
    return (
        before is not None
        and (before.text in _QUOTES or before.text[-1:] in _QUOTES)
        and bool(after)
        and (after[0].text[:1] in _QUOTES or (after[0].is_punct and len(after) > 1 and after[1].text[:1] in _QUOTES))
        and len(span) <= 3
    )


def _fact(label: str, doc: Doc, start_char: int, end_char: int) -> ActFact:
    return ActFact(label=label, start=start_char, end=end_char, text=doc_text(doc)[start_char:end_char])


def _span_fact(label: str, span: Span) -> ActFact:
    return _fact(label, span.doc, span.start_char, span.end_char)


def _tokens_fact(label: str, tokens: Iterable[Token]) -> ActFact:
    toks = sorted(tokens, key=lambda t: t.i)
    doc = toks[0].doc
    return _fact(label, doc, toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _subtree_ids(t: _Table, i: int) -> list[int]:
    """The offsets of ``Token.subtree`` of token ``i`` (not in order)."""
    out: list[int] = []
    stack = [i]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(t.kids[k])
    return out


_CLAUSE_OBJECT_DEPS = frozenset({"dobj", "dative", "prt", "acomp", "xcomp", "attr", "ccomp", "prep"})


def _clause_fact(label: str, verb: Token) -> ActFact:
    """The verb with its subject, auxiliaries, negation and the words up to its object."""
    doc = verb.doc
    t = _table(doc)
    v = verb.i
    ids = [v, *_subjects_at(t, v)]
    for c in t.kids[v]:
        dep = t.dep[c]
        if dep in _AUX_DEPS or dep == "neg":
            ids.append(c)
        elif dep in _CLAUSE_OBJECT_DEPS and c > v:
            ids.extend(_subtree_ids(t, c))
    sent_start, sent_end = _sent_bounds(verb)
    ids = [k for k in ids if sent_start <= k < sent_end and not t.space[k]]
    # keep it to a readable clause: contiguous from the first to at most 12 tokens after the verb
    first = min(ids)
    last = min(max(ids), v + 12)
    while last > first and (t.punct[last] or t.space[last]):
        last -= 1
    return _fact(label, doc, t.idx[first], t.idx[last] + len(t.text[last]))


def _run_fact(label: str, tok: Token) -> ActFact:
    """``tok`` and the words after it up to the end of its clause (at most 12 tokens)."""
    doc = tok.doc
    end = tok.i
    for t in doc[tok.i + 1 : min(_sent_bounds(tok)[1], tok.i + 13)]:
        if (t.is_punct and t.text not in (">", "-", "/", "'", "’")) or (t.is_space and "\n" in t.text):
            break
        end = t.i
    return _tokens_fact(label, [tok, doc[end]])


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


# Quoted history in a reply ("> My order never arrived", "On Tue, Ann wrote:"): the customer's
# words, not the agent's, so no speech act of the draft is taken from there. Line structure is
# not linguistics, so a regular expression over lines is the right tool here.
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*$", re.MULTILINE)
_QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:On\b[^\n]{0,300}?\bwrote\s*:|-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,})[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted history in a reply: ``>`` lines and everything after a
    "On ... wrote:" / "--- Original Message ---" header."""
    ranges = [(m.start(), m.end()) for m in _QUOTED_LINE.finditer(text)]
    header = _QUOTE_HEADER.search(text)
    if header is not None and header.start() > 0:
        ranges.append((header.start(), len(text)))
    return ranges


def _unquoted(doc: Doc, facts: list[ActFact]) -> list[ActFact]:
    text = doc_text(doc)
    lowered = text.lower()
    if ">" not in text and "wrote" not in lowered and "original message" not in lowered:
        return facts
    ranges = Ranges(_doc_facts(doc).quoted(doc))
    return [f for f in facts if not ranges.contains(f.start)]


def sentence_of(doc: Doc, start: int, end: int) -> Span:
    """The sentence containing the character range (the first one when it spans several)."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or len(span) == 0:
        for sent in doc.sents:
            if sent.start_char <= start < sent.end_char:
                return sent
        return doc[:]
    return _sent_of(span[0])


_GREETING_OR_SIGNOFF = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "dear",
        "hiya",
        "greetings",
        "good",
        "morning",
        "afternoon",
        "evening",
        "there",
        "team",
        "regards",
        "kind",
        "kindest",
        "best",
        "warm",
        "warmest",
        "wishes",
        "thanks",
        "thank",
        "you",
        "cheers",
        "sincerely",
        "yours",
        "truly",
        "faithfully",
        "many",
        "all",
        "the",
        "support",
        "customer",
        "service",
        "care",
        "care.",
        "ta",
        "br",
        "rgds",
        "thx",
    }
)


def prose_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences that carry prose, trimmed of @handles, agent signatures
    and links at either end; greeting lines ("Hi Chris,") and sign-offs ("Kind regards,\nAna")
    are left out. A sentence that runs over a line break is split there (the parser often glues
    "Hi Marco,\n\n2.14 switched ..." into one sentence)."""
    out: list[tuple[int, int]] = []
    facts = _doc_facts(doc)
    quoted = facts.quoted(doc)
    t = facts.table(doc)
    text, lower = t.text, t.lower
    for start, end in facts.sentences(doc)[0]:
        lines: list[list[int]] = [[]]
        for i in range(start, end):
            if t.newline[i]:
                lines.append([])
            elif not t.space[i]:
                lines[-1].append(i)
        for toks in lines:
            while toks and (t.handle[toks[0]] or t.punct[toks[0]]):
                toks = toks[1:]
            while toks and (t.handle[toks[-1]] or (text[toks[-1]].startswith("-") and len(text[toks[-1]]) > 1)):
                toks = toks[:-1]
            words = [i for i in toks if t.alpha[i]]
            if not words:
                continue
            if (
                len(words) <= 5
                and all(lower[i] in _GREETING_OR_SIGNOFF or text[i][:1].isupper() for i in words)
                and (any(lower[i] in _GREETING_OR_SIGNOFF for i in words) or len(words) <= 2)
            ):
                continue
            if any(a <= t.idx[toks[0]] < b for a, b in quoted):
                continue
            out.append((t.idx[toks[0]], t.idx[toks[-1]] + len(text[toks[-1]])))
    return out


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


def question_segments(sent: Span) -> list[list[Token]]:
    """The parts of a sentence that are questions to the reader, by form (not just a '?')."""
    doc = sent.doc
    return [[doc[i] for i in seg] for seg in _question_segments_at(_table(doc), sent.start, sent.end)]


class SpeechActAnalyzer:
    """Finds speech acts in a customer message and a draft. Build once, call from any thread."""

    def __init__(self, nlp: Language, packs: CompiledPacks) -> None:
        data: dict[str, Any] = packs.data
        self.vocab = nlp.vocab
        self._packs = packs

        def words(key: str, default: Iterable[str] = ()) -> frozenset[str]:
            value = data.get(key, list(default))
            return frozenset(str(v).lower() for v in value) if isinstance(value, list) else frozenset()

        self._refusal_verbs = words("refusal_verbs")
        self._refusal_adjs = words("refusal_adjectives")
        self._refusal_stop = words("refusal_stop_verbs")
        self._refusal_passive = words("refusal_passive_verbs")
        self._refusal_no_nouns = words("refusal_no_nouns")
        self._refusal_nothing_verbs = words("refusal_nothing_verbs")
        self._not_paths = words("alternative_not_paths")
        self._neg_ignore = words("complaint_neg_ignore") | _NEG_IGNORE_EXTRA
        self._resolved_heads = words("complaint_resolved_heads")
        self._no_ignore = words("complaint_no_ignore")
        self._neg_objects = words("complaint_neg_objects")
        self._commit_ignore = words("commitment_ignore")
        self._imperative_ignore = words("imperative_ignore")
        self._cond_verbs = words("conditional_instruction_verbs")
        self._instruction_verbs = words("instruction_verbs")
        self._hedges = words("commitment_hedges")
        self._restate_ignore = words("restatement_ignore")
        self._info_heads = words("complaint_info_heads")
        self._expect_verbs = words("expectation_verbs")
        self._outcome_states = words("outcome_states")
        self._outcome_verbs = words("outcome_verbs")

    # ------------------------------------------------------------------ customer side --------
    def complaint(self, customer_doc: Doc, matches: Matches) -> list[ActFact]:
        """Where the customer reports a problem, failure, delay, error or dissatisfaction."""
        facts: list[ActFact] = []
        settled = {_span_sent(s).start for s in matches.get("RESOLVED", [])}
        for span in matches.get("COMPLAINT", []):
            if self._complaint_span_ok(span) and not self._settled(span, settled) and not self._info_question(span):
                facts.append(_span_fact("COMPLAINT", span))
        t = _table(customer_doc)
        for i in [k for k, w in enumerate(t.lower) if w == "no"]:
            tok = customer_doc[i]
            if (
                tok.dep_ == "det"
                and tok.head.pos_ in ("NOUN", "PROPN")
                and tok.head.lemma_.lower() not in self._no_ignore
                and tok.i not in _doc_facts(customer_doc).question_ids(customer_doc)
                and not _conditional(tok.head)
            ):
                facts.append(_tokens_fact("COMPLAINT", [tok, tok.head]))
        for i in [k for k, p in enumerate(t.pos) if p in ("VERB", "AUX")]:
            # a negation on the word itself (which also makes its clause negated)
            if not _has_neg_at(t, i):
                continue
            tok = customer_doc[i]
            lemma = tok.lemma_.lower()
            if lemma in self._neg_ignore:
                objs = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "dative", "attr", "acomp")}
                states = self._refusal_adjs | {"working", "showing", "loading", "listed", "included", "compatible"}
                near = (
                    {t.lower_ for t in customer_doc[tok.i : min(_sent_bounds(tok)[1], tok.i + 6)]}
                    if lemma == "be"
                    else set()
                )
                if not objs & (self._neg_objects | states) and not near & states:
                    continue  # "I'm not sure", "it doesn't matter" vs "why aren't these songs available"
            if _conditional(tok):
                continue
            negs = [c for c in tok.children if c.dep_ == "neg" or c.lower_ == "never"]
            if any(n.i > 0 and customer_doc[n.i - 1].lower_ == "why" for n in negs):
                continue  # "why not get the pro version?": a suggestion
            subs = _effective_subjects(tok)
            is_q = any("?" in t.text for t in _sent_of(tok))
            if is_q and any(s.lower_ in _SECOND_PERSON for s in subs):
                continue  # "do you not offer student discounts?" is a question, not a complaint
            if _hoped(tok):
                continue  # "I hope it doesn't break again" is a worry about the future
            if self._is_problem_word(tok, matches):
                continue  # "it's not skipping any more": a problem that went away
            facts.append(_clause_fact("COMPLAINT", tok))
        return _dedupe(facts)

    @staticmethod
    def _settled(span: Span, settled_sents: set[int]) -> bool:
        """ "Thanks for the quick refund!", "all good now, the issue went away": gratitude for, or the
        end of, a problem — unless the sentence turns ("thanks, but it still crashes")."""
        # the sentence's words are read from the table (a Token per word cost most of this test)
        t = _table(span.doc)
        start, end = _span_sent_bounds(span)
        lower, tag, dep = t.lower[start:end], t.tag[start:end], t.dep[start:end]
        if not {"but", "still", "however", "again", "yet"}.isdisjoint(lower) or "neg" in dep:
            return False
        if start in settled_sents:
            return True
        grateful = {"thank", "thanks", "cheers", "appreciate", "grateful", "thx", "ty"}
        if any(a.lemma_.lower() in grateful or a.lower_ in grateful for a in [span.root, *span.root.ancestors]):
            return True  # "thanks for the refund", "cheers for the help with the error"
        return (
            not grateful.isdisjoint(lower)
            and "VBD" in tag
            and not any(g in ("VBZ", "VBP") and d == "ROOT" for g, d in zip(tag, dep, strict=True))
        )  # "Got my refund, thanks!"

    def _info_question(self, span: Span) -> bool:
        """The problem word is the topic of a question about terms or cover, not a report:
        "Does the warranty cover water damage?", "What's your policy for damaged items?".

        The word must sit inside a question, under a terms/cover word (data ``complaint_info_heads``)
        reached through object/modifier arcs only, with no "my"/"our" on it ("does the warranty
        cover MY cracked screen?" reports damage), no negation, no why, no past-tense main verb."""
        if not self._info_heads:
            return False
        doc = span.doc
        facts = _doc_facts(doc)
        segs = facts.question_segments(doc)[facts.sentences(doc)[1][span.start]]
        root_i = span.root.i
        seg_ids = next((g for g in segs if root_i in g), None)
        if seg_ids is None:
            return False
        seg = [doc[i] for i in seg_ids]
        ids = set(seg_ids)
        if any(t.lower_ in ("why", "y", "still", "again", "keep", "keeps") or t.dep_ == "neg" for t in seg):
            return False
        if _conditional(span.root) and any(t.lower_ in ("if", "unless") for t in seg):
            return True  # "is there a fee if my direct debit fails?": a hypothetical, not a report
        cur = span.root
        for _ in range(8):
            if any(c.lower_ in ("my", "our", "me", "us") for c in cur.children):
                return False
            if cur.lemma_.lower() in self._info_heads and cur.i != span.root.i:
                return cur.tag_ not in ("VBD", "VBN") and not any(a.tag_ == "VBD" for a in _aux(cur))
            if (
                cur.dep_ not in ("dobj", "pobj", "prep", "amod", "compound", "nmod", "poss", "acl", "pcomp")
                or cur.head.i == cur.i
            ):
                return False
            cur = cur.head
            if cur.i not in ids:
                return False
        return False

    def _is_problem_word(self, tok: Token, matches: Matches) -> bool:
        return any(s.start <= tok.i < s.end for s in matches.get("COMPLAINT", []))

    def _complaint_span_ok(self, span: Span) -> bool:
        doc = span.doc
        if _quoted_name(span):
            return False  # 'interested in "disconnect"': a feature's name, not a failure
        # "no problem", "not an issue", "not really a bug report", "without any issues"
        i = span.start - 1
        sent_start = _span_sent_bounds(span)[0]
        while i >= sent_start and doc[i].pos_ in ("DET", "ADV", "ADJ", "PUNCT") and doc[i].lower_ not in _NEG_WORDS:
            i -= 1
        if i >= sent_start and (doc[i].lower_ in _NEG_WORDS or doc[i].lower_ in ("without", "zero")):
            return False
        root = span.root
        if root.pos_ in ("VERB", "AUX", "ADJ") and any(
            (c.dep_ == "neg" or c.lower_ == "never") and not span.start <= c.i < span.end for c in root.children
        ):
            return False  # "it's not skipping" (but "never arrived" is the complaint itself)
        if root.dep_ in ("acomp", "attr", "dobj") and _has_neg(root.head):
            return False  # "it isn't broken", "I'm not having any problems on my phone"
        for anc in [root, *list(_ancestors_to_root(root))[:3]]:
            lemma = anc.lemma_.lower()
            if lemma in self._resolved_heads and anc.tag_ in ("VBD", "VBN", "VBG") and not _has_neg(anc):
                return False  # "thanks for resolving my issue", "the problem is fixed"
        return True

    # ------------------------------------------------------------------ apologies --------------
    def apologies(self, doc: Doc, matches: Matches) -> list[ActFact]:
        """Genuine expressions of regret for the customer's problem."""
        non = self.non_apologies(doc, matches)
        facts: list[ActFact] = []
        for span in matches.get("APOLOGY", []):
            if any(_overlaps(span.start_char, span.end_char, n.start, n.end) for n in non):
                continue
            if self._negated_apology(span):
                continue
            head = span.root
            if head.lemma_.lower() == "regret" and head.pos_ == "VERB":
                subs = _effective_subjects(head)
                if subs and not any(s.lower_ in _FIRST_PERSON for s in subs):
                    continue  # "you won't regret it"
            if self._clarifying_sorry(span):
                continue
            facts.append(_span_fact("APOLOGY", span))
        return _unquoted(doc, _dedupe(facts))

    @staticmethod
    def _negated_apology(span: Span) -> bool:
        doc = span.doc
        sent_start, sent_end = _span_sent_bounds(span)
        before = list(doc[max(sent_start, span.start - 4) : span.start])
        for k in range(len(before) - 1, -1, -1):
            if before[k].is_punct:
                before = before[k + 1 :]  # "Oh no, I'm sorry": the "no" belongs to another clause
                break
        if any(t.lower_ in ("no", "not", "n't", "n’t", "never", "nothing") for t in before) and not any(
            t.lower_ in ("enough",) for t in doc[span.end : min(sent_end, span.end + 2)]
        ):
            return True  # "no need to be sorry", "I'm not sorry", "don't apologize"
        after = doc[span.end : min(sent_end, span.end + 2)]
        return any(t.lower_ in ("unnecessary", "necessary", "needed", "required") for t in after)

    @staticmethod
    def _clarifying_sorry(span: Span) -> bool:
        """ "Sorry?" / "Sorry, what do you mean?": a request to repeat, not regret."""
        doc = span.doc
        if span.text.lower() != "sorry":
            return False
        nxt = [t for t in doc[span.end : min(len(doc), span.end + 3)] if not t.is_space]
        if nxt and nxt[0].text.startswith("?"):
            return True
        return bool(
            len(nxt) >= 2
            and nxt[0].text == ","
            and nxt[1].tag_ in _WH_TAGS
            and nxt[1].lower_ in ("what", "which", "who")
        )

    def non_apologies(self, doc: Doc, matches: Matches) -> list[ActFact]:
        """Apology-shaped phrases that put the problem on the customer."""
        facts = [_span_fact("NON_APOLOGY", s) for s in matches.get("NON_APOLOGY", [])]
        for span in matches.get("APOLOGY", []):
            head = span.root
            # "sorry if you feel/think/were offended ...", "sorry that you feel ..."
            for child in head.subtree:
                if child.dep_ not in ("advcl", "ccomp") or child.i < head.i:
                    continue
                marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
                subs = _subjects(child)
                if not ("if" in marks and child.lemma_.lower() in _SEEM_VERBS) and (
                    not subs or not any(s.lower_ in _SECOND_PERSON for s in subs)
                ):
                    continue
                feeling = {"offend", "upset", "confuse", "unhappy", "disappoint", "annoy", "frustrate", "hurt"}
                if "if" in marks and child.lemma_.lower() in _SEEM_VERBS:
                    # "sorry if the wait seemed long": regret for an impression, whoever the subject
                    facts.append(_tokens_fact("NON_APOLOGY", [head, *list(child.subtree)]))
                    break
                if child.lemma_.lower() in (
                    "feel",
                    "think",
                    "believe",
                    "misunderstand",
                    "misread",
                    "take",
                    "perceive",
                ) or (
                    "if" in marks
                    and (child.lemma_.lower() in feeling or any(c.lemma_.lower() in feeling for c in child.subtree))
                ):
                    facts.append(_tokens_fact("NON_APOLOGY", [head, *list(child.subtree)]))
                    break
        for span in matches.get("APOLOGY", []):
            # "Sorry if the wait seemed long" ("sorry" parsed as an interjection beside the clause)
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and nxt.lower_ == "if" and nxt.dep_ == "mark" and nxt.head.lemma_.lower() in _SEEM_VERBS:
                facts.append(_tokens_fact("NON_APOLOGY", [span[0], *list(nxt.head.subtree)]))
        for span in matches.get("APOLOGY", []):
            blame = self._blame_after(span)
            if blame is not None:
                facts.append(_tokens_fact("NON_APOLOGY", [span[0], blame]))
        return _unquoted(doc, _dedupe(facts))

    @staticmethod
    def _blame_after(span: Span) -> Token | None:
        """ "Sorry for the inconvenience, but you should have ...": the apology turns into blame."""
        sent = _span_sent(span)
        after = [t for t in sent if t.i >= span.end]
        for i, t in enumerate(after):
            if t.lower_ != "but":
                continue
            rest = after[i + 1 : i + 6]
            if (
                i <= 1
                and span.text.lower() in ("sorry", "apologies")
                and any(
                    r.lemma_.lower() in _CITING_VERBS and r.tag_ in ("VBZ", "VBD", "VBP") for r in after[i + 1 : i + 9]
                )
            ):
                # "Sorry, but the size guide clearly says ...": the customer is pointed at the rules
                return next(r for r in after[i + 1 : i + 9] if r.lemma_.lower() in _CITING_VERBS)
            if (
                rest
                and rest[0].lower_ in ("you", "your")
                and any(
                    r.lower_
                    in ("should", "shouldn't", "must", "needed", "failed", "forgot", "fault", "supposed", "were")
                    for r in rest[1:]
                )
            ):
                return rest[-1]
        return None

    # ------------------------------------------------------------------ refusals ---------------
    def refusals(self, doc: Doc, matches: Matches) -> list[ActFact]:
        """Where the draft declines the request or says something is not possible."""
        facts: list[ActFact] = []
        qsents = self._question_token_ids(doc)
        for span in matches.get("REFUSAL", []):
            root = span.root
            if root.i in qsents or _conditional(root) or _embedded(root):
                continue
            facts.append(_span_fact("REFUSAL", span))
        t = _table(doc)
        # _refusal_at needs a negation on the word: test that first, on the table (the part of
        # speech in one comprehension, the rest only for verbs and adjectives)
        for i in [k for k, p in enumerate(t.pos) if p in ("VERB", "AUX", "ADJ")]:
            if i in qsents or not _has_neg_at(t, i):
                continue
            tok = doc[i]
            fact = self._refusal_at(tok)
            if fact is not None and not _conditional(tok) and not _embedded(tok):
                facts.append(fact)
        # "there is no info to share", "there's no way to restart the trial"
        for i in [k for k, w in enumerate(t.lower) if w == "no"]:
            tok = doc[i]
            if (
                tok.dep_ == "det"
                and tok.head.pos_ in ("NOUN", "PROPN")
                and (tok.head.lemma_.lower() in self._refusal_no_nouns or tok.head.lower_ in self._refusal_no_nouns)
                and tok.i not in qsents
            ):
                noun = tok.head
                verb = noun.head
                if (
                    any(c.dep_ == "expl" for c in verb.children)
                    and any(
                        c.dep_ in ("relcl", "acl") and any(a.lower_ == "to" for a in c.children) for c in noun.children
                    )
                    and not _conditional(verb)
                    and not _embedded(verb)
                ):
                    facts.append(
                        _tokens_fact("REFUSAL", [t for t in verb.subtree if not t.is_space and not t.is_punct][:12])
                    )
                elif self._no_information(tok):
                    clause = tok.head if tok.head.dep_ in ("ROOT", "appos", "dep") else tok.head.head
                    facts.append(_tokens_fact("REFUSAL", [t for t in clause.subtree if not t.is_space][:14]))
        # "nothing has been announced yet": not known yet
        for i in [k for k, w in enumerate(t.lower) if w == "nothing"]:
            tok = doc[i]
            verb = tok.head
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and verb.lemma_.lower() in self._refusal_nothing_verbs
                and tok.i not in qsents
                and not _conditional(verb)
                and not _embedded(verb)
            ):
                facts.append(_clause_fact("REFUSAL", verb))
        # "unfortunately I had to stop shipping ...", "unfortunately we don't ..."
        for start, end in _doc_facts(doc).sentences(doc)[0]:
            if {"unfortunately", "sadly", "regrettably"}.isdisjoint(t.lower[start:end]):
                continue
            for k in range(start, end):
                if t.pos[k] != "VERB" or k in qsents:
                    continue
                tok = doc[k]
                if _conditional(tok) or _embedded(tok):
                    continue
                subs = _effective_subjects(tok)
                if tok.lemma_.lower() in self._refusal_stop or (
                    _has_neg(tok) and subs and any(s.lower_ in ("we", "i", "it", "this", "that", "there") for s in subs)
                ):
                    facts.append(_clause_fact("REFUSAL", tok))
        return _unquoted(doc, _dedupe(facts))

    def _no_information(self, no: Token) -> bool:
        """ "There's no ETA yet", "we have no update to share", "No ETA to be shared as of now":
        nothing to give the customer (yet). ``no`` is the determiner of a refusal noun."""
        noun = no.head
        if noun.lower_ in ("record", "records"):
            return False  # "we have no record of the order" reports a fact, it declines nothing
        if noun.dep_ in ("ROOT", "appos", "dep"):
            return not _conditional(noun)  # a fragment: "No ETA to be shared as of now."
        head = noun.head
        if noun.dep_ in ("attr", "dobj") and head.lemma_.lower() in ("be", "have"):
            subs = {s.lower_ for s in _subjects(head)}
            expl = any(c.dep_ == "expl" for c in head.children)
            return (expl or bool(subs & {"we", "i"})) and not _conditional(head) and not _embedded(head)
        return False

    def _refusal_at(self, tok: Token) -> ActFact | None:
        if not _has_neg(tok) and not any(c.lower_ == "cannot" for c in tok.children):
            return None
        lemma = tok.lemma_.lower()
        # "we don't have an ETA / any details to share": nothing to give (yet)
        if lemma == "have" and {s.lower_ for s in _effective_subjects(tok)} & {"we", "i"}:
            nouns = self._refusal_no_nouns - {"record"}
            if any(c.dep_ == "dobj" and (c.lemma_.lower() in nouns or c.lower_ in nouns) for c in tok.children):
                return _clause_fact("REFUSAL", tok)
        auxes = _aux(tok)
        aux_lower = {a.lower_ for a in auxes}
        subs = _effective_subjects(tok)
        sub_lower = {s.lower_ for s in subs}
        passive = any(s.dep_ == "nsubjpass" for s in subs)
        if lemma == "go" and any(c.lower_ == "wrong" for c in tok.children):
            return None  # "you can't go wrong with ..."
        # "we/you can't X", "it cannot be refunded"
        if aux_lower & _CAN and lemma not in _REFUSAL_MODAL_IGNORE:
            if sub_lower & {"we", "i", "you"} or (passive and not sub_lower & {"you"}):
                return _clause_fact("REFUSAL", tok)
            if sub_lower & {"it", "this", "that"} and lemma in self._refusal_verbs:
                return _clause_fact("REFUSAL", tok)
        # "we won't be able to", "we would not be able to", "we're not able to"
        if lemma == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in self._refusal_adjs for c in tok.children):
            if sub_lower & {"we", "i", "you", "it", "this", "that"} or any(s.pos_ in ("NOUN", "PROPN") for s in subs):
                return _clause_fact("REFUSAL", tok)
        # "the procedure wasn't covered under your plan", "it isn't included in the fare"
        if passive and lemma in self._refusal_passive and not sub_lower & ({"i", "we"} | _SECOND_PERSON):
            return _clause_fact("REFUSAL", tok)
        # "we don't offer/ship/refund ...", "we won't refund ..."
        if lemma in self._refusal_verbs and subs and not sub_lower & (_SECOND_PERSON | {"they", "he", "she"}):
            if aux_lower & ({"do", "does", "did"} | _WILL | _WOULD | _CAN) or not auxes:
                return _clause_fact("REFUSAL", tok)
        return None

    @staticmethod
    def _question_token_ids(doc: Doc) -> frozenset[int]:
        return _doc_facts(doc).question_ids(doc)

    def alternatives(
        self,
        doc: Doc,
        matches: Matches,
        refusals: Sequence[ActFact] | None = None,
        next_actions: Sequence[ActFact] | None = None,
    ) -> list[ActFact]:
        """Another option, workaround or path offered alongside a refusal.

        ``refusals`` and ``next_actions`` may be passed when already computed for ``doc``.
        """
        if refusals is None:
            refusals = self.refusals(doc, matches)
        if next_actions is None:
            next_actions = self.next_actions(doc, matches)
        qsents = self._question_token_ids(doc)
        refused = Ranges((r.start, r.end) for r in refusals)  # asked once per fact, in log time
        facts: list[ActFact] = []
        for span in matches.get("ALTERNATIVE", []):
            root = span.root
            if root.i in qsents or _clause_negated(root):
                continue
            if refused.overlaps(span.start_char, span.end_char):
                continue
            facts.append(_span_fact("ALTERNATIVE", span))
        # "The basic warranty doesn't cover it, but the extended warranty does": the contrast
        # clause repeats the declined verb by ellipsis with another subject, another path.
        table = _table(doc)
        for i in [k for k, d in enumerate(table.dep) if d == "conj"]:
            if table.pos[i] not in ("AUX", "VERB"):
                continue  # (the first two tests below, on the table)
            tok = doc[i]
            if (
                tok.dep_ == "conj"
                and tok.pos_ in ("AUX", "VERB")
                and tok.lemma_.lower() in ("do", "can", "will", "be", "have", "would", "could")
                and _has_neg(tok.head)
                and not _has_neg(tok)
                and any(c.dep_ == "cc" and c.lower_ in ("but", "though", "whereas") for c in tok.head.children)
                and not any(c.pos_ == "VERB" or c.dep_ in ("xcomp", "acomp", "attr", "dobj") for c in tok.children)
                and tok.i not in qsents
            ):
                subs = _subjects(tok)

                def phrase(t: Token) -> str:
                    return " ".join(x.lower_ for x in t.subtree if x.dep_ != "det")

                head_subs = {phrase(s) for s in _subjects(tok.head)}
                if (
                    subs
                    and all(phrase(s) not in head_subs for s in subs)
                    and not any(s.lower_ in _SECOND_PERSON for s in subs)
                ):
                    facts.append(_tokens_fact("ALTERNATIVE", [t for s in subs for t in s.subtree] + [tok]))
        for act in next_actions:
            if act.label == "QUESTION":
                continue
            if refused.overlaps(act.start, act.end):
                continue
            sent = sentence_of(doc, act.start, act.end)
            if refused.starts_within(max(sent.start_char, act.start + 1), sent.end_char):
                continue  # "I checked with the team and we can't ...": the lead-up, not another path
            act_span = doc.char_span(act.start, act.end, alignment_mode="expand")
            if act_span is not None and any(
                table.lemma[k] in self._not_paths or table.lower[k] in self._not_paths
                for k in range(act_span.start, act_span.end)
            ):
                continue  # "see our returns policy" explains the no, it is not another way forward
            facts.append(ActFact("ALTERNATIVE", act.start, act.end, act.text))
        return _unquoted(doc, _dedupe(facts))

    # ------------------------------------------------------------------ next actions -----------
    def next_actions(self, doc: Doc, matches: Matches) -> list[ActFact]:
        """Concrete next steps: instructions, I/we commitments, timed outcomes, specific questions."""
        generic = matches.get("GENERIC_OFFER", [])
        # the generic offers of each sentence (by its first token), in order: looked up per
        # sentence, not filtered out of all the doc's offers each time (quadratic in a long text)
        generic_by_sent: dict[int, list[Span]] = {}
        for g in generic:
            generic_by_sent.setdefault(_span_sent_bounds(g)[0], []).append(g)
        facts: list[ActFact] = []
        for span in matches.get("NEXT_ACTION", []):
            sent_start = _span_sent_bounds(span)[0]
            if sent_start in generic_by_sent and not self._has_specific_request(
                _span_sent(span), generic_by_sent[sent_start]
            ):
                continue
            root = span.root
            if _clause_negated(root) and not span.text.lower().startswith(("let us know", "let me know")):
                continue
            facts.append(_span_fact("NEXT_ACTION", span))
        facts.extend(self._resources(doc))
        doc_facts = _doc_facts(doc)
        table = doc_facts.table(doc)
        lower, pos, dep, instruction_verbs = table.lower, table.pos, table.dep, self._instruction_verbs
        for (start, end), segs in zip(doc_facts.sentences(doc)[0], doc_facts.question_segments(doc), strict=True):
            sent = doc[start:end]
            generic_here = generic_by_sent.get(start, [])
            for seg_ids in segs:
                last = seg_ids[-1]
                seg_start, seg_end = table.idx[seg_ids[0]], table.idx[last] + len(table.text[last])
                if any(_overlaps(seg_start, seg_end, g.start_char, g.end_char) for g in generic_here):
                    continue
                content = [doc[i] for i in seg_ids if not _filler_at(table, i)]
                if not content:
                    continue
                facts.append(_tokens_fact("REQUEST" if self._is_request(content) else "QUESTION", content))
            if generic_here and not self._has_specific_request(sent, generic_here):
                continue
            # once per sentence, not once per token: any hedge in the sentence hedges its steps
            hedged = not self._hedges.isdisjoint(lower[start:end])
            for i in range(start, end):
                # only a verb, a base form at the root or a known instruction verb can be a step
                # (the first tests of _action_at, made here on the table to skip the other words)
                if not (
                    pos[i] in ("VERB", "AUX")
                    or (dep[i] == "ROOT" and table.tag[i] == "VB")
                    or lower[i] in instruction_verbs
                ):
                    continue
                # An auxiliary with no dependents of its own ("will" in "we will call") has no
                # subject, auxiliary or clause of its own, so no branch of _action_at can fire for
                # it except the mistagged imperative (an instruction verb) and the estimate (an
                # expectation verb): skip the rest.
                if (
                    dep[i] in _AUX_DEPS
                    and not table.kids[i]
                    and lower[i] not in instruction_verbs
                    and (table.lemma[i] not in self._expect_verbs)
                ):
                    continue
                tok = doc[i]
                fact = self._action_at(tok, sent, hedged, table)
                if fact is not None and not self._open_invitation(tok):
                    facts.append(fact)
        return _unquoted(doc, _dedupe(facts))

    def _is_request(self, content: Sequence[Token]) -> bool:
        """ "Could you send us ...?" asks the customer to act; "Could you tell us which ...?" too."""
        if len(content) < 3 or content[0].lower_ not in ("can", "could", "would", "will", "ca"):
            return False
        if content[1].lower_ not in _SECOND_PERSON:
            return False
        verbs = [t for t in content[2:5] if t.tag_ == "VB" or t.lower_ in self._instruction_verbs]
        return bool(verbs) and verbs[0].lemma_.lower() not in ("be", "help", "see", "hear")

    @staticmethod
    def _resources(doc: Doc) -> list[ActFact]:
        """A link offered as the thing to read or use ("steps here: <link>", "Maybe this helps? <link>")."""
        out = []
        t = _table(doc)
        # a word with a dot or a slash first: a test in C that rules out nearly every token
        for i in [k for k, text in enumerate(t.text) if "." in text or "/" in text]:
            text = t.text[i]
            if not (t.url[i] or text.startswith(("http", "www.", "[", "("))):
                continue
            tok = doc[i]
            prev = [t for t in doc[max(0, tok.i - 4) : tok.i] if not t.is_space and t.text not in ("(", "[", "<")]
            if not prev:
                continue
            p = prev[-1]
            if p.text in (":", "->", "→") or p.lower_ in (
                "here",
                "link",
                "at",
                "via",
                "visit",
                "see",
                "to",
                "on",
                "this",
                "in",
            ):
                out.append(_tokens_fact("RESOURCE", [*prev[-2:], tok]))
            elif p.text.endswith("?"):
                seg = [t for t in _sent_of(p) if t.i <= p.i]
                if any(t.lemma_.lower() in ("help", "work", "solve", "fix", "answer", "try") for t in seg):
                    out.append(_tokens_fact("RESOURCE", [*seg[-6:], tok]))
        return out

    @staticmethod
    def _has_specific_request(sent: Span, generic: list[Span]) -> bool:
        """A sentence with a generic offer can still carry a real step outside that offer."""
        g = [s for s in generic if _span_sent_bounds(s)[0] == sent.start]
        outside = [t for t in sent if not any(s.start <= t.i < s.end for s in g)]
        return any(
            t.lower_ in ("dm", "email", "call", "reply", "send") and t.i < min(s.start for s in g) for t in outside
        )

    @staticmethod
    def _open_invitation(tok: Token) -> bool:
        """ "Feel free to reach out", "don't hesitate to contact us": an open door, not a step —
        unless it names where or how (a link, a number, DM, chat, email address)."""
        if tok.lemma_.lower() not in ("feel", "hesitate"):
            return False
        goals = [c for c in tok.subtree if c.dep_ == "xcomp" or (c.head.i == tok.i and c.pos_ == "ADJ")]
        verbs = {t.lemma_.lower() for t in tok.subtree if t.pos_ == "VERB" and t.i != tok.i}
        if not verbs & {"contact", "reach", "ask", "get", "let", "message", "write", "call", "email"} or not goals:
            return False
        specific = any(
            t.like_url or t.like_num or t.like_email or t.lower_ in ("dm", "dms", "chat", "here", "phone", "forum")
            for t in _sent_of(tok)
        )
        return not specific

    def _mistagged_imperative(self, tok: Token) -> bool:
        """ "Restart the app." parsed as a proper noun: a known instruction verb opening a clause."""
        if tok.lower_ not in self._instruction_verbs or (tok.tag_ == "VB" and tok.dep_ == "ROOT"):
            return False
        if tok.tag_ not in ("VB", "VBP", "NN", "NNP", "NNS", "NNPS", "JJ", "UH") or (
            not tok.text[:1].isupper() and tok.i != _sent_bounds(tok)[0]
        ):
            return False
        if not self._starts_clause(tok, strict=True):
            return False
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and (
            nxt.pos_ in ("DET", "PRON", "ADP", "PART", "ADV")
            or nxt.tag_ == "VBG"
            or nxt.lower_ in ("us", "me", "your", "the", "a", "it", "this")
        )

    def _action_at(self, tok: Token, sent: Span, hedged_sent: bool, t: _Table) -> ActFact | None:
        """The step that ``tok`` (in ``sent``, which has a hedge when ``hedged_sent``) states, if any.

        Runs for every verb of a draft, so the word tests read the doc's _Table (``t``, at offset
        ``i``) rather than Token attributes."""
        i = tok.i
        lower, deps, kids = t.lower, t.dep, t.kids[i]
        if t.handle[i]:
            return None
        if lower[i] in self._instruction_verbs and self._mistagged_imperative(tok):
            return _run_fact("INSTRUCTION", tok)
        tag, dep, head = t.tag[i], deps[i], t.head[i]
        if t.pos[i] not in ("VERB", "AUX") and not (dep == "ROOT" and tag == "VB"):
            return None
        lemma = t.lemma[i]
        if _clause_negated_at(t, i) and lemma not in ("forget", "hesitate"):
            return None
        subs = _effective_subjects_at(t, i)
        sub_lower = {lower[s] for s in subs}
        auxes = [c for c in kids if deps[c] in _AUX_DEPS]
        aux_lower = {lower[a] for a in auxes}
        # imperative: a base-form verb with no subject, no modal, not an infinitive
        if (
            tag == "VB"
            and not subs
            and not aux_lower
            and dep in ("ROOT", "conj", "advcl", "ccomp", "acl", "parataxis", "appos")
            and (dep != "conj" or not _subjects_at(t, head) or _after_comma_cc_at(t, i))
            and (lemma not in self._imperative_ignore or any(lower[c] in ("sure", "certain") for c in kids))
            and not any(deps[c] == "mark" for c in kids)
            and self._starts_clause(tok)
        ):
            if dep in ("advcl", "acl", "appos") and not self._starts_clause(tok, strict=True):
                return None
            if not lemma.isalpha() or (
                lemma not in self._instruction_verbs
                and not any(
                    deps[c] in ("dobj", "dative", "prep", "prt", "xcomp", "ccomp", "advmod", "acomp") for c in kids
                )
            ):
                return None  # a bare capitalised word ("Juraj") is a signature, not an instruction
            return _clause_fact("INSTRUCTION", tok)
        # "if you contact our team, ..." — a conditional instruction
        if (
            sub_lower & _SECOND_PERSON
            and lemma in self._cond_verbs
            and any(deps[c] == "mark" and lower[c] == "if" for c in kids)
        ):
            return _clause_fact("INSTRUCTION", tok)
        if dep != "ROOT" and _conditional_at(t, i):
            return None
        # "you can find it in Settings", "you'll need to ...", "you should ..."
        counterfactual = tag == "VBN" and bool(aux_lower & {"have", "'ve", "’ve"})  # "you should have checked"
        if (
            sub_lower & _SECOND_PERSON
            and aux_lower & (_INSTR_MODALS | {"ca"})
            and not counterfactual
            and lemma not in ("be", "help", "imagine", "see")
        ):
            if not _embedded_at(t, i):
                return _clause_fact("INSTRUCTION", tok)
        if (
            sub_lower & _SECOND_PERSON
            and lemma in ("need", "have")
            and tag in ("VB", "VBP")
            and any(deps[c] == "xcomp" and t.tag[c] == "VB" for c in kids)
            and not _embedded_at(t, i)
        ):
            return _clause_fact("INSTRUCTION", tok)
        hedged = hedged_sent or _hoped_at(t, i)
        # timed outcome: "you'll see the refund in 3-5 days", "your replacement will ship Monday"
        if aux_lower & _WILL and not hedged:
            yours = sub_lower & _SECOND_PERSON or any(any(lower[c] in ("your", "ur") for c in t.kids[s]) for s in subs)
            timed = _timed_at(tok.doc, t, range(sent.start, sent.end))
            if ((yours or timed) and not sub_lower & {"they", "he", "she"} and lemma not in ("be",)) or (
                yours and lemma == "be" and any(deps[c] in ("acomp", "attr") for c in kids) and timed
            ):
                if not sub_lower & {"i", "we"} or lemma not in self._commit_ignore:
                    return _clause_fact("OUTCOME", tok)
        # "a fix is rolling out this week", "it should be back up within the hour"
        if (
            not sub_lower & _PERSONAL_SUBJECTS
            and subs
            and aux_lower & _OUTCOME_AUX
            and tag in ("VB", "VBG", "VBN")
            and (lemma not in ("be", "have") or any(lower[c] in _BACK_WORDS for c in kids))
            and _timed_at(tok.doc, t, _subtree_ids(t, i))
            and (
                # a present passive ("delays are handled by ...", "breakfast is included for two
                # nights") states a rule; it is an outcome only with a point in time
                not (tag == "VBN" and not aux_lower & _SETTLED_AUX) or _time_anchor(tok)
            )
            and not hedged
            and not _embedded_at(t, i)
        ):
            return _clause_fact("OUTCOME", tok)
        # "accounts unlock after 72 hours", "refunds take 3-5 days": when the outcome happens
        if tag in ("VBZ", "VBP") and subs and not sub_lower & _ANY_PERSON:
            if lemma != "be" and _has_duration(tok):
                return _clause_fact("OUTCOME", tok)
        # an estimate with a point in time: "engineers expect service back by 6pm"
        if lemma in self._expect_verbs and not sub_lower & _SECOND_PERSON and not hedged and _time_anchor(tok):
            return _clause_fact("OUTCOME", tok)
        # a state reached for the customer: "your account is now closed", "your card is unblocked"
        yours_subject = bool(subs) and all(any(lower[c] in ("your", "ur") for c in t.kids[s]) for s in subs)
        if yours_subject and lemma == "be" and tag in ("VBZ", "VBP") and not _embedded_at(t, i) and not hedged:
            states = [
                c for c in kids if deps[c] in ("acomp", "attr", "advmod", "prep") and lower[c] in self._outcome_states
            ]
            if states:
                return _clause_fact("OUTCOME", tok)
        if (
            yours_subject
            and tag == "VBN"
            and lemma in self._outcome_verbs
            and not _embedded_at(t, i)
            and not hedged
            and any(lower[a] in ("is", "are", "'s", "’s") for a in auxes)
            and any(lower[c] in ("now", "already") for c in kids)
        ):
            return _clause_fact("OUTCOME", tok)  # "your subscription is now cancelled"
        # done for the customer, said of the thing moved: "the balance has been moved to your account"
        if (
            tag == "VBN"
            and aux_lower & _PERFECT_AUX
            and any(deps[a] == "auxpass" for a in auxes)
            and lemma not in ("be", "have")
            and any(
                w.lower_ in ("you", "your", "ur") and w.dep_ in ("pobj", "poss", "dative", "dobj") for w in tok.subtree
            )
            and not _embedded_at(t, i)
            and not hedged
        ):
            return _clause_fact("OUTCOME", tok)
        # done for the customer: "your refund has been processed", "your order has shipped"
        if (
            subs
            and all(any(lower[c] in ("your", "ur") for c in t.kids[s]) for s in subs)
            and (
                (aux_lower & _PERFECT_AUX and tag == "VBN")
                or (tag in ("VBD", "VBN") and _timed_at(tok.doc, t, _subtree_ids(t, i)))
            )
            and lemma not in ("be", "have")
            and not _embedded_at(t, i)
        ):
            return _clause_fact("OUTCOME", tok)
        if not hedged and not _embedded_at(t, i):
            step = self._willing_or_procedure(tok, lemma, tag, dep, sub_lower, aux_lower)
            if step is not None:
                return step
        # commitment: I/we + will / have done / are doing / can do / need to
        ours = any(
            t.pos[s] in ("NOUN", "PROPN") and any(lower[c] == "our" for c in t.kids[s]) for s in subs
        )  # "our team is looking into it", "our engineers have fixed it"
        first_person = (
            bool(sub_lower & _WE) or ours or (not subs and tag == "VBD" and dep == "ROOT" and self._starts_clause(tok))
        )
        let_us = (
            dep in ("ccomp", "xcomp") and t.lemma[head] == "let" and any(lower[c] in ("me", "us") for c in t.kids[head])
        )
        habitual = any(
            lower[c] in ("always", "constantly", "continually", "generally", "usually", "often") for c in kids
        )
        if dep == "relcl" and lower[head] in ("nothing", "anything", "little", "much"):
            return None  # "there's nothing we can do"
        informing = lemma in ("confirm", "assure", "tell", "say", "promise", "guarantee") and bool(aux_lower & _CAN)
        if (
            (first_person or let_us)
            and not hedged
            and not habitual
            and not informing
            and lemma not in self._commit_ignore
        ):
            if aux_lower & _WOULD and lemma != "need":
                return None
            if _embedded_at(t, i):
                return None
            if (
                let_us
                or aux_lower & _COMMIT_AUX
                or tag in ("VBD", "VBN")
                or (tag == "VBG" and dep == "conj")
                or (lemma == "need" and any(deps[c] == "xcomp" for c in kids))
                or (t.lemma[head] in ("go", "need") and dep == "xcomp")
            ):
                if lemma == "need" and not any(deps[c] == "xcomp" for c in kids):
                    return None  # "we need the money" is not a step
                if tag == "VBD" and not aux_lower and not (sub_lower & {"i", "we"} or not subs):
                    return None
                if (
                    tag == "VBD"
                    and not aux_lower
                    and subs
                    and not any(w.lower_ in ("you", "your", "yours", "u", "ur") for w in tok.subtree)
                ):
                    return None  # "we changed ownership": something we did, not for this customer
                return _clause_fact("COMMITMENT", tok)
        return None

    @staticmethod
    def _willing_or_procedure(
        tok: Token, lemma: str, tag: str, dep: str, sub_lower: set[str], aux_lower: set[str]
    ) -> ActFact | None:
        """Three shapes of a step the commitment and instruction tests miss:
        "we'll be glad to credit the time" (we will, through an adjective of willingness);
        "we've been in touch via DM" / "we'll be in touch" (contact made or promised);
        "the live wire should be connected to the NO terminal" (a procedure, said of the thing)."""
        head = tok.head
        if (
            dep == "xcomp"
            and tag == "VB"
            and head.pos_ == "ADJ"
            and head.lower_ in _WILLING
            and head.head.lemma_.lower() == "be"
            and {s.lower_ for s in _subjects(head.head)} & _WE
            and {a.lower_ for a in _aux(head.head)} & _WILL
            and not _has_neg(head.head)
        ):
            return _clause_fact("COMMITMENT", tok)
        if (
            lemma in ("be", "get", "keep", "stay")
            and sub_lower & _WE
            and (aux_lower & (_WILL | _PERFECT_AUX) or tag in ("VBD", "VBN"))
            and any(c.lower_ == "in" and any(g.lower_ == "touch" for g in c.children) for c in tok.children)
            and not _has_neg(tok)
        ):
            return _clause_fact("COMMITMENT", tok)
        if (
            tag == "VBN"
            and aux_lower & {"should", "must"}
            and any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN") for c in tok.children)
            and not _has_neg(tok)
            and not _conditional(tok)
        ):
            return _clause_fact("INSTRUCTION", tok)
        return None

    @staticmethod
    def _starts_clause(tok: Token, strict: bool = False) -> bool:
        """Only fillers ("please", "just", a name, a link) precede ``tok`` in its clause."""
        doc = tok.doc
        t = _table(doc)
        i = tok.i
        sent_start = _sent_bounds(tok)[0]
        seg_start = sent_start
        head, text, lower, newline = t.head[i], t.text, t.lower, t.newline
        for k in range(sent_start, i):
            if text[k] in (",", ";", ":", "-", "–", "—", "!", ".", "(", "?") or newline[k]:
                seg_start = k + 1
            if not strict and lower[k] in ("and", "then", "or") and t.head[k] == head:
                seg_start = k + 1
        before = [doc[k] for k in range(seg_start, i) if not _filler_at(t, k)]
        if not before:
            return True
        if strict:
            return False
        # "if you're able to, restart the app" / "once it arrives, open the box"
        return all(any(a.dep_ == "advcl" and a.head.i == tok.i for a in [b, *b.ancestors]) for b in before)

    # ------------------------------------------------------------------ empathy ----------------
    def empathy(self, doc: Doc, matches: Matches, customer_doc: Doc | None) -> list[ActFact]:
        """Acknowledging the customer's feeling or the impact, or restating their problem."""
        facts: list[ActFact] = []
        for span in matches.get("EMPATHY", []):
            before = doc[max(_span_sent_bounds(span)[0], span.start - 2) : span.start]
            if any(t.lower_ in ("not", "n't", "n’t", "never") for t in before):
                continue  # "I don't understand what you mean"
            if _has_neg(span.root) and span.root.lemma_.lower() in ("understand", "know", "imagine", "hear"):
                continue
            facts.append(_span_fact("EMPATHY", span))
        if customer_doc is not None:
            facts.extend(self._restatements(doc, customer_doc))
        return _unquoted(doc, _dedupe(facts))

    def _content_lemmas(self, tokens: Iterable[Token]) -> set[str]:
        out = set()
        for t in tokens:
            if t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") or t.is_stop or _is_handle(t) or len(t.text) < 3:
                continue
            lemma = t.lemma_.lower()
            if lemma in self._restate_ignore or not t.is_alpha:
                continue
            out.add(lemma)
        return out

    def _restatements(self, doc: Doc, customer_doc: Doc) -> list[ActFact]:
        complaint = self.complaint(customer_doc, self._packs.match(customer_doc))
        return self.restatements(doc, complaint_sentences(customer_doc, complaint), complaint)

    def restatements(
        self,
        doc: Doc,
        customer_sents: Sequence[Span],
        complaint: Sequence[ActFact] = (),
        busy: Sequence[ActFact] | None = None,
    ) -> list[ActFact]:
        """Draft sentences that restate a customer complaint sentence in the agent's own words.

        A restatement is about the customer ("you"/"your" as or in the subject), shares with one
        complaint sentence both a thing (a noun-chunk head in both) and what went wrong (a verb or
        adjective), and is neither a question, an instruction, a refusal nor a conditional.
        """
        if not customer_sents:
            return []
        cust = []
        for s in customer_sents:
            lem = self._content_lemmas(s)
            chunks = {c.root.lemma_.lower() for c in noun_chunks_in(s)}
            in_complaint = [t for t in s if any(f.start <= t.idx < f.end for f in complaint)] if complaint else list(s)
            heads = [t.head for t in in_complaint]
            preds = {t.lemma_.lower() for t in [*in_complaint, *heads] if t.pos_ in ("VERB", "ADJ")} & lem
            cust.append((lem, chunks, preds))
        qids = self._question_token_ids(doc)
        if busy is None:
            matches = self._packs.match(doc)
            busy = [*self.refusals(doc, matches), *self.next_actions(doc, matches)]
        busy = [b for b in busy if b.label not in ("QUESTION", "REQUEST")]
        facts = []
        doc_facts = _doc_facts(doc)
        t = doc_facts.table(doc)
        # the tokens that start inside an instruction, commitment or refusal (offsets ascend)
        busy_ids = {
            i for b in busy for i in range(bisect.bisect_left(t.idx, b.start), bisect.bisect_left(t.idx, b.end))
        }
        for start, end in doc_facts.sentences(doc)[0]:
            ids = [i for i in range(start, end) if not t.space[i]]
            if not ids or any(i in qids for i in ids):
                continue
            # words inside an instruction, commitment or refusal are not a restatement
            ids = [i for i in ids if i not in busy_ids]
            if not ids:
                continue
            if any(t.dep[c] == "mark" and t.lower[c] in _CONDITIONAL_MARKS for i in ids for c in t.kids[i]):
                continue
            if not any(
                t.lower[i] in ("you", "your", "you're", "you've", "u", "ur")
                and (
                    t.dep[i] in ("nsubj", "nsubjpass")
                    or any(t.dep[a] in ("nsubj", "nsubjpass") for a in _ancestor_ids(t, i))
                )
                for i in ids
            ):
                continue
            sent = doc[start:end]
            toks = [doc[i] for i in ids]
            lem = self._content_lemmas(toks)
            chunks = {c.root.lemma_.lower() for c in noun_chunks_in(sent)}
            for c_lem, c_chunks, c_preds in cust:
                shared = lem & c_lem
                if shared & chunks & c_chunks and shared & c_preds:
                    content = [t for t in toks if not _is_filler(t)]
                    if content:
                        facts.append(_tokens_fact("RESTATEMENT", content))
                    break
        return _unquoted(doc, facts)


def complaint_sentences(customer_doc: Doc, complaint: Sequence[ActFact]) -> list[Span]:
    """The customer's sentences that carry a complaint signal, in order."""
    starts = {sentence_of(customer_doc, f.start, f.end).start for f in complaint}
    return [s for s in customer_doc.sents if s.start in starts]


# --- memoising helpers for rules (one computation per check, shared between rules) ----------
def complaint_of(ctx: Context) -> list[ActFact]:
    """The customer's complaint signals (empty without a customer message)."""
    if ctx.customer_doc is None:
        return []
    cdoc = ctx.customer_doc

    def compute() -> list[ActFact]:
        signals = _complaint_signals(ctx, cdoc)
        decisions = ctx.toolkit.decisions
        if decisions is None:
            return signals
        p = complaint_probability(ctx)
        if p < decisions.complaint.threshold:
            return []
        if signals:
            return signals
        # the model hears a problem the phrase lists do not name: the message's first sentence stands for it
        first = next((s for s in cdoc.sents if s.text.strip()), None)
        if first is None:
            return []
        return [ActFact("COMPLAINT", first.start_char, first.end_char, first.text)]

    return ctx.memo("speech.complaint", compute)


def _complaint_signals(ctx: Context, cdoc: Doc) -> list[ActFact]:
    return ctx.memo("speech.complaint_signals", lambda: ctx.toolkit.speech.complaint(cdoc, ctx.customer_matches))


def surely_complains(ctx: Context) -> bool:
    """The customer reports a problem, at the confident threshold of the learned decision (a
    warning that rests on it is then right at least 90% of the time on unseen sources)."""
    decisions = ctx.toolkit.decisions
    if decisions is None:
        return bool(complaint_of(ctx))
    return bool(complaint_of(ctx)) and complaint_probability(ctx) >= decisions.complaint.confident


def surely_asks(ctx: Context) -> bool:
    """The customer asks something, at the confident threshold of the learned ask decision (an
    ask kept at that probability was a real one at least 80% of the time on unseen sources), so
    that a rhetorical "isn't this the cutest burrito?" does not call for a next step."""
    decisions = ctx.toolkit.decisions
    if decisions is None:
        return bool(ctx.questions)
    return any(q.confidence >= decisions.asks.confident for q in ctx.questions)


def complaint_probability(ctx: Context) -> float:
    """The calibrated probability that the customer reports a problem (0 without a customer
    message; 1 or 0 from the hand rules when the learned decisions are off)."""
    if ctx.customer_doc is None:
        return 0.0
    cdoc = ctx.customer_doc
    decisions = ctx.toolkit.decisions

    def compute() -> float:
        signals = _complaint_signals(ctx, cdoc)
        if decisions is None:
            return 1.0 if signals else 0.0
        return decisions.complaint.probability(ctx.toolkit, cdoc, ctx.customer_matches, signals, ctx.questions)

    return ctx.memo("speech.complaint_probability", compute)


def apologies_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.apologies", lambda: ctx.toolkit.speech.apologies(ctx.draft_doc, ctx.draft_matches))


def non_apologies_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.non_apologies", lambda: ctx.toolkit.speech.non_apologies(ctx.draft_doc, ctx.draft_matches))


def refusals_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.refusals", lambda: ctx.toolkit.speech.refusals(ctx.draft_doc, ctx.draft_matches))


def alternatives_of(ctx: Context) -> list[ActFact]:
    return ctx.memo(
        "speech.alternatives",
        lambda: ctx.toolkit.speech.alternatives(
            ctx.draft_doc, ctx.draft_matches, refusals_of(ctx), next_actions_of(ctx)
        ),
    )


def next_actions_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.next_actions", lambda: ctx.toolkit.speech.next_actions(ctx.draft_doc, ctx.draft_matches))


def empathy_of(ctx: Context) -> list[ActFact]:
    """Empathy in the draft; restatements are compared with the customer's complaint sentences."""

    def compute() -> list[ActFact]:
        speech = ctx.toolkit.speech
        facts = speech.empathy(ctx.draft_doc, ctx.draft_matches, None)
        if ctx.customer_doc is not None:
            complaint = complaint_of(ctx)
            sents = complaint_sentences(ctx.customer_doc, complaint)
            busy = [*refusals_of(ctx), *next_actions_of(ctx)]
            facts = _dedupe([*facts, *speech.restatements(ctx.draft_doc, sents, complaint, busy)])
        return facts

    return ctx.memo("speech.empathy", compute)
