"""``replylint lint PATH...``: check a library of macros (canned responses) in files and folders.

Pipeline: collect files -> read macros (:mod:`replylint.sources`) -> check every macro with one
batched ``nlp.pipe`` pass per chunk (``--jobs N``: N worker processes, each with its own
Checker) -> library-level consistency check (:mod:`replylint.consistency`) -> suppressions
(inline directives, per-macro ``replylint: {ignore: [...]}``, ``per-file-ignores``, baseline)
-> findings translated to ``file:line:column`` -> the chosen output format.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO

from replylint.config import Config, LintConfig
from replylint.errors import ConfigError, InputError
from replylint.models import DocumentResult, Finding, Report, Status
from replylint.sources import FieldNames, Macro, SourceFile, format_of, read_source
from replylint.suppression import Suppressions, parse_directives

if TYPE_CHECKING:
    from replylint.checker import Checker, Pair

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

CHUNK = 64
BASELINE_VERSION = 1
LIBRARY_RULE = "inconsistent-fact"

EPILOG = """\
formats read:
  .txt .html        one macro a file (optional YAML front matter)
  .md .markdown     one macro a file with YAML front matter (title, tags, channel, scenario,
                    replylint: {ignore: [RULE]})
  .yml .yaml        a list of macros (title / body / customer fields, see --title-field...)
  .json             a list of macros, a Zendesk macros export, Help Scout saved replies
  .csv .tsv         one macro a row: a Freshdesk canned-responses export or any header

Rules that need a customer message are skipped, unless the macro declares the situation it
answers in a `customer` or `scenario` field. Suppress findings with inline directives
(`<!-- replylint: disable=RULE -->`, `{% comment %} replylint: disable-next-line=RULE
{% endcomment %}`, `# replylint: disable=RULE` in YAML), `[lint] per-file-ignores` in the
configuration, or a baseline file (--baseline / --write-baseline) that accepts the findings
that exist today so that only new ones fail.

exit codes:
  0  every file was read and no finding reaches --fail-on
  1  a finding at or above --fail-on (default: warning)
  2  usage or configuration error, or a file could not be read (binary, not UTF-8, invalid
     JSON/YAML/CSV, unknown type): the other files are still checked and reported, but a broken
     file is an input error that wins over findings, so CI notices it
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``lint`` beyond the ones shared with ``check`` (added by the CLI)."""
    parser.description = "Lint libraries of macros (canned responses): files and folders, many formats."
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("paths", nargs="+", metavar="PATH", help="macro files or folders (walked recursively)")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for large libraries (default 1; 0 = one per CPU)",
    )
    parser.add_argument("--baseline", metavar="FILE", help="ignore the findings recorded in FILE (only new ones count)")
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record every current finding in FILE (exit 0 unless a file could not be read)",
    )
    parser.add_argument("--title-field", metavar="NAME", help="field / column holding a macro's title")
    parser.add_argument("--body-field", metavar="NAME", help="field / column holding a macro's text")
    parser.add_argument("--customer-field", metavar="NAME", help="field / column with the situation a macro answers")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")


# -- collecting files ---------------------------------------------------------------------------


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    return any(
        fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
        for p in patterns
    )


def _excluded_file(raw: str, lint: LintConfig) -> bool:
    """A file named on the command line that the configuration's ``[lint] exclude`` leaves out: by
    its path or name, or by the name of a folder it is in (as a folder walk would skip it)."""
    path = Path(raw)
    return _excluded(path.as_posix(), path.name, lint.exclude) or any(
        _excluded(folder, folder, lint.exclude) for folder in path.parent.parts if folder not in (".", "..", "/")
    )


def collect_files(paths: Iterable[str], lint: LintConfig) -> tuple[list[str], list[DocumentResult]]:
    """Files to lint (explicit files always, folders walked with include/exclude) and errors."""
    files: list[str] = []
    errors: list[DocumentResult] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[str] = []
            for dirpath, dirnames, filenames in os.walk(p):
                rel_dir = os.path.relpath(dirpath, p)
                dirnames[:] = sorted(
                    d
                    for d in dirnames
                    if not _excluded(os.path.normpath(os.path.join(rel_dir, d)).replace(os.sep, "/"), d, lint.exclude)
                )
                for name in sorted(filenames):
                    rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
                    if _excluded(rel, name, lint.exclude):
                        continue
                    if any(fnmatch.fnmatch(name, inc) for inc in lint.include) and format_of(name):
                        found.append(os.path.join(dirpath, name))
            for f in found:
                add(os.path.normpath(f))
        elif p.exists():
            # Named files are always read (pre-commit passes them), unless excluded.
            if not _excluded_file(raw, lint):
                add(raw)
        else:
            errors.append(DocumentResult(path=raw, error=f"{raw}: no such file or folder"))
    return files, errors


# -- baseline ---------------------------------------------------------------------------------


def _norm_text(text: str) -> str:
    return " ".join(text.split()).lower()


def fingerprint(path: str, title: str | None, finding: Finding) -> str:
    """Stable across edits elsewhere in the file: path + macro title + rule + the finding's text."""
    digest = hashlib.sha256(_norm_text(finding.text or finding.message).encode("utf-8")).hexdigest()[:16]
    key = "\x1f".join((path, title or "", finding.rule, digest))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _baseline_path(path: str, baseline_file: Path) -> str:
    """The checked file's path relative to the baseline file's folder (POSIX), when possible."""
    try:
        rel = os.path.relpath(os.path.abspath(path), baseline_file.resolve().parent)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return PurePosixPath(*Path(rel).parts).as_posix()


