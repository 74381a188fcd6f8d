"""Command line: argument parsing and exit codes only.

Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, configuration or input error.
Heavy imports (spaCy) happen only in the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

SEVERITIES = ("error", "warning", "info")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_common_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``check`` and ``lint``."""
    p.add_argument("--config", metavar="FILE", help="configuration file (default: discovered upward)")
    p.add_argument("--format", default="text", help="text, json, sarif, github or junit (default: text)")
    p.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that makes the exit code 1")
    p.add_argument("--select", type=_csv, metavar="RULES", help="only these rules (comma-separated)")
    p.add_argument("--extend-select", type=_csv, metavar="RULES", help="add rules that are off by default")
    p.add_argument("--ignore", type=_csv, metavar="RULES", help="switch these rules off")
    p.add_argument("--channel", choices=("email", "chat", "social"), help="channel-specific defaults")
    p.add_argument(
        "--min-precision",
        type=_fraction,
        metavar="P",
        help="rules measured less precise than P report 'possibly' at info (default 0.8; 0: every rule at its severity)",
    )
    p.add_argument("--explain", action="store_true", help="show questions, answers and evidence")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("fail_on", "select", "extend_select", "ignore", "channel", "min_precision"):
        value = getattr(args, key, None)
        if value is not None:
            out[key.replace("_", "-")] = value
    return out


def build_parser(*, lint_options: bool = True) -> argparse.ArgumentParser:
    """The command-line parser. ``lint_options=False`` leaves out the options of ``lint``, whose
    module (process pools, file readers) a ``check`` does not need to import."""
    parser = argparse.ArgumentParser(
        prog="replylint",
        description="Check a support agent's draft reply against the customer's message.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check one draft (optionally against the customer message)")
    check.add_argument("draft", metavar="DRAFT_FILE", help="the draft reply ('-' for standard input)")
    check.add_argument("--customer", metavar="FILE", help="the customer's message ('-' for standard input)")
    check.add_argument("--macro", action="store_true", help="the draft is a macro: template syntax is allowed")
    add_common_options(check)

    sub.add_parser("rules", help="list the rules with a one-line summary")
    explain = sub.add_parser("explain", help="print a rule's documentation with examples")
    explain.add_argument("rule", metavar="RULE")

    serve = sub.add_parser("serve", help="HTTP API and browser playground (needs replylint[server])")
    from replylint.server import add_arguments as add_serve_arguments

    add_serve_arguments(serve)

    lint_parser = sub.add_parser("lint", help="lint macro libraries: files and folders of canned responses")
    add_common_options(lint_parser)
    if lint_options:
        from replylint import lint

        lint.add_arguments(lint_parser)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first argument that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def check_writable(path: str | None, option: str) -> None:
    """Refuse, before any work, an output file that is a folder or lies in a missing folder (no
    folder is created on the user's behalf)."""
    if not path:
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{option} {path}: is a folder, not a file")
    if not target.parent.is_dir():
        raise UsageError(f"{option} {path}: the folder {target.parent} does not exist")


def emit(text: str, output: str | None) -> None:
    """Write a report to ``output`` (a file) or standard output."""
    if not output:
        sys.stdout.write(text + "\n")
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    except OSError as exc:
        raise UsageError(f"--output {output}: cannot write: {exc.strerror or exc}") from None


def cmd_check(args: argparse.Namespace) -> int:
    from replylint.checker import Checker
    from replylint.config import load_config
    from replylint.formatters import get_formatter
    from replylint.models import DocumentResult
    from replylint.textio import read_text

    if args.draft == "-" and args.customer == "-":
        raise UsageError("only one of DRAFT_FILE and --customer can be '-' (standard input)")
    formatter = get_formatter(args.format)
    check_writable(args.output, "--output")
    start = None if args.draft == "-" else args.draft
    config = load_config(args.config, start=start, overrides=overrides_from(args))
    draft = read_text(args.draft)
    customer = read_text(args.customer) if args.customer else None
    checker = Checker(config)
    report = checker.check(draft, customer, macro=args.macro)
    name = "<stdin>" if args.draft == "-" else args.draft
    result = DocumentResult(path=name, report=report)
    emit(formatter([result], fail_on=config.fail_on, explain=args.explain), args.output)
    return EXIT_OK if report.ok else EXIT_FINDINGS


def cmd_rules() -> int:
    from replylint.rules import all_rules

    rules = all_rules()
    width = max(len(r) for r in rules)
    for rid, cls in rules.items():
        flags = cls.default_severity.value + ("" if cls.default_enabled else ", off by default")
        sys.stdout.write(f"{rid:<{width}}  {cls.summary}  [{flags}]\n")
    return EXIT_OK


def cmd_explain(rule: str) -> int:
    from replylint.rules import all_rules

    rules = all_rules()
    if rule not in rules:
        raise UsageError(f"unknown rule '{rule}'; `replylint rules` lists them")
    sys.stdout.write(rules[rule].doc() + "\n")
    return EXIT_OK


class UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(lint_options=_command(args_in) in (None, "lint"))
    args = parser.parse_args(args_in)
    if args.version:
        from replylint import __version__

        sys.stdout.write(f"replylint {__version__}\n")
        return EXIT_OK
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    from replylint.errors import ReplylintError

    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rules":
            return cmd_rules()
        if args.command == "explain":
            return cmd_explain(args.rule)
        if args.command == "serve":
            from replylint import server

            return server.run(args)
        if args.command == "lint":
            from replylint import lint

            return int(lint.run(args))
    except (ReplylintError, UsageError, ValueError) as exc:
        sys.stderr.write(f"replylint: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    parser.print_help(sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
