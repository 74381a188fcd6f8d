"""What is known of a customer message that may report a problem.

The hand-written detector (``analysis/speech_acts/complaint.py``) finds complaint signals: phrases of
failure, delay, error and dissatisfaction from ``rules/complaint.yml``, negated verbs of things
that should work, "no X". A model weighs them with what the message does otherwise: thanks and
praise, questions only (pre-sales), exclamations and shouting, "still" / "again", how long it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from replylint.analysis.questions import QuestionFact
from replylint.analysis.speech_acts import ActFact
from replylint.learn.linear import Features, bucket

if TYPE_CHECKING:
    from replylint.context import Toolkit

__all__ = ["complaint_features", "polarity", "sentiment"]


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    """VADER's lexicon and rules (social-media sentiment, shipped inside its package), loaded once."""
    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> dict[str, float]:
    """VADER polarity scores of a text: neg / neu / pos in [0, 1], compound in [-1, 1]."""
    return dict(_vader().polarity_scores(text))


def polarity(x: float) -> str:
    if x <= -0.5:
        return "very_negative"
    if x <= -0.05:
        return "negative"
    if x < 0.05:
        return "neutral"
    if x < 0.5:
        return "positive"
    return "very_positive"


_PERSIST = frozenset(
    {"still", "again", "yet", "anymore", "keeps", "keep", "constantly", "always", "every", "repeatedly"}
)
_THANKS = frozenset(
    {
        "thanks",
        "thank",
        "thx",
        "ty",
        "cheers",
        "appreciate",
        "grateful",
        "love",
        "great",
        "awesome",
        "amazing",
        "excellent",
        "fantastic",
        "best",
    }
)
_NEG = frozenset({"not", "n't", "never", "no", "cannot", "nt", "nothing"})
_TROUBLE = frozenset(
    {
        "error",
        "crash",
        "crashes",
        "crashing",
        "broken",
        "bug",
        "issue",
        "issues",
        "problem",
        "problems",
        "fail",
        "failed",
        "fails",
        "failing",
        "wrong",
        "charged",
        "missing",
        "lost",
        "late",
        "delay",
        "delayed",
        "cancelled",
        "canceled",
        "stuck",
        "frozen",
        "freeze",
        "slow",
        "worst",
        "terrible",
        "awful",
        "horrible",
        "ridiculous",
        "unacceptable",
        "disappointed",
        "frustrated",
        "frustrating",
        "annoying",
        "angry",
        "rude",
        "refund",
        "down",
        "outage",
        "hacked",
        "fraud",
        "unauthorized",
        "scam",
        "damaged",
        "dead",
    }
)


def complaint_features(
    toolkit: Toolkit,
    doc: Doc,
    matches: dict[str, list[Span]],
    signals: Sequence[ActFact],
    questions: Sequence[QuestionFact],
) -> Features:
    f: Features = {}
    words = [t for t in doc if not t.is_punct and not t.is_space]
    lows = {t.lower_ for t in words}
    f["signals" + bucket(len(signals), (0, 1, 2, 4))] = 1.0
    f["words" + bucket(len(words), (8, 20, 40, 100, 250))] = 1.0
    f["questions" + bucket(len(questions), (0, 1, 2))] = 1.0
    for label, spans in matches.items():
        if spans:
            f["pack=" + label] = 1.0
    f["persist"] = float(bool(lows & _PERSIST))
    f["thanks"] = float(bool(lows & _THANKS))
    f["neg"] = float(bool(lows & _NEG))
    f["trouble_words" + bucket(len(lows & _TROUBLE), (0, 1, 2))] = 1.0
    f["excl"] = float(any("!" in t.text for t in doc))
    f["shouting"] = float(sum(1 for t in words if t.is_upper and len(t) > 2) >= 2)
    f["why"] = float("why" in lows)
    f["past_negated"] = float(any(t.dep_ == "neg" and t.head.tag_ in {"VBD", "VBN"} for t in doc))
    f["first_person"] = float(bool(lows & {"i", "my", "me", "we", "our"}))
    whole = sentiment(doc.text)
    f["sentiment=" + polarity(whole["compound"])] = 1.0
    sents = [s.text for s in doc.sents if s.text.strip()]
    lowest = min((sentiment(t)["compound"] for t in sents), default=0.0)
    f["lowest_sentence=" + polarity(lowest)] = 1.0
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX")]
    past = sum(1 for t in verbs if t.tag_ in ("VBD", "VBN"))
    f["past_share" + ("=none" if not past else "<third" if past * 3 < len(verbs) else ">=third")] = 1.0
    f["conditional"] = float(bool(lows & {"if", "whether", "suppose", "hypothetically", "case"}))
    f["future"] = float(bool(lows & {"will", "would", "planning", "plan", "thinking", "considering", "going"}))
    sents_all = [s for s in doc.sents if s.text.strip()]
    asking = sum(1 for s in sents_all if "?" in s.text)
    f["question_share" + ("=none" if not asking else "<half" if asking * 2 < len(sents_all) else ">=half")] = 1.0
    only_questions = bool(questions) and not signals and not (lows & _TROUBLE)
    f["only_questions"] = float(only_questions)
    return {k: v for k, v in f.items() if v}
