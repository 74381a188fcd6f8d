"""Score replylint on the hand-labelled held-out set (``tests/data/heldout.jsonl``).

Usage::

    python benchmarks/heldout.py [--file PATH] [--json] [--errors]

The held-out set is a fresh collection of customer -> agent exchanges from domains and channels
the corpus does not cover (banking, telecoms, SaaS, e-commerce, travel, utilities, gaming,
healthcare admin, education; chat, social, email with greetings, signatures and quoted history),
labelled with the fields and rubric of the corpus (``RUBRIC.md``). It is scored exactly like the
corpus: question extraction and answered-or-not with the functions of ``accuracy.py`` and the
per-check verdicts with ``check_scores.score_checks``, all under the default configuration.
``heldout_figures(path)`` returns the figures as a dict (used by ``tests/test_heldout.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from accuracy import (  # noqa: E402
    Analyzer,
    _print_answers,
    _print_extraction,
    score_answers,
    score_answers_on_labelled_questions,
    score_extraction,
)
from check_scores import print_checks, score_checks  # noqa: E402

DEFAULT_FILE = HERE.parent / "tests" / "data" / "heldout.jsonl"


def heldout_figures(
    path: Path = DEFAULT_FILE,
    analyzer: Analyzer | None = None,
    checker: Any = None,
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Extraction, answered-or-not and per-check figures for one labelled JSONL file."""
    path = Path(path)
    folder, files = path.parent, (path.name,)
    analyzer = analyzer or Analyzer.load()
    errs = errors if errors is not None else {}
    return {
        "extraction": score_extraction(analyzer, folder, errs.get("extraction"), files=files),
        "answers": score_answers(analyzer, folder, errs.get("answers"), files=files),
        "answers_labelled": score_answers_on_labelled_questions(
            analyzer, folder, errs.get("answers_labelled"), files=files
        ),
        "checks": score_checks(folder, checker, files=files),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", default=str(DEFAULT_FILE), help="labelled JSONL file (default: tests/data/heldout.jsonl)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="list the mismatches after the tables")
    args = ap.parse_args(argv)
    path = Path(args.file)
    if not path.is_file():
        print(f"file not found: {path}", file=sys.stderr)
        return 2
    errs: dict[str, list[str]] = {"extraction": [], "answers": [], "answers_labelled": []} if args.errors else {}
    figures = heldout_figures(path, errors=errs)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"held-out file: {path}")
    _print_extraction(figures["extraction"])
    _print_answers(figures["answers"])
    _print_answers(figures["answers_labelled"])
    print("Checks (usable rows), default configuration")
    print_checks(figures["checks"], verbose=args.errors)
    for name, lines in errs.items():
        if lines:
            print(f"\n== {name} errors ==")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
