"""over-promise: promises nobody can keep ("guaranteed", "this will never happen again").

Decision on timing words: "immediately", "right away", "within the hour" fail when they time a
future promise about work the agent does not control (a fix, a refund, a delivery, another
team's action): "your refund will be processed immediately". They pass when the subject is the
agent ("I"/"we") and the verb is the agent's own next step ("I'll reply right away", "we'll
check right away"), and when there is no promise at all (a description of how something works:
"you get the points immediately", or an instruction: "please restart it right away").
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from spacy.tokens import Span, Token

from replylint.context import Context
from replylint.models import Severity, Status
from replylint.rules.base import Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import not_authored

_FUTURE = {"will", "'ll", "wo", "shall", "gonna", "ll"}
_NEG = {"not", "n't", "never", "no", "cannot"}
_AGENT = {"i", "we"}


class OverPromiseOptions(RuleOptions):
    extra_phrases: list[str] = Field(
        default_factory=list,
        description="more words that always over-promise (lower-case, whole words), e.g. ['for sure']",
    )
    extra_time_phrases: list[str] = Field(
        default_factory=list, description="more timing phrases to check, e.g. ['by tonight']"
    )
    allow_own_actions: bool = Field(
        default=True, description="allow timing promises about the agent's own next step ('I'll reply right away')"
    )
    strict_timing: bool = Field(
        default=False,
        description=(
            "report timing promises ('your refund will arrive immediately') at the rule's severity; by default "
            "they are 'possibly' findings at info (on labelled real replies none of them was an over-promise: "
            "most described how a product behaves)"
        ),
    )


def _head_verb(tok: Token) -> Token:
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _is_future(verb: Token) -> bool:
    """The clause is a future promise: 'will fix', 'is going to have it fixed', 'will be done'."""
    cur = verb
    for _ in range(4):
        kids = list(cur.children)
        if any(k.dep_ in ("aux", "auxpass") and k.lower_ in _FUTURE for k in kids):
            return True
        if cur.lower_ in ("going", "gonna") and any(k.dep_ == "xcomp" for k in kids):
            return True
        if cur.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _subject(verb: Token) -> Token | None:
    for k in verb.children:
        if k.dep_ in ("nsubj", "nsubjpass", "expl"):
            return k
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _negated(span: Span) -> bool:
    doc = span.doc
    verb = _head_verb(span.root)
    if any(k.dep_ == "neg" for k in verb.children):
        return True
    window = doc[max(0, span.start - 4) : span.start]
    return any(t.lower_ in _NEG for t in window)


def _own_promise(span: Span, own: set[str]) -> bool:
    root = span.root
    if root.lemma_.lower() not in ("promise", "guarantee") or root.pos_ != "VERB":
        return False
    subj = _subject(root)
    if subj is None or subj.lower_ not in _AGENT:
        return False
    for comp in root.children:
        if comp.dep_ in ("ccomp", "xcomp"):
            csubj = _subject(comp)
            if comp.lemma_.lower() in own and (csubj is None or csubj.lower_ in _AGENT):
                return True
    return False


class OverPromise(Rule):
    id = "over-promise"
    summary = "No promises nobody can keep: guarantees, 'never again', '100%', instant fixes by others."
    why = (
        "A promise the agent can't control ('this will never happen again', 'the refund will be "
        "there immediately') becomes a broken promise the moment anything slips, and the next "
        "contact starts angrier. Commit to your own next step and give honest timeframes. "
        "Timing words ('immediately', 'right away', 'within the hour') are flagged only when they time "
        "a future promise about work the agent doesn't do themselves ('I'll reply right away' passes), "
        "and as 'possibly' at info unless strict-timing is on."
    )
    default_severity = Severity.WARNING
    Options = OverPromiseOptions
    bad = (
        Example(draft="I'm so sorry about the outage. I can assure you this will never happen again."),
        Example(
            draft="Your refund will be processed immediately and will be back in your account today.",
            options={"strict_timing": True},
            note="by default a timing promise is a 'possibly' finding at info",
        ),
        Example(draft="I guarantee the new router fixes the dropouts."),
    )
    good = (
        Example(
            draft="I've raised this with our network team and I'll email you right away when I hear back.",
            expect="passed",
            note="'right away' times the agent's own next step, which the agent controls",
        ),
        Example(draft="Your refund has been issued and usually shows up within 3-5 business days.", expect="passed"),
        Example(
            draft="I can't guarantee a delivery date yet, but I'll update you by Friday either way.", expect="passed"
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, OverPromiseOptions)
        doc = ctx.draft_doc
        data = ctx.toolkit.data
        own = {str(v).lower() for v in data.get("own_action_verbs", [])}
        ok_ctx = {str(v).lower() for v in data.get("absolute_ok_context", [])}
        sequence = {str(v).lower() for v in data.get("time_sequence_words", [])}
        warranty = {str(v).lower() for v in data.get("guarantee_warranty_words", [])}
        instant_ok = {str(v).lower() for v in data.get("instant_ok_objects", [])}
        hits: list[Hit] = []
        absolute = list(ctx.draft_matches.get("OVERPROMISE_ABSOLUTE", []))
        timing = list(ctx.draft_matches.get("OVERPROMISE_TIME", []))
        extras = ((options.extra_phrases, absolute), (options.extra_time_phrases, timing))
        lower_tokens = [t.lower_ for t in doc] if any(extra for extra, _ in extras) else []  # (rarely needed)
        for extra, target in extras:
            for phrase in extra:
                words = [t.lower_ for t in ctx.toolkit.nlp.tokenizer(phrase.lower())]
                n = len(words)
                for i in range(len(lower_tokens) - n + 1):
                    if lower_tokens[i : i + n] == words:
                        target.append(doc[i : i + n])
        skip = not_authored(ctx)
        absolute = [s for s in absolute if s.start_char not in skip]
        timing = [s for s in timing if s.start_char not in skip]
        taken: list[tuple[int, int]] = []
        for span in sorted(absolute, key=lambda s: (s.start_char, -s.end_char)):
            if any(a <= span.start_char < b for a, b in taken):
                continue
            if _negated(span) and "again" not in span.text.lower():
                continue  # "I can't guarantee", "I won't promise"
            if _own_promise(span, own):
                continue  # "I promise I'll call you tomorrow": the agent's own next step
            if span.root.lemma_.lower() == "guarantee" and (
                span.root.pos_ == "NOUN" or {t.lemma_.lower() for t in span.sent} & warranty
            ):
                continue  # "our price guarantee", "we guarantee repairs for 90 days": product terms
            near = {t.lemma_.lower() for t in doc[max(0, span.start - 2) : min(len(doc), span.end + 3)]}
            if near & ok_ctx:
                continue  # "a 100% refund", "money-back guarantee"
            taken.append((span.start_char, span.end_char))
            hits.append(
                Hit(
                    span.start_char,
                    span.end_char,
                    f"'{span.text}' promises something nobody can be sure of",
                    "Promise what you control: what you've done and your next step, with an honest timeframe",
                )
            )
        for span in sorted(timing, key=lambda s: (s.start_char, -s.end_char)):
            if any(a <= span.start_char < b for a, b in taken):
                continue
            verb = _head_verb(span.root)
            if not _is_future(verb) or _negated(span):
                continue  # no promise, or "you will not pay anything immediately"
            if any(t.lower_ in ("if", "when", "once") and t.dep_ == "mark" for t in span.sent):
                continue  # "if you confirm it, it will become active immediately": how it works
            if span.end < len(doc) and doc[span.end].lower_ in sequence:
                continue  # "immediately after the return is scanned"
            objects = [k for k in verb.children if k.dep_ in ("dobj", "nsubjpass", "nsubj", "attr")]
            if any(
                o.lemma_.lower() in instant_ok
                or any(c.lemma_.lower() in instant_ok for c in o.children if c.dep_ == "compound")
                for o in objects
            ):
                continue  # "you'll get a confirmation email immediately": automatic and instant
            subj = _subject(verb)
            if options.allow_own_actions and subj is not None and subj.lower_ in _AGENT and verb.lemma_.lower() in own:
                continue
            taken.append((span.start_char, span.end_char))
            hits.append(
                Hit(
                    span.start_char,
                    span.end_char,
                    f"'{span.text}' possibly promises a timeframe for work the agent doesn't control"
                    if not options.strict_timing
                    else f"'{span.text}' promises a timeframe for work the agent doesn't control",
                    "Give the usual timeframe and commit to your own follow-up: 'this usually takes ..., I'll update you by ...'",
                    severity=None if options.strict_timing else Severity.INFO,
                )
            )
        hits.sort(key=lambda h: h.start)
        if any(h.severity is None for h in hits):
            return Outcome.failed(hits)
        if hits:
            return Outcome(Status.PASSED, tuple(hits), (), "possibly a timeframe nobody controls")
        return Outcome.passed()
