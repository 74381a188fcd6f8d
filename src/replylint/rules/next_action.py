"""next-action: the draft says who does what next (and ideally by when)."""

from __future__ import annotations

from replylint.analysis.speech_acts import next_actions_of, prose_sentences, surely_asks, surely_complains
from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule


class NextAction(Rule):
    id = "next-action"
    summary = "The draft states a concrete next step: what we will do, what the customer should do, or when."
    why = (
        "A reply without a next step leaves the customer wondering what happens now, so they write "
        "again or give up. 'I've issued the refund, you'll see it in 3-5 days' or 'reply with your "
        "order number' closes the loop; sympathy alone does not."
    )
    default_severity = Severity.WARNING
    precision = 0.62  # 40 of 65 warning/error findings right (benchmarks/findings.py)
    bad = (
        Example(
            customer="My package says delivered but it isn't here. What do I do?",
            draft="We're sorry to hear that. We understand how frustrating this must be.",
            note="sympathy only: who does what next?",
        ),
        Example(
            customer="The app keeps logging me out on my iPad.",
            draft="Thanks for reaching out! We are always happy to help. How can we help?",
            note="a generic offer is not a next step",
        ),
        Example(
            draft="Hi Dana, thanks for getting in touch about your invoice. We appreciate your patience.",
            note="without a customer message the draft is checked alone",
        ),
    )
    good = (
        Example(
            customer="My package says delivered but it isn't here. What do I do?",
            draft="Sorry about that! I've opened a claim with the courier and I'll email you an update by Friday.",
            expect="passed",
        ),
        Example(
            customer="The app keeps logging me out on my iPad.",
            draft="Sorry about that. Which iOS version is your iPad on? You can find it in Settings > General > About.",
            expect="passed",
        ),
        Example(
            customer="Thanks, the replacement arrived and works perfectly!",
            draft="Great to hear, enjoy it!",
            expect="not_applicable",
            note="thanks and praise need no next step",
        ),
    )

    def check(self, ctx: Context, options: object) -> Outcome:
        if ctx.has_customer and not surely_complains(ctx) and not surely_asks(ctx):
            return Outcome.not_applicable("the customer reports no problem and asks nothing")
        actions = next_actions_of(ctx)
        if actions:
            return Outcome.passed([Evidence(a.start, a.end, a.label.lower()) for a in actions])
        start, end = _last_sentence(ctx)
        return Outcome.failed(
            [
                Hit(
                    start,
                    end,
                    "The draft gives no concrete next step: neither what we will do, nor what the "
                    "customer should do, nor when something will happen",
                    "Say who does what by when, e.g. 'I'll check with the warehouse and email you by "
                    "Friday' or 'Reply with your order number and we'll take it from there.'",
                )
            ],
            "no next action",
        )


def _last_sentence(ctx: Context) -> tuple[int, int]:
    """The last sentence of the draft with prose in it (sign-offs, signatures and links skipped)."""
    sents = prose_sentences(ctx.draft_doc)
    if sents:
        return sents[-1]
    text = ctx.draft.rstrip()
    return 0, len(text)
