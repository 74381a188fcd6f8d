"""How often each rule fails on real support replies (the labelled corpus).

Runs every rule in the registry (enabled by default or not) over the usable rows of
``dev.jsonl`` (Twitter, checked as channel ``social``) and ``email-dev.jsonl`` (checked as
channel ``email``), each reply with its customer message, and reports per rule:

- ``checked``: rows where the rule applied (not ``not_applicable``);
- ``failed`` and ``failure_rate``: how often it failed;
- ``labelled_fine``, ``false_positives``, ``false_positive_rate``: for rules the corpus labels
  (question-answered, apology, bare-refusal, next-action, jargon, empathy), failures on rows whose
  label says the reply is fine. For the other rules the corpus has no label: the failure rate is
  an upper bound on the false-positive rate, and ``--show RULE`` prints the failures to read.

Usage::

    python benchmarks/false_positives.py [--corpus DIR] [--infer] [--show RULE ...] [--json]

``--infer`` checks every reply with no channel given, as a caller who configures none does: the
channel is then inferred from the texts (``benchmarks/channel.py`` measures how often rightly).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from replylint.checker import Checker, Pair
from replylint.config import Config
from replylint.models import Report, Status
from replylint.rules import all_rules

#: corpus file -> channel its replies are checked as
FILES: dict[str, str] = {"dev.jsonl": "social", "email-dev.jsonl": "email"}

Row = dict[str, Any]


def _has_question(row: Row) -> bool:
    return bool(row.get("questions"))


#: For labelled rules: is the reply fine as far as this rule is concerned? (README.md of the corpus)
FINE: dict[str, Callable[[Row], bool]] = {
    "question-answered": lambda r: all(q.get("answered") for q in r.get("questions", [])),
    "apology": lambda r: not (r.get("complaint") and not r.get("apology")),
    "bare-refusal": lambda r: not (r.get("refusal") and not r.get("alternative")),
    "next-action": lambda r: bool(r.get("next_action")) or not (r.get("complaint") or _has_question(r)),
    "jargon": lambda r: not r.get("jargon"),
    "empathy": lambda r: bool(r.get("empathy")),
}


def default_corpus_dir() -> Path:
    env = os.environ.get("REPLYLINT_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def load_rows(corpus_dir: Path) -> list[tuple[Row, str]]:
    """Usable rows of every corpus file, with the channel to check them as."""
    rows: list[tuple[Row, str]] = []
    for name, channel in FILES.items():
        path = Path(corpus_dir) / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("usable", True):
                    rows.append((row, channel))
    return rows


def run(
    corpus_dir: Path | str, checker: Checker | None = None, *, infer: bool = False
) -> tuple[list[tuple[Row, str]], list[Report]]:
    """Check every usable reply with every rule; returns rows and reports in the same order.
    ``infer``: give no channel (it is inferred from the texts) instead of the file's."""
    rows = load_rows(Path(corpus_dir))
    if checker is None:
        checker = Checker(Config(select=list(all_rules())))
    pairs = [Pair(row["reply"], row.get("customer"), None if infer else channel) for row, channel in rows]
    return rows, checker.check_many(pairs)


def false_positive_rates(
    corpus_dir: Path | str | None = None, checker: Checker | None = None, *, infer: bool = False
) -> dict[str, dict[str, Any]]:
    """Per rule id: checked, failed, failure_rate, labelled_fine, false_positives, false_positive_rate.

    ``false_positive_rate`` is None for rules the corpus has no label for (read the failures).
    """
    rows, reports = run(corpus_dir if corpus_dir is not None else default_corpus_dir(), checker, infer=infer)
    return stats(rows, reports)


def stats(rows: list[tuple[Row, str]], reports: list[Report]) -> dict[str, dict[str, Any]]:
    """The figures of :func:`false_positive_rates` from already computed reports."""
    rule_ids = sorted({c.rule for rep in reports for c in rep.checks})
    out: dict[str, dict[str, Any]] = {}
    for rid in rule_ids:
        checked = failed = fine = fp = 0
        for (row, _), rep in zip(rows, reports, strict=True):
            result = rep.check(rid)
            if result is None or result.status is Status.NOT_APPLICABLE:
                continue
            checked += 1
            is_failed = result.status is Status.FAILED
            failed += is_failed
            if rid in FINE and FINE[rid](row):
                fine += 1
                fp += is_failed
        labelled = rid in FINE
        out[rid] = {
            "checked": checked,
            "failed": failed,
            "failure_rate": failed / checked if checked else 0.0,
            "labelled_fine": fine if labelled else None,
            "false_positives": fp if labelled else None,
            "false_positive_rate": (fp / fine if fine else 0.0) if labelled else None,
        }
    return out


def show_failures(rid: str, rows: list[tuple[Row, str]], reports: list[Report]) -> None:
    for (row, channel), rep in zip(rows, reports, strict=True):
        result = rep.check(rid)
        if result is None or result.status is not Status.FAILED:
            continue
        print(f"--- {row['id']} ({channel})")
        print("  customer:", " ".join(str(row.get("customer", "")).split())[:200])
        print("  reply:   ", " ".join(row["reply"].split())[:400])
        for f in rep.findings:
            if f.rule == rid:
                print(f"  -> [{f.start}:{f.end}] {f.text[:80]!r}: {f.message}")


def corpus_cli(
    parser: argparse.ArgumentParser, compute: Callable[[Path], dict[str, Any]], argv: list[str] | None
) -> tuple[argparse.Namespace, dict[str, Any], int | None]:
    """The shared part of the corpus benchmarks' command lines: ``--corpus`` and ``--json``, the
    figures computed, printed as JSON when asked. The exit code is set when there is nothing more
    to print (no corpus rows: 1; JSON printed: 0)."""
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = compute(args.corpus)
    if not figures:
        print(f"no corpus rows found in {args.corpus}", file=sys.stderr)
        return args, figures, 1
    if args.json:
        print(json.dumps(figures, indent=2))
        return args, figures, 0
    return args, figures, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--show", action="append", default=[], metavar="RULE", help="print the failures of RULE")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--infer", action="store_true", help="give no channel: infer it from the texts")
    args = parser.parse_args(argv)
    checker = Checker(Config(select=list(all_rules())))
    rows, reports = run(args.corpus, checker, infer=args.infer)
    if not rows:
        print(f"no corpus rows found in {args.corpus}", file=sys.stderr)
        return 1
    figures = stats(rows, reports)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{len(rows)} usable replies from {args.corpus}")
        print(f"{'rule':22} {'checked':>7} {'failed':>6} {'fail%':>6} {'fine':>5} {'FP':>4} {'FP%':>6}")
        for rid, s in figures.items():
            fpr = "-" if s["false_positive_rate"] is None else f"{100 * s['false_positive_rate']:.1f}"
            fine = "-" if s["labelled_fine"] is None else str(s["labelled_fine"])
            fps = "-" if s["false_positives"] is None else str(s["false_positives"])
            print(
                f"{rid:22} {s['checked']:>7} {s['failed']:>6} {100 * s['failure_rate']:>6.1f} {fine:>5} {fps:>4} {fpr:>6}"
            )
    for rid in args.show:
        print(f"\n=== failures of {rid}")
        show_failures(rid, rows, reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
