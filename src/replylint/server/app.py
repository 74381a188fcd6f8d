"""The FastAPI application behind ``replylint serve``.

One :class:`~replylint.checker.Checker`, built with the server's configuration, serves every
request. A request that selects rules, sets rule options or a fail level is served by a variant
Checker built once for that selection and kept (a small LRU; the spaCy pipeline is shared, only
the rule packs compile again). Nothing in a request names a file, a model or a pack folder.

Every 4xx/5xx answer has one JSON shape: ``{"error": {"status", "code", "message", "details"}}``.
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from replylint import __version__
from replylint.checker import Checker, Pair
from replylint.config import Channel, Config
from replylint.errors import ConfigError, InputError, ReplylintError
from replylint.models import Report, Severity
from replylint.rules import all_rules
from replylint.server import ServerSettings

STATIC = Path(__file__).parent / "static"

#: Rule options a request may not set: they load models or change the shared pipeline.
SERVER_ONLY_OPTIONS = {"question-answered": ("backend",)}

T = TypeVar("T")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# -- request and response models -------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleSelection(_Strict):
    """Which rules run and how; unset fields keep the server's configuration."""

    select: list[str] | None = Field(default=None, description="only these rule ids")
    extend_select: list[str] = Field(default_factory=list, description="add rules that are off by default")
    ignore: list[str] = Field(default_factory=list, description="switch these rules off")
    fail_on: Severity | None = Field(default=None, description="lowest severity that makes `ok` false")
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="options per rule id, as in `[rules.<id>]` of replylint.toml"
    )

    def overrides(self) -> dict[str, Any]:
        """The configuration keys this selection changes (empty: the server's own Checker)."""
        out: dict[str, Any] = {}
        if self.select is not None:
            out["select"] = self.select
        for key, value in (("extend-select", self.extend_select), ("ignore", self.ignore), ("rules", self.rules)):
            if value:
                out[key] = value
        if self.fail_on is not None:
            out["fail-on"] = self.fail_on.value
        return out


class CheckItem(_Strict):
    draft: str = Field(description="the agent's draft reply")
    customer: str | None = Field(default=None, description="the customer's message it answers")
    channel: Channel | None = Field(default=None, description="email / chat / social")
    macro: bool = Field(default=False, description="the draft is a macro: helpdesk template syntax is allowed")

    def pair(self) -> Pair:
        return Pair(self.draft, self.customer, self.channel, self.macro)


class CheckRequest(CheckItem, RuleSelection):
    """One draft to check, optionally against the customer message, with an optional rule selection."""


class BatchRequest(RuleSelection):
    """Many drafts checked with one rule selection, in one pass; reports come back in order."""

    items: list[CheckItem] = Field(min_length=1, description="the drafts to check")


class BatchResponse(_Strict):
    reports: list[Report]


class RuleInfo(_Strict):
    id: str
    summary: str
    default_severity: Severity
    default_enabled: bool
    enabled: bool = Field(description="runs with the server's configuration")
    options: dict[str, Any] = Field(description="JSON schema of the rule's options")


class RulesResponse(_Strict):
    rules: list[RuleInfo]


class Health(_Strict):
    status: Literal["ok"] = "ok"
    version: str


class ErrorBody(_Strict):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorResponse(_Strict):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in (
        (401, "missing or wrong bearer token"),
        (413, "request body over the size cap"),
        (422, "invalid request, input or rule selection"),
        (503, "the per-request time budget ran out"),
    )
}


