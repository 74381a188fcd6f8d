"""Alternatives offered in a draft (what the customer can do instead of what was refused)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from replylint.analysis.doccache import Ranges
from replylint.analysis.speech_acts.docfacts import _table
from replylint.analysis.speech_acts.facts import ActFact, Matches, _dedupe, _span_fact, _tokens_fact
from replylint.analysis.speech_acts.grammar import _clause_negated, _has_neg, _subjects
from replylint.analysis.speech_acts.next_action import NextActionFinder
from replylint.analysis.speech_acts.refusal import RefusalFinder
from replylint.analysis.speech_acts.sentences import _unquoted, sentence_of
from replylint.analysis.speech_acts.words import _SECOND_PERSON


class AlternativeFinder(RefusalFinder, NextActionFinder):
    """Finds alternatives offered in a draft (it reads the draft's refusals and next actions)."""

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