@dataclass
class Baseline:
    """Fingerprints of accepted findings, with how many times each was seen."""

    file: Path
    counts: dict[str, int]

    @classmethod
    def load(cls, file: Path) -> Baseline:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("baseline file not found", file=file) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read baseline: {exc}", file=file) from None
        if (
            not isinstance(data, dict)
            or data.get("version") != BASELINE_VERSION
            or not isinstance(data.get("findings"), list)
        ):
            raise ConfigError(f"not a replylint baseline (version {BASELINE_VERSION})", file=file)
        counts: dict[str, int] = {}
        for entry in data["findings"]:
            if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str):
                counts[entry["fingerprint"]] = counts.get(entry["fingerprint"], 0) + int(entry.get("count", 1))
        return cls(file, counts)

    def absorb(self, path: str, title: str | None, finding: Finding) -> bool:
        """True (and one use consumed) when the finding is in the baseline."""
        fp = fingerprint(_baseline_path(path, self.file), title, finding)
        left = self.counts.get(fp, 0)
        if left <= 0:
            return False
        self.counts[fp] = left - 1
        return True


def write_baseline(file: Path, results: list[DocumentResult]) -> int:
    entries: dict[str, dict[str, Any]] = {}
    for res in results:
        if res.report is None:
            continue
        rel = _baseline_path(res.path, file)
        for f in res.report.findings:
            fp = fingerprint(rel, res.title, f)
            if fp in entries:
                entries[fp]["count"] += 1
            else:
                entries[fp] = {
                    "fingerprint": fp,
                    "path": rel,
                    "title": res.title,
                    "rule": f.rule,
                    "text": f.text[:120],
                    "count": 1,
                }
    payload = {
        "version": BASELINE_VERSION,
        "tool": "replylint",
        "findings": sorted(entries.values(), key=lambda e: (e["path"], e["title"] or "", e["rule"], e["fingerprint"])),
    }
    file.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(e["count"] for e in entries.values())


# -- checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One macro to check, with where it came from."""

    source: SourceFile
    macro: Macro
    text: str  # the body with directive comments blanked (same length)
    suppressions: Suppressions


@lru_cache(maxsize=2)
def _worker_checker(config_json: str) -> Checker:
    """One Checker per worker process (and per configuration), built on first use."""
    import gc

    from replylint.checker import Checker

    checker = Checker(Config.model_validate_json(config_json))
    # The model and the compiled matchers live as long as this process: freezing them keeps the
    # garbage collector from re-scanning them at every collection (about 0.4 ms a check).
    gc.freeze()
    return checker


