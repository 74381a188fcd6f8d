"""empathy: when the customer is upset or hit a problem, the draft acknowledges it."""

from __future__ import annotations

from replylint.analysis.speech_acts import complaint_of, empathy_of, prose_sentences
from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule


class Empathy(Rule):
    id = "empathy"
    summary = "When the customer is upset or reports a problem, the draft acknowledges the feeling or the impact."
    why = (
        "Customers who feel heard accept the rest of the answer, even a 'no'. One sentence that names "
        "the impact ('I can see how frustrating it is to be locked out before a trip') or restates "
        "their problem in your own words shows you read their message, not just its keywords."
    )
    default_severity = Severity.INFO
    needs_customer = True
    bad = (
        Example(
            customer="I've been locked out of my account for three days and I have bills due. This is ridiculous.",
            draft="Please reset your password using the link on the login page.",
        ),
        Example(
            customer="The heater you sold me stopped working in the middle of winter. My kids are freezing.",
            draft="Please send us the serial number and a photo of the receipt.",
        ),
    )
    good = (
        Example(
            customer="I've been locked out of my account for three days and I have bills due. This is ridiculous.",
            draft="I can see how stressful it is to be locked out with bills due. I've reset your login; "
            "check your email for the link.",
            expect="passed",
        ),
        Example(
            customer="The heater you sold me stopped working in the middle of winter.",
            draft="Your heater stopping in the middle of winter is the last thing you need. "
            "We'll send a replacement today.",
            expect="passed",
        ),
        Example(
            customer="What time does the Oxford Street store open on Sundays?",
            draft="It opens at 11am on Sundays.",
            expect="not_applicable",
            note="a plain question: nobody is upset",
        ),
    )

    def check(self, ctx: Context, options: object) -> Outcome:
        if not complaint_of(ctx):
            return Outcome.not_applicable("the customer is not upset and reports no problem")
        facts = empathy_of(ctx)
        if facts:
            return Outcome.passed([Evidence(f.start, f.end, f.label.lower()) for f in facts])
        sents = prose_sentences(ctx.draft_doc)
        start, end = sents[0] if sents else (0, len(ctx.draft.rstrip()))
        return Outcome.failed(
            [
                Hit(
                    start,
                    end,
                    "The customer is upset or hit a problem, and the draft does not acknowledge it",
                    "Name the impact or the feeling in one sentence, e.g. 'I can see how frustrating "
                    "it is to lose your work.'",
                )
            ],
            "no empathy",
        )
