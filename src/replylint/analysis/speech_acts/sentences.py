"""Sentences of a doc: the sentence of a range, the prose sentences of a reply, question segments,
complaint sentences, facts outside quoted history."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import Ranges, doc_text
from replylint.analysis.speech_acts.docfacts import _doc_facts, _sent_of, _table
from replylint.analysis.speech_acts.facts import ActFact
from replylint.analysis.speech_acts.segments import _question_segments_at


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


def question_segments(sent: Span) -> list[list[Token]]:
    """The parts of a sentence that are questions to the reader, by form (not just a '?')."""
    doc = sent.doc
    return [[doc[i] for i in seg] for seg in _question_segments_at(_table(doc), sent.start, sent.end)]


def complaint_sentences(customer_doc: Doc, complaint: Sequence[ActFact]) -> list[Span]:
    """The customer's sentences that carry a complaint signal, in order."""
    starts = {sentence_of(customer_doc, f.start, f.end).start for f in complaint}
    return [s for s in customer_doc.sents if s.start in starts]
