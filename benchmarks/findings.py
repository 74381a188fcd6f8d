"""How many warning- and error-level findings are right, rule by rule, on the labelled replies.

Every usable reply of the corpus is checked as a caller who configures nothing checks it (default
rules, channel inferred) and each warning- or error-level finding is judged against the labels:

- ``question-answered``: the question the finding quotes matches (word Jaccard >= 0.5) a
  labelled question that the reply leaves unanswered;
- ``apology``: the customer reports a problem and the reply has no apology (corpus labels);
- ``next-action``: the reply has no next step and the customer reported a problem or asked
  something; ``bare-refusal``: the reply refuses with no alternative (corpus labels);
- ``jargon``: the flagged term is (part of) a term the corpus labels as jargon;
- ``deflection``, ``blame``, ``policy-citing``, ``over-promise``: the finding overlaps a reply
  sentence labelled with that act (``labels/reply-sentences/``, annotators a, c and d: every
  usable reply);
- ``placeholder`` on the corpus's own redaction token ``[email]`` is left out (in a real draft it
  would be a left-over placeholder); other rules' findings are counted but not judged.

Out of source: the learned decisions (asks, answered, complaint) that the checks rest on are
refitted for each of 10 folds grouped by source, without the scored groups, exactly as
``python -m replylint.train`` evaluates them; the hand-written rules are the same in every fold
(they were written looking at this corpus: for them the figure is in-sample, and
``benchmarks/reply_sentences.py score`` gives their figures on the held-out sentence sample).
``--in-sample`` checks with the shipped models instead.

Also printed per rule: ``recall``, the share of the replies its labels say should fail (a
question left unanswered, a missing apology, a bare refusal, a jargon term, a deflecting
sentence...) on which it reports at warning level or above; and the share of *good* replies
(its labels say nothing is wrong) on which it does.

Usage::

    python benchmarks/findings.py [--corpus DIR] [--in-sample] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reply_sentences

from replylint.checker import Checker, Pair
from replylint.config import Config
from replylint.learn.corpus import corpus_dir, source_group
from replylint.learn.scoring import JACCARD_MIN, jaccard
from replylint.models import Finding, Report

Row = dict[str, Any]
Sentences = list[dict[str, Any]]

SEVERE = ("warning", "error")
_QUOTED = re.compile(r'"(.+?)"')


def _qa_right(f: Finding, row: Row, _s: Sentences) -> bool:
    m = _QUOTED.search(f.message)
    asked = m.group(1) if m else f.text
    return any(not q["answered"] and jaccard(asked, q["text"]) >= JACCARD_MIN for q in row.get("questions", []))


def _jargon_right(f: Finding, row: Row, _s: Sentences) -> bool:
    t = f.text.lower().strip()
    return any(t in j.lower() or j.lower() in t for j in row.get("jargon", []) if j.strip())


def _act(act: str) -> Callable[[Finding, Row, Sentences], bool]:
    def right(f: Finding, _row: Row, sents: Sentences) -> bool:
        return any(s["start"] < f.end and f.start < s["end"] and act in s["acts"] for s in sents)

    return right


#: rule -> (is this finding right, is the reply good as far as the rule's labels go)
JUDGES: dict[str, tuple[Callable[[Finding, Row, Sentences], bool], Callable[[Row, Sentences], bool]]] = {
    "question-answered": (_qa_right, lambda r, s: all(q["answered"] for q in r.get("questions", []))),
    "apology": (
        lambda f, r, s: bool(r["complaint"]) and not r["apology"],
        lambda r, s: bool(r["apology"]) or not r["complaint"],
    ),
    "next-action": (
        lambda f, r, s: not r["next_action"] and (bool(r["complaint"]) or bool(r.get("questions"))),
        lambda r, s: bool(r["next_action"]) or not (r["complaint"] or r.get("questions")),
    ),
    "bare-refusal": (
        lambda f, r, s: bool(r["refusal"]) and not r["alternative"],
        lambda r, s: not (r["refusal"] and not r["alternative"]),
    ),
    "jargon": (_jargon_right, lambda r, s: not r.get("jargon")),
    **{
        rule: (_act(act), lambda r, s, a=act: not any(a in x["acts"] for x in s))
        for rule, act in (
            ("deflection", "deflection"),
            ("blame", "blame"),
            ("policy-citing", "policy_citing"),
            ("over-promise", "over_promise"),
        )
    },
}


def _sentences(corpus: Path) -> dict[str, Sentences]:
    by_row: dict[str, Sentences] = {}
    for r in reply_sentences._pooled(["a", "c", "d"], corpus):
        by_row.setdefault(r["row"], []).append(r)
    return by_row


def reports_out_of_source(corpus: Path, rows: Sequence[Row]) -> list[Report]:
    """Each row checked by a Checker whose learned decisions never saw the row's source group."""
    from replylint.learn.datasets import build
    from replylint.train import fold_decisions, training_checker

    data = build(training_checker(), corpus)
    checker = Checker(Config(min_precision=0.0))
    tk = checker.toolkit
    out: dict[int, Report] = {}
    for te_groups, decisions in fold_decisions(data, checker):
        checker.toolkit = dataclasses.replace(tk, decisions=decisions)
        idx = [k for k, r in enumerate(rows) if source_group(r["source"]) in te_groups]
        pairs = [Pair(rows[k]["reply"], rows[k].get("customer")) for k in idx]
        for k, rep in zip(idx, checker.check_many(pairs), strict=True):
            out[k] = rep
    checker.toolkit = tk
    return [out[k] for k in range(len(rows))]


