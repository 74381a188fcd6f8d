"""Apologies and non-apologies in a draft."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from replylint.analysis.speech_acts.docfacts import _span_sent, _span_sent_bounds
from replylint.analysis.speech_acts.facts import ActFact, Matches, _dedupe, _overlaps, _span_fact, _tokens_fact
from replylint.analysis.speech_acts.grammar import _effective_subjects, _subjects
from replylint.analysis.speech_acts.lexicon import SpeechActLexicon
from replylint.analysis.speech_acts.sentences import _unquoted
from replylint.analysis.speech_acts.words import _CITING_VERBS, _FIRST_PERSON, _SECOND_PERSON, _SEEM_VERBS, _WH_TAGS


class ApologyFinder(SpeechActLexicon):
    """Finds apologies and non-apologies ("sorry if you feel") in a draft."""

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