def _check_chunk(config_json: str, pairs: list[Pair]) -> list[Report]:
    return _worker_checker(config_json).check_many(pairs, batch_size=CHUNK)


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = enabled and total > 0

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled:
            width = 30
            filled = width * self.done // max(1, self.total)
            self.stream.write(f"\rreplylint [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} macros")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def check_items(
    items: list[Item],
    config: Config,
    *,
    jobs: int = 1,
    on_progress: Callable[[int], None] | None = None,
    while_waiting: Callable[[], None] | None = None,
) -> list[Report]:
    """Reports for ``items`` in order: batched ``nlp.pipe``, optionally over worker processes.

    ``while_waiting`` runs in this process while the workers check (with ``jobs > 1``), or after
    the checks (with one job).
    """
    from replylint.checker import Pair

    pairs = [Pair(it.text, it.macro.customer, it.macro.channel, True) for it in items]
    if not pairs:
        return []
    chunks = [pairs[i : i + CHUNK] for i in range(0, len(pairs), CHUNK)]
    reports: list[Report] = []
    config_json = config.model_dump_json(by_alias=True, exclude={"source"})
    if jobs <= 1 or len(chunks) <= 1:
        checker = _worker_checker(config_json)
        for chunk in chunks:
            reports.extend(checker.check_many(chunk, batch_size=CHUNK))
            if on_progress:
                on_progress(len(chunk))
        if while_waiting is not None:
            while_waiting()
        return reports
    from replylint.checker import pool_context

    ctx = pool_context()
    if ctx.get_start_method() == "fork":
        _worker_checker(config_json)  # built once here, inherited by every worker
    by_index: dict[int, list[Report]] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=ctx) as pool:
        futures = {pool.submit(_check_chunk, config_json, chunk): k for k, chunk in enumerate(chunks)}
        if while_waiting is not None:
            while_waiting()
        for fut in as_completed(futures):
            k = futures[fut]
            by_index[k] = fut.result()
            if on_progress:
                on_progress(len(chunks[k]))
    for k in range(len(chunks)):
        reports.extend(by_index[k])
    return reports


def _score(config: Config, checks: list[Any]) -> int:
    weights = config.score
    penalty = 0.0
    for c in checks:
        if c.status is Status.FAILED:
            penalty += weights.rules.get(c.rule, getattr(weights, c.severity.value))
    return max(0, min(100, round(100 - penalty)))


def finish_report(
    report: Report,
    item: Item,
    config: Config,
    *,
    extra: list[Finding],
    keep: Callable[[Finding, int], bool],
) -> Report:
    """Translate findings to file coordinates, drop suppressed ones, recompute ok and score."""
    src = item.source
    findings: list[Finding] = []
    for f in [*report.findings, *extra]:
        file_offset = item.macro.offsets(f.start)
        if not keep(f, file_offset):
            continue
        line, col = src.position(file_offset)
        text = item.macro.body[f.start : f.end] if f.end <= len(item.macro.body) else f.text
        findings.append(f.model_copy(update={"line": line, "column": col, "text": text}))
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    kept_rules = {f.rule for f in findings}
    checks = list(report.checks)
    if extra:
        from replylint.models import CheckResult

        sev = extra[0].severity
        checks = [c for c in checks if c.rule != LIBRARY_RULE]
        checks.append(CheckResult(rule=LIBRARY_RULE, status=Status.FAILED, severity=sev, message="library-level"))
    checks = [
        c.model_copy(update={"status": Status.NOT_APPLICABLE, "message": "suppressed"})
        if c.status is Status.FAILED and c.rule not in kept_rules
        else c
        for c in checks
    ]
    ok = not any(f.severity >= config.fail_on for f in findings)
    return report.model_copy(update={"findings": findings, "checks": checks, "ok": ok, "score": _score(config, checks)})


# -- the command --------------------------------------------------------------------------------


def _rel_to(path: str, base: Path | None) -> str:
    if base is None:
        return path.replace(os.sep, "/")
    try:
        return Path(os.path.abspath(path)).relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.replace(os.sep, "/")


def _locator(item: Item) -> Callable[[int], str]:
    def locate(offset: int) -> str:
        line, col = item.source.position(item.macro.offsets(offset))
        return f"{item.source.path}:{line}:{col}"

    return locate


