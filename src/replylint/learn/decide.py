"""The learned decisions the Checker makes, over the hand-written analyzers' signals.

- ``AskDecider``: which candidate spans of the customer message are asks (``asks.json``);
- ``AnswerDecider``: the probability that the draft answers each ask (``answered.json``);
- ``ComplaintDecider``: the probability that the customer reports a problem (``complaint.json``).

Each loads its model once (per Checker), scores in microseconds and is read-only afterwards,
so one instance is shared by all threads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from replylint.analysis.answers import AnswerFact, AnswerMatcher
from replylint.analysis.questions import QuestionExtractor, QuestionFact
from replylint.analysis.speech_acts import ActFact
from replylint.learn.answer_features import answer_features
from replylint.learn.ask_features import FEATURE_VERSION, ask_candidates
from replylint.learn.complaint_features import complaint_features
from replylint.learn.linear import LinearModel, load_model

if TYPE_CHECKING:
    from replylint.context import Toolkit

__all__ = ["AnswerDecider", "AskDecider", "ComplaintDecider", "Decisions", "select_asks"]


def select_asks(spans: Sequence[tuple[int, int]], probs: Sequence[float], threshold: float) -> list[int]:
    """Indices of the kept asks: most probable first, none overlapping a kept one, in text order."""
    order = sorted(range(len(spans)), key=lambda i: (-probs[i], spans[i][0], spans[i][1]))
    kept: list[int] = []
    for i in order:
        if probs[i] < threshold:
            break
        a, b = spans[i]
        if any(a < spans[k][1] and spans[k][0] < b for k in kept):
            continue
        kept.append(i)
    return sorted(kept, key=lambda i: spans[i])


def _checked(model: LinearModel) -> LinearModel:
    if model.feature_version != FEATURE_VERSION:
        raise RuntimeError(
            f"the shipped model '{model.name}' was trained with feature version {model.feature_version}, "
            f"this code computes version {FEATURE_VERSION}: run `python -m replylint.train`"
        )
    return model


@dataclass(frozen=True)
class AskDecider:
    extractor: QuestionExtractor
    model: LinearModel

    @property
    def threshold(self) -> float:
        """P(ask) from which a candidate is kept (best F1 on unseen sources)."""
        return self.model.threshold("keep")

    @property
    def confident(self) -> float:
        """P(ask) from which a kept candidate is a real ask at least 80% of the time on unseen
        sources: an 'unanswered' error rests only on such asks."""
        return self.model.threshold("confident", self.threshold)

    def extract(self, doc: Doc) -> list[QuestionFact]:
        """The customer's asks, each with ``confidence`` = the calibrated probability it is one."""
        cands = ask_candidates(self.extractor, doc)  # the extractor reads the message once
        if not cands:
            return []
        probs = [self.model.probability(c.features) for c in cands]
        kept = select_asks([(c.start, c.end) for c in cands], probs, self.threshold)
        out: list[QuestionFact] = []
        for i in kept:
            c = cands[i]
            fact = c.fact if c.fact is not None else self.extractor.fact_for_span(doc, c.start, c.end)
            out.append(dataclasses.replace(fact, confidence=round(probs[i], 3)))
        return out


@dataclass(frozen=True)
class AnswerDecider:
    matcher: AnswerMatcher
    model: LinearModel

    @property
    def unanswered_threshold(self) -> float:
        """P(answered) below which 'unanswered' is confident (chosen for precision on unseen sources)."""
        return self.model.threshold("unanswered")

    @property
    def answered_threshold(self) -> float:
        """P(answered) from which 'answered' is confident (right >= 90% of the time on unseen sources)."""
        return self.model.threshold("answered_confident", 0.8)

    def verdict(self, matched: bool, p: float) -> bool:
        """Answered or not: the matcher's verdict stands unless the model is confident otherwise.

        The matcher finds the sentence that fits the question; the model knows how often such a
        fit (or its absence) is a real answer on unseen sources. A model that is merely leaning
        does not overturn the matcher: on the corpus it leans 'answered' on most questions, and a
        draft that says nothing about a question would then pass."""
        if matched:
            return p >= self.unanswered_threshold
        return p >= self.answered_threshold

    def match(
        self,
        toolkit: Toolkit,
        questions: list[QuestionFact],
        customer_doc: Doc,
        draft_doc: Doc,
        draft_matches: Mapping[str, Sequence[Span]] | None = None,
    ) -> list[AnswerFact]:
        if not questions:
            return []
        sentences = self.matcher.read_sentences(draft_doc)  # read once: the matcher and the features
        verdicts = self.matcher.match(questions, customer_doc, draft_doc, sentences)
        feats = answer_features(toolkit, questions, verdicts, customer_doc, draft_doc, draft_matches, sentences)
        out: list[AnswerFact] = []
        for v, f in zip(verdicts, feats, strict=True):
            p = self.model.probability(f)
            drivers = tuple(f"{c.feature} {c.weight:+.2f}" for c in self.model.explain(f))
            answered = self.verdict(v.answered, p)
            out.append(dataclasses.replace(v, answered=answered, probability=round(p, 3), drivers=drivers))
        return out


@dataclass(frozen=True)
class ComplaintDecider:
    model: LinearModel

    @property
    def threshold(self) -> float:
        """P(complaint) from which the customer is taken to report a problem (best F1 on unseen sources)."""
        return self.model.threshold("complaint")

    @property
    def confident(self) -> float:
        """P(complaint) from which that is right at least 90% of the time on unseen sources."""
        return self.model.threshold("complaint_confident", self.threshold)

    def probability(
        self,
        toolkit: Toolkit,
        doc: Doc,
        matches: dict[str, list[Span]],
        signals: Sequence[ActFact],
        questions: Sequence[QuestionFact],
    ) -> float:
        return self.model.probability(complaint_features(toolkit, doc, matches, signals, questions))


@dataclass(frozen=True)
class Decisions:
    asks: AskDecider
    answers: AnswerDecider
    complaint: ComplaintDecider

    @classmethod
    def load(cls, extractor: QuestionExtractor, matcher: AnswerMatcher, folder: Path | None = None) -> Decisions:
        return cls(
            AskDecider(extractor, _checked(load_model("asks", folder))),
            AnswerDecider(matcher, _checked(load_model("answered", folder))),
            ComplaintDecider(_checked(load_model("complaint", folder))),
        )
