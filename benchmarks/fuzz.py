"""Run the property-based tests of tests/test_properties.py with a large profile.

Usage::

    python benchmarks/fuzz.py [--scale 1.0] [--only NAME[,NAME...]]

The same properties as the test suite (which runs the small ``ci`` profile), with many more
examples: by default over 100,000 in total. Cheap properties (normalize, placeholders, decoding,
macro readers) get tens of thousands of examples each; the properties that run a full check
(spaCy parse + every rule) get a few thousand. Prints, per property, the examples run, the time
and any failure found (the falsifying example is printed by Hypothesis); the exit status is 1
when a property failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: property -> examples at scale 1.0
BUDGET: dict[str, int] = {
    "test_normalize_keeps_length_and_blanks_controls": 25_000,
    "test_find_placeholders_inside_and_sorted": 25_000,
    "test_check_text_accepts_or_refuses_with_input_error": 10_000,
    "test_decode_arbitrary_bytes": 15_000,
    "test_decode_round_trips_text": 10_000,
    "test_sources_never_crash": 15_000,
    "test_sources_round_trip_bodies": 4_000,
    "test_check_invariants": 2_000,
    "test_check_many_equals_check": 300,
    "test_session_equals_check": 400,
    "test_typing_prefixes_never_crash": 300,
}
NEEDS_CHECKER = {
    "test_check_invariants",
    "test_check_many_equals_check",
    "test_session_equals_check",
    "test_typing_prefixes_never_crash",
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every property's example budget")
    ap.add_argument("--only", help="comma-separated property names (default: all)")
    args = ap.parse_args(argv)

    os.environ["HYPOTHESIS_PROFILE"] = "fuzz"
    sys.path.insert(0, str(REPO / "tests"))
    import test_properties as props  # type: ignore[import-not-found]
    from hypothesis import settings

    names = [n for n in BUDGET if not args.only or n in args.only.split(",")]
    checker = None
    if any(n in NEEDS_CHECKER for n in names):
        from replylint.checker import Checker

        checker = Checker()
    print(f"fuzzing {len(names)} properties (scale {args.scale})", flush=True)
    failures: list[str] = []
    t_all = time.perf_counter()
    for name in names:
        fn = getattr(props, name)
        n = max(1, int(BUDGET[name] * args.scale))
        base = getattr(fn, "_hypothesis_internal_use_settings", None) or settings.default
        # Hypothesis refuses a second @settings; replacing the attached settings object is its
        # documented-by-behaviour way to rerun a test with another budget.
        fn._hypothesis_internal_use_settings = settings(base, max_examples=n, database=None)
        test = fn
        before = props.EXAMPLES.total()
        t0 = time.perf_counter()
        status = "ok"
        try:
            if name in NEEDS_CHECKER:
                test(checker)
            else:
                test()
        except BaseException as exc:  # report and go on with the next property
            if isinstance(exc, KeyboardInterrupt):
                raise
            status = f"FAILED: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            failures.append(name)
            traceback.print_exc(limit=3)
        ran = props.EXAMPLES.total() - before
        print(f"  {name:<52} {ran:>7,} examples  {time.perf_counter() - t0:7.1f} s  {status}", flush=True)
    total = props.EXAMPLES.total()
    print(
        f"\ntotal: {total:,} examples in {time.perf_counter() - t_all:.0f} s; "
        f"{len(failures)} failing propert{'y' if len(failures) == 1 else 'ies'}{': ' + ', '.join(failures) if failures else ''}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
