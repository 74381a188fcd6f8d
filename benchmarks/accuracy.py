"""Accuracy of replylint's analyzers on the labelled corpus.

Usage::

    /work/venv/bin/python benchmarks/accuracy.py [--corpus DIR] [--json] [--errors]

The corpus directory defaults to ``$REPLYLINT_CORPUS`` or ``../shared/corpus`` relative to the
repository root. Each section is a ``score_*`` function returning plain dicts, and ``main`` prints
one table per section; another section is added by writing its ``score_*`` function and listing
it in ``SECTIONS``.

Scoring rules (from the corpus README): a predicted question matches a labelled one when their
lower-cased, punctuation-stripped word sets have Jaccard >= 0.5; each label matches at most one
prediction; P/R/F1 over all messages. Answered-or-not accuracy is computed over matched questions
of rows with ``usable: true`` in dev.jsonl and email-dev.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
EXTRACTION_FILES = ("dev.jsonl", "email-dev.jsonl", "questions-dev.jsonl")
ANSWER_FILES = ("dev.jsonl", "email-dev.jsonl")
JACCARD_MIN = 0.5

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def corpus_dir(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("REPLYLINT_CORPUS")
    return Path(env) if env else DEFAULT_CORPUS


def load_rows(corpus: Path, name: str) -> list[dict[str, Any]]:
    path = corpus / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def words(text: str) -> frozenset[str]:
    return frozenset(_PUNCT.sub("", text.lower()).split())


def jaccard(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    return len(wa & wb) / len(wa | wb)


def match_questions(predicted: Sequence[str], labelled: Sequence[str]) -> list[tuple[int, int]]:
    """One-to-one (pred_index, label_index) pairs with Jaccard >= 0.5, best pairs first."""
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


@dataclass
class Analyzer:
    """The analyzers and the parsing of the Checker under test, loaded once."""

    checker: Any

    @classmethod
    def load(cls, backend: str = "lexical") -> Analyzer:
        """The analyzers exactly as the Checker builds them (same pipeline, pack data, options,
        text cleaning and components per text), so the figures measure what the product does."""
        from replylint.checker import Checker
        from replylint.config import Config

        return cls(Checker(Config(select=["question-answered"], rules={"question-answered": {"backend": backend}})))

    @property
    def extractor(self) -> Any:
        return self.checker.toolkit.questions

    @property
    def matcher(self) -> Any:
        return self.checker.toolkit.answers

    def customer_doc(self, text: str) -> Any:
        return self.checker._parse_customer(text)

    def draft_doc(self, text: str, questions: Sequence[Any]) -> Any:
        """The draft as the Checker parses it, entities included when the questions need them."""
        doc = self.checker._parse_draft(text)
        self.checker._add_entities(doc, questions)
        return doc

    def questions(self, text: str) -> tuple[Any, list[Any]]:
        doc = self.customer_doc(text)
        return doc, self.extractor.extract(doc)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def score_extraction(
    analyzer: Analyzer, corpus: Path, errors: list[str] | None = None, files: Sequence[str] = EXTRACTION_FILES
) -> dict[str, Any]:
    """Extraction P/R/F1 per file and overall. All rows are scored, `usable: false` included."""
    per_file: dict[str, dict[str, float]] = {}
    totals = [0, 0, 0]
    for name in files:
        rows = load_rows(corpus, name)
        if not rows:
            continue
        tp = fp = fn = 0
        for row in rows:
            _, facts = analyzer.questions(row["customer"])
            pred = [f.text for f in facts]
            gold = [q["text"] for q in row.get("questions", [])]
            m = match_questions(pred, gold)
            tp += len(m)
            fp += len(pred) - len(m)
            fn += len(gold) - len(m)
            if errors is not None and (len(m) != len(pred) or len(m) != len(gold)):
                mp = {i for i, _ in m}
                mg = {j for _, j in m}
                errors.append(f"[{name} {row['id']}] {row['customer'][:300]!r}")
                for i, p in enumerate(pred):
                    if i not in mp:
                        errors.append(f"    FP {p!r} ({facts[i].kind}/{facts[i].answer_type})")
                for j, g in enumerate(gold):
                    if j not in mg:
                        errors.append(f"    FN {g!r}")
        per_file[name] = _prf(tp, fp, fn)
        per_file[name]["messages"] = len(rows)
        totals[0] += tp
        totals[1] += fp
        totals[2] += fn
    return {"files": per_file, "overall": _prf(*totals), "note": "all rows scored, usable:false included"}


def score_answers(
    analyzer: Analyzer, corpus: Path, errors: list[str] | None = None, files: Sequence[str] = ANSWER_FILES
) -> dict[str, Any]:
    """Answered-or-not over matched questions of usable rows (dev + email)."""
    per_file: dict[str, dict[str, float]] = {}
    all_pairs: list[tuple[bool, bool]] = []
    for name in files:
        pairs: list[tuple[bool, bool]] = []
        for row in load_rows(corpus, name):
            if not row.get("usable", True) or not row.get("questions"):
                continue
            cdoc, facts = analyzer.questions(row["customer"])
            ddoc = analyzer.draft_doc(row["reply"], facts)
            answers = analyzer.matcher.match(facts, cdoc, ddoc)
            gold = row["questions"]
            for i, j in match_questions([f.text for f in facts], [q["text"] for q in gold]):
                pred_ans, gold_ans = answers[i].answered, bool(gold[j]["answered"])
                pairs.append((pred_ans, gold_ans))
                if errors is not None and pred_ans != gold_ans:
                    a = answers[i]
                    by = ddoc.text[a.start : a.end] if a.start is not None else None
                    errors.append(
                        f"[{name} {row['id']}] Q {facts[i].text!r} ({facts[i].answer_type}) gold={gold_ans} "
                        f"pred={pred_ans} score={a.score:.2f}\n    reason: {a.reason}\n    by: {by!r}\n"
                        f"    gold_by: {gold[j]['answered_by']!r}\n    reply: {row['reply'][:300]!r}"
                    )
        per_file[name] = _answer_figures(pairs)
        all_pairs += pairs
    return {"files": per_file, "overall": _answer_figures(all_pairs), "note": "usable rows only, matched questions"}


def score_answers_on_labelled_questions(
    analyzer: Analyzer, corpus: Path, errors: list[str] | None = None, files: Sequence[str] = ANSWER_FILES
) -> dict[str, Any]:
    """Answered-or-not on the labelled question spans themselves (usable rows of dev + email).

    Isolates answer matching from extraction: every labelled question is judged, including those
    the extractor misses.
    """
    per_file: dict[str, dict[str, float]] = {}
    all_pairs: list[tuple[bool, bool]] = []
    for name in files:
        pairs: list[tuple[bool, bool]] = []
        for row in load_rows(corpus, name):
            if not row.get("usable", True) or not row.get("questions"):
                continue
            cdoc = analyzer.customer_doc(row["customer"])
            facts = []
            for q in row["questions"]:
                start = row["customer"].find(q["text"])
                facts.append(analyzer.extractor.fact_for_span(cdoc, start, start + len(q["text"]), q.get("kind")))
            ddoc = analyzer.draft_doc(row["reply"], facts)
            for q, a in zip(row["questions"], analyzer.matcher.match(facts, cdoc, ddoc)):
                pairs.append((a.answered, bool(q["answered"])))
                if errors is not None and a.answered != bool(q["answered"]):
                    errors.append(f"[{name} {row['id']}] Q {q['text']!r} gold={q['answered']} pred={a.answered} "
                                  f"score={a.score:.2f}: {a.reason}")
        per_file[name] = _answer_figures(pairs)
        all_pairs += pairs
    return {"files": per_file, "overall": _answer_figures(all_pairs), "note": "usable rows only, labelled question spans"}


def _answer_figures(pairs: Iterable[tuple[bool, bool]]) -> dict[str, float]:
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


SECTIONS: list[tuple[str, Callable[..., dict[str, Any]]]] = [
    ("extraction", score_extraction),
    ("answers", score_answers),
    ("answers_labelled", score_answers_on_labelled_questions),
]


def _print_extraction(fig: dict[str, Any]) -> None:
    print(f"Question extraction ({fig['note']})")
    print(f"  {'file':<22}{'msgs':>6}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for name, f in fig["files"].items():
        print(f"  {name:<22}{f['messages']:>6}{f['tp']:>6}{f['fp']:>6}{f['fn']:>6}{f['precision']:>8.3f}{f['recall']:>8.3f}{f['f1']:>8.3f}")
    o = fig["overall"]
    print(f"  {'OVERALL':<22}{'':>6}{o['tp']:>6}{o['fp']:>6}{o['fn']:>6}{o['precision']:>8.3f}{o['recall']:>8.3f}{o['f1']:>8.3f}")


def _print_answers(fig: dict[str, Any]) -> None:
    print(f"Answered or not ({fig['note']})")
    print(f"  {'file':<22}{'n':>6}{'acc':>8}{'unP':>8}{'unR':>8}{'pred_un':>9}{'gold_un':>9}")
    rows = list(fig["files"].items()) + [("OVERALL", fig["overall"])]
    for name, f in rows:
        print(f"  {name:<22}{f['matched']:>6}{f['accuracy']:>8.3f}{f['unanswered_precision']:>8.3f}{f['unanswered_recall']:>8.3f}{f['predicted_unanswered']:>9}{f['gold_unanswered']:>9}")


def _print_summary(figures: dict[str, Any]) -> None:
    """One line per headline figure, with the target it is held to."""
    rows: list[tuple[str, float, float]] = []
    ext = figures.get("extraction")
    if ext:
        rows.append(("extraction F1, all files", ext["overall"]["f1"], 0.92))
        for name, f in ext["files"].items():
            rows.append((f"extraction F1, {name}", f["f1"], 0.0))
    ans = figures.get("answers")
    if ans:
        rows.append(("answered-or-not accuracy", ans["overall"]["accuracy"], 0.90))
        rows.append(("'unanswered' precision", ans["overall"]["unanswered_precision"], 0.90))
        rows.append(("'unanswered' recall", ans["overall"]["unanswered_recall"], 0.0))
    print("Summary")
    for label, value, target in rows:
        mark = "" if not target else ("  ok" if value >= target else f"  BELOW {target:.2f}")
        print(f"  {label:<40}{value:>8.3f}{mark}")


PRINTERS: dict[str, Callable[[dict[str, Any]], None]] = {
    "extraction": _print_extraction,
    "answers": _print_answers,
    "answers_labelled": _print_answers,
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="corpus directory (default: $REPLYLINT_CORPUS or ../shared/corpus)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="list the mismatches after the tables")
    ap.add_argument("--no-checks", action="store_true", help="skip the per-check table (apology, jargon ...)")
    ap.add_argument("--backend", choices=("lexical", "semantic"), default="lexical",
                    help="answer-topic similarity backend (semantic needs pip install \"replylint[semantic]\")")
    args = ap.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    if not corpus.is_dir():
        print(f"corpus directory not found: {corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    analyzer = Analyzer.load(args.backend)
    figures: dict[str, Any] = {"backend": args.backend}
    errs: dict[str, list[str]] = {}
    for name, fn in SECTIONS:
        errs[name] = [] if args.errors else None  # type: ignore[assignment]
        figures[name] = fn(analyzer, corpus, errs[name])
    if not args.no_checks:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from check_scores import score_checks

        checker = None
        if args.backend != "lexical":
            from replylint.checker import Checker
            from replylint.config import Config

            checker = Checker(Config(rules={"question-answered": {"backend": args.backend}}))
        figures["checks"] = score_checks(corpus, checker)
    figures["seconds"] = round(time.perf_counter() - t0, 2)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"corpus: {corpus}  (answer backend: {args.backend})")
        for name, _ in SECTIONS:
            PRINTERS.get(name, lambda f: print(json.dumps(f, indent=2)))(figures[name])
        _print_summary(figures)
        if "checks" in figures:
            from check_scores import print_checks

            print("Checks on dev.jsonl + email-dev.jsonl (usable rows), default configuration")
            print_checks(figures["checks"], verbose=args.errors)
        print(f"({figures['seconds']}s)")
    if args.errors:
        for name, lines in errs.items():
            if lines:
                print(f"\n== {name} errors ==")
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
