"""Speed and memory of replylint against the spaCy parse it needs (its physical floor).

Usage::

    python benchmarks/speed.py [--quick] [--corpus DIR] [--cores N] [--json FILE]

Measured in one run, on the same texts (the labelled corpus in ``$REPLYLINT_CORPUS`` or
``../shared/corpus`` plus a deterministic library of 2,000 generated support macros):

* raw ``nlp.pipe`` over every text replylint parses, with the full pipeline and with only the
  components replylint runs (the floor of this design);
* ``Checker.check_many`` over the same pairs (throughput ratio replylint / raw spaCy, words/s);
* ``Checker.check`` one ~150-word pair at a time (p50 / p95 latency);
* ``Checker.session(customer).check(draft)`` while an "agent types" the draft (p50 / p95);
* peak memory of a fresh process doing a batch check (``ru_maxrss``, ``tracemalloc`` peak);
* cold start of ``replylint check`` (subprocess: import + model load + one check), median of 5;
* ``replylint lint --jobs`` over the macro library, when the lint command exists;
* proselint on the same macro library, time per macro, when proselint is installed.

Only public tools are used; nothing here asserts timings. By default the measuring process is
pinned to one CPU core (``--cores 0`` to leave it unpinned) so numbers compare across machines.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_FILES = ("dev.jsonl", "email-dev.jsonl", "questions-dev.jsonl")


# ---------------------------------------------------------------------------------------------
# The macro library: deterministic, realistic support replies of 30-200 words
# ---------------------------------------------------------------------------------------------

GREETINGS = [
    "Hi {name},",
    "Hello {name},",
    "Hi there,",
    "Dear {name},",
    "Hey {name},",
    "Good morning {name},",
    "Hi {{{{ticket.requester.first_name}}}},",
    "Hello {{{{customer.name}}}},",
    "Hi [CUSTOMER NAME],",
]
OPENERS = [
    "Thanks for reaching out about your {thing}.",
    "Thank you for getting in touch with us about the {thing}.",
    "Thanks for letting us know that your {thing} {problem}.",
    "Thank you for contacting {company} support.",
    "I appreciate you taking the time to write to us about this.",
    "Thanks for your patience while I looked into this for you.",
    "Thanks for the quick reply and for sending the screenshots.",
]
EMPATHY = [
    "I'm sorry to hear that your {thing} {problem}.",
    "I'm really sorry for the trouble this has caused.",
    "We apologize for the inconvenience and the delay in getting back to you.",
    "I completely understand how frustrating it is when your {thing} {problem}.",
    "I can see why this has been annoying, especially after waiting so long.",
    "Sorry about the mix-up with your {thing}.",
    "I know how disappointing it is to wait for a parcel that doesn't show up.",
]
EXPLAIN = [
    "I checked your account and can see that the {thing} was {status} on {day}.",
    "It looks like the payment did not go through because the card on file has expired.",
    "Our records show that order #{num} left our warehouse on {day} and is on its way.",
    "This happens when the app is out of date, so the sync stops working until it is updated.",
    "The charge you noticed is the annual renewal of your {plan} plan, which started on {day}.",
    "Our team has confirmed that there was a temporary issue with {feature} that is now resolved.",
    "Your refund of ${amount} was issued on {day} and usually takes {n} to {m} business days to appear.",
    "I have gone ahead and switched {feature} back on for your account.",
    "The delivery was delayed by the carrier because of bad weather in your area.",
    "As per our policy, refunds are only available within {m} days of purchase.",
    "Unfortunately we are unable to change the delivery address once an order has shipped.",
    "We can't offer a refund for this purchase, but we can give you a credit of ${amount} instead.",
    "The {plan} plan includes up to {n} devices, so the extra one was signed out automatically.",
    "Our engineers pushed a fix last night, and it should reach every account over the next day.",
    "The item you ordered is back in stock from {day}, and we have reserved one for you.",
]
STEPS = [
    "Could you please try signing out of the app, restarting your phone, and signing back in?",
    "Please go to Settings > Account > Billing and choose Update payment method.",
    "To fix this, open the app, tap Profile, then tap Restore purchases.",
    "You can track the parcel here: https://example.com/track/{num}",
    "If you clear your browser's cache and cookies, the page should load normally again.",
    "Please reply with your order number and a photo of the damaged item so I can arrange a replacement.",
    "I have sent a password reset link to the email address on your account.",
    "You should receive a confirmation email within the next {n} hours.",
    "Could you send us a screenshot of the error message you are seeing?",
    "Once you have done that, {feature} should start working again.",
    "I've escalated this to our {team} team and they will contact you by {day}.",
    "I'll keep this ticket open and follow up with you as soon as I hear back.",
    "If the problem comes back, just reply to this email and it will come straight to me.",
    "You can also return the item at any of our stores within {m} days; just bring the receipt.",
]
QUESTIONS_BACK = [
    "Which device and app version are you using?",
    "Is there anything else I can help you with today?",
    "Would you like me to cancel the order and issue a full refund instead?",
    "Does that answer your question?",
    "Could you confirm the email address you used to place the order?",
]
CLOSINGS = [
    "Best regards,\n{agent}",
    "Kind regards,\n{agent}\n{company} Support",
    "Thanks,\n{agent}",
    "Have a great day!\n{agent}",
    "Cheers,\n{agent}",
    "All the best,\n{{{{current_user.name}}}}",
    "Warm wishes,\n{agent} | {company} Customer Care",
]
SLOTS: dict[str, list[str]] = {
    "name": ["Sam", "Priya", "Jordan", "Maria", "Tom", "Aisha", "Chen", "Lucas", "Fatima", "Olga"],
    "thing": ["order", "subscription", "account", "delivery", "refund", "invoice", "app", "router", "booking"],
    "problem": [
        "has not arrived yet",
        "keeps crashing",
        "was charged twice",
        "stopped working",
        "shows the wrong address",
        "was cancelled without notice",
        "won't let you sign in",
    ],
    "company": ["Acme", "Northwind", "Globex", "Initech", "Umbrella Travel", "Contoso"],
    "status": ["shipped", "cancelled", "refunded", "renewed", "updated", "paused"],
    "day": ["Monday", "Tuesday", "Friday", "March 3rd", "the 14th", "yesterday", "last week"],
    "plan": ["Premium", "Family", "Pro", "Basic", "Business"],
    "feature": ["two-factor authentication", "auto-renewal", "notifications", "the sync", "backups"],
    "team": ["billing", "technical", "shipping", "escalations", "accounts"],
    "agent": ["Alex", "Jamie", "Riley", "Morgan", "Casey", "Dana"],
    "num": ["48213", "99120", "30017", "77452", "12093"],
    "amount": ["15.99", "42.00", "9.99", "120.50", "5.00"],
    "n": ["2", "3", "5"],
    "m": ["7", "10", "14", "30"],
}


@dataclass(frozen=True)
class Macro:
    title: str
    body: str


def _fill(template: str, rng: random.Random) -> str:
    return template.format(**{k: rng.choice(v) for k, v in SLOTS.items()})


def _one_macro(rng: random.Random) -> str:
    body = [_fill(rng.choice(OPENERS), rng)]
    if rng.random() < 0.6:
        body.append(_fill(rng.choice(EMPATHY), rng))
    body += [_fill(t, rng) for t in rng.sample(EXPLAIN, rng.randint(1, 5))]
    body += [_fill(t, rng) for t in rng.sample(STEPS, rng.randint(1, 5))]
    if rng.random() < 0.4:
        body.append(rng.choice(QUESTIONS_BACK))
    paragraphs: list[str] = []
    i = 0
    while i < len(body):
        k = rng.randint(1, 3)
        paragraphs.append(" ".join(body[i : i + k]))
        i += k
    parts = [_fill(rng.choice(GREETINGS), rng), *paragraphs, _fill(rng.choice(CLOSINGS), rng)]
    text = "\n\n".join(parts)
    if rng.random() < 0.1:  # some libraries export macros as HTML
        text = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts)
    return text


def generate_macros(n: int = 2000, seed: int = 20261124) -> list[Macro]:
    """``n`` macros of 30-200 words; the same ``(n, seed)`` always gives the same list."""
    rng = random.Random(seed)
    out: list[Macro] = []
    while len(out) < n:
        text = _one_macro(rng)
        if 30 <= len(text.split()) <= 200:
            out.append(Macro(title=f"Macro {len(out) + 1:04d}", body=text))
    return out


# ---------------------------------------------------------------------------------------------
# Workload
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    draft: str
    customer: str | None
    macro: bool


@dataclass
class Workload:
    items: list[Item]
    latency_pairs: list[tuple[str, str]]

    @property
    def texts(self) -> list[str]:
        """Every text replylint parses, in the order it parses them."""
        out: list[str] = []
        for it in self.items:
            out.append(it.draft)
            if it.customer is not None and it.customer.strip():
                out.append(it.customer)
        return out

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in self.texts)


def corpus_dir(value: str | None) -> Path:
    if value:
        return Path(value)
    env = os.environ.get("REPLYLINT_CORPUS")
    return Path(env) if env else DEFAULT_CORPUS


def load_rows(directory: Path) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for name in CORPUS_FILES:
        path = directory / name
        if path.is_file():
            rows[name] = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        else:
            print(f"  (corpus file {path} not found, skipped)")
    return rows


def build_workload(directory: Path, n_macros: int) -> Workload:
    rows = load_rows(directory)
    macros = generate_macros(max(n_macros, 400))
    items: list[Item] = []
    for name in ("dev.jsonl", "email-dev.jsonl"):
        items += [Item(r["reply"], r["customer"], False) for r in rows.get(name, []) if r.get("reply")]
    # questions-dev has customer messages only: each is answered with a macro from the library.
    for i, r in enumerate(rows.get("questions-dev.jsonl", [])):
        items.append(Item(macros[i % len(macros)].body, r["customer"], False))
    items += [Item(m.body, None, True) for m in macros[:n_macros]]

    # ~150-word pairs (draft + customer) for single-pair latency: corpus pairs near 150 words,
    # topped up with customer tweets answered by a macro of the right length.
    def wc(*ts: str) -> int:
        return sum(len(t.split()) for t in ts)

    pairs = [(it.draft, it.customer) for it in items[:115] if it.customer and 120 <= wc(it.draft, it.customer) <= 180]
    customers = [r["customer"] for r in rows.get("questions-dev.jsonl", [])] or [
        "Where is my order? It was due on Friday."
    ]
    for i, c in enumerate(customers):
        if len(pairs) >= 60:
            break
        for m in macros[i::7]:
            if 140 <= wc(m.body, c) <= 160:
                pairs.append((m.body, c))
                break
    return Workload(items=items, latency_pairs=pairs)


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------


def pct(values: Sequence[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    """Best wall time of ``repeat`` runs (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


@dataclass
class Results:
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def add(self, key: str, label: str, value: Any, shown: str, target: str = "") -> None:
        self.data[key] = value
        self.rows.append((label, shown, target))
        print(f"  {label:<58} {shown:>16}  {target}", flush=True)


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def pin(cores: int) -> str:
    if cores <= 0 or not hasattr(os, "sched_setaffinity"):
        return "unpinned"
    avail = sorted(os.sched_getaffinity(0))
    chosen = set(avail[:cores])
    os.sched_setaffinity(0, chosen)
    return f"pinned to core(s) {sorted(chosen)}"


def measure_raw(nlp: Any, texts: list[str], disable: Sequence[str], batch_size: int, repeat: int) -> float:
    def run() -> None:
        for _ in nlp.pipe(texts, batch_size=batch_size, disable=list(disable)):
            pass

    return timed(run, repeat)


def measure_memory(quick: bool, corpus: Path, n_macros: int) -> dict[str, float]:
    """Peak memory of a fresh process: Checker() + a batch check (two children)."""
    out: dict[str, float] = {}
    for mode in ("rss", "tracemalloc"):
        cmd = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus), "--macros", str(n_macros)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0:
            print(f"  memory child ({mode}) failed: {proc.stderr.strip()[-400:]}")
            continue
        out.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def child_memory(mode: str, corpus: Path, n_macros: int) -> None:
    import resource

    if mode == "tracemalloc":
        import tracemalloc

        tracemalloc.start()
    from replylint.checker import Checker, Pair

    workload = build_workload(corpus, n_macros)
    checker = Checker()
    items = workload.items if mode == "rss" else workload.items[:400]
    checker.check_many([Pair(it.draft, it.customer, None, it.macro) for it in items])
    result: dict[str, float] = {}
    if mode == "tracemalloc":
        import tracemalloc

        result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    else:
        result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def big_draft(n_chars: int) -> str:
    """A deterministic draft of ``n_chars`` characters: support paragraphs (the example drafts)."""
    paragraphs = [
        (REPO / "examples" / "pair" / n).read_text(encoding="utf-8")
        for n in ("good-draft.txt", "jargon-draft.txt", "bare-no-draft.txt")
    ]
    out: list[str] = []
    size = k = 0
    while size < n_chars:
        out.append(paragraphs[k % 3].replace("Dana", f"Dana {k % 97}") + "\n")
        size += len(out[-1])
        k += 1
    return "".join(out)[:n_chars]