def judge(
    rows: Sequence[Row], reports: Sequence[Report], sentences: dict[str, Sentences], min_precision: float = 0.0
) -> dict[str, Any]:
    """Per rule: findings, judged, right, good replies failed. ``min_precision``: leave out the
    findings the product reports as "possibly" at that floor (rules measured below it)."""
    from replylint.rules import all_rules

    demoted = {rid for rid, cls in all_rules().items() if cls.precision is not None and cls.precision < min_precision}
    per_rule: dict[str, Counter[str]] = {}
    for row, rep in zip(rows, reports, strict=True):
        sents = sentences.get(row["id"], [])
        severe = [f for f in rep.findings if f.severity.value in SEVERE and f.rule not in demoted]
        for f in severe:
            c = per_rule.setdefault(f.rule, Counter())
            c["findings"] += 1
            if f.rule == "placeholder" and f.text == reply_sentences.REDACTION:
                c["redaction"] += 1
                continue
            judges = JUDGES.get(f.rule)
            if judges is None:
                continue
            c["judged"] += 1
            c["right"] += judges[0](f, row, sents)
        for rule, (_, good) in JUDGES.items():
            c = per_rule.setdefault(rule, Counter())
            flagged = any(f.rule == rule for f in severe)
            if good(row, sents):
                c["good_replies"] += 1
                c["good_failed"] += flagged
            else:
                c["bad_replies"] += 1
                c["bad_caught"] += flagged
    total = Counter[str]()
    for c in per_rule.values():
        total.update({k: c[k] for k in ("findings", "judged", "right", "redaction")})
    return {"rules": {k: dict(v) for k, v in sorted(per_rule.items())}, "total": dict(total), "replies": len(rows)}


def _print(fig: dict[str, Any], title: str) -> None:
    print(title)
    print(f"  {'rule':<18}{'found':>6}{'judged':>7}{'right':>6}{'share':>7}{'recall':>8}   good replies failed")
    for rule, c in fig["rules"].items():
        if not c.get("findings") and not c.get("good_failed") and not c.get("bad_replies"):
            continue
        share = f"{c['right'] / c['judged']:.2f}" if c.get("judged") else "-"
        recall = f"{c.get('bad_caught', 0) / c['bad_replies']:.2f}" if c.get("bad_replies") else "-"
        good = f"{c.get('good_failed', 0)}/{c['good_replies']}" if c.get("good_replies") else ""
        rate = f" ({c.get('good_failed', 0) / c['good_replies']:.3f})" if c.get("good_replies") else ""
        extra = f"  [{c['redaction']} on the corpus's [email] redaction, left out]" if c.get("redaction") else ""
        print(
            f"  {rule:<18}{c.get('findings', 0):>6}{c.get('judged', 0):>7}{c.get('right', 0):>6}{share:>7}{recall:>8}"
            f"   {good}{rate}{extra}"
        )
    t = fig["total"]
    share = t["right"] / t["judged"] if t.get("judged") else 0.0
    print(
        f"  all judged warning/error findings: {t['right']} of {t['judged']} right ({share:.3f}) on {fig['replies']} replies"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--in-sample", action="store_true", help="check with the shipped models (trained on these rows)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    corpus = args.corpus or corpus_dir()
    rows = [r for _, r in reply_sentences.usable_rows(corpus)]
    sentences = _sentences(corpus)
    if args.in_sample:
        checker = Checker(Config(min_precision=0.0))
        reports = checker.check_many([Pair(r["reply"], r.get("customer")) for r in rows])
        title = "IN-SAMPLE (shipped models, trained on these rows): warning- and error-level findings"
    else:
        reports = reports_out_of_source(corpus, rows)
        title = "Out of source (learned decisions refitted without the scored source groups): warning- and error-level findings"
    raw = judge(rows, reports, sentences)
    shipped = judge(rows, reports, sentences, Config().min_precision)
    if args.json:
        print(json.dumps({"every_rule_at_its_severity": raw, "default_configuration": shipped}, indent=1))
        return 0
    _print(raw, title + ", every rule at its severity (min-precision = 0): each rule's measured precision")
    print()
    _print(
        shipped,
        f"The default configuration (min-precision = {Config().min_precision:g}): rules measured below it say 'possibly' at info",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
