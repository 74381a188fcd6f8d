"""Do learned sentence-level speech acts beat the hand detectors? Out of source, no (yet).

Each labelled reply sentence (``labels/reply-sentences/``: annotators a, c and d, every usable
reply of the corpus) gets features: general parse shapes (negation and who is negated, "can't",
regret adverbs, availability words, imperatives, "you can", our commitments in the future or the
past, questions back, links, time words, pleasantries), the packs of ``rules/`` that match in it,
the hand detectors' facts that fall in it (``analysis/speech_acts/``), its position, and what
the customer wrote. A calibrated logistic regression per act (``replylint.learn.crossval``) is
scored with 10 folds grouped by source; the hand detector's own verdict on the same sentences is
printed beside it. The draft-side checks use the hand detectors because this comparison shows no
gain from learning on 1,846 sentences.

Usage::

    python benchmarks/reply_learning.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reply_sentences

from replylint.analysis.speech_acts import ActFact
from replylint.learn import crossval
from replylint.learn.corpus import corpus_dir, source_group
from replylint.learn.linear import Features, bucket

_REGRET = frozenset({"unfortunately", "sadly", "regrettably", "afraid", "unable", "impossible"})
_NOT_NOW = frozenset({"yet", "currently", "moment", "presently", "now", "anymore", "longer"})
_AVAILABILITY = frozenset(
    {"available", "possible", "supported", "allowed", "able", "eligible", "offered", "option", "compatible"}
)
_CAN = frozenset({"can", "ca", "could", "cannot"})
_WE = frozenset({"we", "i", "our", "us", "my"})
_IT = frozenset({"it", "this", "that", "there", "which"})
_YOU = frozenset({"you", "your"})
_FUTURE = frozenset({"will", "'ll", "wo", "shall", "going", "gonna"})
_TIME = frozenset(
    {
        "today",
        "tomorrow",
        "tonight",
        "soon",
        "shortly",
        "asap",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minutes",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "within",
        "by",
        "until",
        "next",
        "update",
        "release",
    }
)
_PLEASANTRY = frozenset(
    {"thanks", "thank", "welcome", "glad", "happy", "enjoy", "pleasure", "great", "awesome", "cheers", "love"}
)
_CONTACT = frozenset(
    {"dm", "message", "contact", "call", "email", "e-mail", "chat", "reach", "phone", "ticket", "case", "form"}
)
_ONLY = frozenset({"only", "just", "limited", "maximum", "max", "limit"})


def _in(span: Span, start: int, end: int) -> bool:
    return start < span.end_char and span.start_char < end


def _subjects(tok: object) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]  # type: ignore[attr-defined]


def _shape_features(sent: Span) -> Features:
    f: Features = {}
    toks = [t for t in sent if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    lows = {t.lower_ for t in words}
    n = len(words)
    f["words" + bucket(n, (3, 8, 15, 30))] = 1.0
    if lows & _REGRET:
        f["regret_word"] = 1.0
    if lows & _PLEASANTRY:
        f["pleasantry"] = 1.0
    if lows & _TIME:
        f["time_word"] = 1.0
    if lows & _CONTACT:
        f["contact_word"] = 1.0
    if lows & _ONLY:
        f["only_word"] = 1.0
    if any(t.like_url or t.like_email for t in toks):
        f["link"] = 1.0
    if any(t.like_num for t in words):
        f["number"] = 1.0
    question = any(t.text.endswith("?") for t in toks)
    if question:
        f["question"] = 1.0
        if words and words[0].tag_ in ("WDT", "WP", "WP$", "WRB"):
            f["wh_question"] = 1.0
        if lows & _YOU:
            f["question_to_you"] = 1.0
    negs = [t for t in toks if t.dep_ == "neg" or t.lower_ in ("cannot", "never")]
    if negs:
        f["neg"] = 1.0
    for neg in negs:
        head = neg.head if neg.dep_ == "neg" else neg
        subs = set(_subjects(head))
        auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")} | {neg.lower_}
        who = "we" if subs & _WE else "it" if subs & _IT else "you" if subs & _YOU else "other" if subs else "none"
        f[f"neg_subject={who}"] = 1.0
        if auxes & _CAN or neg.lower_ == "cannot":
            f[f"cannot_subject={who}"] = 1.0
        if head.lemma_.lower() in ("be", "have") or any(c.dep_ == "acomp" for c in head.children):
            comp = {c.lemma_.lower() for c in head.children if c.dep_ in ("acomp", "attr", "dobj")}
            if comp & _AVAILABILITY:
                f["not_available"] = 1.0
            if head.lemma_.lower() == "have" and subs & _WE:
                f["we_have_not"] = 1.0
        if lows & _NOT_NOW:
            f["neg_not_now"] = 1.0
        if question:
            f["neg_in_question"] = 1.0
    if any(t.lower_ == "no" and t.dep_ == "det" for t in toks):
        f["no_det"] = 1.0
    if lows & _AVAILABILITY and not negs:
        f["availability_word"] = 1.0
    root = sent.root
    if (
        root.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
        and not any(c.dep_ == "aux" for c in root.children)
        and not question
    ):
        f["imperative"] = 1.0
        if any(t.lower_ == "please" for t in words):
            f["imperative_please"] = 1.0
    for t in words:
        if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass"):
            continue
        subs = set(_subjects(t))
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        negated = any(c.dep_ == "neg" for c in t.children)
        if subs & _YOU and auxes & (_CAN | {"may", "might", "need", "should", "'ll", "will"}) and not negated:
            f["you_can"] = 1.0
        if subs & _WE and not negated:
            if auxes & _FUTURE or t.lower_ in _FUTURE:
                f["we_will"] = 1.0
            elif auxes & {"have", "'ve", "has"} or t.tag_ == "VBD":
                f["we_did"] = 1.0
            elif t.tag_ == "VBG" and auxes & {"are", "'re", "am", "'m"}:
                f["we_are_doing"] = 1.0
    return f


def _facts_features(sent: Span, facts: Mapping[str, Sequence[ActFact]]) -> Features:
    f: Features = {}
    for kind, items in facts.items():
        for a in items:
            if _in(sent, a.start, a.end):
                f[f"fact={kind}:{a.label}"] = 1.0
    return f


def _pack_features(sent: Span, matches: Mapping[str, Sequence[Span]]) -> Features:
    f: Features = {}
    for label, spans in matches.items():
        if any(_in(sent, s.start_char, s.end_char) for s in spans):
            f["pack=" + label] = 1.0
    return f


def customer_context(customer_doc: Doc | None, complaint_signals: int) -> Features:
    """What the customer's message asks of the reply (no customer: the draft is judged alone)."""
    if customer_doc is None:
        return {"customer=none": 1.0}
    f: Features = {}
    words = [t for t in customer_doc if not t.is_punct and not t.is_space]
    lows = {t.lower_ for t in words}
    f["customer_words" + bucket(len(words), (10, 30, 80))] = 1.0
    if any("?" in t.text for t in customer_doc):
        f["customer_qmark"] = 1.0
    if lows & {"please", "pls", "plz", "help", "need", "want", "can", "could", "would", "how"}:
        f["customer_asks_word"] = 1.0
    if lows & _PLEASANTRY and not lows & {"not", "n't", "no", "never"}:
        f["customer_thanks"] = 1.0
    f["customer_problem" + bucket(complaint_signals, (0, 1, 2))] = 1.0
    return f


