"""Pydantic models of the public boundary: what a check returns and what JSON output contains.

The JSON contract is ``Report.model_dump_json()``; ``SCHEMA_VERSION`` changes whenever a field is
removed or changes meaning (adding fields is backwards compatible).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Severity(str, Enum):
    """How bad a finding is. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A piece of text by character offsets ``[start, end)`` into the text it came from."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    label: str | None = None


class Answer(_Frozen):
    """The draft sentence that answers a question, with the score and a readable reason."""

    start: int
    end: int
    text: str


QuestionKind = Literal["direct", "indirect", "request"]
AnswerType = Literal["yesno", "when", "where", "how_much", "how", "why", "what", "who", "request"]


class Question(_Frozen):
    """A question or request found in the customer message (offsets into the customer text)."""

    text: str
    start: int
    end: int
    kind: QuestionKind
    answer_type: AnswerType
    confidence: float = Field(ge=0.0, le=1.0)
    answered: bool
    answered_by: Answer | None = None
    score: float = Field(default=0.0, ge=0.0, le=1.0)
    reason: str = ""
    #: Calibrated probability that the draft answers it (the learned decision; None with
    #: ``judgement = "rules"``). ``confidence`` is the calibrated probability that it is an ask.
    answered_probability: float | None = Field(default=None, ge=0.0, le=1.0)
    #: The features that moved ``answered_probability`` most, e.g. "best_commits +0.81".
    drivers: list[str] = Field(default_factory=list)


class Finding(_Frozen):
    """One problem in the draft. Offsets point into the draft text (1-based line/column too)."""

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestion: str | None = None


class CheckResult(_Frozen):
    """What one rule concluded on one draft."""

    rule: str
    status: Status
    severity: Severity
    message: str = ""
    evidence: list[Span] = Field(default_factory=list)


class Report(_Frozen):
    """The result of checking one draft (optionally against a customer message)."""

    schema_version: str = SCHEMA_VERSION
    ok: bool
    fail_on: Severity
    score: int = Field(ge=0, le=100)
    questions: list[Question] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    channel: str | None = Field(default=None, description="email / chat / social: the channel the draft was checked as")
    channel_source: Literal["configured", "inferred"] | None = Field(
        default=None, description="configured (config, option, macro) or inferred from the texts"
    )

    def check(self, rule: str) -> CheckResult | None:
        """The result of one rule, or ``None`` when the rule did not run."""
        for result in self.checks:
            if result.rule == rule:
                return result
        return None

    def failed_rules(self) -> list[str]:
        return [c.rule for c in self.checks if c.status is Status.FAILED]


class DocumentResult(_Frozen):
    """One checked document (a draft file, or one macro of a library) for the formatters.

    ``path`` names the file; each finding's ``line``/``column`` point into that file (for a macro
    inside a larger file they are translated to the file's coordinates), while ``start``/``end``
    stay offsets into the checked text. ``error`` is set, and ``report`` is None, when the
    document could not be read or checked.
    """

    path: str
    title: str | None = None
    report: Report | None = None
    error: str | None = None
