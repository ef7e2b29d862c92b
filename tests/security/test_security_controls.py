"""Security controls a shop relies on, checked through the API:
page tokens encrypted at rest, never returned, never logged; formula injection neutralised in
exports; uploads typed by content, not by name; body size limits; security headers; CORS
closed by default; webhook signatures required."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from typing import Any

import httpx
from sqlalchemy import select

from chotdon.channels.models import Channel, WebhookDelivery
from chotdon.core.db import unit_of_work
from chotdon.core.security import decrypt_secret

from .report import record

FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=cmd|'/c calc'!A0",
]


async def test_page_token_is_encrypted_at_rest_never_returned_never_logged(
    fb: Any, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    page = await fb.connect()
    token = page.access_token
    channel_id = fb.channel["id"]
    bodies = [
        (await fb.tenant.get("/api/v1/channels")).text,
        (await fb.tenant.get(f"/api/v1/channels/{channel_id}")).text,
        (await fb.tenant.post(f"/api/v1/channels/{channel_id}/sync")).text,
    ]
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, int(channel_id))
        stored = channel.access_token_encrypted or ""
    assert token not in stored and decrypt_secret(stored) == token
    assert not any(token in b for b in bodies), "the page token is in an API answer"
    logged = "\n".join(
        r.getMessage() + str(r.__dict__.get("exc_text") or "") for r in caplog.records
    )
    assert token not in logged, "the page token was logged"
    record("security: secret checks (at rest, answers, logs)", 3)


async def test_webhook_without_valid_signature_is_refused_and_not_stored(client: Any) -> None:
    body = b'{"object":"page","entry":[{"id":"qa-unsigned","messaging":[]}]}'
    for headers in (
        {},
        {"X-Hub-Signature-256": "sha256=" + "0" * 64},
        {"X-Hub-Signature-256": "sha1=abc"},
    ):
        r = await client.post("/webhooks/facebook", content=body, headers=headers)
        assert r.status_code == 403, r.text
    async with unit_of_work() as session:
        rows = (await session.execute(select(WebhookDelivery.body))).scalars().all()
    assert not any(b"qa-unsigned" in b for b in rows)
    record("security: webhook signature checks", 3)


async def test_exports_neutralise_spreadsheet_formulas(tenant: Any) -> None:
    for i, formula in enumerate(FORMULAS):
        r = await tenant.post(
            "/api/v1/products", json={"sku": f"QA-F{i}", "name": formula, "price": 1000, "stock": 1}
        )
        assert r.status_code == 201, r.text
    r = await tenant.get("/api/v1/products/export.csv")
    assert r.status_code == 200
    cells = [c for row in csv.reader(io.StringIO(r.text)) for c in row]
    xlsx = await tenant.get("/api/v1/products/export.xlsx")
    assert xlsx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/"))
    for formula in FORMULAS:
        assert formula not in cells, f"raw formula in CSV: {formula}"
        assert any(c.endswith(formula) for c in cells), f"{formula} missing from the CSV"
        assert b"<f>" not in sheets, "a formula cell in the xlsx export"
    record("security: formula injection checks", len(FORMULAS) * 2)


async def test_uploads_are_checked_by_content_and_type(tenant: Any) -> None:
    png_header = b"\x89PNG\r\n\x1a\n"
    refused = 0
    for name, content, ctype in (
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("fake.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("run.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("x.svg", b"<svg onload=alert(1)>", "image/svg+xml"),
    ):
        r = await tenant.post("/api/v1/media", files={"file": (name, content, ctype)})
        assert 400 <= r.status_code < 500, f"{name}: {r.status_code} {r.text[:200]}"
        refused += 1
    r = await tenant.post(
        "/api/v1/media", files={"file": ("ok.png", png_header + b"\x00" * 64, "image/png")}
    )
    assert r.status_code in (200, 201), r.text
    record("security: upload checks", refused + 1)


async def test_body_size_limit_answers_413_in_the_error_shape(tenant: Any) -> None:
    r = await tenant.client.post(
        "/api/v1/tags",
        content=b'{"name":"' + b"a" * (3 * 1024 * 1024) + b'"}',
        headers={**tenant.headers, "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"
    record("security: body limit checks", 1)


async def test_security_headers_and_closed_cors(client: httpx.AsyncClient) -> None:
    for path in ("/api/v1/me", "/healthz", "/"):
        r = await client.get(path)
        assert r.headers.get("x-content-type-options") == "nosniff", path
        assert r.headers.get("x-frame-options") == "DENY", path
        assert "frame-ancestors 'none'" in r.headers.get("content-security-policy", ""), path
        assert r.headers.get("referrer-policy"), path
    r = await client.options(
        "/api/v1/me",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert "access-control-allow-origin" not in r.headers
    r = await client.get("/api/v1/me", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    record("security: header / CORS checks", 5)
