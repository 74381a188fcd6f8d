"""Empathy in a draft and restatements of the customer's complaint."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from replylint.analysis.doccache import noun_chunks_in
from replylint.analysis.speech_acts.complaint import ComplaintFinder
from replylint.analysis.speech_acts.docfacts import _doc_facts, _span_sent_bounds
from replylint.analysis.speech_acts.facts import ActFact, Matches, _dedupe, _span_fact, _tokens_fact
from replylint.analysis.speech_acts.grammar import _has_neg, _is_filler, _is_handle
from replylint.analysis.speech_acts.next_action import NextActionFinder
from replylint.analysis.speech_acts.refusal import RefusalFinder
from replylint.analysis.speech_acts.segments import _ancestor_ids
from replylint.analysis.speech_acts.sentences import _unquoted, complaint_sentences
from replylint.analysis.speech_acts.words import _CONDITIONAL_MARKS


class EmpathyFinder(ComplaintFinder, RefusalFinder, NextActionFinder):
    """Finds empathy and restatements in a draft (a restatement echoes the complaint and is not a
    refusal or a next action)."""

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