class ApiError(Exception):
    """An error answered with the JSON error shape."""

    def __init__(self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(status=status, code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


# -- the shared Checker and its variants -------------------------------------------------------
class Checkers:
    """The server's Checker plus variants per rule selection (bounded LRU, built once each)."""

    def __init__(self, config: Config, max_variants: int) -> None:
        self.config = config
        self.default = Checker(config)
        self._max = max_variants
        self._variants: OrderedDict[str, Checker] = OrderedDict()
        self._lock = threading.Lock()

    def for_selection(self, selection: RuleSelection) -> Checker:
        overrides = selection.overrides()
        if not overrides:
            return self.default
        for rid, names in SERVER_ONLY_OPTIONS.items():
            for name in names:
                options = overrides.get("rules", {}).get(rid, {})
                if name in options or name.replace("_", "-") in options:
                    raise ApiError(
                        422,
                        "server_only_option",
                        f"rules.{rid}.{name} is a server setting (set it in the server's replylint.toml)",
                    )
        key = json.dumps(overrides, sort_keys=True)
        with self._lock:  # one build per selection, even when requests race for it
            checker = self._variants.get(key)
            if checker is None:
                checker = Checker(self.config.merged(overrides))
                self._variants[key] = checker
                while len(self._variants) > self._max:
                    self._variants.popitem(last=False)
            else:
                self._variants.move_to_end(key)
            return checker


async def within_budget(budget: float, fn: Callable[[], T]) -> T:
    """Run ``fn`` in a worker thread; answer 503 when it is not done within ``budget`` seconds.

    The worker cannot be killed: it is abandoned and finishes on its own (a batch stops at its
    deadline, see ``_check_batch``); the caller gets its answer on time.
    """
    try:
        with anyio.fail_after(budget):
            return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
    except TimeoutError:
        message = f"the request took longer than its time budget ({budget:g} s)"
        raise ApiError(503, "time_budget_exceeded", message) from None


def _check_batch(checker: Checker, pairs: list[Pair], deadline: float) -> list[Report]:
    reports: list[Report] = []
    for report in checker.iter_check(pairs):
        if time.monotonic() > deadline:
            break  # the caller has answered 503 already
        reports.append(report)
    return reports


# -- the guard: host, token, body cap ----------------------------------------------------------
class Guard:
    """ASGI middleware: Host allow-list, bearer token on ``/v1/``, body size cap (413), and the
    security headers on every response.

    The body is read here, up to the cap, before the application sees the request, so an
    oversized body is refused whether or not it declares its length.
    """

    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {bytes(k).lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.lower().encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.lower().encode() not in present
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is None:
            body, refusal = await self._read_body(headers, receive)
        if refusal is not None:
            await refusal(scope, receive, send_secured)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:  # the body was read above; what comes next is the client's disconnect
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send_secured)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        allowed = self.settings.allowed_hosts
        if allowed and _host_name(headers.get("host", "")) not in allowed:
            return error_response(400, "bad_host", "this server answers to loopback host names only")
        token = self.settings.token
        # a CORS preflight carries no credentials by design; CORSMiddleware (or a 405) answers it
        preflight = scope.get("method") == "OPTIONS"
        if token and not preflight and str(scope.get("path", "")).startswith("/v1/"):
            given = headers.get("authorization", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
                return error_response(
                    401,
                    "unauthorized",
                    "a valid 'Authorization: Bearer <token>' header is required",
                    headers={"WWW-Authenticate": "Bearer"},
                )
        return None

    async def _read_body(self, headers: dict[str, str], receive: Receive) -> tuple[bytes, Response | None]:
        cap = self.settings.max_body
        too_large = error_response(413, "body_too_large", f"the request body is larger than {cap} bytes")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return b"", too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = bytes(message.get("body", b""))
            size += len(chunk)
            if size > cap:
                return b"", too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks), None


def _host_name(host: str) -> str:
    """The name part of a Host header: ``localhost:8000`` -> ``localhost``, ``[::1]:80`` -> ``::1``."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
}


# -- the application ---------------------------------------------------------------------------
def create_app(
    config: Config | None = None, settings: ServerSettings | None = None, checkers: Checkers | None = None
) -> FastAPI:
    """The API and playground. Builds the Checker (loads spaCy) unless ``checkers`` is given."""
    config = config or Config()
    settings = settings or ServerSettings()
    shared = checkers or Checkers(config, settings.max_variants)
    app = FastAPI(
        title="replylint",
        version=__version__,
        description="Checks a support agent's draft reply against the customer's message. "
        'The playground is at `/`; every error answers `{"error": {status, code, message, details}}`.',
        docs_url=None,  # FastAPI's docs page loads its scripts from a CDN; /docs below is offline
        redoc_url=None,
    )
    app.state.checkers = shared
    _add_error_handlers(app)

    # the last added runs first: CORS (when configured) wraps the guard, so its refusals (401, 413)
    # carry the CORS headers a browser needs to read them; the guard runs before anything reads
    # the body
    app.add_middleware(Guard, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )

    budget = settings.time_budget

    @app.post("/v1/check", response_model=Report, responses=ERROR_RESPONSES, tags=["check"])
    async def check(body: CheckRequest) -> Response:
        """Check one draft; the answer is the library's Report JSON (`Report.model_dump_json()`)."""
        report = await within_budget(budget, lambda: shared.for_selection(body).check_many([body.pair()])[0])
        return Response(report.model_dump_json(), media_type="application/json")

    @app.post("/v1/check-batch", response_model=BatchResponse, responses=ERROR_RESPONSES, tags=["check"])
    async def check_batch(body: BatchRequest) -> Response:
        """Check up to `--max-batch` drafts with one rule selection in one parsing pass."""
        if len(body.items) > settings.max_batch:
            message = f"at most {settings.max_batch} items per batch (got {len(body.items)})"
            raise ApiError(422, "batch_too_large", message)
        deadline = time.monotonic() + budget
        pairs = [item.pair() for item in body.items]
        reports = await within_budget(budget, lambda: _check_batch(shared.for_selection(body), pairs, deadline))
        return Response(BatchResponse(reports=reports).model_dump_json(), media_type="application/json")

    @app.get("/v1/rules", response_model=RulesResponse, responses=ERROR_RESPONSES, tags=["rules"])
    def rules() -> RulesResponse:
        """Every rule with its summary, defaults, whether it runs here and its options' schema."""
        enabled = {a.rule.id for a in shared.default.rules}
        return RulesResponse(
            rules=[
                RuleInfo(
                    id=rid,
                    summary=cls.summary,
                    default_severity=cls.default_severity,
                    default_enabled=cls.default_enabled,
                    enabled=rid in enabled,
                    options=cls.Options.model_json_schema(),
                )
                for rid, cls in all_rules().items()
            ]
        )

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz() -> Health:
        """Liveness: the Checker is built and the server answers."""
        return Health(version=__version__)

    @app.get("/", include_in_schema=False)
    def playground() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.message, exc.details)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        codes = {404: "not_found", 405: "method_not_allowed"}
        return error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail), headers=dict(exc.headers or {})
        )

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        # the offending input is not echoed back: it may be a whole draft
        details = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        return error_response(422, "invalid_request", "the request body does not match the schema", details)

    async def replylint_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ReplylintError)
        code = {InputError: "invalid_input", ConfigError: "invalid_selection"}.get(type(exc), "checker_error")
        status = 422 if code != "checker_error" else 500
        return error_response(status, code, str(exc))

    async def internal_error(request: Request, exc: Exception) -> Response:
        return error_response(500, "internal_error", "internal server error")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(ReplylintError, replylint_error)
    app.add_exception_handler(Exception, internal_error)


__all__ = ["ApiError", "BatchRequest", "CheckRequest", "Checkers", "create_app"]