def child_big(n_chars: int, customer: bool) -> None:
    """One ``check`` of a big draft in this fresh process: wall time and peak RSS."""
    import resource

    from replylint.checker import Checker
    from replylint.config import Config

    draft = big_draft(n_chars)
    message = (REPO / "examples" / "pair" / "customer.txt").read_text(encoding="utf-8") if customer else None
    checker = Checker(Config(max_chars=max(n_chars, 200_000)))
    t0, c0 = time.perf_counter(), time.process_time()
    report = checker.check(draft, message)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(
        json.dumps({"seconds": seconds, "cpu_s": cpu, "maxrss_mb": rss, "findings": len(report.findings), "load": load})
    )


def measure_big(sizes: Iterable[int], customer: bool) -> dict[int, dict[str, float]]:
    """``child_big`` per size, each in a fresh process (peak RSS is per process)."""
    out: dict[int, dict[str, float]] = {}
    for n in sizes:
        cmd = [sys.executable, __file__, "--child", f"big:{n}:{int(customer)}"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=7200)
        if proc.returncode != 0:
            print(f"  big draft ({n:,} chars) failed: {proc.stderr.strip()[-400:]}")
            continue
        out[n] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def measure_parallel(pairs: list[Any], n_processes: Iterable[int]) -> dict[int, tuple[float, float]]:
    """Wall time and CPU time (this process and its workers) of ``check_many(pairs,
    n_process=N)``, unpinned, after checking that every N gives the reports of N=1, in order. On a
    machine shared with other jobs, CPU / wall shows how much of the cores the run got."""
    import resource

    from replylint.checker import Checker

    def cpu() -> float:
        own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime

    _unpin()
    checker = Checker()
    checker.check_many(pairs[:32])  # warm up
    out: dict[int, tuple[float, float]] = {}
    expected = None
    for n in n_processes:
        t0, c0 = time.perf_counter(), cpu()
        reports = checker.check_many(pairs, n_process=n)
        out[n] = (time.perf_counter() - t0, cpu() - c0)
        dumped = [r.model_dump_json() for r in reports]
        expected = expected or dumped
        if dumped != expected:
            print(f"  n_process={n}: reports differ from n_process=1")
    return out


