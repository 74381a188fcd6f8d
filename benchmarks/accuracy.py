"""Accuracy of replylint's judgement on the labelled corpus: out of source first.

Usage::

    python benchmarks/accuracy.py [--corpus DIR] [--json] [--errors] [--in-sample-only] [--no-checks]

Two kinds of figure, always labelled:

- **out of source** (the ones to trust): ``replylint.train.evaluate`` — grouped, nested
  cross-validation by the corpus ``source`` group (company / repository / forum domain). The models
  and thresholds that judge a group were fitted without any row of it. Tweets (dev, dev2,
  questions-dev, questions-dev2) and email-length posts (email-dev, email-dev2) are shown apart,
  with the hand rules alone beside them (the hand rules were developed while reading the
  first-wave files, so on those files their figure is in-sample).
- **in-sample**: the shipped models (trained on every corpus row) scored on the same rows through
  the Checker, exactly as the product runs; optimistic by construction.

The corpus directory defaults to ``$REPLYLINT_CORPUS`` or ``../shared/corpus`` relative to the
repository root. Scoring (from the corpus README): a predicted question matches a labelled one when
their lower-cased, punctuation-stripped word sets have Jaccard >= 0.5; each label matches at most
one prediction; P/R/F1 over all messages.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from replylint.learn.corpus import ANSWER_FILES, EXTRACTION_FILES, corpus_dir, load_rows
from replylint.learn.scoring import JACCARD_MIN, answer_figures, jaccard, match_questions, prf, words

__all__ = ["JACCARD_MIN", "Analyzer", "jaccard", "match_questions", "words"]


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
        """The customer's asks as the Checker finds them (the learned decision when it is on)."""
        doc = self.customer_doc(text)
        decisions = self.checker.toolkit.decisions
        if decisions is not None:
            return doc, decisions.asks.extract(doc)
        return doc, self.extractor.extract(doc)

    def answer(self, facts: Sequence[Any], customer_doc: Any, draft_doc: Any) -> list[Any]:
        """Answered-or-not verdicts as the Checker makes them."""
        decisions = self.checker.toolkit.decisions
        if decisions is not None:
            return list(decisions.answers.match(self.checker.toolkit, list(facts), customer_doc, draft_doc))
        return list(self.matcher.match(list(facts), customer_doc, draft_doc))


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
        per_file[name] = prf(tp, fp, fn)
        per_file[name]["messages"] = len(rows)
        totals[0] += tp
        totals[1] += fp
        totals[2] += fn
    return {"files": per_file, "overall": prf(*totals), "note": "all rows scored, usable:false included"}


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
            answers = analyzer.answer(facts, cdoc, ddoc)
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
        per_file[name] = answer_figures(pairs)
        all_pairs += pairs
    return {"files": per_file, "overall": answer_figures(all_pairs), "note": "usable rows only, matched questions"}


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
            for q, a in zip(row["questions"], analyzer.answer(facts, cdoc, ddoc), strict=False):
                pairs.append((a.answered, bool(q["answered"])))
                if errors is not None and a.answered != bool(q["answered"]):
                    errors.append(
                        f"[{name} {row['id']}] Q {q['text']!r} gold={q['answered']} pred={a.answered} "
                        f"score={a.score:.2f}: {a.reason}"
                    )
        per_file[name] = answer_figures(pairs)
        all_pairs += pairs
    return {
        "files": per_file,
        "overall": answer_figures(all_pairs),
        "note": "usable rows only, labelled question spans",
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
        print(
            f"  {name:<22}{f['messages']:>6}{f['tp']:>6}{f['fp']:>6}{f['fn']:>6}{f['precision']:>8.3f}{f['recall']:>8.3f}{f['f1']:>8.3f}"
        )
    o = fig["overall"]
    print(
        f"  {'OVERALL':<22}{'':>6}{o['tp']:>6}{o['fp']:>6}{o['fn']:>6}{o['precision']:>8.3f}{o['recall']:>8.3f}{o['f1']:>8.3f}"
    )


def _print_answers(fig: dict[str, Any]) -> None:
    print(f"Answered or not ({fig['note']})")
    print(f"  {'file':<22}{'n':>6}{'acc':>8}{'unP':>8}{'unR':>8}{'pred_un':>9}{'gold_un':>9}")
    rows = [*list(fig["files"].items()), ("OVERALL", fig["overall"])]
    for name, f in rows:
        print(
            f"  {name:<22}{f['matched']:>6}{f['accuracy']:>8.3f}{f['unanswered_precision']:>8.3f}{f['unanswered_recall']:>8.3f}{f['predicted_unanswered']:>9}{f['gold_unanswered']:>9}"
        )


PRINTERS: dict[str, Callable[[dict[str, Any]], None]] = {
    "extraction": _print_extraction,
    "answers": _print_answers,
    "answers_labelled": _print_answers,
}


def score_out_of_source(corpus: Path) -> dict[str, Any]:
    """``replylint.train.evaluate`` on the corpus (the figures to trust)."""
    from replylint.learn.datasets import build
    from replylint.train import evaluate, training_checker

    checker = training_checker()
    return evaluate(build(checker, corpus), checker)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="corpus directory (default: $REPLYLINT_CORPUS or ../shared/corpus)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="list the in-sample mismatches after the tables")
    ap.add_argument("--in-sample-only", action="store_true", help="skip the out-of-source cross-validation")
    ap.add_argument("--no-checks", action="store_true", help="skip the per-check table (apology, jargon ...)")
    ap.add_argument(
        "--backend",
        choices=("lexical", "semantic"),
        default="lexical",
        help="answer-topic similarity backend of the in-sample figures "
        '(semantic needs pip install "replylint[semantic]")',
    )
    args = ap.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    if not corpus.is_dir():
        print(f"corpus directory not found: {corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    figures: dict[str, Any] = {}
    if not args.in_sample_only:
        figures["out_of_source"] = score_out_of_source(corpus)
    analyzer = Analyzer.load(args.backend)
    errs: dict[str, list[str]] = {}
    in_sample: dict[str, Any] = {}
    for name, fn in SECTIONS:
        errs[name] = [] if args.errors else None  # type: ignore[assignment]
        in_sample[name] = fn(analyzer, corpus, errs[name])
    if not args.no_checks:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from check_scores import score_checks

        checker = None
        if args.backend != "lexical":
            from replylint.checker import Checker
            from replylint.config import Config

            checker = Checker(Config(min_precision=0.0, rules={"question-answered": {"backend": args.backend}}))
        in_sample["checks"] = score_checks(corpus, checker, files=ANSWER_FILES)
    figures["in_sample"] = in_sample
    figures["seconds"] = round(time.perf_counter() - t0, 2)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"corpus: {corpus}")
    if "out_of_source" in figures:
        from replylint.train import print_headline

        print_headline(figures["out_of_source"])
        print()
    print("IN-SAMPLE: the shipped models were trained on these very rows (optimistic by construction)")
    for name, _ in SECTIONS:
        PRINTERS.get(name, lambda f: print(json.dumps(f, indent=2)))(in_sample[name])
    if "checks" in in_sample:
        from check_scores import print_checks

        print(
            "Checks on the usable pairs of dev, dev2, email-dev, email-dev2 (in-sample), every rule at its own severity (min-precision 0)"
        )
        print_checks(in_sample["checks"], verbose=args.errors)
    print(f"({figures['seconds']}s)")
    if args.errors:
        for name, lines in errs.items():
            if lines:
                print(f"\n== {name} errors ==")
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
