"""How often the channel inferred from the texts (no channel configured) is the right one.

The corpus files say what their rows are: ``dev.jsonl`` and ``dev2.jsonl`` hold tweet pairs
(``social``), ``email-dev.jsonl`` and ``email-dev2.jsonl`` email-length exchanges from forums and
issue trackers (``email``). The corpus has no chat transcripts, so ``chat`` is never right here;
what matters most is that a tweet is never judged as an email and an email never as a tweet,
printed as "not email" / "email" accuracy beside the exact one.

Usage::

    python benchmarks/channel.py [--corpus DIR] [--show] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from replylint.analysis.channel import infer_channel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_positives import corpus_cli, default_corpus_dir

#: corpus file -> the channel its rows were written for
TRUTH: dict[str, str] = {
    "dev.jsonl": "social",
    "dev2.jsonl": "social",
    "email-dev.jsonl": "email",
    "email-dev2.jsonl": "email",
}


def accuracy(corpus_dir: Path | str | None = None) -> dict[str, dict[str, Any]]:
    """Per corpus file: rows, exact (inferred == truth), email_right (email vs not email agree),
    counts of each inferred channel, and the ids of the rows inferred wrongly."""
    folder = Path(corpus_dir) if corpus_dir is not None else default_corpus_dir()
    out: dict[str, dict[str, Any]] = {}
    for name, truth in TRUTH.items():
        path = folder / name
        if not path.is_file():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if r.get("usable", True)]
        counts = {"email": 0, "chat": 0, "social": 0}
        exact = email_right = 0
        wrong: list[str] = []
        for row in rows:
            got = infer_channel(row["reply"], row.get("customer"))
            counts[got] += 1
            exact += got == truth
            email_right += (got == "email") == (truth == "email")
            if got != truth:
                wrong.append(f"{row['id']}:{got}")
        n = len(rows)
        out[name] = {
            "rows": n,
            "truth": truth,
            "exact": exact / n if n else 0.0,
            "email_right": email_right / n if n else 0.0,
            "inferred": counts,
            "wrong": wrong,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the ids of the rows inferred wrongly")
    args, figures, code = corpus_cli(parser, accuracy, argv)
    if code is not None:
        return code
    print(f"{'file':18} {'truth':6} {'rows':>5} {'exact':>6} {'email?':>6}  inferred")
    for name, f in figures.items():
        counts = ", ".join(f"{k} {v}" for k, v in f["inferred"].items())
        print(f"{name:18} {f['truth']:6} {f['rows']:>5} {f['exact']:>6.3f} {f['email_right']:>6.3f}  {counts}")
        if args.show and f["wrong"]:
            print("   wrong:", " ".join(f["wrong"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
