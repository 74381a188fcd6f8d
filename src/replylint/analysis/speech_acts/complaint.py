"""Complaint detection: where the customer message reports a problem."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.speech_acts.docfacts import (
    _doc_facts,
    _sent_bounds,
    _sent_of,
    _span_sent,
    _span_sent_bounds,
    _table,
)
from replylint.analysis.speech_acts.facts import ActFact, Matches, _dedupe, _span_fact, _tokens_fact
from replylint.analysis.speech_acts.grammar import (
    _ancestors_to_root,
    _aux,
    _clause_fact,
    _conditional,
    _effective_subjects,
    _has_neg,
    _has_neg_at,
    _hoped,
    _quoted_name,
)
from replylint.analysis.speech_acts.lexicon import SpeechActLexicon
from replylint.analysis.speech_acts.words import _NEG_WORDS, _SECOND_PERSON


class ComplaintFinder(SpeechActLexicon):
    """Finds where a customer message reports a problem."""

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
