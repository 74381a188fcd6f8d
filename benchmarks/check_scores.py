"""Score the core checks against the labelled corpus.

``score_checks(corpus_dir)`` runs ``Checker(Config(min_precision=0)).check_many`` (every rule at its
own severity) over the usable rows of ``dev.jsonl``
and ``email-dev.jsonl`` and measures, per check, precision / recall / accuracy of the "check
fails" verdict against the labels as the corpus README defines them:

- question-answered fails when any labelled question has ``answered: false``;
- apology fails when ``complaint`` and not ``apology``;
- bare-refusal fails when ``refusal`` and not ``alternative``;
- next-action fails when not ``next_action`` and (``complaint`` or any question);
- jargon fails when ``jargon`` is non-empty;
- empathy (a detection score): on complaint rows, ``status == passed`` against ``empathy``.

A rule that is not installed is reported as ``"n/a"``. Run ``python benchmarks/check_scores.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

CORPUS_FILES = ("dev.jsonl", "email-dev.jsonl")

Row = dict[str, Any]

#: check id -> (is the row in scope, does the label say the check should fail / detect)
_TRUTH: dict[str, tuple[Callable[[Row], bool], Callable[[Row], bool]]] = {
    "question-answered": (lambda r: True, lambda r: any(not q["answered"] for q in r["questions"])),
    "apology": (lambda r: True, lambda r: bool(r["complaint"]) and not r["apology"]),
    "jargon": (lambda r: True, lambda r: bool(r["jargon"])),
    "next-action": (
        lambda r: True,
        lambda r: not r["next_action"] and (bool(r["complaint"]) or bool(r["questions"])),
    ),
    "bare-refusal": (lambda r: True, lambda r: bool(r["refusal"]) and not r["alternative"]),
    "empathy": (lambda r: bool(r["complaint"]), lambda r: bool(r["empathy"])),
}


def load_rows(corpus_dir: Path, files: tuple[str, ...] = CORPUS_FILES) -> list[Row]:
    rows: list[Row] = []
    for name in files:
        path = Path(corpus_dir) / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("usable", True):
                    row["_file"] = name
                    rows.append(row)
    return rows


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score_checks(corpus_dir: Path, checker: Any = None, files: tuple[str, ...] = CORPUS_FILES) -> dict[str, Any]:
    """Precision/recall/accuracy of each check's verdict over the corpus (see module docstring).

    Returns ``{check: {"n", "tp", "fp", "fn", "tn", "precision", "recall", "accuracy",
    "false_positive_rate", "errors": [ids...]}}`` or ``{check: "n/a"}`` for a missing rule.
    """
    from replylint.checker import Checker, Pair
    from replylint.config import Config

    rows = load_rows(Path(corpus_dir), files)
    # what each rule concludes at its own severity: min-precision would turn the verdicts of the
    # rules measured below it into "possibly" findings, and this table measures those verdicts
    checker = checker or Checker(Config(min_precision=0.0))
    reports = checker.check_many([Pair(r["reply"], r["customer"]) for r in rows])
    out: dict[str, Any] = {}
    for check, (in_scope, truth) in _TRUTH.items():
        tp = fp = fn = tn = 0
        errors: list[str] = []
        present = False
        for row, report in zip(rows, reports, strict=True):
            result = report.check(check)
            if result is None:
                continue
            present = True
            if not in_scope(row):
                continue
            expected = truth(row)
            if check == "empathy":
                predicted = result.status.value == "passed"
            else:
                predicted = result.status.value == "failed"
            if predicted and expected:
                tp += 1
            elif predicted:
                fp += 1
                errors.append(f"FP {row['id']}")
            elif expected:
                fn += 1
                errors.append(f"FN {row['id']}")
            else:
                tn += 1
        if not present:
            out[check] = "n/a"
            continue
        n = tp + fp + fn + tn
        out[check] = {
            "n": n,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn),
            "accuracy": _ratio(tp + tn, n),
            "false_positive_rate": _ratio(fp, fp + tn),
            "errors": errors,
        }
    return out


def _fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    rest = [a for a in args if a != "-v"]
    if rest:
        corpus = Path(rest[0])
    else:
        import os

        env = os.environ.get("REPLYLINT_CORPUS")
        corpus = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    print_checks(score_checks(corpus), verbose=verbose)
    return 0


def print_checks(scores: dict[str, Any], verbose: bool = False) -> None:
    """One table: per check, the confusion counts and precision/recall of its verdict."""
    print(
        f"{'check':<18} {'n':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}  {'prec':>6} {'recall':>6} {'acc':>6} {'fpr':>6}"
    )
    for check, s in scores.items():
        if s == "n/a":
            print(f"{check:<18} n/a")
            continue
        print(
            f"{check:<18} {s['n']:>4} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} {s['tn']:>4}  "
            f"{_fmt(s['precision']):>6} {_fmt(s['recall']):>6} {_fmt(s['accuracy']):>6} {_fmt(s['false_positive_rate']):>6}"
        )
        if verbose and s["errors"]:
            print("    " + " ".join(s["errors"]))
    print("(empathy: detection of label empathy on complaint rows; others: the 'check fails' verdict)")


if __name__ == "__main__":
    raise SystemExit(main())
