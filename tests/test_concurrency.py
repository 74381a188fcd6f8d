"""One shared Checker hammered from 16 threads gives exactly the single-threaded reports.

10,000 checks in total over ~50 distinct realistic pairs (corpus tweets, plus a few
written here so the test never depends on the corpus being present), mixing the three entry
points an integration uses concurrently: ``check``, ``session(customer).check`` and small
``check_many`` batches. Every report is compared with the single-threaded one (``model_dump``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from conftest import corpus_dir, load_corpus

from replylint.models import Report

THREADS = 16
#: 10,000 by default (about 2 minutes on one core: the GIL serialises the parse anyway).
TOTAL_CHECKS = int(os.environ.get("REPLYLINT_CONCURRENCY_CHECKS", "10000"))

OWN_PAIRS: list[tuple[str, str | None]] = [
    (
        "Hi Maria, I'm sorry the parcel hasn't arrived. I checked with the courier and it will be "
        "delivered on Thursday. If it isn't there by Friday, reply here and I'll refund you in full.",
        "My order #30017 was due last week and the tracking hasn't moved. Where is it? Can I get a refund?",
    ),
    (
        "Unfortunately we can't offer a refund for this purchase.",
        "I was charged twice for my subscription this month. Can you refund the second charge?",
    ),
    (
        "As I said before, you should have read the FAQ. Please clear your cache and cookies and "
        "try again; the backend is fine on our side.",
        "The app still won't let me sign in. I already tried reinstalling it twice!!",
    ),
    (
        "Hi {{ticket.requester.first_name}},\n\nThanks for reaching out. Your refund of $42.00 was "
        "issued on Monday and usually takes 3 to 5 business days to appear.\n\nBest,\n{{current_user.name}}",
        None,
    ),
    (
        "<p>Hi Tom,</p><p>We've reset two-factor authentication on your account. You can now sign in "
        "and set it up again from Settings &gt; Security.</p><p>Kind regards,<br>Riley</p>",
        "> > I can't log in because I lost my phone with the authenticator app.\nPlease help",
    ),
    (
        "Thanks for your patience! Could you send us a screenshot of the error you're seeing?",
        "مرحبا — the app crashes 😡 every time I open the camera. Is this a known bug?",
    ),
]


def realistic_pairs() -> list[tuple[str, str | None]]:
    pairs = list(OWN_PAIRS)
    if (corpus_dir() / "dev.jsonl").is_file():
        # tweet-length pairs keep 10,000 checks affordable; the emails are longer versions of the same
        tweets = [r for r in load_corpus("dev.jsonl") if r.get("reply")]
        pairs += [(r["reply"], r["customer"]) for r in tweets[:44]]
    return pairs


@pytest.mark.slow
def test_shared_checker_from_16_threads(checker) -> None:  # type: ignore[no-untyped-def]
    pairs = realistic_pairs()
    assert len(pairs) >= 6
    expected = [checker.check(d, c).model_dump() for d, c in pairs]
    per_thread = TOTAL_CHECKS // THREADS
    start = threading.Barrier(THREADS)

    def worker(t: int) -> tuple[int, list[str]]:
        start.wait()
        done = 0
        bad: list[str] = []

        def compare(i: int, report: Report) -> None:
            if report.model_dump() != expected[i]:
                bad.append(f"thread {t}: pair {i} differs")

        k = t  # each thread walks the pairs from a different place
        while done < per_thread:
            i = k % len(pairs)
            draft, customer = pairs[i]
            mode = k % 10
            if mode < 6:
                compare(i, checker.check(draft, customer))
                done += 1
            elif mode < 8:
                session = checker.session(customer)
                compare(i, session.check(draft))
                done += 1
                if done < per_thread:  # the agent keeps typing: the same draft again, same report
                    compare(i, session.check(draft))
                    done += 1
            else:
                idx = [(i + j) % len(pairs) for j in range(min(3, per_thread - done))]
                for j, report in zip(idx, checker.check_many([pairs[j] for j in idx]), strict=False):
                    compare(j, report)
                done += len(idx)
            k += 7
        return done, bad

    run: Callable[[int], tuple[int, list[str]]] = worker
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results: list[Any] = list(pool.map(run, range(THREADS)))
    total = sum(n for n, _ in results)
    mismatches = [m for _, bad in results for m in bad]
    assert total == per_thread * THREADS
    assert not mismatches, f"{len(mismatches)} reports differ from single-threaded ones: {mismatches[:5]}"


def test_check_many_over_processes_gives_the_same_reports_in_order() -> None:
    """Issue 13, item 8: ``n_process=N`` checks in worker processes; the reports are those of the
    single-process run, in input order (timings: ``benchmarks/speed.py --only parallel``)."""
    from replylint import Checker

    checker = Checker()
    drafts = [
        "Hi Sam, I'm sorry your parcel is late. I've asked the courier and I'll email you by Friday.",
        "Unfortunately we can't refund opened software. Per our policy, TODO.",
        "Please DM us your order number.",
    ]
    customer = "My parcel is late again! When will it arrive? Can I get a refund?"
    pairs = [(drafts[k % 3] + f" Ref {k}.", customer if k % 2 else None) for k in range(40)]
    serial = [r.model_dump_json() for r in checker.check_many(pairs)]
    parallel = [r.model_dump_json() for r in checker.check_many(pairs, batch_size=2, n_process=2)]
    assert parallel == serial
