"""Refusals in a draft ("we can't", "we are unable to")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from replylint.analysis.speech_acts.docfacts import _doc_facts, _sent_of, _table
from replylint.analysis.speech_acts.facts import ActFact, Matches, _dedupe, _span_fact, _tokens_fact
from replylint.analysis.speech_acts.grammar import (
    _aux,
    _clause_fact,
    _conditional,
    _effective_subjects,
    _embedded,
    _has_neg,
    _has_neg_at,
    _subjects,
)
from replylint.analysis.speech_acts.lexicon import SpeechActLexicon
from replylint.analysis.speech_acts.sentences import _unquoted
from replylint.analysis.speech_acts.words import _CAN, _REFUSAL_MODAL_IGNORE, _SECOND_PERSON, _WILL, _WOULD


class RefusalFinder(SpeechActLexicon):
    """Finds refusals in a draft."""

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
        if any(t.text.endswith("?") for t in _sent_of(noun)):
            return False  # "No chance to run a cable to the gazebo?": a suggestion asked, not a decline
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
