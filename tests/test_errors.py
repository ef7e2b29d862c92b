"""Every 4xx/5xx answers in one JSON shape; no input causes a 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio


def assert_error_shape(response, status, code=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


async def test_unknown_api_route(client):
    assert_error_shape(await client.get("/api/v1/nope"), 404, "not_found")
    assert_error_shape(await client.post("/api/v1/nope", json={}), 404, "not_found")


async def test_wrong_method(client):
    assert_error_shape(await client.delete("/api/v1/auth/login"), 405, "method_not_allowed")


async def test_malformed_json(client):
    r = await client.post(
        "/api/v1/auth/register", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error_shape(r, 400, "malformed_json")


async def test_validation_lists_field_paths(client):
    r = await client.post("/api/v1/auth/register", json={"email": "not-an-email", "password": 5})
    error = assert_error_shape(r, 422, "validation_error")
    fields = {d["field"] for d in error["details"]}
    assert {"email", "password", "name", "workspace_name"} <= fields
    assert all(set(d) == {"field", "message"} for d in error["details"])


@pytest.mark.parametrize(
    "body",
    [[], "text", 123, None, {"email": ["a"]}, {"email": {"$gt": ""}, "password": {}}],
)
async def test_wrong_types_never_500(client, body):
    r = await client.post("/api/v1/auth/login", json=body)
    assert_error_shape(r, 422, "validation_error")


async def test_oversized_body(client):
    big = b'{"email": "' + b"a" * (3 * 1024 * 1024) + b'"}'
    r = await client.post(
        "/api/v1/auth/login", content=big, headers={"Content-Type": "application/json"}
    )
    assert_error_shape(r, 413, "payload_too_large")


@pytest.mark.parametrize(
    ("path_id", "status", "code"),
    [
        ("abc", 422, "validation_error"),  # not an id at all
        ("-1", 404, "not_found"),  # an integer that names nothing
        ("99999999999999999999999", 404, "not_found"),
        ("0", 404, "not_found"),
    ],
)
async def test_bad_ids_are_422_when_not_integers_and_404_otherwise(tenant, path_id, status, code):
    r = await tenant.delete(f"/api/v1/api-keys/{path_id}")
    assert_error_shape(r, status, code)


async def test_healthz(client):
    r = await client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["redis"] == "ok"


async def test_spa_fallback_serves_html(client):
    r = await client.get("/inbox/123")
    assert r.status_code == 200
    assert "text/html" in r.headers["content-type"]


async def test_security_headers(client):
    r = await client.get("/healthz")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-request-id"]


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/v1/conversations/bulk", {"ids": [2**63], "action": "read"}),
        (
            "/api/v1/quick-replies",
            {"name": "x", "channel_ids": [2**64], "messages": [{"text": "a"}]},
        ),
    ],
)
async def test_ids_beyond_64_bits_are_a_4xx(tenant, path, body):
    r = await tenant.post(path, json=body)
    assert r.status_code in (404, 422), r.text
    assert_error_shape(r, r.status_code)


async def test_non_ascii_page_token_is_a_422(tenant):
    r = await tenant.post(
        "/api/v1/channels/facebook", json={"page_id": "123", "access_token": "tôken"}
    )
    error = assert_error_shape(r, 422, "validation_error")
    assert error["details"][0]["field"] == "access_token"
