"""escalation: when the customer asks for a manager or to escalate, the draft responds to it."""

from __future__ import annotations

from typing import Any

from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, NoOptions, Outcome, Rule
from replylint.rules.length import is_word, not_authored


class Escalation(Rule):
    id = "escalation"
    summary = "When the customer asks for a manager, a supervisor or an escalation, the draft responds to that request."
    why = (
        "Ignoring 'I want to speak to a manager' is the fastest way to a formal complaint: the "
        "customer feels unheard and asks again, louder. Offer the escalation, say it's done, or "
        "explain who can help and when -- even a 'no' with a reason is a response."
    )
    default_severity = Severity.WARNING
    needs_customer = True
    Options = NoOptions
    bad = (
        Example(
            customer="This is the third time I've been charged twice. I want to speak to a manager.",
            draft="Sorry about that! I've refunded the duplicate charge; it will show in 3-5 days.",
        ),
        Example(
            customer="Nobody has fixed my internet in two weeks. Please escalate this.",
            draft="Have you tried restarting the router? Let us know if the light is red or green.",
        ),
    )
    good = (
        Example(
            customer="This is the third time I've been charged twice. I want to speak to a manager.",
            draft="I'm sorry this keeps happening. I've refunded the duplicate charge and passed your case to my team leader, who will call you tomorrow morning.",
            expect="passed",
        ),
        Example(
            customer="Nobody has fixed my internet in two weeks. Please escalate this.",
            draft="I've escalated this to our network engineers as urgent, and I'll update you by 5pm today.",
            expect="passed",
        ),
        Example(
            customer="My order arrived damaged. Can I get a replacement?",
            draft="So sorry about that! A replacement is on its way and should arrive on Thursday.",
            expect="not_applicable",
            note="no escalation request",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        asks = ctx.customer_matches.get("ESCALATION_ASK", [])
        if not asks:
            return Outcome.not_applicable("the customer doesn't ask for a manager or an escalation")
        skip = not_authored(ctx)
        responses = [r for r in ctx.draft_matches.get("ESCALATION_RESPONSE", []) if r.start_char not in skip]
        if responses:
            r = responses[0]
            return Outcome.passed([Evidence(r.start_char, r.end_char, "escalation")])
        ask = asks[0]
        sent = " ".join(ask.sent.text.split())
        words = [t for t in ctx.draft_doc if is_word(t)]
        start = words[0].idx if words else 0
        first_sent = words[0].sent if words else None
        end = first_sent.end_char if first_sent is not None else len(ctx.draft)
        while end > start and ctx.draft[end - 1].isspace():
            end -= 1
        return Outcome.failed(
            [
                Hit(
                    start,
                    end,
                    f"the customer asked for an escalation ('{sent[:120]}') and the reply doesn't respond to it",
                    "Offer it or explain: 'I've passed this to my team leader, who will call you by ...' "
                    "or 'A manager would see the same options, but here is what I can do: ...'",
                )
            ]
        )
