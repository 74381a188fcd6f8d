"""How well the ``jargon`` rule agrees with the corpus labels (a reply fails when its ``jargon``
label is non-empty), per corpus file: precision, recall and F1 of "fails".

``dev.jsonl`` and ``email-dev.jsonl`` are the files the jargon allow-lists and audience rules were
decided on; ``dev2.jsonl`` and ``email-dev2.jsonl`` were not read while deciding, so their figures
are the out-of-source ones (printed first).

Usage::

    python benchmarks/jargon.py [--corpus DIR] [--show FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from replylint.checker import Checker, Pair
from replylint.config import Config
from replylint.learn.scoring import prf
from replylint.models import Status

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_positives import corpus_cli, default_corpus_dir

#: corpus file -> (channel, looked at while deciding the rule)
FILES: dict[str, tuple[str, bool]] = {
    "dev2.jsonl": ("social", False),
    "email-dev2.jsonl": ("email", False),
    "dev.jsonl": ("social", True),
    "email-dev.jsonl": ("email", True),
}


def scores(corpus_dir: Path | str | None = None, checker: Checker | None = None) -> dict[str, dict[str, Any]]:
    """Per corpus file (and per group: tweets, emails, out of source, in sample): rows, tp, fp,
    fn, precision, recall, f1, and the ids of the disagreements."""
    folder = Path(corpus_dir) if corpus_dir is not None else default_corpus_dir()
    if checker is None:
        checker = Checker(Config(select=["jargon"], min_precision=0.0))  # what the rule finds, "possibly" or not
    out: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[str]] = {
        "out of source (dev2 + email-dev2)": [],
        "in sample (dev + email-dev)": [],
        "tweets (dev + dev2)": [],
        "emails (email-dev + email-dev2)": [],
    }
    for name, (channel, seen) in FILES.items():
        path = folder / name
        if not path.is_file():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if r.get("usable", True)]
        reports = checker.check_many([Pair(r["reply"], r.get("customer"), channel) for r in rows])
        tp = fp = fn = 0
        false_alarms: list[str] = []
        missed: list[str] = []
        for row, rep in zip(rows, reports, strict=True):
            result = rep.check("jargon")
            got = result is not None and result.status is Status.FAILED
            want = bool(row.get("jargon"))
            tp += got and want
            if got and not want:
                fp += 1
                false_alarms.append(row["id"])
            if want and not got:
                fn += 1
                missed.append(row["id"])
        out[name] = {"rows": len(rows), "tp": tp, "fp": fp, "fn": fn, **prf(tp, fp, fn)}
        out[name].update(false_alarms=false_alarms, missed=missed)
        groups["in sample (dev + email-dev)" if seen else "out of source (dev2 + email-dev2)"].append(name)
        groups["tweets (dev + dev2)" if channel == "social" else "emails (email-dev + email-dev2)"].append(name)
    for group, names in groups.items():
        if names:
            tp, fp, fn = (sum(out[n][k] for n in names) for k in ("tp", "fp", "fn"))
            out[group] = {"rows": sum(out[n]["rows"] for n in names), "tp": tp, "fp": fp, "fn": fn, **prf(tp, fp, fn)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="append", default=[], metavar="FILE", help="print the disagreements")
    args, figures, code = corpus_cli(parser, scores, argv)
    if code is not None:
        return code
    print(f"{'jargon fails when labelled':36} {'rows':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for name, f in figures.items():
        print(
            f"{name:36} {f['rows']:>5} {f['tp']:>4} {f['fp']:>4} {f['fn']:>4} "
            f"{f['precision']:>6.3f} {f['recall']:>6.3f} {f['f1']:>6.3f}"
        )
    for name in args.show:
        print(f"\n{name}: false alarms {' '.join(figures[name]['false_alarms'])}")
        print(f"{name}: missed {' '.join(figures[name]['missed'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
