"""inconsistent-fact: the library gives different figures for the same thing (library-level)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from replylint.models import Severity
from replylint.rules.base import Example, Outcome, Rule

if TYPE_CHECKING:
    from replylint.context import Context


class InconsistentFact(Rule):
    id = "inconsistent-fact"
    summary = "Two macros of the library give different figures for the same thing (library-level, `replylint lint`)."
    why = (
        "Customers compare answers: when one macro promises refunds within 30 days and another within "
        "14, or two macros give different phone numbers or prices, whichever answer they got looks "
        "wrong and the team looks careless. This check compares durations, prices, percentages, phone "
        "numbers and e-mail addresses across every macro checked by `replylint lint`, grouped by what "
        "they quantify (the refund window, express shipping, the Pro plan per month...). A single "
        "draft has nothing to compare with, so `replylint check` reports it as not applicable."
    )
    default_severity: ClassVar[Severity] = Severity.WARNING
    library_level: ClassVar[bool] = True
    #: Per draft this rule reads nothing, entities included (lets the engine skip NER).
    needs_entities: ClassVar[bool] = False
    bad: ClassVar[tuple[Example, ...]] = ()
    good: ClassVar[tuple[Example, ...]] = (
        Example(
            draft="You can request a refund within 30 days of purchase.",
            expect="not_applicable",
            macro=True,
            note="on its own a macro cannot contradict anything; in a library where another macro says "
            "'Refunds are accepted up to 14 days after delivery', `replylint lint` flags both",
        ),
        Example(
            draft="Hi {{ticket.requester.first_name}}, express shipping costs $15 and arrives in 2 business days.",
            expect="not_applicable",
            macro=True,
            note="flagged by `replylint lint` only if another macro prices express shipping differently",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        return Outcome.not_applicable("library-level check: run `replylint lint` over the whole macro library")
