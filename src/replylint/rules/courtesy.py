"""courtesy: "please" / "thank you" where the reply asks something of the customer or answers a concern.

Decisions: one courtesy marker anywhere in the draft (please, thanks, "could you", "would you
mind", "when you get a chance") softens the whole reply, so a numbered list of steps after one
"please" passes. "Can you ...?" is an instruction (unless it asks whether something works: "can
you see the banner?"). Offers and wishes ("let us know", "feel free to", "have a great day") are
not instructions, and neither are self-service steps ("Go to Settings > Plan") when the customer
asked how to do something: they are the answer. When the customer raised a concern (a problem or
a complaint, not a plain request), an apology also counts, because it acknowledges the concern
as a thank-you would.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from spacy.tokens import Span, Token

from replylint.analysis.doccache import doc_text
from replylint.context import Context
from replylint.models import Severity
from replylint.rules.base import Evidence, Example, Hit, Outcome, Rule, RuleOptions
from replylint.rules.length import is_word, not_authored
from replylint.rules.readability import segments

_LEAD = {
    "please",
    "just",
    "also",
    "then",
    "simply",
    "now",
    "so",
    "ok",
    "okay",
    "and",
    "next",
    "first",
    "firstly",
    "finally",
    "meanwhile",
    "alternatively",
    "otherwise",
    "kindly",
    "lastly",
    "secondly",
}
_ASK_MODALS = {"can", "will"}
_NEED = {"need", "have", "must"}
_OFFER_VERBS = {"like", "prefer", "want", "wish", "rather"}


class CourtesyOptions(RuleOptions):
    require_on_concern: bool = Field(
        default=True,
        description="also require a thank-you (or an apology) when the customer raised a concern, even if nothing is asked",
    )


def _first_words(sent: Span) -> list[Token]:
    return [t for t in sent if is_word(t)]


def _starts_with(sent: Span, tok: Token, phrases: list[str]) -> bool:
    rest = doc_text(sent.doc)[tok.idx : sent.end_char].lower().replace("\u2019", "'")
    rest = " ".join(rest.split())
    return any(rest == p or rest.startswith((p + " ", p + ",", p + ".", p + "!", p + "?")) for p in phrases)


def directive(
    sent: Span, verbs: set[str], not_directives: list[str], ability: frozenset[str] = frozenset()
) -> Token | None:
    """The token opening an instruction to the customer in ``sent``, or None.

    Imperatives ("Restart the router", "If that fails, reinstall it", "DM us your order number"),
    "can/will you ..." questions and "you('ll) need to / have to / must ..." count; offers and
    wishes in ``not_directives`` ("let us know", "feel free to", "have a great day") do not.
    """
    tok = _directive_token(sent, verbs, ability)
    if tok is None:
        return None
    head = tok
    while head.lower_ in _LEAD and head.i + 1 < sent.end:
        head = head.doc[head.i + 1]
    if _starts_with(sent, head, not_directives):
        return None
    return tok


def _directive_token(sent: Span, verbs: set[str], ability: frozenset[str]) -> Token | None:
    ws = _first_words(sent)
    if not ws:
        return None
    i = 0
    while i < len(ws) - 1 and ws[i].lower_ in _LEAD:
        i += 1
    first = ws[i]
    # "Can you check ...?" / "Will you send ...?"
    if first.lower_ in _ASK_MODALS and i + 2 < len(ws) and ws[i + 1].lower_ == "you" and ws[i + 2].tag_ == "VB":
        if ws[i + 2].lemma_.lower() in ability:
            return None  # "Can you access the settings?" is a diagnostic question
        return first
    # "You'll need to reset ...", "You have to ...", "You must ..."
    if first.lower_ == "you":
        if any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in sent if first.i < t.i <= first.i + 4):
            return None  # "you don't need to send it back" lifts a burden
        for t in ws[i + 1 : i + 4]:
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if t.lower_ == "must" or (t.lemma_.lower() in _NEED and nxt is not None and nxt.lower_ == "to"):
                return first
        return None
    # Plain imperative at the start of the sentence.
    if first.tag_ == "VB" and not any(k.dep_ == "nsubj" and k.i < first.i for k in first.children):
        return first
    if first.lower_ in verbs and first.tag_ not in ("VBD", "VBN", "VBZ", "VBG", "MD", "PRP"):
        return first
    # "If that doesn't work, (just) reinstall the app." -- but "If you'd prefer, give us a call"
    # is an offer.
    root = sent.root
    if root.tag_ == "VB" and not any(k.dep_ in ("nsubj", "nsubjpass", "aux") for k in root.children):
        clauses = [k for k in root.children if k.dep_ == "advcl" and k.i < root.i]
        if clauses and any(t.lemma_.lower() in _OFFER_VERBS for k in clauses for t in k.subtree):
            return None
        if clauses:
            lead = [t for t in sent if t.i < root.i and t.lower_ in _LEAD and t.head.i == root.i]
            return lead[0] if lead else root
    return None


def _concern(ctx: Context) -> bool:
    """The customer raised a concern: a concern phrase outside sentences of thanks or praise."""
    praise = {str(w).lower() for w in ctx.toolkit.data.get("courtesy_praise_words", [])}
    for span in ctx.customer_matches.get("COURTESY_CONCERN", []):
        sent = span.sent
        if not any(t.lower_ in praise or t.lemma_.lower() in praise for t in sent):
            return True
    return False


class Courtesy(Rule):
    id = "courtesy"
    summary = "The reply says please / thank you where it asks the customer to do something or answers a concern."
    why = (
        "A bare instruction ('Send us your order number.') reads as an order, and a concern answered "
        "without a thank-you or an apology reads as cold. One 'please' or 'thanks for flagging this' "
        "costs nothing and changes how the whole reply lands. A polite request form ('could you', "
        "'would you mind', 'when you get a chance') counts as softened; 'can you' does not. When "
        "answering a concern, an apology also counts as acknowledging it."
    )
    default_severity = Severity.INFO
    Options = CourtesyOptions
    bad = (
        Example(draft="Send us your order number and the email address on the account."),
        Example(draft="Can you restart the app and try the payment again?"),
        Example(
            customer="My parcel still hasn't arrived and it's been two weeks. This is ridiculous.",
            draft="The parcel is at your local depot and will be delivered tomorrow.",
            note="a concern answered without a thank-you or an apology",
        ),
    )
    good = (
        Example(draft="Please send us your order number and the email address on the account.", expect="passed"),
        Example(
            draft="Could you restart the app and try the payment again? Let me know what happens.", expect="passed"
        ),
        Example(
            customer="My parcel still hasn't arrived and it's been two weeks. This is ridiculous.",
            draft="Thanks for your patience. The parcel is at your local depot and will be delivered tomorrow.",
            expect="passed",
        ),
    )

    def check(self, ctx: Context, options: Any) -> Outcome:
        assert isinstance(options, CourtesyOptions)
        skip = not_authored(ctx)
        m = {
            k: [s for s in v if s.start_char not in skip]
            for k, v in ctx.draft_matches.items()
            if k.startswith("COURTESY_")
        }
        markers = m.get("COURTESY_MARKER", [])
        if markers:
            s = markers[0]
            return Outcome.passed([Evidence(s.start_char, s.end_char, "courtesy")])
        data = ctx.toolkit.data
        verbs = {str(v).lower() for v in data.get("courtesy_directive_verbs", [])}
        not_directives = [str(v).lower() for v in data.get("courtesy_not_directives", [])]
        ability = frozenset(str(v).lower() for v in data.get("courtesy_ability_verbs", []))
        howto = bool(ctx.customer_matches.get("COURTESY_HOWTO"))
        steps = {str(v).lower() for v in data.get("courtesy_step_verbs", [])}
        for sent in segments(list(ctx.draft_doc.sents)):
            first_words = _first_words(sent)
            if not first_words or first_words[0].idx in skip:
                continue
            tok = directive(sent, verbs, not_directives, ability)
            if tok is not None and tok.idx in skip:
                continue
            if tok is not None and howto and tok.lemma_.lower() in steps:
                continue  # the customer asked how: "Go to Settings > Plan" is the answer
            if tok is not None:
                before = [t for t in _first_words(sent) if t.i < tok.i]
                if all(t.lower_ in _LEAD for t in before) and before:
                    tok = before[0]  # "Just tap ...", "First, unplug ..."
                end = sent.end_char
                while end > tok.idx and ctx.draft[end - 1].isspace():
                    end -= 1
                return Outcome.failed(
                    [
                        Hit(
                            tok.idx,
                            end,
                            "the reply asks the customer to do something without a please or a thank-you",
                            "Soften it: 'Could you please ...' or 'Thanks for bearing with us, please ...'",
                        )
                    ]
                )
        if options.require_on_concern and ctx.has_customer and _concern(ctx):
            if m.get("COURTESY_ACK"):
                return Outcome.passed()
            sents = [s for s in ctx.draft_doc.sents if any(is_word(t) and t.idx not in skip for t in s)]
            if sents:
                first = sents[0]
                start = next(t.idx for t in first if is_word(t))
                end = first.end_char
                while end > start and ctx.draft[end - 1].isspace():
                    end -= 1
                return Outcome.failed(
                    [
                        Hit(
                            start,
                            end,
                            "the customer raised a concern and the reply neither thanks them nor acknowledges it",
                            "Open with 'Thanks for letting us know' or 'Thanks for your patience'",
                        )
                    ]
                )
        return Outcome.passed()
