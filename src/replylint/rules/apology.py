"""apology: when the customer reports a problem, the draft says sorry — and means it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from replylint.analysis.speech_acts import (
    apologies_of,
    complaint_of,
    complaint_probability,
    non_apologies_of,
    prose_sentences,
)
from replylint.context import Context
from replylint.models import Severity, Status
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions


class ApologyOptions(RuleOptions):
    mode: Literal["always", "when-complaint"] = Field(
        default="when-complaint",
        description="when-complaint: only when the customer reports a problem; always: every draft",
    )
    min_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description=(
            "probability that the customer reports a problem needed to report a missing apology at the "
            "rule's severity (None: the shipped model's threshold, chosen for precision >= 0.90 on unseen "
            "sources); below it a missing apology is reported as 'possibly' at info"
        ),
    )


_NON_APOLOGY_MSG = (
    "'{text}' is not an apology: it regrets the customer's feelings or puts the fault on them, "
    "not the problem they had, and customers read it as dismissive"
)
_NON_APOLOGY_FIX = "Apologise for the problem itself, e.g. 'I'm sorry your order arrived late.'"
_MISSING_MSG = "The customer reports a problem but the draft does not apologise for it"
_MISSING_MSG_ALWAYS = "The draft does not apologise"
_MISSING_FIX = "Add a short, specific apology, e.g. 'I'm sorry the app keeps crashing on you.'"


class Apology(Rule):
    id = "apology"
    summary = "When the customer reports a problem, the draft apologises for it (and not 'sorry if you feel')."
    why = (
        "A customer who hit a problem first wants it acknowledged. A plain, specific apology calms the "
        "conversation and costs nothing; a non-apology such as 'sorry if you feel that way' blames the "
        "customer's reaction and makes things worse."
    )
    default_severity = Severity.WARNING
    precision = 0.88  # 208 of 236 warning/error findings right (benchmarks/findings.py)
    needs_customer = False
    Options = ApologyOptions
    bad = (
        Example(
            customer="My order was supposed to arrive Tuesday and it still hasn't shown up. This is the second time.",
            draft="Please DM us your order number and we'll check the tracking for you.",
            note="a complaint with no apology",
        ),
        Example(
            customer="Your app logged me out three times today and deleted my draft. Really annoying.",
            draft="We're sorry if you feel the app is unreliable. Please update to the latest version.",
            note="'sorry if you feel' regrets the customer's feelings, not the problem",
        ),
        Example(
            customer="I was charged twice for the same subscription this month.",
            draft="Sorry, but you should have checked your billing settings before renewing.",
            note="'sorry, but you should have' turns the apology into blame",
        ),
        Example(
            draft="Your refund has been processed and will show in 3-5 business days.",
            options={"mode": "always"},
            note="mode 'always' asks for an apology in every draft",
        ),
    )
    good = (
        Example(
            customer="My order was supposed to arrive Tuesday and it still hasn't shown up.",
            draft="I'm sorry your order is late. Please DM us the order number and we'll chase the courier today.",
            expect="passed",
        ),
        Example(
            customer="The app crashes every time I open my saved playlists.",
            draft="We apologize for the trouble. Could you tell us which version of the app you're on?",
            expect="passed",
        ),
        Example(
            customer="Thanks so much, the new dashboard is great!",
            draft="Thank you, that's lovely to hear!",
            expect="not_applicable",
            note="no complaint, no apology needed",
        ),
        Example(
            draft="Your refund has been processed.",
            expect="not_applicable",
            note="no customer message to tell whether there is anything to apologise for",
        ),
    )

    def check(self, ctx: Context, options: ApologyOptions) -> Outcome:
        if options.mode == "when-complaint":
            if not ctx.has_customer:
                return Outcome.not_applicable("no customer message: cannot tell whether an apology is due")
            if not complaint_of(ctx):
                return Outcome.not_applicable("the customer reports no problem")
        apologies = apologies_of(ctx)
        if apologies:
            return Outcome.passed([Evidence(a.start, a.end, "apology") for a in apologies])
        non = non_apologies_of(ctx)
        if non:
            first = non[0]
            return Outcome.failed(
                [Hit(first.start, first.end, _NON_APOLOGY_MSG.format(text=first.text), _NON_APOLOGY_FIX)],
                "non-apology",
            )
        start, end = _first_sentence(ctx)
        if options.mode == "always":
            return Outcome.failed([Hit(start, end, _MISSING_MSG_ALWAYS, _MISSING_FIX)], "no apology")
        p = complaint_probability(ctx)
        decisions = ctx.toolkit.decisions
        if options.min_confidence is not None:
            sure = p >= options.min_confidence
        else:
            sure = decisions is None or p >= decisions.complaint.confident
        if sure:
            return Outcome.failed([Hit(start, end, _MISSING_MSG, _MISSING_FIX)], "no apology")
        msg = f"The customer possibly reports a problem (probability {p:.2f}) and the draft does not apologise"
        hit = Hit(start, end, msg, _MISSING_FIX, severity=Severity.INFO)
        return Outcome(Status.PASSED, (hit,), (), "possibly a problem reported, no apology")


def _first_sentence(ctx: Context) -> tuple[int, int]:
    """The first sentence of the draft with prose in it (skipping @handles and a bare greeting)."""
    sents = prose_sentences(ctx.draft_doc)
    if sents:
        return sents[0]
    return 0, len(ctx.draft.rstrip())
