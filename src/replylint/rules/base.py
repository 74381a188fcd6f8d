"""What a rule is: an id, documentation with examples, an options model and a ``check``.

A rule reads linguistic facts from a :class:`~replylint.context.Context` and its validated
options, and returns an :class:`Outcome`. It knows nothing of files, configuration layering or
output formats. Every rule documents at least one failing (``bad``) and one passing (``good``)
example; a meta-test runs all of them, so the documentation cannot rot.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from replylint.models import Severity, Status

if TYPE_CHECKING:
    from replylint.context import Context


def toml_literal(value: Any) -> str:
    """``value`` written as TOML (``true``, ``"text"``, ``["a", "b"]``, ``{ "k" = 1 }``)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {toml_literal(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Iterable):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    raise TypeError(f"no TOML literal for {value!r}")


def _toml_prose(text: str) -> str:
    """An option's description in the words of the configuration file: ``None`` is "unset" and
    quoted examples are TOML strings (``['obviously']`` -> ``["obviously"]``)."""
    text = re.sub(r"\bNone\b", "unset", text)
    return re.sub(r"\[((?:'[^']*'(?:, )?)+)\]", lambda m: m.group(0).replace("'", '"'), text)


class RuleOptions(BaseModel):
    """Base class of every rule's options; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoOptions(RuleOptions):
    """A rule without options."""


@dataclass(frozen=True)
class Example:
    """A documented example. ``expect`` is what the rule must conclude on it."""

    draft: str
    customer: str | None = None
    expect: Literal["passed", "failed", "not_applicable"] = "failed"
    options: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    #: Check the example as a macro (template syntax allowed), as ``replylint lint`` does.
    macro: bool = False


@dataclass(frozen=True)
class Hit:
    """A finding before the engine adds rule id, severity and line/column."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    #: Reported at this severity instead of the rule's (a "possibly" finding below the rule's
    #: confidence threshold is reported at ``info``).
    severity: Severity | None = None
    #: Certain by construction (e.g. a term the team itself listed as internal jargon): never
    #: turned into a "possibly" finding for the rule's measured precision (``Rule.precision``).
    certain: bool = False


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    label: str | None = None


@dataclass(frozen=True)
class Outcome:
    status: Status
    hits: tuple[Hit, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    message: str = ""

    @classmethod
    def passed(cls, evidence: tuple[Evidence, ...] | list[Evidence] = (), message: str = "") -> Outcome:
        return cls(Status.PASSED, (), tuple(evidence), message)

    @classmethod
    def failed(cls, hits: list[Hit] | tuple[Hit, ...], message: str = "") -> Outcome:
        return cls(Status.FAILED, tuple(hits), (), message)

    @classmethod
    def not_applicable(cls, message: str) -> Outcome:
        return cls(Status.NOT_APPLICABLE, (), (), message)


class Rule:
    """Base class. Subclasses set the class attributes and implement :meth:`check`.

    ``needs_customer``: without a customer message the rule answers ``not_applicable``
    (macros have no customer message), never a guess.
    """

    id: ClassVar[str]
    summary: ClassVar[str]
    why: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    needs_customer: ClassVar[bool] = False
    Options: ClassVar[type[RuleOptions]] = NoOptions
    #: A library-level rule (e.g. consistency across macros) runs in ``replylint lint`` only;
    #: per draft it answers not_applicable, and its examples document that.
    library_level: ClassVar[bool] = False
    #: Whether the rule reads named entities of the draft on every check. Built-in rules don't:
    #: drafts are parsed without NER, and the Checker runs NER on a draft only when the customer
    #: asked something (answer types: a date for a when-question, money for how-much). A plugin
    #: that reads ``ent_type_``/``ents`` itself sets this to True.
    needs_entities: ClassVar[bool] = False
    #: One problem, one finding: the more specific rules this one leaves a problem to. A hit of
    #: this rule is dropped when a hit of rule ``(id, scope)`` overlaps it (``"span"``) or lies in the same
    #: sentence (``"sentence"``); e.g. ``TODO`` is a placeholder, not also an unexplained acronym.
    yields_to: ClassVar[tuple[tuple[str, Literal["span", "sentence"]], ...]] = ()
    #: The share of this rule's warning- and error-level findings that were right on the labelled
    #: replies (``python benchmarks/findings.py``: out of source for the learned decisions it
    #: rests on; tests/test_findings_precision.py keeps it equal to the measurement). Below the
    #: configuration's ``min-precision`` its findings are reported as "possibly" at info. None:
    #: not measured (the corpus has no labels for it, or it never fired on real replies).
    precision: ClassVar[float | None] = None
    bad: ClassVar[tuple[Example, ...]] = ()
    good: ClassVar[tuple[Example, ...]] = ()

    def check(self, ctx: Context, options: Any) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        """Plain-text documentation, as ``replylint explain`` prints it."""
        lines = [
            f"{cls.id}  (default severity: {cls.default_severity.value}"
            + ("" if cls.default_enabled else ", off by default")
            + (", needs a customer message" if cls.needs_customer else "")
            + ")",
            "",
            cls.summary,
            "",
            "Why it matters:",
            f"  {cls.why}",
        ]
        if cls.precision is not None:
            lines += [
                "",
                f"Measured: {cls.precision:.0%} of its warning/error findings were right on labelled real replies "
                "(benchmarks/findings.py); under the configuration's min-precision (default 0.8) they are "
                "reported as 'possibly' at info.",
            ]
        fields = cls.Options.model_fields
        if fields:
            lines += ["", "Options (in [rules." + cls.id + "]), with their defaults as TOML:"]
            for name, info in fields.items():
                default = info.get_default(call_default_factory=True)
                desc = _toml_prose(info.description or "")
                key = name.replace("_", "-")
                if default is None:  # TOML has no null: the option is simply not set by default
                    lines.append(f"  # {key}: unset by default  {desc}".rstrip())
                else:
                    lines.append(f"  {key} = {toml_literal(default)}  # {desc}".rstrip(" #"))
        for title, examples in (("Bad", cls.bad), ("Good", cls.good)):
            for ex in examples[:2]:
                lines += ["", f"{title}:"]
                if ex.customer:
                    lines.append(f"  customer: {ex.customer}")
                lines.append(f"  draft:    {ex.draft}")
                if ex.note:
                    lines.append(f"  ({ex.note})")
        return "\n".join(lines)
