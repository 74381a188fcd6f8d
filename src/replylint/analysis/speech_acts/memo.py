"""The ``*_of(ctx)`` helpers rules call: each speech act computed once per check through
``ctx.memo``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from replylint.analysis.speech_acts.facts import ActFact, _dedupe
from replylint.analysis.speech_acts.sentences import complaint_sentences

if TYPE_CHECKING:
    from replylint.context import Context


# --- memoising helpers for rules (one computation per check, shared between rules) ----------
def complaint_of(ctx: Context) -> list[ActFact]:
    """The customer's complaint signals (empty without a customer message)."""
    if ctx.customer_doc is None:
        return []
    cdoc = ctx.customer_doc

    def compute() -> list[ActFact]:
        signals = _complaint_signals(ctx, cdoc)
        decisions = ctx.toolkit.decisions
        if decisions is None:
            return signals
        p = complaint_probability(ctx)
        if p < decisions.complaint.threshold:
            return []
        if signals:
            return signals
        # the model hears a problem the phrase lists do not name: the message's first sentence stands for it
        first = next((s for s in cdoc.sents if s.text.strip()), None)
        if first is None:
            return []
        return [ActFact("COMPLAINT", first.start_char, first.end_char, first.text)]

    return ctx.memo("speech.complaint", compute)


def _complaint_signals(ctx: Context, cdoc: Doc) -> list[ActFact]:
    return ctx.memo("speech.complaint_signals", lambda: ctx.toolkit.speech.complaint(cdoc, ctx.customer_matches))


def surely_complains(ctx: Context) -> bool:
    """The customer reports a problem, at the confident threshold of the learned decision (a
    warning that rests on it is then right at least 90% of the time on unseen sources)."""
    decisions = ctx.toolkit.decisions
    if decisions is None:
        return bool(complaint_of(ctx))
    return bool(complaint_of(ctx)) and complaint_probability(ctx) >= decisions.complaint.confident


def surely_asks(ctx: Context) -> bool:
    """The customer asks something, at the confident threshold of the learned ask decision (an
    ask kept at that probability was a real one at least 80% of the time on unseen sources), so
    that a rhetorical "isn't this the cutest burrito?" does not call for a next step."""
    decisions = ctx.toolkit.decisions
    if decisions is None:
        return bool(ctx.questions)
    return any(q.confidence >= decisions.asks.confident for q in ctx.questions)


def complaint_probability(ctx: Context) -> float:
    """The calibrated probability that the customer reports a problem (0 without a customer
    message; 1 or 0 from the hand rules when the learned decisions are off)."""
    if ctx.customer_doc is None:
        return 0.0
    cdoc = ctx.customer_doc
    decisions = ctx.toolkit.decisions

    def compute() -> float:
        signals = _complaint_signals(ctx, cdoc)
        if decisions is None:
            return 1.0 if signals else 0.0
        return decisions.complaint.probability(ctx.toolkit, cdoc, ctx.customer_matches, signals, ctx.questions)

    return ctx.memo("speech.complaint_probability", compute)


def apologies_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.apologies", lambda: ctx.toolkit.speech.apologies(ctx.draft_doc, ctx.draft_matches))


def non_apologies_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.non_apologies", lambda: ctx.toolkit.speech.non_apologies(ctx.draft_doc, ctx.draft_matches))


def refusals_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.refusals", lambda: ctx.toolkit.speech.refusals(ctx.draft_doc, ctx.draft_matches))


def alternatives_of(ctx: Context) -> list[ActFact]:
    return ctx.memo(
        "speech.alternatives",
        lambda: ctx.toolkit.speech.alternatives(
            ctx.draft_doc, ctx.draft_matches, refusals_of(ctx), next_actions_of(ctx)
        ),
    )


def next_actions_of(ctx: Context) -> list[ActFact]:
    return ctx.memo("speech.next_actions", lambda: ctx.toolkit.speech.next_actions(ctx.draft_doc, ctx.draft_matches))


def empathy_of(ctx: Context) -> list[ActFact]:
    """Empathy in the draft; restatements are compared with the customer's complaint sentences."""

    def compute() -> list[ActFact]:
        speech = ctx.toolkit.speech
        facts = speech.empathy(ctx.draft_doc, ctx.draft_matches, None)
        if ctx.customer_doc is not None:
            complaint = complaint_of(ctx)
            sents = complaint_sentences(ctx.customer_doc, complaint)
            busy = [*refusals_of(ctx), *next_actions_of(ctx)]
            facts = _dedupe([*facts, *speech.restatements(ctx.draft_doc, sents, complaint, busy)])
        return facts

    return ctx.memo("speech.empathy", compute)
