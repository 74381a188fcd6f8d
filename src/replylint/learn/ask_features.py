"""Candidate asks of a customer message, and what is known of each.

Candidates come from two sources with different strengths: the hand-written extractor's clauses
(``analysis/questions/``: precise spans, interrogative and request shapes) and every segment of
the message (sentences cut again at the breaks spaCy misses: recall). A segment that covers a
clause the extractor found is the same candidate seen from further away; both are scored, and
``decide.AskDecider`` keeps the most probable of overlapping ones.

Features are linguistic and general: word order, wh-words, modals with "you", imperatives,
embedding verbs, the extractor's own verdict and shape labels, the email structure around the
span (quoted history, headings, version lists, code), position and length. Words themselves are
used only from closed classes (the first word when it is a function word), so that a model
trained on one company's vocabulary does not fire on another's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from replylint.analysis.questions import ExtractorReading, QuestionExtractor, QuestionFact
from replylint.learn.complaint_features import polarity, sentiment
from replylint.learn.linear import Features, bucket

__all__ = ["FEATURE_VERSION", "AskCandidate", "ask_candidates"]

#: Bump when features change: shipped models record the version they were trained with.
FEATURE_VERSION = 1

_WH = frozenset({"what", "when", "where", "why", "how", "who", "which", "whom", "whose"})
_AUX = frozenset(
    {
        "can",
        "could",
        "would",
        "will",
        "is",
        "are",
        "am",
        "was",
        "were",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "ca",
        "wo",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
        "didn't",
        "can't",
        "won't",
    }
)
_FIRST_WORDS = (
    _WH
    | _AUX
    | frozenset(
        {
            "please",
            "pls",
            "plz",
            "i",
            "we",
            "my",
            "you",
            "any",
            "anyone",
            "anybody",
            "someone",
            "is",
            "if",
            "just",
            "so",
            "also",
            "and",
            "but",
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "need",
            "want",
            "help",
            "let",
            "hope",
            "wondering",
            "curious",
            "quick",
            "question",
            "why",
            "it",
            "this",
            "the",
            "that",
            "there",
            "what's",
            "how's",
            "where's",
            "when's",
            "who's",
            "lol",
            "ok",
            "yes",
            "no",
            "not",
            "still",
            "same",
            "again",
            "wow",
            "seriously",
            "really",
            "omg",
            "ugh",
            "smh",
            "kindly",
            "looking",
            "trying",
        }
    )
)
_EMBED = frozenset(
    {
        "know",
        "wonder",
        "wondering",
        "curious",
        "ask",
        "asking",
        "clarify",
        "clarification",
        "confirm",
        "understand",
        "sure",
        "idea",
        "tell",
        "advise",
        "explain",
        "inform",
        "information",
        "info",
        "appreciate",
        "question",
        "figure",
        "learn",
        "find",
    }
)
_WANT = frozenset({"want", "need", "like", "love", "request", "require", "prefer", "wish", "hope", "expect"})
_YOU = frozenset({"you", "u", "ya", "y'all", "yall", "anyone", "anybody", "someone", "somebody"})
_I = frozenset({"i", "we", "me", "my", "us", "our"})
_NEG = frozenset({"not", "n't", "never", "no", "cannot", "nt", "nothing", "nobody"})
_RHETORIC = frozenset(
    {
        "seriously",
        "wtf",
        "smh",
        "ridiculous",
        "joke",
        "really",
        "hell",
        "heck",
        "ugh",
        "lol",
        "lmao",
        "omg",
        "unbelievable",
        "insane",
        "stupid",
        "worst",
        "pathetic",
    }
)
_PLEASE = frozenset({"please", "pls", "plz", "pleas", "kindly"})
_HELP = frozenset(
    {
        "help",
        "advice",
        "assist",
        "assistance",
        "support",
        "ideas",
        "idea",
        "suggestions",
        "fix",
        "solution",
        "workaround",
        "update",
        "eta",
        "news",
    }
)


@dataclass(frozen=True, slots=True)
class AskCandidate:
    """One span of the customer message that may be an ask, with its features."""

    start: int
    end: int
    text: str
    source: str  # "rule", "segment" or "both" (a segment the rules also found)
    fact: QuestionFact | None
    features: Features


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    """Character bounds of tokens [s, e) without leading handles/punctuation and trailing
    punctuation other than '?' (as the labelled spans are written)."""
    while s < e and (
        doc[s].is_space or doc[s].text.startswith("@") or (doc[s].is_punct and doc[s].text not in {'"', "("})
    ):
        s += 1
    while e > s and (
        doc[e - 1].is_space
        or doc[e - 1].like_url
        or doc[e - 1].text.startswith("@")
        or (doc[e - 1].is_punct and "?" not in doc[e - 1].text)
    ):
        e -= 1
    if e <= s:
        return None
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


def _line_of(text: str, start: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    return text[a : b if b >= 0 else len(text)]


def _labels(hits: list[tuple[str, int, int]], s: int, e: int) -> set[str]:
    return {lab for lab, a, b in hits if a < e and b > s}


def _span_features(
    doc: Doc, span: Span, hits: list[tuple[str, int, int]], seg_index: int, n_segs: int, text: str
) -> Features:
    f: Features = {}
    toks = [t for t in span if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    lows = [t.lower_ for t in words]
    lemmas = {t.lemma_.lower() for t in words}
    low_set = set(lows)
    n = len(words)
    f["len" + bucket(n, (2, 4, 7, 12, 20, 35))] = 1.0
    ends_q = bool(toks) and "?" in toks[-1].text
    has_q = any("?" in t.text for t in toks)
    f["ends_qmark"] = float(ends_q)
    f["has_qmark"] = float(has_q)
    f["after_qmark"] = float(any("?" in t.text for t in doc[span.end : span.end + 3]))
    f["excl"] = float(any("!" in t.text for t in toks))
    if words:
        first = words[0]
        w0 = first.lower_
        f["first=" + (w0 if w0 in _FIRST_WORDS else "<" + first.pos_ + ">")] = 1.0
        f["first_tag=" + first.tag_] = 1.0
        if len(words) > 1:
            w1 = words[1].lower_
            if w0 in _AUX | _WH and (w1 in _YOU | _I | {"it", "there", "this", "that", "they"}):
                f["inverted=" + w0 + "+" + ("you" if w1 in _YOU else "i" if w1 in _I else "it")] = 1.0
            if w0 in _WH and words[1].tag_ in {"MD", "VBZ", "VBP", "VBD"} | {"VB"}:
                f["wh_aux"] = 1.0
        if first.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in first.children):
            f["imperative"] = 1.0
    f["wh_any"] = float(bool(low_set & _WH))
    f["wh_in_first3"] = float(bool(set(lows[:3]) & _WH))
    f["you"] = float(bool(low_set & _YOU))
    f["i"] = float(bool(low_set & _I))
    f["modal_you"] = float(
        any(
            lows[k] in {"can", "could", "would", "will", "ca", "wo"} and lows[k + 1] in _YOU
            for k in range(len(lows) - 1)
        )
    )
    f["please"] = float(bool(low_set & _PLEASE))
    f["embed"] = float(bool(lemmas & _EMBED) and bool(low_set & (_WH | {"if", "whether"})))
    f["embed_word"] = float(bool(lemmas & _EMBED))
    f["want"] = float(bool(lemmas & _WANT) and bool(low_set & _I))
    f["help_noun"] = float(bool(lemmas & _HELP))
    f["neg"] = float(bool(low_set & _NEG))
    f["rhetoric"] = float(bool(low_set & _RHETORIC))
    f["why_neg"] = float("why" in low_set and bool(low_set & _NEG))
    f["if_first"] = float(bool(lows) and lows[0] in {"if", "when", "once", "unless"} and not ends_q)
    f["past_tense_root"] = float(span.root.tag_ in {"VBD", "VBN"})
    f["root_pos=" + span.root.pos_] = 1.0
    caps = [t for t in words if t.is_upper and len(t) > 1]
    f["shouting"] = float(len(caps) >= 3)
    f["url"] = float(any(t.like_url for t in toks))
    f["digits"] = float(sum(t.like_num for t in words) >= 2)
    for lab in _labels(hits, span.start, span.end):
        f["pack=" + lab] = 1.0
    # email structure around the span
    line = _line_of(text, span.start_char).lstrip()
    f["quoted_line"] = float(line.startswith(">"))
    f["heading_line"] = float(line.startswith("#") or (line.endswith(":") and len(line) < 60))
    f["list_item"] = float(line[:2] in {"- ", "* ", "+ "} or (line[:1].isdigit() and line[1:3] in {". ", ") "}))
    f["kv_line"] = float(":" in line[:40] and len(line) < 80 and not has_q)
    f["in_code"] = float(text.count("```", 0, span.start_char) % 2 == 1)
    f["pos=first"] = float(seg_index == 0)
    f["pos=last"] = float(seg_index == n_segs - 1)
    f["segments" + bucket(n_segs, (1, 3, 8, 20))] = 1.0
    f["long_message"] = float(len(text) > 600)
    mood = polarity(sentiment(span.text)["compound"])
    f["sentiment=" + mood] = 1.0
    f["qmarks>1"] = float(sum(t.text.count("?") for t in toks) > 1)
    f["interrobang"] = float(
        any("?" in t.text and "!" in t.text for t in toks) or ("?" in span.text and "!" in span.text)
    )
    if ends_q:
        # a question mark means different things on a neutral statement ("website glitch?") and on
        # an angry one ("are your employees trying to kill me?")
        f["qmark&sentiment=" + mood] = 1.0
        f["qmark&neg"] = f["neg"]
        f["qmark&rhetoric"] = f["rhetoric"]
        f["qmark&you"] = f["you"]
    return {k: v for k, v in f.items() if v}


def ask_candidates(
    extractor: QuestionExtractor,
    doc: Doc,
    facts: list[QuestionFact] | None = None,
    reading: ExtractorReading | None = None,
) -> list[AskCandidate]:
    """Every candidate ask of a parsed customer message, with features.

    ``facts`` and ``reading``: the hand-written extractor's output and what it read of the
    message (``extractor.read``), when already computed.
    """
    if not len(doc):
        return []
    text = doc.text
    if reading is None:
        reading = extractor.read(doc)
    if facts is None:
        facts = extractor.extract(doc, reading)
    hits = reading.phrases + reading.shapes
    segs = reading.segments
    spans: dict[tuple[int, int], tuple[str, QuestionFact | None, int]] = {}
    for k, (s, e) in enumerate(segs):
        bounds = _trim(doc, s, e)
        if bounds is not None:
            spans[bounds] = ("segment", None, k)
    for found in facts:
        key = (found.start, found.end)
        seg_k = next(
            (k for k, (s, e) in enumerate(segs) if doc[s].idx <= found.start < doc[e - 1].idx + len(doc[e - 1])), 0
        )
        spans[key] = ("both" if key in spans else "rule", found, seg_k)
    out: list[AskCandidate] = []
    rule_bounds = [(f.start, f.end) for f in facts]
    for (a, b), (source, fact, seg_k) in sorted(spans.items()):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            continue
        feats = _span_features(doc, span, hits, seg_k, len(segs), text)
        feats["source=" + source] = 1.0
        if "ends_qmark" in feats:
            feats["qmark&source=" + source] = 1.0
        inside = sum(1 for s, e in rule_bounds if a <= s and e <= b and (s, e) != (a, b))
        if source == "segment":
            feats["covers_rule" + bucket(inside, (0, 1))] = 1.0
        if fact is not None:
            feats["rule_kind=" + fact.kind] = 1.0
            feats["rule_type=" + fact.answer_type] = 1.0
            feats["rule_conf"] = round(fact.confidence, 3)
        out.append(AskCandidate(a, b, text[a:b], source, fact, feats))
    return out
