"""Per-answer-type verdicts: how well a draft sentence gives the kind of answer a question asks for
(yes/no, a time, an amount, steps, a reason, a place, a person, a commitment or a decline), and
how a missing one is worded.
"""

from __future__ import annotations

from replylint.analysis.answers.sentences import _Sentence
from replylint.analysis.questions import QuestionFact

#: Answer types whose verdict hangs on named entities of the draft: DATE/TIME for "when",
#: MONEY/CARDINAL for "how much", GPE/LOC for "where", PERSON/ORG for "who" (without them, "How
#: much is the upgrade?" -> "It is twenty dollars a month." reads as unanswered). NER is about
#: half of the parse, so the Checker runs it on a draft only when one of these types was asked.
#: "What" questions also count an entity as specific information, but only as one signal among
#: several: without NER their scores move (0.57 -> 0.5 on "It's DPD") and no verdict changed in
#: the corpus, the held-out sets or tests/test_deferred_ner.py's cases.
ENTITY_ANSWER_TYPES = frozenset({"when", "how_much", "where", "who"})

_MISSING: dict[str, str] = {
    "when": "gives no time or date for this when-question",
    "how_much": "gives no amount or price for this how-much question",
    "yesno": "does not say yes or no to it",
    "how": "gives no steps or resource for this how-question",
    "why": "gives no reason for this why-question",
    "where": "gives no place or link for this where-question",
    "who": "names no one for this who-question",
    "what": "does not give the information asked for",
    "request": "neither commits to the request nor declines it",
}


#: Words of a decline that says a date is not known ("no ETA yet", "we can't say when", "nothing
#: announced"), as opposed to declining something else ("we can't cancel orders once shipped").
_UNKNOWN_TIME = frozenset(
    {
        "eta",
        "date",
        "dates",
        "timeline",
        "timeframe",
        "when",
        "know",
        "known",
        "announce",
        "announced",
        "share",
        "say",
        "confirm",
        "estimate",
        "schedule",
        "scheduled",
        "yet",
        "update",
        "updates",
        "news",
    }
)


def type_match(q: QuestionFact, s: _Sentence) -> tuple[float, str]:
    """How fully sentence ``s`` gives the kind of answer ``q`` asks for (0 to 1), and what it gives."""
    t = q.answer_type
    if t == "request":
        if s.commits:
            return 1.0, "commits to the action"
        if s.declines and (s.reason or len(s.words) >= 6):
            return 0.9, "declines it with a reason"
        if s.declines:
            return 0.6, "declines it"
        if s.instructs:
            return 0.45, "tells the customer how to do it"
        return 0.0, ""
    if t == "yesno":
        if s.affirms:
            return 1.0, "says yes or no"
        if s.declines:
            return 0.9, "says no (not possible / not available)"
        if s.commits:
            return 0.7, "states what was done"
        if s.reason or s.instructs:
            return 0.4, "explains"
        return 0.25, ""
    if t == "when":
        if s.time:
            return 1.0, "gives a time"
        if s.declines and not _UNKNOWN_TIME.isdisjoint(s.words):
            return 0.7, "says no date is known"  # "no ETA yet", "we can't say when"
        return 0.0, ""
    if t == "how_much":
        if s.amount:
            return 1.0, "gives an amount"
        return 0.1 if s.declines else 0.0, ""
    if t == "how":
        if s.instructs:
            return 1.0, "gives steps or a resource"
        if s.declines:
            return 0.7, "says it is not possible"
        if s.reason:
            return 0.5, "explains"
        return 0.2, ""
    if t == "why":
        if s.reason:
            return 1.0, "gives a reason"
        if s.declines or s.affirms:
            return 0.5, "explains the policy"
        return 0.25, ""
    if t == "where":
        if s.place or s.instructs:
            return 1.0, "gives a place or link"
        return 0.1, ""
    if t == "who":
        if s.person:
            return 1.0, "names someone"
        return 0.2, ""
    # what
    if s.declines:
        return 0.6, "says the information is not available"
    if s.commits:
        return 0.7, "says what has happened or will happen"
    if s.amount or s.time or s.person or s.place or s.affirms or s.phrases:
        return 0.5, "gives specific information"
    return 0.3, ""


def for_type(q: QuestionFact) -> str:
    """How a reason names the question's answer type (" for a when-question")."""
    return {
        "when": " for a when-question",
        "how_much": " for a how-much question",
        "yesno": " for a yes/no question",
        "how": " for a how-question",
        "why": " for a why-question",
        "where": " for a where-question",
        "who": " for a who-question",
        "request": " for a request",
        "what": "",
    }[q.answer_type]
