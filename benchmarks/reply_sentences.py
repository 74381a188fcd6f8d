"""Reply sentences labelled by speech act: export for annotators, import, agreement, rule scores.

The labels (``labels/reply-sentences/<annotator>.jsonl``) are references into the corpus: row id,
the reply's character offsets and a short hash of the sentence text (to notice a changed corpus),
with the acts of ``docs/reply-sentence-rubric.md``. No corpus text is stored in the repository.

Usage::

    python benchmarks/reply_sentences.py export --out DIR [--tweets N] [--emails N]
    python benchmarks/reply_sentences.py import FILE --annotator NAME [--task DIR]
    python benchmarks/reply_sentences.py agreement [--a A] [--b B]
    python benchmarks/reply_sentences.py score [--annotator NAME ...] [--json]

``export`` writes the annotators' task (the sample's customer messages and replies split into
numbered sentences) outside the repository. The sample is every usable reply on which a
support-practice rule without corpus labels (deflection, blame, policy-citing, over-promise,
escalation) reports at warning level or above, plus a fixed pseudo-random draw of the other
replies (hash of the row id), so that the rules' precision and recall can both be read.
``score`` checks every sampled reply and compares each rule's findings with the labelled
sentences: a finding is right when it overlaps a sentence labelled with the rule's act.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from replylint.learn.corpus import ANSWER_FILES, corpus_dir, load_rows

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "labels" / "reply-sentences"

ACTS = (
    "refusal",
    "alternative",
    "next_action",
    "apology",
    "non_apology",
    "empathy",
    "deflection",
    "blame",
    "policy_citing",
    "over_promise",
)

#: rule id -> the act whose sentence a right finding overlaps
RULE_ACT: dict[str, str] = {
    "deflection": "deflection",
    "blame": "blame",
    "policy-citing": "policy_citing",
    "over-promise": "over_promise",
    "bare-refusal": "refusal",
}

#: rules the corpus has no labels for: every reply they fire on is in the sample
UNLABELLED_RULES = ("deflection", "blame", "policy-citing", "over-promise", "escalation")

#: the corpus replaces e-mail addresses by this token; it is no left-over placeholder
REDACTION = "[email]"

Row = dict[str, Any]


def _key(row_id: str) -> str:
    return hashlib.sha256(row_id.encode()).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def usable_rows(corpus: Path) -> list[tuple[str, Row]]:
    return [(name, row) for name in ANSWER_FILES for row in load_rows(corpus, name) if row.get("usable", True)]


def sentences(nlp: Any, text: str) -> list[tuple[int, int]]:
    """Character spans of the reply's sentences (spaCy's parser), whitespace trimmed."""
    out: list[tuple[int, int]] = []
    for sent in nlp(text).sents:
        a, b = sent.start_char, sent.end_char
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _warned(report: Any) -> set[str]:
    return {f.rule for f in report.findings if f.rule in UNLABELLED_RULES and f.severity.value in ("warning", "error")}


def sample(corpus: Path, tweets: int, emails: int) -> list[tuple[str, Row]]:
    """The rows to label: every reply an unlabelled rule warns on, plus a fixed draw of the others."""
    from replylint.checker import Checker, Pair
    from replylint.config import Config
    from replylint.rules import all_rules

    rows = usable_rows(corpus)
    checker = Checker(Config(select=list(all_rules())))
    reports = checker.check_many([Pair(r["reply"], r.get("customer"), None) for _, r in rows])
    flagged = [i for i, rep in enumerate(reports) if _warned(rep)]
    rest = sorted((i for i in range(len(rows)) if i not in set(flagged)), key=lambda i: _key(rows[i][1]["id"]))
    picked = set(flagged)
    picked.update([i for i in rest if not rows[i][0].startswith("email")][:tweets])
    picked.update([i for i in rest if rows[i][0].startswith("email")][:emails])
    return [rows[i] for i in sorted(picked)]


def rest(corpus: Path, labelled: Sequence[str]) -> list[tuple[str, Row]]:
    """The usable rows no annotator file in ``labelled`` covers (the held-out sample)."""
    done = {r["row"] for name in labelled for r in read_labels(name)}
    return [(name, row) for name, row in usable_rows(corpus) if row["id"] not in done]


def export(corpus: Path, out: Path, tweets: int, emails: int, exclude: Sequence[str] = ()) -> int:
    from replylint.pipeline import load_pipeline

    nlp = load_pipeline()
    out.mkdir(parents=True, exist_ok=True)
    picked = rest(corpus, exclude) if exclude else sample(corpus, tweets, emails)
    n_sent = 0
    with (out / "task.jsonl").open("w", encoding="utf-8") as fh:
        for name, row in picked:
            spans = sentences(nlp, row["reply"])
            n_sent += len(spans)
            task = {
                "row": row["id"],
                "file": name,
                "customer": row.get("customer", ""),
                "reply": row["reply"],
                "sentences": [
                    {"i": k, "start": a, "end": b, "text": row["reply"][a:b]} for k, (a, b) in enumerate(spans)
                ],
            }
            fh.write(json.dumps(task, ensure_ascii=False) + "\n")
    print(f"{len(picked)} replies, {n_sent} sentences -> {out / 'task.jsonl'}")
    return 0


def import_labels(path: Path, annotator: str, task_dir: Path) -> int:
    """An annotator's output ({row, sentences: [{i, acts, note?}]}) stored as references."""
    tasks = {}
    for line in (task_dir / "task.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        tasks[t["row"]] = t
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        task = tasks.get(item["row"])
        if task is None:
            raise SystemExit(f"{path}:{n}: row {item['row']!r} is not in the task")
        seen.add(item["row"])
        by_i = {s["i"]: s for s in item["sentences"]}
        for s in task["sentences"]:
            lab = by_i.get(s["i"], {"acts": []})
            bad = [a for a in lab.get("acts", []) if a not in ACTS]
            if bad:
                raise SystemExit(f"{path}:{n}: unknown act(s) {bad} (known: {', '.join(ACTS)})")
            out.append(
                {
                    "row": task["row"],
                    "file": task["file"],
                    "start": s["start"],
                    "end": s["end"],
                    "sha": text_hash(s["text"]),
                    "acts": sorted(set(lab.get("acts", []))),
                }
            )
    missing = sorted(set(tasks) - seen)
    if missing:
        raise SystemExit(f"{path}: {len(missing)} task rows have no labels, e.g. {missing[:3]}")
    LABELS.mkdir(parents=True, exist_ok=True)
    dest = LABELS / f"{annotator}.jsonl"
    dest.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    print(f"{len(out)} sentences of {len(seen)} replies -> {dest.relative_to(ROOT)}")
    return 0


def read_labels(annotator: str, corpus: Path | None = None) -> list[dict[str, Any]]:
    """One annotator's labelled sentences; with ``corpus``, checked against the corpus text."""
    path = LABELS / f"{annotator}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if corpus is not None:
        replies = {r["id"]: r["reply"] for _, r in usable_rows(corpus)}
        for r in rows:
            text = replies.get(r["row"])
            if text is None or text_hash(text[r["start"] : r["end"]]) != r["sha"]:
                raise SystemExit(f"{path}: row {r['row']} {r['start']}-{r['end']} no longer matches the corpus")
    return rows


def kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa of two binary labellings."""
    n = len(a)
    if not n:
        return float("nan")
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def agreement(a_name: str, b_name: str) -> int:
    a = {(r["row"], r["start"]): set(r["acts"]) for r in read_labels(a_name)}
    b = {(r["row"], r["start"]): set(r["acts"]) for r in read_labels(b_name)}
    both = sorted(set(a) & set(b))
    rows = {k[0] for k in both}
    print(f"{a_name} vs {b_name}: {len(both)} sentences of {len(rows)} replies labelled by both")
    print(f"  {'act':<14}{a_name:>6}{b_name:>6}{'both':>6}{'F1':>8}{'kappa':>8}")
    for act in ACTS:
        xa = [act in a[k] for k in both]
        xb = [act in b[k] for k in both]
        tp = sum(x and y for x, y in zip(xa, xb, strict=True))
        f1 = 2 * tp / (sum(xa) + sum(xb)) if (sum(xa) + sum(xb)) else float("nan")
        print(f"  {act:<14}{sum(xa):>6}{sum(xb):>6}{tp:>6}{f1:>8.3f}{kappa(xa, xb):>8.3f}")
    return 0


def score(annotators: Sequence[str], corpus: Path, as_json: bool) -> int:
    """Per rule: its warning-and-above findings on the sampled replies against the labelled acts
    (several annotators' files are pooled; each reply is taken from the first that has it)."""
    from replylint.checker import Checker, Pair
    from replylint.config import Config

    labels = _pooled(annotators, corpus)
    annotator = "+".join(annotators)
    by_row: dict[str, list[dict[str, Any]]] = {}
    for r in labels:
        by_row.setdefault(r["row"], []).append(r)
    rows = {r["id"]: r for _, r in usable_rows(corpus)}
    ids = sorted(by_row)
    # every rule at its own severity: the findings a rule makes, whether or not min-precision
    # turns them into "possibly" ones by default
    reports = Checker(Config(min_precision=0.0)).check_many(
        [Pair(rows[i]["reply"], rows[i].get("customer"), None) for i in ids]
    )
    figures: dict[str, dict[str, Any]] = {}
    for rule, act in RULE_ACT.items():
        found: Counter[str] = Counter()
        for rid, rep in zip(ids, reports, strict=True):
            sents = by_row[rid]
            hit_sents: set[int] = set()
            for f in rep.findings:
                if f.rule != rule or f.severity.value not in ("warning", "error"):
                    continue
                over = [s for s in sents if s["start"] < f.end and f.start < s["end"]]
                right = any(act in s["acts"] for s in over)
                found["right" if right else "wrong"] += 1
                hit_sents.update(s["start"] for s in over if act in s["acts"])
            gold = [s for s in sents if act in s["acts"]]
            found["labelled"] += len(gold)
            found["caught"] += sum(1 for s in gold if s["start"] in hit_sents)
        n = found["right"] + found["wrong"]
        figures[rule] = {
            "act": act,
            "findings": n,
            "right": found["right"],
            "precision": found["right"] / n if n else None,
            "labelled_sentences": found["labelled"],
            "recall": found["caught"] / found["labelled"] if found["labelled"] else None,
        }
    if as_json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"warning-and-above findings against {annotator}'s sentence labels ({len(ids)} replies)")
    print(f"  {'rule':<16}{'act':<15}{'found':>6}{'right':>6}{'prec':>7}{'gold':>6}{'recall':>8}")
    for rule, fg in figures.items():
        p = "-" if fg["precision"] is None else f"{fg['precision']:.2f}"
        r = "-" if fg["recall"] is None else f"{fg['recall']:.2f}"
        print(
            f"  {rule:<16}{fg['act']:<15}{fg['findings']:>6}{fg['right']:>6}{p:>7}{fg['labelled_sentences']:>6}{r:>8}"
        )
    return 0


#: act -> the speech-act analyzer that finds it in a draft
DETECTORS = ("refusal", "alternative", "next_action", "apology", "non_apology", "empathy")


def _pooled(annotators: Sequence[str], corpus: Path) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = []
    for name in annotators:
        have = {r["row"] for r in labels}
        labels.extend(r for r in read_labels(name, corpus) if r["row"] not in have)
    return labels


def detected_acts(checker: Any, reply: str, customer: str | None) -> dict[str, list[tuple[int, int]]]:
    """Where the analyzers find each act in a reply (character spans of the facts)."""
    from replylint.analysis.speech_acts import (
        alternatives_of,
        apologies_of,
        empathy_of,
        next_actions_of,
        non_apologies_of,
        refusals_of,
    )
    from replylint.checker import _offsets
    from replylint.context import Context

    draft_doc = checker._parse_draft(reply)
    customer_doc = checker._parse_customer(customer) if customer else None
    ctx = Context(
        toolkit=checker.toolkit,
        draft=reply,
        draft_doc=draft_doc,
        customer=customer,
        customer_doc=customer_doc,
        channel=None,
        macro=False,
    )
    dmap = _offsets(draft_doc)
    spans: dict[str, list[tuple[int, int]]] = {}
    for act, fn in (
        ("refusal", refusals_of),
        ("alternative", alternatives_of),
        ("next_action", next_actions_of),
        ("apology", apologies_of),
        ("non_apology", non_apologies_of),
        ("empathy", empathy_of),
    ):
        spans[act] = [(dmap.start(f.start), dmap.end(f.end)) for f in fn(ctx)]
    return spans


def acts(annotators: Sequence[str], corpus: Path, as_json: bool) -> int:
    """Sentence by sentence: does the analyzer find the act where the annotators put it?"""
    from replylint.checker import Checker

    labels = _pooled(annotators, corpus)
    rows = {r["id"]: r for _, r in usable_rows(corpus)}
    checker = Checker()
    by_row: dict[str, list[dict[str, Any]]] = {}
    for r in labels:
        by_row.setdefault(r["row"], []).append(r)
    counts = {a: Counter[str]() for a in DETECTORS}
    for rid, sents in sorted(by_row.items()):
        found = detected_acts(checker, rows[rid]["reply"], rows[rid].get("customer"))
        for s in sents:
            for act in DETECTORS:
                pred = any(a < s["end"] and s["start"] < b for a, b in found[act])
                gold = act in s["acts"]
                counts[act]["tp" if pred and gold else "fp" if pred else "fn" if gold else "tn"] += 1
    figures = {}
    for act, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        figures[act] = {k: c[k] for k in ("tp", "fp", "fn", "tn")} | {"precision": p, "recall": r}
    if as_json:
        print(json.dumps(figures, indent=2))
        return 0
    name = "+".join(annotators)
    print(f"speech acts found by the analyzers, per sentence, against {name}'s labels ({len(by_row)} replies)")
    print(f"  {'act':<14}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>7}{'recall':>8}")
    for act, fg in figures.items():
        p = "-" if fg["precision"] is None else f"{fg['precision']:.2f}"
        r = "-" if fg["recall"] is None else f"{fg['recall']:.2f}"
        print(f"  {act:<14}{fg['tp']:>5}{fg['fp']:>5}{fg['fn']:>5}{p:>7}{r:>8}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: ../shared/corpus)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--tweets", type=int, default=90)
    ex.add_argument("--emails", type=int, default=50)
    ex.add_argument(
        "--rest-of",
        nargs="+",
        default=(),
        metavar="ANNOTATOR",
        help="export every usable reply these annotators' files do not cover (the held-out sample)",
    )
    im = sub.add_parser("import")
    im.add_argument("file", type=Path)
    im.add_argument("--annotator", required=True)
    im.add_argument("--task", type=Path, required=True)
    ag = sub.add_parser("agreement")
    ag.add_argument("--a", default="a")
    ag.add_argument("--b", default="b")
    sc = sub.add_parser("score")
    sc.add_argument(
        "--annotator",
        nargs="+",
        default=["c", "d"],
        help="whose labels (default: c d, the held-out sample; a is the development sample)",
    )
    sc.add_argument("--json", action="store_true")
    ac = sub.add_parser("acts")
    ac.add_argument("--annotator", nargs="+", default=["c", "d"])
    ac.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    corpus = args.corpus or corpus_dir()
    if args.cmd == "export":
        return export(corpus, args.out, args.tweets, args.emails, args.rest_of)
    if args.cmd == "import":
        return import_labels(args.file, args.annotator, args.task)
    if args.cmd == "agreement":
        return agreement(args.a, args.b)
    if args.cmd == "acts":
        return acts(args.annotator, corpus, args.json)
    return score(args.annotator, corpus, args.json)


if __name__ == "__main__":
    sys.exit(main())
