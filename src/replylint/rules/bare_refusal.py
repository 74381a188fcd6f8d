"""bare-refusal: a "no" in the draft comes with another way forward."""

from __future__ import annotations

from replylint.analysis.speech_acts import alternatives_of, refusals_of, sentence_of
from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule


class BareRefusal(Rule):
    id = "bare-refusal"
    summary = "A draft that declines something also offers an alternative, a workaround or another path."
    why = (
        "A bare 'we can't' ends the conversation with the customer still stuck, so they come back "
        "angrier or leave. Saying what you CAN do (another option, a workaround, who can help) turns "
        "a refusal into progress."
    )
    default_severity = Severity.ERROR
    precision = 0.53  # 8 of 15 warning/error findings right (benchmarks/findings.py)
    bad = (
        Example(
            customer="Can I change the delivery address on my order?",
            draft="Unfortunately we can't change the address once an order has been placed.",
        ),
        Example(
            customer="Do you ship to Canada?",
            draft="Hi Sam, we don't ship outside the US at the moment. Thanks for asking!",
        ),
        Example(
            customer="Can you reset my free trial? It expired before I could try it.",
            draft="Sorry, there is no way to restart a trial once it has ended.",
        ),
    )
    good = (
        Example(
            customer="Can I change the delivery address on my order?",
            draft="We can't change the address once an order is placed, but you can redirect the parcel "
            "from the courier's tracking page.",
            expect="passed",
        ),
        Example(
            customer="Do you ship to Canada?",
            draft="We don't ship to Canada yet. Instead, our partner store ships there: https://example.com/ca",
            expect="passed",
        ),
        Example(
            customer="Where is my order?",
            draft="Your order shipped this morning and should arrive on Thursday.",
            expect="not_applicable",
            note="nothing is declined",
        ),
    )

    def check(self, ctx: Context, options: object) -> Outcome:
        refusals = refusals_of(ctx)
        if not refusals:
            return Outcome.not_applicable("the draft declines nothing")
        alternatives = alternatives_of(ctx)
        if alternatives:
            return Outcome.passed([Evidence(a.start, a.end, "alternative") for a in alternatives])
        hits: list[Hit] = []
        seen: set[int] = set()
        for r in refusals:
            sent = sentence_of(ctx.draft_doc, r.start, r.end)
            if sent.start in seen:
                continue
            seen.add(sent.start)
            toks = [t for t in sent if not t.is_space]
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            hits.append(
                Hit(
                    start,
                    end,
                    f"'{r.text}' declines without offering the customer another way forward",
                    "Add what you can do instead: another option, a workaround, or who can help "
                    "(e.g. 'what I can do is ...').",
                )
            )
        return Outcome.failed(hits, "refusal without an alternative")