#: act -> the hand detector's fact kind in ``_facts`` (None: no detector of its own)
ACTS: dict[str, str | None] = {
    "refusal": "refusal",
    "next_action": "next",
    "alternative": "alt",
    "apology": "apology",
    "empathy": "empathy",
    "deflection": None,
}


def _facts(tk: Any, d: Doc, m: Any) -> dict[str, list[ActFact]]:
    ref = tk.speech.refusals(d, m)
    nxt = tk.speech.next_actions(d, m)
    return {
        "refusal": ref,
        "next": nxt,
        "alt": tk.speech.alternatives(d, m, ref, nxt),
        "apology": tk.speech.apologies(d, m),
        "non_apology": tk.speech.non_apologies(d, m),
        "empathy": tk.speech.empathy(d, m, None),
    }


def dataset(corpus: Path) -> list[dict[str, Any]]:
    """One item per labelled sentence: features, acts, source group, the hand detectors' verdicts."""
    from replylint.checker import Checker

    rows = {r["id"]: r for _, r in reply_sentences.usable_rows(corpus)}
    by_row: dict[str, list[dict[str, Any]]] = {}
    for lab in reply_sentences._pooled(["a", "c", "d"], corpus):
        by_row.setdefault(lab["row"], []).append(lab)
    checker = Checker()
    tk = checker.toolkit
    out: list[dict[str, Any]] = []
    for rid, sents in sorted(by_row.items()):
        row = rows[rid]
        cdoc = checker._parse_customer(row["customer"])
        context = customer_context(cdoc, len(tk.speech.complaint(cdoc, tk.packs.match(cdoc))))
        d = checker._parse_draft(row["reply"])
        m = tk.packs.match(d)
        facts = _facts(tk, d, m)
        for k, s in enumerate(sents):
            span = d.char_span(s["start"], s["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            f = _shape_features(span)
            f.update(_facts_features(span, facts))
            f.update(_pack_features(span, m))
            f.update(context)
            f["position=" + ("first" if k == 0 else "last" if k == len(sents) - 1 else "middle")] = 1.0
            rule = {
                act: any(x.start < s["end"] and s["start"] < x.end for x in facts[kind])
                for act, kind in ACTS.items()
                if kind is not None
            }
            out.append({"group": source_group(row["source"]), "acts": s["acts"], "f": f, "rule": rule})
    return out


def _prf(pred: Sequence[bool], gold: Sequence[int]) -> tuple[float, float, float]:
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def compare(items: Sequence[dict[str, Any]], c: float = 0.3) -> dict[str, dict[str, Any]]:
    groups = [x["group"] for x in items]
    xs = [x["f"] for x in items]
    out: dict[str, dict[str, Any]] = {}
    for act, kind in ACTS.items():
        ys = [int(act in x["acts"]) for x in items]
        p = np.zeros(len(items))
        for tr, te in crossval.folds(groups, crossval.OUTER_SPLITS):
            model, _ = crossval.fit([xs[i] for i in tr], [ys[i] for i in tr], [groups[i] for i in tr], c)
            p[te] = model.probabilities([xs[i] for i in te])
        fig: dict[str, Any] = {"labelled": sum(ys)}
        for t in (0.3, 0.5):
            fig[f"learned P>={t}"] = _prf([q >= t for q in p], ys)
        if kind is not None:
            fig["hand detector"] = _prf([x["rule"][act] for x in items], ys)
        out[act] = fig
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None)
    args = ap.parse_args(argv)
    items = dataset(args.corpus or corpus_dir())
    print(f"{len(items)} labelled reply sentences; out of source (10 folds grouped by source): P / R / F1")
    for act, fig in compare(items).items():
        cells = "   ".join(
            f"{k}: {p:.2f} / {r:.2f} / {f:.2f}" for k, v in fig.items() if k != "labelled" for p, r, f in [v]
        )
        print(f"  {act:<12} ({fig['labelled']:>3} labelled)  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
