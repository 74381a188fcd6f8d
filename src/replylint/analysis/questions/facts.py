"""What the question extractor reports: the kinds and answer types of an ask, a found question
(:class:`QuestionFact`) and what is read of a message before its clauses are classified.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuestionKind = Literal["direct", "indirect", "request"]
AnswerType = Literal["yesno", "when", "where", "how_much", "how", "why", "what", "who", "request"]


@dataclass(frozen=True, slots=True)
class QuestionFact:
    """One question or request of the customer, with its span in the original text."""

    text: str
    start: int
    end: int
    kind: QuestionKind
    answer_type: AnswerType
    confidence: float
    focus: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExtractorReading:
    """What the extractor reads of a message before it classifies clauses: the matches of its
    phrase lists and token shapes (label, start token, end token) and the segments (token ranges).
    Computed once by ``QuestionExtractor.read``; the learned candidate asks reuse it."""

    phrases: list[tuple[str, int, int]]
    shapes: list[tuple[str, int, int]]
    segments: list[tuple[int, int]]


# a found ask before it becomes a QuestionFact: start, end, kind, answer type, confidence,
# generic (a bare "help"/"hope you can help" that repeats another ask), weak (declarative "...?")
_Found = tuple[int, int, QuestionKind, AnswerType, float, bool, bool]
