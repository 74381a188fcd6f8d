"""``replylint serve``: an HTTP API and a browser playground (the ``replylint[server]`` extra).

This module holds only what the command line needs (options, settings, start-up checks) and
imports neither FastAPI nor spaCy, so ``replylint --help`` stays fast and a missing extra gives a
clear message. The application itself is :func:`replylint.server.app.create_app`.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from dataclasses import dataclass, field

#: The environment variable holding the optional bearer token (not an option: argv is visible
#: to every user of the machine).
TOKEN_ENV = "REPLYLINT_TOKEN"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY = 1_000_000
DEFAULT_TIME_BUDGET = 10.0
DEFAULT_MAX_BATCH = 64
DEFAULT_VARIANTS = 8

_INSTALL_HINT = "replylint serve needs the server extra: pip install 'replylint[server]'"


@dataclass(frozen=True)
class ServerSettings:
    """Limits and safety settings of the HTTP API (see README, "HTTP API and playground")."""

    #: Largest request body in bytes; a larger one is answered 413 before it is parsed.
    max_body: int = DEFAULT_MAX_BODY
    #: Seconds one request may take (a batch included); past it the answer is 503.
    time_budget: float = DEFAULT_TIME_BUDGET
    #: Most items in one ``/v1/check-batch`` request.
    max_batch: int = DEFAULT_MAX_BATCH
    #: Distinct rule selections/options kept as compiled Checkers (least recently used go first).
    max_variants: int = DEFAULT_VARIANTS
    #: When set, every ``/v1/`` request needs ``Authorization: Bearer <token>``.
    token: str | None = None
    #: Origins allowed by CORS; empty means no CORS headers at all ("*" only when given).
    cors_origins: tuple[str, ...] = ()
    #: Accepted host names of the ``Host`` header, port ignored (DNS-rebinding guard); empty: any.
    allowed_hosts: tuple[str, ...] = field(default=())


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


#: Host names (without the port) a browser uses for a loopback server.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Options of ``replylint serve``."""
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST}, loopback only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: discovered from the current folder)")
    p.add_argument(
        "--max-body",
        type=int,
        default=DEFAULT_MAX_BODY,
        metavar="BYTES",
        help=f"largest request body (default: {DEFAULT_MAX_BODY})",
    )
    p.add_argument(
        "--time-budget",
        type=float,
        default=DEFAULT_TIME_BUDGET,
        metavar="SECONDS",
        help=f"time one request may take (default: {DEFAULT_TIME_BUDGET:g})",
    )
    p.add_argument(
        "--max-batch",
        type=int,
        default=DEFAULT_MAX_BATCH,
        metavar="N",
        help=f"most drafts in one check-batch request (default: {DEFAULT_MAX_BATCH})",
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser calls from ORIGIN (repeatable; '*' only when given explicitly)",
    )
    p.add_argument(
        "--allow-remote", action="store_true", help=f"allow binding a non-loopback address without ${TOKEN_ENV}"
    )


def settings_from(args: argparse.Namespace, environ: dict[str, str] | None = None) -> ServerSettings:
    """Validated settings from the parsed options and the environment; ValueError names the problem."""
    env = os.environ if environ is None else environ
    token = env.get(TOKEN_ENV) or None
    if args.max_body < 1 or args.time_budget <= 0 or args.max_batch < 1:
        raise ValueError("--max-body, --time-budget and --max-batch must be positive")
    if not 0 <= args.port <= 65535:
        raise ValueError(f"--port {args.port} is not a TCP port")
    loopback = is_loopback(args.host)
    if not loopback and token is None and not args.allow_remote:
        raise ValueError(
            f"--host {args.host} exposes the checker beyond this machine without authentication; "
            f"set ${TOKEN_ENV} to require a bearer token, or pass --allow-remote"
        )
    return ServerSettings(
        max_body=args.max_body,
        time_budget=args.time_budget,
        max_batch=args.max_batch,
        token=token,
        cors_origins=tuple(args.cors_origin),
        allowed_hosts=LOOPBACK_NAMES if loopback else (),
    )


def run(args: argparse.Namespace) -> int:
    """``replylint serve``: build the app (loads spaCy once) and serve it until interrupted."""
    settings = settings_from(args)
    try:
        import uvicorn

        from replylint.server.app import create_app
    except ImportError as exc:
        sys.stderr.write(f"replylint: error: {_INSTALL_HINT} ({exc})\n")
        return 2
    from replylint.config import load_config

    config = load_config(args.config)
    app = create_app(config, settings)
    import gc

    gc.collect()
    gc.freeze()  # a long-running process: keep the model out of cyclic collections (README, Python API)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    sys.stderr.write(f"replylint: playground at http://{shown}:{args.port}/ (API docs at /docs)\n")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


__all__ = ["TOKEN_ENV", "ServerSettings", "add_arguments", "is_loopback", "run", "settings_from"]
