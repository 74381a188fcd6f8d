"""What the answer matcher reports (:class:`AnswerFact`) and the options it takes."""

from __future__ import annotations

from dataclasses import dataclass

import pydantic

from replylint.analysis.questions import QuestionFact


@dataclass(frozen=True, slots=True)
class AnswerFact:
    """Whether (and where) the draft answers one customer question."""

    question: QuestionFact
    answered: bool
    start: int | None
    end: int | None
    score: float
    reason: str
    #: The calibrated probability that the draft answers it (the learned decision), when made.
    probability: float | None = None
    #: The features that moved that probability most ("best_commits +0.81").
    drivers: tuple[str, ...] = ()


class AnswerOptions(pydantic.BaseModel):
    """Options of the question-answered check."""

    model_config = pydantic.ConfigDict(extra="forbid")

    threshold: float = pydantic.Field(0.29, ge=0.0, le=1.0, description="score at which a question counts as answered")
    deflection_answers: bool = pydantic.Field(
        False, description="count a reply that only deflects (DM us, see our FAQ) as an answer"
    )
    extra_synonyms: dict[str, list[str]] = pydantic.Field(
        default_factory=dict, description="extra synonym groups: a head word and the words that mean the same"
    )