def measure_cold_start(runs: int = 5) -> tuple[float, float, int]:
    """Median wall time of ``python -m replylint.cli check`` in a fresh process, and of ``python -c pass``."""
    times: list[float] = []
    code = -1
    with tempfile.TemporaryDirectory() as tmp:
        # a copy of the example pair in a folder with no configuration above it: default config
        for name in ("good-draft.txt", "customer.txt"):
            (Path(tmp) / name).write_bytes((REPO / "examples" / "pair" / name).read_bytes())
        draft, customer = Path(tmp) / "good-draft.txt", Path(tmp) / "customer.txt"
        cmd = [sys.executable, "-m", "replylint.cli", "check", str(draft), "--customer", str(customer)]
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
            times.append(time.perf_counter() - t0)
            code = proc.returncode
            if code not in (0, 1):
                print(f"  cold start: replylint check exited {code}: {proc.stderr.strip()[-300:]}")
    base: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t0)
    return statistics.median(times), statistics.median(base), code


def measure_lint(macros: list[Macro], jobs: Iterable[int]) -> dict[int, float]:
    """Wall time of ``replylint lint DIR --jobs N`` over the macro library written as .txt files."""
    out: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for m in macros:
            (Path(tmp) / f"{m.title.replace(' ', '-').lower()}.txt").write_text(m.body, encoding="utf-8")
        help_text = subprocess.run(
            [sys.executable, "-m", "replylint.cli", "lint", "--help"], capture_output=True, text=True
        ).stdout
        has_jobs = "--jobs" in help_text
        for j in jobs:
            if j > 1 and not has_jobs:
                print("  lint has no --jobs option: parallel lint skipped")
                break
            cmd = [sys.executable, "-m", "replylint.cli", "lint", tmp, "--format", "json"]
            if has_jobs:
                cmd += ["--jobs", str(j)]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=_unpin)
            out[j] = time.perf_counter() - t0
            if proc.returncode not in (0, 1):
                print(f"  lint --jobs {j} exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return out


def _unpin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))


