"""``replylint serve``: the HTTP API through FastAPI's TestClient (the replylint[server] extra)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the HTTP API needs the server extra: pip install -e '.[dev,server]'")
pytest.importorskip("httpx2", reason="FastAPI's TestClient needs httpx2 (in the dev extra)")

from fastapi.testclient import TestClient

from replylint import Checker, Config
from replylint.server import (
    LOOPBACK_NAMES,
    ServerSettings,
    add_arguments,
    settings_from,
)
from replylint.server.app import Checkers, create_app

CUSTOMER = "Hi, my parcel is late. When will it be delivered? Can you refund the shipping fee?"
DRAFT = "Hi Sam, I'm sorry it's late. It will be delivered on Friday, 14 June.\n\nBest,\nAlex"


@pytest.fixture(scope="module")
def checkers() -> Checkers:
    return Checkers(Config(), max_variants=2)


@pytest.fixture(scope="module")
def client(checkers: Checkers) -> Iterator[TestClient]:
    with TestClient(create_app(checkers=checkers)) as c:
        yield c


def app_with(checkers: Checkers, **settings: Any) -> TestClient:
    return TestClient(create_app(checkers=checkers, settings=ServerSettings(**settings)), raise_server_exceptions=False)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])


def test_check_returns_the_library_report_json(client: TestClient, checkers: Checkers) -> None:
    response = client.post("/v1/check", json={"draft": DRAFT, "customer": CUSTOMER})
    assert response.status_code == 200
    assert response.text == Checker().check(DRAFT, CUSTOMER).model_dump_json()
    report = response.json()
    assert report["questions"] and {"text", "start", "end", "answered", "answered_by"} <= set(report["questions"][0])


def test_check_with_rule_selection_options_and_fail_level(client: TestClient) -> None:
    draft = "Per our SLA the L2 team handles it. We can't refund."
    body = {"draft": draft, "select": ["jargon"], "fail_on": "error", "rules": {"jargon": {"allow": ["SLA"]}}}
    report = client.post("/v1/check", json=body).json()
    assert [c["rule"] for c in report["checks"]] == ["jargon"]
    assert report["fail_on"] == "error" and report["ok"] is True
    flagged = {f["text"] for f in report["findings"]}
    assert "L2" in flagged and "SLA" not in flagged
    expected = Checker(
        Config.model_validate({"select": ["jargon"], "fail-on": "error", "rules": {"jargon": {"allow": ["SLA"]}}})
    )
    assert report == json.loads(expected.check(draft).model_dump_json())


def test_selection_variants_are_built_once_and_bounded(client: TestClient, checkers: Checkers) -> None:
    for _ in range(2):
        client.post("/v1/check", json={"draft": "Thanks!", "select": ["courtesy"]})
    first = checkers.for_selection(_selection(select=["courtesy"]))
    assert first is checkers.for_selection(_selection(select=["courtesy"]))
    checkers.for_selection(_selection(select=["length"]))
    checkers.for_selection(_selection(select=["blame"]))
    assert first is not checkers.for_selection(_selection(select=["courtesy"]))  # evicted (max 2)
    assert checkers.for_selection(_selection()) is checkers.default


def _selection(**fields: Any) -> Any:
    from replylint.server.app import RuleSelection

    return RuleSelection(**fields)


def test_check_batch_keeps_order_and_matches_check_many(client: TestClient) -> None:
    items: list[dict[str, Any]] = [
        {"draft": DRAFT, "customer": CUSTOMER},
        {"draft": "Thanks, we can't do that.", "channel": "chat"},
        {"draft": "Hi [NAME], done.", "macro": True},
    ]
    response = client.post("/v1/check-batch", json={"items": items})
    assert response.status_code == 200
    reports = response.json()["reports"]
    from replylint import Pair

    expected = Checker().check_many(
        [Pair(i["draft"], i.get("customer"), i.get("channel"), bool(i.get("macro"))) for i in items]
    )
    assert reports == [json.loads(r.model_dump_json()) for r in expected]


def test_batch_size_is_capped(checkers: Checkers) -> None:
    c = app_with(checkers, max_batch=2)
    error = assert_error(c.post("/v1/check-batch", json={"items": [{"draft": "Thanks."}] * 3}), 422, "batch_too_large")
    assert "at most 2" in error["message"]
    assert_error(c.post("/v1/check-batch", json={"items": []}), 422, "invalid_request")


def test_rules_and_healthz(client: TestClient) -> None:
    rules = {r["id"]: r for r in client.get("/v1/rules").json()["rules"]}
    assert rules["question-answered"]["enabled"] and rules["question-answered"]["default_severity"] == "error"
    assert rules["greeting"]["default_enabled"] is False and rules["greeting"]["enabled"] is False
    assert "terms" in rules["jargon"]["options"]["properties"]
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["version"]


def test_openapi_schema_and_offline_docs_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/check-batch", "/v1/rules", "/healthz"} <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    assert {"CheckRequest", "BatchRequest", "Report", "Finding", "Question", "ErrorResponse"} <= set(schemas)
    assert set(spec["paths"]["/v1/check"]["post"]["responses"]) >= {"200", "401", "413", "422", "503"}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text
    assert client.get("/redoc").status_code == 404


def test_playground_is_served_and_self_contained(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/playground.js", "/static/playground.css", "/static/docs.js", "/static/docs.css"):
        response = client.get(asset)
        assert response.status_code == 200, asset
        # offline: no resource from another host
        assert "http://" not in response.text and "https://" not in response.text, asset
    assert "http://" not in page.text and "https://" not in page.text


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"draft": ""}, "invalid_input"),
        ({"draft": "   "}, "invalid_input"),
        ({"draft": "Hi", "select": ["no-such-rule"]}, "invalid_selection"),
        ({"draft": "Hi", "rules": {"jargon": {"no_such_option": 1}}}, "invalid_selection"),
        ({"draft": "Hi", "rules": {"question-answered": {"backend": "semantic"}}}, "server_only_option"),
        ({"draft": 3}, "invalid_request"),
        ({"customer": "Hi?"}, "invalid_request"),
        ({"draft": "Hi", "config": "/etc/replylint.toml"}, "invalid_request"),
        ({"draft": "Hi", "packs": ["/tmp/evil"]}, "invalid_request"),
        ({"draft": "Hi", "model": "evil_module"}, "invalid_request"),
        ({"draft": "Hi", "channel": "fax"}, "invalid_request"),
    ],
)
def test_bad_requests_get_structured_422(client: TestClient, body: dict[str, Any], code: str) -> None:
    error = assert_error(client.post("/v1/check", json=body), 422, code)
    assert "evil" not in json.dumps(error)  # the input is not echoed back


def test_malformed_json_and_unknown_routes(client: TestClient) -> None:
    assert_error(
        client.post("/v1/check", content=b"{not json", headers={"Content-Type": "application/json"}),
        422,
        "invalid_request",
    )
    assert_error(client.get("/v2/nothing"), 404, "not_found")
    assert_error(client.get("/v1/check"), 405, "method_not_allowed")
    assert_error(client.get("/static/../../../etc/passwd"), 404, "not_found")


def test_oversized_body_is_413(checkers: Checkers) -> None:
    c = app_with(checkers, max_body=1000)
    big = {"draft": "word " * 400}
    assert_error(c.post("/v1/check", json=big), 413, "body_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap holds on the bytes read
        yield b'{"draft": "'
        for _ in range(50):
            yield b"x" * 100
        yield b'"}'

    assert_error(
        c.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"}), 413, "body_too_large"
    )
    assert c.post("/v1/check", json={"draft": "Thanks, all done."}).status_code == 200


def test_time_budget_answers_503(checkers: Checkers) -> None:
    c = app_with(checkers, time_budget=0.0005)
    error = assert_error(
        c.post("/v1/check", json={"draft": DRAFT * 20, "customer": CUSTOMER}), 503, "time_budget_exceeded"
    )
    assert "time budget" in error["message"]


def test_bearer_token(checkers: Checkers) -> None:
    c = app_with(checkers, token="s3cret")
    assert_error(c.post("/v1/check", json={"draft": "Thanks."}), 401, "unauthorized")
    wrong = c.post("/v1/check", json={"draft": "Thanks."}, headers={"Authorization": "Bearer nope"})
    assert_error(wrong, 401, "unauthorized")
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert_error(c.get("/v1/rules", headers={"Authorization": "Basic s3cret"}), 401, "unauthorized")
    ok = c.post("/v1/check", json={"draft": "Thanks."}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert c.get("/healthz").status_code == 200 and c.get("/").status_code == 200


def test_cors_only_when_configured(client: TestClient, checkers: Checkers) -> None:
    origin = {"Origin": "https://helpdesk.example"}
    plain = client.post("/v1/check", json={"draft": "Thanks."}, headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    c = app_with(checkers, cors_origins=("https://helpdesk.example",))
    allowed = c.post("/v1/check", json={"draft": "Thanks."}, headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://helpdesk.example"
    other = c.post("/v1/check", json={"draft": "Thanks."}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_preflight_passes_the_token_check(checkers: Checkers) -> None:
    c = app_with(checkers, token="s3cret", cors_origins=("https://helpdesk.example",))
    preflight = c.options(
        "/v1/check",
        headers={
            "Origin": "https://helpdesk.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://helpdesk.example"
    refused = c.post("/v1/check", json={"draft": "Thanks."}, headers={"Origin": "https://helpdesk.example"})
    assert_error(refused, 401, "unauthorized")
    assert refused.headers["access-control-allow-origin"] == "https://helpdesk.example"  # readable by the page
    assert_error(app_with(checkers, token="s3cret").options("/v1/check"), 405, "method_not_allowed")


def test_loopback_host_guard(checkers: Checkers) -> None:
    c = app_with(checkers, allowed_hosts=LOOPBACK_NAMES)
    assert_error(c.get("/healthz", headers={"Host": "attacker.example"}), 400, "bad_host")
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert c.get("/healthz", headers={"Host": host}).status_code == 200, host


def test_internal_errors_are_structured_json(checkers: Checkers, monkeypatch: pytest.MonkeyPatch) -> None:
    c = app_with(checkers)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(checkers.default, "check_many", boom)
    error = assert_error(c.post("/v1/check", json={"draft": "Thanks."}), 500, "internal_error")
    assert "secret" not in error["message"]


def _serve_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_serve_settings_default_to_loopback_and_need_a_token_elsewhere() -> None:
    args = _serve_args()
    assert args.host == "127.0.0.1" and args.port == 8000
    settings = settings_from(args, environ={})
    assert settings.allowed_hosts == LOOPBACK_NAMES and settings.token is None and settings.cors_origins == ()
    with pytest.raises(ValueError, match="REPLYLINT_TOKEN"):
        settings_from(_serve_args("--host", "0.0.0.0"), environ={})
    remote = settings_from(_serve_args("--host", "0.0.0.0"), environ={"REPLYLINT_TOKEN": "t"})
    assert remote.token == "t" and remote.allowed_hosts == ()
    assert settings_from(_serve_args("--host", "0.0.0.0", "--allow-remote"), environ={}).token is None
    assert settings_from(_serve_args("--cors-origin", "*"), environ={}).cors_origins == ("*",)
    with pytest.raises(ValueError):
        settings_from(_serve_args("--max-body", "0"), environ={})


def test_serve_command_is_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    from replylint.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out and "--cors-origin" in out


def test_serve_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if replylint[server] were not installed
    assert main(["serve", "--port", "0"]) == 2
    assert "pip install 'replylint[server]'" in capsys.readouterr().err


def test_serve_refuses_a_public_address_without_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    monkeypatch.delenv("REPLYLINT_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "REPLYLINT_TOKEN" in capsys.readouterr().err