def _per_file_ignores(config: Config, path: str) -> set[str]:
    base = Path(config.source).parent if config.source else Path.cwd()
    rel = _rel_to(path, base)
    out: set[str] = set()
    for pattern, rules in config.lint.per_file_ignores.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern) or fnmatch.fnmatch(path, pattern):
            out.update(r.lower() for r in rules)
    return out


def _lint_config(config: Config, args: argparse.Namespace) -> Config:
    update = {
        key: getattr(args, f"{key}_field")
        for key in ("title", "body", "customer")
        if getattr(args, f"{key}_field", None)
    }
    if not update:
        return config
    lint = config.lint.model_copy(update={f"{k}_field": v for k, v in update.items()})
    return config.model_copy(update={"lint": lint})


def lint_paths(
    paths: Sequence[str],
    config: Config,
    *,
    jobs: int = 1,
    baseline: Path | None = None,
    progress: Progress | None = None,
) -> tuple[list[DocumentResult], int]:
    """Lint files and folders; returns the results (one per macro, one per unreadable file)
    and the number of files read. Raises ConfigError for configuration problems."""
    from replylint.checker import resolve_rules
    from replylint.rules import all_rules

    registry = all_rules()
    known = set(registry)
    active = {a.rule.id: a for a in resolve_rules(config, registry)}
    for pattern, rules in config.lint.per_file_ignores.items():
        for rid in rules:
            if rid.lower() not in known and rid.lower() not in ("all", "*"):
                raise ConfigError(
                    f"unknown rule '{rid}' (see `replylint rules`)",
                    file=config.source,
                    key=f"lint.per-file-ignores.{pattern}",
                )
    fields = FieldNames(config.lint.title_field, config.lint.body_field, config.lint.customer_field)
    files, results_errors = collect_files(paths, config.lint)
    sources: list[SourceFile] = []
    file_errors: dict[str, DocumentResult] = {e.path: e for e in results_errors}
    order: list[str] = [e.path for e in results_errors]
    for path in files:
        order.append(path)
        try:
            sources.append(read_source(path, fields))
        except InputError as exc:
            file_errors[path] = DocumentResult(path=path, error=str(exc))
    from replylint.normalize import check_text

    items: list[Item] = []
    macro_errors: dict[tuple[str, int], DocumentResult] = {}
    for src in sources:
        for macro in src.macros:
            bad = [r for r in macro.ignore if r not in known and r not in ("all", "*")]
            if bad:
                macro_errors[(src.path, macro.index)] = DocumentResult(
                    path=src.path,
                    title=macro.title,
                    error=f"{src.path}:{src.position(macro.start)[0]}: unknown rule '{bad[0]}' in replylint ignore",
                )
                continue
            sup = parse_directives(macro.body)
            text = sup.blank(macro.body)
            try:
                check_text(text, what="macro", max_chars=config.max_chars)
                if macro.customer is not None:
                    check_text(macro.customer, what="customer situation", max_chars=config.max_chars)
            except InputError as exc:
                macro_errors[(src.path, macro.index)] = DocumentResult(path=src.path, title=macro.title, error=str(exc))
                continue
            if not text.strip():
                continue
            items.append(Item(src, macro, text, sup))
    # An empty one-macro file (text, HTML, Markdown) is said so, like an empty draft for `check`;
    # a data file (JSON, YAML, CSV) without macros is not a macro library and stays quiet.
    with_macros = {it.source.path for it in items} | {path for path, _ in macro_errors}
    for src in sources:
        if src.path not in with_macros and format_of(src.path) in ("text", "markdown"):
            file_errors[src.path] = DocumentResult(path=src.path, error=f"{src.path}: empty: no macro text to check")
    if progress is not None:
        progress.total = len(items)
        progress.enabled = progress.enabled and len(items) > 0
    library: dict[int, list[Finding]] = {}

    def library_check() -> None:
        if LIBRARY_RULE in active and len(items) > 1:
            from replylint.consistency import LibraryText, library_findings
            from replylint.pipeline import load_pipeline

            library.update(
                library_findings(
                    load_pipeline(config.model),
                    [LibraryText(it.text, it.macro.title, _locator(it)) for it in items],
                    severity=active[LIBRARY_RULE].severity,
                )
            )

    reports = check_items(
        items, config, jobs=jobs, on_progress=progress.advance if progress else None, while_waiting=library_check
    )
    if progress is not None:
        progress.close()

    base_line = Baseline.load(baseline) if baseline is not None else None
    file_sups: dict[str, Suppressions] = {}
    per_file: dict[str, set[str]] = {}
    by_file: dict[str, list[DocumentResult]] = {}
    for k, (item, report) in enumerate(zip(items, reports, strict=True)):
        src = item.source
        if src.path not in file_sups:
            file_sups[src.path] = parse_directives(src.comment_text()) if src.comments else Suppressions()
            per_file[src.path] = _per_file_ignores(config, src.path)
        ignored = set(item.macro.ignore) | per_file[src.path]
        file_sup = file_sups[src.path]

        def keep(
            f: Finding,
            file_offset: int,
            item: Item = item,
            ignored: set[str] = ignored,
            file_sup: Suppressions = file_sup,
        ) -> bool:
            if f.rule in ignored or "all" in ignored or "*" in ignored:
                return False
            return item.suppressions.allows(f.rule, f.start) and file_sup.allows(f.rule, file_offset)

        finished = finish_report(report, item, config, extra=library.get(k, []), keep=keep)
        by_file.setdefault(src.path, []).append(DocumentResult(path=src.path, title=item.macro.title, report=finished))
    for (path, _), err in macro_errors.items():
        by_file.setdefault(path, []).append(err)
    if base_line is not None:
        for path, docs in by_file.items():
            for n, doc in enumerate(docs):
                if doc.report is None:
                    continue
                kept = [f for f in doc.report.findings if not base_line.absorb(path, doc.title, f)]
                if len(kept) != len(doc.report.findings):
                    ok = not any(f.severity >= config.fail_on for f in kept)
                    docs[n] = doc.model_copy(
                        update={"report": doc.report.model_copy(update={"findings": kept, "ok": ok})}
                    )
    results: list[DocumentResult] = []
    for path in order:
        if path in file_errors:
            results.append(file_errors[path])
        results.extend(by_file.get(path, []))
    return results, len(sources)


