"""The corpus README's scoring: question matching by word-set Jaccard, P/R/F1, answered figures."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["JACCARD_MIN", "answer_figures", "jaccard", "match_questions", "prf", "words"]

JACCARD_MIN = 0.5
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def words(text: str) -> frozenset[str]:
    """Lower-cased words with punctuation stripped."""
    return frozenset(_PUNCT.sub("", text.lower()).split())


def jaccard(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    return len(wa & wb) / len(wa | wb)


def match_questions(predicted: Sequence[str], labelled: Sequence[str]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, labelled index) pairs with Jaccard >= 0.5, best pairs first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(labelled):
            score = jaccard(p, g)
            if score >= JACCARD_MIN:
                pairs.append((score, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def answer_figures(pairs: Iterable[tuple[bool, bool]]) -> dict[str, float]:
    """(predicted answered, labelled answered) pairs -> accuracy and the 'unanswered' finding's P/R."""
    pairs = list(pairs)
    n = len(pairs)
    correct = sum(p == g for p, g in pairs)
    pred_un = [(p, g) for p, g in pairs if not p]
    gold_un = [(p, g) for p, g in pairs if not g]
    un_tp = sum(1 for p, g in pairs if not p and not g)
    return {
        "matched": n,
        "accuracy": correct / n if n else 1.0,
        "unanswered_precision": un_tp / len(pred_un) if pred_un else 1.0,
        "unanswered_recall": un_tp / len(gold_un) if gold_un else 1.0,
        "predicted_unanswered": len(pred_un),
        "gold_unanswered": len(gold_un),
    }