def measure_proselint(macros: list[Macro]) -> float | None:
    """Seconds per macro for proselint's default checks, or None when it is not installed."""
    if importlib.util.find_spec("proselint") is None:
        return None
    from proselint.checks import __register__  # type: ignore[import-not-found]
    from proselint.registry import CheckRegistry  # type: ignore[import-not-found]
    from proselint.tools import LintFile  # type: ignore[import-not-found]

    CheckRegistry().register_many(__register__)
    LintFile("<warmup>", "This is a warmup.").lint()
    t0 = time.perf_counter()
    for m in macros:
        LintFile("<macro>", m.body).lint()
    return (time.perf_counter() - t0) / len(macros)


def typing_prefixes(draft: str, step: int) -> list[str]:
    """The draft as an agent types it: a prefix every ``step`` words, then the whole draft."""
    words = draft.split(" ")
    out = [" ".join(words[:i]) for i in range(step, len(words), step)]
    out.append(draft)
    return [p for p in out if p.strip()]


# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer macros and repeats (a smoke run)")
    ap.add_argument("--corpus", help="corpus folder (default: $REPLYLINT_CORPUS or ../shared/corpus)")
    ap.add_argument("--cores", type=int, default=1, help="pin to this many cores (0: unpinned; default 1)")
    ap.add_argument("--macros", type=int, default=None, help="size of the macro library (default 2000)")
    ap.add_argument("--jobs", default="1,2", help="lint --jobs values to time (comma-separated)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--big", default="1000000", help="big-draft sizes in characters to time (comma-separated)")
    ap.add_argument("--big-customer", action="store_true", help="check the big drafts against a customer message")
    ap.add_argument("--n-process", default="1,2", help="check_many n_process values to time (comma-separated)")
    ap.add_argument("--only", choices=("big", "parallel"), help="only this measure (big drafts or n_process)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child and args.child.startswith("big:"):
        _, size, customer = args.child.split(":")
        child_big(int(size), customer == "1")
        return 0
    corpus = corpus_dir(args.corpus)
    n_macros = args.macros if args.macros is not None else (300 if args.quick else 2000)
    if args.child:
        child_memory(args.child, corpus, n_macros)
        return 0
    if args.only:
        return only(args, corpus, n_macros)

    info = machine()
    info["affinity"] = pin(args.cores)
    print(
        f"replylint speed benchmark  {info['date']}  nproc={info['nproc']}  cpu={info['cpu']}  "
        f"python {info['python']}  {info['affinity']}"
    )
    workload = build_workload(corpus, n_macros)
    texts = workload.texts
    words = workload.words
    repeat = 1 if args.quick else 2
    print(
        f"workload: {len(workload.items)} checks ({len(texts)} texts, {words:,} words); "
        f"{len(workload.latency_pairs)} ~150-word pairs for latency\n"
    )
    res = Results(data={"machine": info, "texts": len(texts), "words": words})

    t0 = time.perf_counter()
    from replylint.pipeline import load_pipeline

    nlp = load_pipeline()
    res.add(
        "load_s", "load_pipeline() (import + model load)", time.perf_counter() - t0, f"{time.perf_counter() - t0:.2f} s"
    )

    checker = None
    try:
        from replylint.checker import Checker, Pair

        t0 = time.perf_counter()
        checker = Checker()
        res.add(
            "checker_init_s",
            "Checker() on top of the loaded pipeline",
            time.perf_counter() - t0,
            f"{time.perf_counter() - t0:.2f} s",
        )
    except Exception as exc:  # the engine may be incomplete while analyzers are being written
        print(f"  Checker() unavailable ({type(exc).__name__}: {exc}); replylint rows skipped")

    # Components the Checker skips, for drafts and for customer messages (its parse "floor").
    draft_off: tuple[str, ...] = tuple(getattr(checker, "draft_disable", ()) or ())
    customer_off: tuple[str, ...] = tuple(getattr(checker, "customer_disable", ()) or ())
    batch = 16  # replylint's default check_many batch size; raw spaCy gets the same batching
    # warm up both paths once (first-batch allocation, lazy tables)
    list(nlp.pipe(texts[:64], batch_size=batch))
    raw_full = measure_raw(nlp, texts, (), batch, repeat)
    res.add(
        "raw_full_s",
        "raw nlp.pipe, full pipeline " + "+".join(nlp.pipe_names),
        raw_full,
        f"{raw_full:.2f} s",
        f"{words / raw_full:,.0f} words/s",
    )
    raw_floor = raw_full
    if draft_off or customer_off:
        drafts = [it.draft for it in workload.items]
        customers = [it.customer for it in workload.items if it.customer and it.customer.strip()]
        raw_floor = measure_raw(nlp, drafts, draft_off, batch, repeat) + measure_raw(
            nlp, customers, customer_off, batch, repeat
        )
        what = f"drafts without {','.join(draft_off) or 'nothing'}, customers without {','.join(customer_off) or 'nothing'}"
        res.add(
            "raw_floor_s",
            f"raw nlp.pipe as replylint parses ({what})",
            raw_floor,
            f"{raw_floor:.2f} s",
            f"{words / raw_floor:,.0f} words/s",
        )

    if checker is not None:
        pairs = [Pair(it.draft, it.customer, None, it.macro) for it in workload.items]
        checker.check_many(pairs[:32])
        t_many = timed(lambda: checker.check_many(pairs, batch_size=batch), repeat)
        res.add(
            "check_many_s",
            "Checker.check_many (same texts)",
            t_many,
            f"{t_many:.2f} s",
            f"{words / t_many:,.0f} words/s",
        )
        res.add(
            "ratio_floor",
            "throughput ratio replylint / raw spaCy floor",
            raw_floor / t_many,
            f"{raw_floor / t_many:.2f}x",
            "target >= 0.85x",
        )
        res.add(
            "ratio_full",
            "throughput ratio replylint / raw spaCy full pipeline",
            raw_full / t_many,
            f"{raw_full / t_many:.2f}x",
        )

        lat: list[float] = []
        lp = workload.latency_pairs
        for d, c in lp[:5]:
            checker.check(d, c)
        rounds = 2 if args.quick else 5
        for _ in range(rounds):
            for d, c in lp:
                t0 = time.perf_counter()
                checker.check(d, c)
                lat.append(time.perf_counter() - t0)
        raw_lat: list[float] = []
        for _ in range(rounds):
            for d, c in lp:
                t0 = time.perf_counter()
                nlp(d)
                nlp(c)
                raw_lat.append(time.perf_counter() - t0)
        res.add(
            "check_p50_ms",
            "Checker.check one ~150-word pair, p50",
            pct(lat, 0.5) * 1e3,
            f"{pct(lat, 0.5) * 1e3:.1f} ms",
        )
        res.add(
            "check_p95_ms",
            "Checker.check one ~150-word pair, p95",
            pct(lat, 0.95) * 1e3,
            f"{pct(lat, 0.95) * 1e3:.1f} ms",
            "target <= 25 ms",
        )
        res.add(
            "raw_pair_p95_ms",
            "raw nlp(draft)+nlp(customer) same pairs, p95",
            pct(raw_lat, 0.95) * 1e3,
            f"{pct(raw_lat, 0.95) * 1e3:.1f} ms",
        )

        sess_lat: list[float] = []
        plain_lat: list[float] = []
        n_typing = 6 if args.quick else 20
        for d, c in lp[:n_typing]:
            session = checker.session(c)
            for prefix in typing_prefixes(d, 4):
                t0 = time.perf_counter()
                session.check(prefix)
                sess_lat.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                checker.check(prefix, c)
                plain_lat.append(time.perf_counter() - t0)
        res.add(
            "session_p50_ms",
            "session(customer).check(draft) while typing, p50",
            pct(sess_lat, 0.5) * 1e3,
            f"{pct(sess_lat, 0.5) * 1e3:.1f} ms",
        )
        res.add(
            "session_p95_ms",
            "session(customer).check(draft) while typing, p95",
            pct(sess_lat, 0.95) * 1e3,
            f"{pct(sess_lat, 0.95) * 1e3:.1f} ms",
            f"(check() without session p95 {pct(plain_lat, 0.95) * 1e3:.1f} ms)",
        )

        macro_pairs = [Pair(m.draft, None, None, True) for m in workload.items if m.macro]
        t_macros = timed(lambda: checker.check_many(macro_pairs, batch_size=batch), 1)
        res.add(
            "replylint_per_macro_ms",
            "replylint check_many, time per macro (macro library)",
            t_macros / len(macro_pairs) * 1e3,
            f"{t_macros / len(macro_pairs) * 1e3:.2f} ms",
        )

        # What `replylint lint` does once its Checker is built (the library leaves the host's
        # garbage collector alone): freeze the long-lived heap so collections skip the model.
        gc.collect()
        gc.freeze()
        t_frozen = timed(lambda: checker.check_many(pairs, batch_size=batch), repeat)
        res.add(
            "ratio_floor_frozen",
            "  (as lint runs) check_many after gc.freeze(): ratio vs floor",
            raw_floor / t_frozen,
            f"{raw_floor / t_frozen:.2f}x",
            f"vs full pipeline {raw_full / t_frozen:.2f}x",
        )
        gc.unfreeze()

    macros = generate_macros(n_macros)
    per = measure_proselint(macros)
    if per is None:
        print("  proselint not installed, skipped (pip install proselint to compare)")
    else:
        res.add(
            "proselint_per_macro_ms", "proselint 0.16 default checks, time per macro", per * 1e3, f"{per * 1e3:.2f} ms"
        )

    if checker is not None:
        cold, base, _code = measure_cold_start(5)
        res.add(
            "cold_start_s",
            "replylint check cold start (median of 5)",
            cold,
            f"{cold:.2f} s",
            f"target <= 1.5 s (python -c pass: {base:.2f} s)",
        )
        mem = measure_memory(args.quick, corpus, n_macros)
        if "maxrss_mb" in mem:
            res.add(
                "maxrss_mb",
                "peak RSS, fresh process: Checker + batch check",
                mem["maxrss_mb"],
                f"{mem['maxrss_mb']:.0f} MB",
                "target <= 400 MB",
            )
        if "tracemalloc_peak_mb" in mem:
            res.add(
                "tracemalloc_mb",
                "tracemalloc peak (Python allocations, 400 checks)",
                mem["tracemalloc_peak_mb"],
                f"{mem['tracemalloc_peak_mb']:.0f} MB",
            )
        if importlib.util.find_spec("replylint.lint") is not None:
            jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
            lint_macros = macros[:300] if args.quick else macros
            for j, secs in measure_lint(lint_macros, jobs).items():
                res.add(
                    f"lint_jobs{j}_s",
                    f"replylint lint {len(lint_macros)} macro files --jobs {j}",
                    secs,
                    f"{secs:.2f} s",
                    f"{len(lint_macros) / secs:,.0f} files/s",
                )
        else:
            print("  replylint lint not available yet, skipped")

    print("\n| measure | value | note |\n|---|---:|---|")
    for label, shown, target in res.rows:
        print(f"| {label} | {shown} | {target} |")
    if args.json:
        Path(args.json).write_text(json.dumps(res.data, indent=2), encoding="utf-8")
    return 0


def only(args: argparse.Namespace, corpus: Path, n_macros: int) -> int:
    """``--only big`` / ``--only parallel``: one measure, printed as table rows."""
    info = machine()
    print(f"replylint speed benchmark ({args.only})  {info['date']}  nproc={info['nproc']}  cpu={info['cpu']}")
    if args.only == "big":
        sizes = [int(n) for n in args.big.split(",") if n.strip()]
        for n, fig in measure_big(sizes, args.big_customer).items():
            print(
                f"| check, {n:,}-character draft{' + customer' if args.big_customer else ''} | "
                f"{fig['seconds']:.1f} s (CPU {fig['cpu_s']:.1f} s, load average {fig['load']:.1f}), "
                f"peak RSS {fig['maxrss_mb']:.0f} MB | {fig['findings']:.0f} findings |"
            )
        return 0
    from replylint.checker import Pair

    workload = build_workload(corpus, n_macros)
    pairs = [Pair(it.draft, it.customer, None, it.macro) for it in workload.items]
    times = measure_parallel(pairs, [int(n) for n in args.n_process.split(",") if n.strip()])
    base = times[1][0] if 1 in times else None
    for n, (secs, cpu) in times.items():
        ratio = f"{base / secs:.2f}x of n_process=1" if base else ""
        print(
            f"| check_many, {len(pairs):,} pairs, n_process={n} | {secs:.1f} s ({secs / len(pairs) * 1e3:.1f} ms a pair) "
            f"| {ratio}; CPU {cpu:.1f} s (load average {os.getloadavg()[0]:.1f}) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