def run(args: argparse.Namespace) -> int:
    from replylint.cli import check_writable, emit, overrides_from
    from replylint.config import load_config
    from replylint.formatters import get_formatter

    formatter = get_formatter(args.format)
    check_writable(args.output, "--output")
    check_writable(args.write_baseline, "--write-baseline")
    config = load_config(args.config, start=args.paths[0], overrides=overrides_from(args))
    config = _lint_config(config, args)
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    baseline_name = args.baseline or config.lint.baseline
    baseline: Path | None = None
    if baseline_name and not args.write_baseline:
        baseline = Path(baseline_name)
        if not baseline.is_absolute() and not args.baseline and config.source:
            baseline = Path(config.source).parent / baseline
    progress = Progress(0, sys.stderr, enabled=not args.no_progress and sys.stderr.isatty())
    results, n_files = lint_paths(args.paths, config, jobs=jobs, baseline=baseline, progress=progress)
    if not results and n_files == 0:
        if all(Path(p).is_file() and _excluded_file(p, config.lint) for p in args.paths):
            # e.g. pre-commit passing only files that `[lint] exclude` leaves out: nothing to do
            sys.stderr.write("replylint: nothing to lint: the configuration excludes every file named\n")
            return EXIT_OK
        raise InputError(f"no macro files found in {', '.join(args.paths)}")
    emit(formatter(results, fail_on=config.fail_on, explain=args.explain), args.output)
    errors = any(r.error is not None for r in results)
    if args.write_baseline:
        n = write_baseline(Path(args.write_baseline), results)
        sys.stderr.write(f"replylint: wrote {n} finding(s) to baseline {args.write_baseline}\n")
        return EXIT_ERROR if errors else EXIT_OK
    if errors:
        return EXIT_ERROR
    failing = any(f.severity >= config.fail_on for r in results if r.report for f in r.report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def iter_results(results: Iterable[DocumentResult]) -> Iterator[tuple[DocumentResult, Finding]]:
    """Every (document, finding) pair of a lint run."""
    for r in results:
        if r.report is not None:
            for f in r.report.findings:
                yield r, f


__all__ = ["add_arguments", "collect_files", "fingerprint", "iter_results", "lint_paths", "run"]
