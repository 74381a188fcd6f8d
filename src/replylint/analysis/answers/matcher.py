"""The answer matcher: scores each customer question against each draft sentence (topic and answer
type) and decides whether the draft answers it, and where.
"""

from __future__ import annotations

from spacy.tokens import Doc

from replylint.analysis.answers.concepts import _stem
from replylint.analysis.answers.facts import AnswerFact
from replylint.analysis.answers.sentences import DraftSentence, SentenceReader, _Sentence
from replylint.analysis.answers.verdicts import _MISSING, for_type, type_match
from replylint.analysis.questions import QuestionFact

#: A shared answering sentence: scores under this, this far below the best question's, are borrowed.
_WEAK_SHARED = 0.45
_SHARED_GAP = 0.2


class AnswerMatcher(SentenceReader):
    """Match customer questions to the draft sentences that answer them."""

    # ------------------------------------------------------------------ scoring
    def match(
        self,
        questions: list[QuestionFact],
        customer_doc: Doc,
        draft_doc: Doc,
        sentences: list[DraftSentence] | None = None,
    ) -> list[AnswerFact]:
        if not questions:
            return []  # nothing to answer: the draft's sentences need no reading
        if sentences is None:
            sentences = self._sentences(draft_doc)
        only_deflects = not any(s.substantive and not s.pointer for s in sentences) and any(
            s.deflects or s.asks_back or s.pointer for s in sentences
        )
        single = len(questions) == 1
        concepts = [self._focus_concepts(q, customer_doc) for q in questions]
        # how many of the customer's questions mention each concept: a word all of them share
        # ("delivery" in three delivery questions) says little about which one a sentence answers
        df: dict[str, int] = {}
        for qc in concepts:
            for c in {c.removeprefix("P:") for c in qc}:
                df[c] = df.get(c, 0) + 1
        out: list[AnswerFact] = []
        for q, qc in zip(questions, concepts, strict=False):
            pred = self._predicate(q, customer_doc)
            span = customer_doc.char_span(q.start, q.end, alignment_mode="expand")
            qphr = self._phrases(span) if span is not None else frozenset()
            out.append(self._match_one(q, qc, sentences, only_deflects, single, df, pred, qphr))
        return self._unshare(out)

    @staticmethod
    def _unshare(answers: list[AnswerFact]) -> list[AnswerFact]:
        """One sentence, several questions: a weak match to a sentence that clearly answers another
        question is borrowed ("I've sent a replacement" answers "can you send a replacement?", not
        "can I keep the broken one?"). Close scores are kept: one sentence may answer two asks."""
        best: dict[int, float] = {}
        for a in answers:
            if a.answered and a.start is not None:
                best[a.start] = max(best.get(a.start, 0.0), a.score)
        out = []
        for a in answers:
            top = best.get(a.start, 0.0) if a.answered and a.start is not None else 0.0
            if a.answered and a.score < _WEAK_SHARED and top - a.score >= _SHARED_GAP:
                a = AnswerFact(
                    a.question,
                    False,
                    a.start,
                    a.end,
                    a.score,
                    f"the sentence that mentions it answers another question ({a.reason})",
                )
            out.append(a)
        return out

    def _match_one(
        self,
        q: QuestionFact,
        qc: frozenset[str],
        sentences: list[_Sentence],
        only_deflects: bool,
        single: bool,
        df: dict[str, int],
        predicate: str | None = None,
        phrases: frozenset[str] = frozenset(),
    ) -> AnswerFact:
        best: tuple[float, _Sentence | None, str, frozenset[str]] = (0.0, None, "", frozenset())
        plain = {c.removeprefix("P:") for c in qc}
        weight_all = sum(1.0 / df.get(c, 1) for c in plain) or 1.0
        for s in sentences:
            if not s.substantive and not (self.options.deflection_answers and s.deflects):
                continue
            topic = self.similarity.similarity(q, qc, s.span, s.concepts)
            shared = frozenset(c.removeprefix("P:") for c in qc & s.concepts)
            same_phrase = phrases & s.phrases
            if same_phrase:
                # the same multi-word thing or named entity ("delivery address", "Garmin Connect")
                topic = min(1.0, topic + 0.2)
            if s.pointer and topic < 0.5 and not self.options.deflection_answers:
                continue  # "see our FAQ", "details are on our website": a general pointer
            tmatch, why = type_match(q, s)
            if not single and shared:
                # several questions: words the other questions share count for less
                distinct_topic = sum(1.0 / df.get(c, 1) for c in shared) / weight_all
                topic = (topic + min(1.0, distinct_topic)) / 2
            if any(not c.startswith("P:") for c in qc):
                if (
                    not single
                    and q.answer_type == "yesno"
                    and s.affirms
                    and len(s.words) > 4
                    and predicate is not None
                    and predicate not in s.concepts
                ):
                    # with several questions, "we do deliver on Saturdays" says yes to delivering
                    # on Saturdays, not to "can I change the address": the predicate must match
                    tmatch, why = 0.3, "talks about it"
                score = 0.55 * topic + 0.35 * tmatch
            else:
                score = 0.25 + 0.45 * tmatch
            if single:
                score += 0.12
            if q.answer_type == "request" and not (
                s.commits or s.declines or (s.instructs and (topic >= 0.5 or not qc))
            ):
                score = min(score, 0.25)  # talking about the request is not doing or declining it
            if (
                not single
                and plain
                and not shared
                and not same_phrase
                and q.answer_type in {"where", "how", "what", "who", "why", "when", "how_much"}
            ):
                # several questions and not one word of this one: "you can change the address on the
                # Orders page" does not say where the parcel is
                score = min(score, 0.25)
            if q.answer_type in {"when", "how_much"} and tmatch < 0.5 and not s.commits:
                score = min(score, 0.25)  # a when-question needs a time, a how-much question an amount
            score = max(0.0, min(1.0, score))
            if score > best[0]:
                best = (score, s, why, shared)
        score, sent, why, shared = best
        threshold = self.options.threshold
        if sent is None:
            if only_deflects:
                reason = "the draft only deflects (DM, details, a general help link) or asks a clarifying question"
            else:
                reason = f"no draft sentence addresses {self._topic(q)}"
            return AnswerFact(q, False, None, None, 0.0, reason)
        answered = score >= threshold
        # name the customer's own words, not the synonym group ("'fee'", not "'~charge'")
        shown: dict[str, str] = {}
        for f in q.focus:
            shown.setdefault(self._lookup(f, f) or _stem(f), f)
        shared_words = sorted({shown.get(c, c.lstrip("~")) for c in shared})
        parts = []
        if shared:
            parts.append("shares " + ", ".join(f"'{w}'" for w in shared_words))
        if why:
            parts.append(why + for_type(q))
        if answered:
            reason = "; ".join(parts) if parts else "a substantive sentence replies to it"
            return AnswerFact(q, answered, sent.span.start_char, sent.span.end_char, round(score, 3), reason)
        if shared:
            words = ", ".join(f"'{w}'" for w in shared_words)
            reason = f"the draft mentions {words} but {_MISSING[q.answer_type]}"
        else:
            reason = f"no draft sentence mentions {self._topic(q)}"
        # the best candidate is kept for explanations; a rule should not cite it as an answer
        return AnswerFact(q, False, sent.span.start_char, sent.span.end_char, round(score, 3), reason)

    @staticmethod
    @staticmethod
    def _topic(q: QuestionFact) -> str:
        if q.focus:
            return ", ".join(f"'{f}'" for f in q.focus[:3])
        return f"'{q.text[:40]}'"
