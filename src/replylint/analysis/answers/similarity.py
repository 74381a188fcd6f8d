"""Topic similarity between a question and a draft sentence: the protocol a backend implements and
the lexical default (the embeddings backend is in ``analysis/semantic.py``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from spacy.tokens import Span

from replylint.analysis.questions import QuestionFact


@runtime_checkable
class Similarity(Protocol):
    """Topic similarity between a question and a draft sentence, in [0, 1]."""

    def similarity(
        self,
        question: QuestionFact,
        question_concepts: frozenset[str],
        sentence: Span,
        sentence_concepts: frozenset[str],
    ) -> float: ...


class LexicalSimilarity:
    """Share of the question's concepts (lemmas folded by the synonym table) found in the sentence."""

    def similarity(
        self,
        question: QuestionFact,
        question_concepts: frozenset[str],
        sentence: Span,
        sentence_concepts: frozenset[str],
    ) -> float:
        plain = {c for c in question_concepts if not c.startswith("P:")}
        if not plain:
            return 0.0
        shared = {c.removeprefix("P:") for c in question_concepts & sentence_concepts}
        return min(1.0, len(shared) / min(len(plain), 3))
