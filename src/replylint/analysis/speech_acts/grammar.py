"""Dependency tests shared by the analyses: subjects, auxiliaries, negation, hope, conditionals,
embedding, quoted names, clause facts."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from replylint.analysis.speech_acts.docfacts import _sent_bounds, _table
from replylint.analysis.speech_acts.facts import ActFact, _fact, _tokens_fact
from replylint.analysis.speech_acts.table import _Table
from replylint.analysis.speech_acts.words import _CONDITIONAL_MARKS, _EMBEDDING_HEADS, _LEADING_FILLERS

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
