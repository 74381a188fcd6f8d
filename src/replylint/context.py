"""What a rule sees: the texts, their parses, pack matches and lazily computed analyzer facts.

A ``Toolkit`` is built once per :class:`~replylint.checker.Checker` (compiled matchers and
analyzers, all read-only afterwards). A ``Context`` is built per check and memoises facts so that
two rules asking for the same fact (say, the customer's questions) compute it once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from replylint.packs import CompiledPacks

if TYPE_CHECKING:
    from replylint.analysis.answers import AnswerFact, AnswerMatcher
    from replylint.analysis.questions import QuestionExtractor, QuestionFact
    from replylint.analysis.speech_acts import SpeechActAnalyzer
    from replylint.learn.decide import Decisions

T = TypeVar("T")


@dataclass(frozen=True)
class Toolkit:
    """Everything compiled once per Checker. Read-only after construction, so thread-safe."""

    nlp: Language
    packs: CompiledPacks
    questions: QuestionExtractor
    answers: AnswerMatcher
    speech: SpeechActAnalyzer
    #: The learned decisions over the analyzers' signals (None: the hand rules decide alone).
    decisions: Decisions | None = None

    @property
    def data(self) -> dict[str, Any]:
        """Merged ``data`` sections of all rule packs."""
        return self.packs.data


@dataclass
class Context:
    """One draft (and optionally its customer message) being checked."""

    toolkit: Toolkit
    draft: str
    draft_doc: Doc
    customer: str | None = None
    customer_doc: Doc | None = None
    channel: str | None = None
    macro: bool = False
    #: The channel inferred from the texts when none is configured (see analysis/channel.py).
    inferred_channel: str | None = None
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a fact once per check."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    @property
    def has_customer(self) -> bool:
        return self.customer_doc is not None and bool(self.customer and self.customer.strip())

    @property
    def draft_matches(self) -> dict[str, list[Span]]:
        """Rule-pack matches in the draft, by label."""
        return self.memo("draft_matches", lambda: self.toolkit.packs.match(self.draft_doc))

    @property
    def customer_matches(self) -> dict[str, list[Span]]:
        """Rule-pack matches in the customer message, by label (empty without one)."""
        if self.customer_doc is None:
            return {}
        doc = self.customer_doc
        return self.memo("customer_matches", lambda: self.toolkit.packs.match(doc))

    @property
    def questions(self) -> list[QuestionFact]:
        """The customer's questions and requests (empty without a customer message)."""
        if self.customer_doc is None:
            return []
        doc = self.customer_doc
        decisions = self.toolkit.decisions
        if decisions is not None:
            return self.memo("questions", lambda: decisions.asks.extract(doc))
        return self.memo("questions", lambda: self.toolkit.questions.extract(doc))

    @property
    def answers(self) -> list[AnswerFact]:
        """One answer verdict per question, in the same order."""
        if self.customer_doc is None:
            return []
        doc = self.customer_doc
        decisions = self.toolkit.decisions
        if decisions is not None:
            return self.memo(
                "answers",
                lambda: decisions.answers.match(self.toolkit, self.questions, doc, self.draft_doc, self.draft_matches),
            )
        return self.memo("answers", lambda: self.toolkit.answers.match(self.questions, doc, self.draft_doc))
