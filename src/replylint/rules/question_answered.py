"""question-answered: every question and request of the customer gets an answer in the draft."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from replylint.context import Context
from replylint.models import Severity, Status
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions

_TYPE_WORDS = {
    "yesno": "a yes/no question",
    "when": "a when-question",
    "where": "a where-question",
    "how_much": "a how-much/how-many question",
    "how": "a how-to question",
    "why": "a why-question",
    "what": "a what/which question",
    "who": "a who-question",
    "request": "a request",
}


class QuestionAnsweredOptions(RuleOptions):
    threshold: float | None = Field(
        default=None, ge=0.0, le=1.0, description="answer score needed to count as answered (None: built-in)"
    )
    deflection_answers: bool = Field(
        default=False, description="count a whole-reply deflection ('please DM us') as an answer"
    )
    extra_synonyms: dict[str, list[str]] = Field(
        default_factory=dict, description="extra synonyms/paraphrases: {word: [synonyms]}"
    )
    min_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description=(
            "probability that a question is unanswered needed to report it at the rule's severity "
            "(None: the shipped model's threshold, chosen for precision >= 0.85 on unseen sources); "
            "below it, an unanswered-looking question is reported as 'possibly unanswered' at info"
        ),
    )
    backend: Literal["lexical", "semantic"] = Field(
        default="lexical",
        description=(
            "topic similarity of question and answer: 'lexical' (shared words and synonyms) or 'semantic' "
            '(adds sentence embeddings; needs `pip install "replylint[semantic]"`)'
        ),
    )


def _first_sentence(ctx: Context) -> tuple[int, int]:
    for sent in ctx.draft_doc.sents:
        if sent.text.strip():
            return sent.start_char, sent.end_char
    return 0, len(ctx.draft)


class QuestionAnswered(Rule):
    id = "question-answered"
    summary = "Every question and request in the customer's message is answered by the draft."
    why = (
        "A half-answered ticket comes back: the customer has to ask again, waits another round and "
        "rates the reply lower. Each unanswered question is quoted so the agent can add the answer."
    )
    default_severity = Severity.ERROR
    precision = 0.8  # 44 of 55 warning/error findings right (benchmarks/findings.py)
    needs_customer = True
    Options = QuestionAnsweredOptions
    bad = (
        Example(
            customer="Hi, my parcel hasn't arrived yet. When will it be delivered? Also, can I change the delivery address?",
            draft="Thanks for getting in touch! You can change the delivery address from the Orders page in your account.",
            options={"min-confidence": 0.4},
            note=(
                "the when-question about the delivery date is skipped; the model puts the probability that it "
                "is unanswered at about 0.5, so by default this is a 'possibly unanswered' info finding, and an "
                "error from min-confidence 0.4"
            ),
        ),
        Example(
            customer="How much does the premium plan cost per month?",
            draft="Thanks for your interest in our plans! Let us know if there's anything else.",
        ),
    )
    good = (
        Example(
            customer="Hi, my parcel hasn't arrived yet. When will it be delivered? Also, can I change the delivery address?",
            draft=(
                "Your parcel is with the courier and will be delivered on Friday, 14 June. "
                "You can change the delivery address from the Orders page in your account."
            ),
            expect="passed",
        ),
        Example(
            customer="How much does the premium plan cost per month?",
            draft="The premium plan costs $12 per month, billed monthly, and you can cancel anytime.",
            expect="passed",
        ),
        Example(
            customer="Thanks so much, the replacement arrived today and works great!",
            draft="That's great to hear, enjoy it!",
            expect="not_applicable",
            note="no question was asked",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, QuestionAnsweredOptions)
        answers = ctx.answers
        if not answers:
            return Outcome.not_applicable("the customer asked no question and made no request")
        decisions = ctx.toolkit.decisions
        # P(answered) under which "unanswered" is confident enough to report at the rule's severity
        if options.min_confidence is not None:
            fail_below = 1.0 - options.min_confidence
        elif decisions is not None:
            fail_below = decisions.answers.unanswered_threshold
        else:
            fail_below = 1.0  # the hand rules alone: every unanswered verdict is reported
        start, end = _first_sentence(ctx)
        hits: list[Hit] = []
        confident = 0
        evidence: list[Evidence] = []
        for fact in answers:
            q = fact.question
            if fact.answered and fact.start is not None and fact.end is not None:
                evidence.append(Evidence(fact.start, fact.end, q.text))
                continue
            if fact.answered:
                continue
            kind = _TYPE_WORDS.get(q.answer_type, "a question")
            quoted = " ".join(q.text.split())
            p_answered = fact.probability
            sure = p_answered is None or p_answered < fail_below
            if sure and decisions is not None and options.min_confidence is None:
                sure = q.confidence >= decisions.asks.confident  # and it is surely an ask
            confident += sure
            odds = "" if p_answered is None else f"; probability it is unanswered {1 - p_answered:.2f}"
            hits.append(
                Hit(
                    start,
                    end,
                    f'{"unanswered" if sure else "possibly unanswered"} {kind} from the customer: "{quoted}"'
                    + (f" ({fact.reason}{odds})" if fact.reason or odds else ""),
                    suggestion='answer it, or say when you will ("I\'ll check with the warehouse and reply by Friday")',
                    severity=None if sure else Severity.INFO,
                )
            )
        if confident:
            return Outcome.failed(hits, f"{confident} of {len(answers)} question(s) unanswered")
        if hits:
            return Outcome(
                Status.PASSED,
                tuple(hits),
                tuple(evidence),
                f"{len(hits)} of {len(answers)} question(s) possibly unanswered (below the confidence threshold)",
            )
        return Outcome.passed(evidence, f"all {len(answers)} question(s) answered")
