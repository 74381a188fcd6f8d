"""What is known of one customer question and the draft that may answer it.

The hand-written matcher (``analysis/answers/``) finds the draft sentence that best fits the
question and scores the fit from lemmas, noun chunks, entities, the synonym table and the answer
type; it also reads each sentence's speech acts (commits, declines, affirms, instructs, deflects,
asks back). Those are the signals; a model weighs them, together with what the whole reply does
(only deflects, asks for details, sends a link, how long it is) and how many questions compete
for its sentences.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from replylint.analysis.answers import AnswerFact, DraftSentence
from replylint.analysis.questions import QuestionFact
from replylint.learn.linear import Features

if TYPE_CHECKING:
    from replylint.context import Toolkit

__all__ = ["answer_features"]

_SENTENCE_FLAGS = (
    "deflects",
    "asks_back",
    "pleasantry",
    "commits",
    "declines",
    "affirms",
    "time",
    "amount",
    "reason",
    "instructs",
    "link",
    "pointer",
    "place",
    "person",
)
#: What a sentence must do to fit each answer type (flags of the matcher's sentence reading).
_TYPE_FLAGS: dict[str, tuple[str, ...]] = {
    "yesno": ("affirms", "declines", "commits"),
    "when": ("time", "commits"),
    "how_much": ("amount",),
    "where": ("place", "link"),
    "how": ("instructs", "link"),
    "why": ("reason",),
    "who": ("person",),
    "what": ("amount", "time", "place", "person", "affirms", "declines", "instructs", "link", "reason"),
    "request": ("commits", "declines", "instructs"),
}
#: Support-language labels of rules/ whose presence in the reply says what kind of reply it is.
_REPLY_LABELS = (
    "DEFLECT_DM",
    "DEFLECT_ELSEWHERE",
    "DEFLECT_HANDOVER",
    "NEXT_ACTION",
    "GENERIC_OFFER",
    "REFUSAL",
    "ALTERNATIVE",
    "APOLOGY",
    "EMPATHY",
    "POLICY_CITE",
)
_YES_NO_OPENERS = frozenset(
    {
        "yes",
        "yep",
        "yeah",
        "no",
        "nope",
        "sure",
        "correct",
        "unfortunately",
        "absolutely",
        "definitely",
        "certainly",
        "indeed",
    }
)


def _reason_kind(reason: str) -> str:
    if reason.startswith("the draft only deflects"):
        return "only_deflects"
    if reason.startswith("no draft sentence"):
        return "no_sentence"
    if reason.startswith("the draft mentions"):
        return "mentions_not_answers"
    if reason.startswith("the sentence that mentions it answers another"):
        return "borrowed"
    if reason.startswith("shares"):
        return "shares"
    return "other"


def answer_features(
    toolkit: Toolkit,
    questions: Sequence[QuestionFact],
    verdicts: Sequence[AnswerFact],
    customer_doc: Doc,
    draft_doc: Doc,
    draft_matches: Mapping[str, Sequence[Span]] | None = None,
    sentences: Sequence[DraftSentence] | None = None,
) -> list[Features]:
    """One feature dict per question, in order. ``draft_matches`` and ``sentences``: the rule
    packs' matches in the draft and the matcher's reading of its sentences, when already computed."""
    if not questions:
        return []
    if sentences is None:
        sentences = toolkit.answers.read_sentences(draft_doc)
    # the general support lexicons of rules/ (deflection, next action, refusal, apology ...) in the reply
    pack_hits = toolkit.packs.match(draft_doc) if draft_matches is None else draft_matches
    reply_lemmas = {t.lemma_.lower() for t in draft_doc if t.is_alpha} | {t.lower_ for t in draft_doc if t.is_alpha}
    by_start = {s.span.start_char: s for s in sentences}
    customer_text = customer_doc.text
    channel = "email" if len(customer_text) > 320 or "\n\n" in customer_text else "short"
    reply: Features = {"channel=" + channel: 1.0}
    for flag in _SENTENCE_FLAGS:
        if any(getattr(s, flag) for s in sentences):
            reply["reply_any_" + flag] = 1.0
    substantive = [s for s in sentences if s.substantive and not s.pointer]
    if sentences and not substantive:
        reply["reply_not_substantive"] = 1.0
    for label in _REPLY_LABELS:
        if pack_hits.get(label):
            reply["reply_pack=" + label] = 1.0
    first_word = next((t.lower_ for t in draft_doc if t.is_alpha and not t.text.startswith("@")), "")
    if first_word in _YES_NO_OPENERS:
        reply["reply_opens_yes_no"] = 1.0
    out: list[Features] = []
    # Deliberately absent: how long the reply is, how many questions were asked, which question
    # came first. They predict the label on the corpus (first questions and one-line replies are
    # usually "answered") but make the verdict blind to what the reply says about this question.
    for q, v in zip(questions, verdicts, strict=True):
        f: Features = dict(reply)
        f["type=" + q.answer_type] = 1.0
        f["rule_answered"] = float(v.answered)
        f["rule_answered&channel=" + channel] = float(v.answered)
        f["rule_score"] = round(v.score, 3)
        f["reason=" + _reason_kind(v.reason)] = 1.0
        if q.focus:
            covered = sum(1 for w in q.focus if w.lower() in reply_lemmas) / len(q.focus)
            f["focus_in_reply" + ("=none" if covered == 0 else "<half" if covered < 0.5 else ">=half")] = 1.0
        qwords = {w.lower() for w in q.text.split()}
        if "why" in qwords and qwords & {"not", "no", "don't", "doesn't", "isn't", "can't", "won't", "didn't"}:
            f["q_why_negated"] = 1.0
        wanted = _TYPE_FLAGS[q.answer_type]
        if any(getattr(s, flag) for s in substantive for flag in wanted):
            f["type_met_anywhere"] = 1.0
        best = by_start.get(v.start) if v.start is not None else None
        if best is not None and _reason_kind(v.reason) in ("no_sentence", "only_deflects"):
            # the matcher's best candidate shares nothing with the question: what it does (gives a
            # time, instructs ...) is no evidence about this question
            f["best_unrelated"] = 1.0
            best = None
        if best is not None:
            for flag in _SENTENCE_FLAGS:
                if getattr(best, flag):
                    f["best_" + flag] = 1.0
            if any(getattr(best, flag) for flag in wanted):
                f["type_met_best"] = 1.0
            if best.span.start_char == (sentences[0].span.start_char if sentences else -1):
                f["best_is_first"] = 1.0
        elif "best_unrelated" not in f:
            f["no_best"] = 1.0
        out.append({key: val for key, val in f.items() if val})
    return out
