"""Issue 13 item 7: registration refuses weak passwords and is rate-limited per IP."""

from __future__ import annotations

import uuid

import httpx
import pytest

from chotdon.accounts.passwords import password_problem
from chotdon.core.settings import get_settings
from support.passwords import STRONG_PASSWORD


@pytest.mark.parametrize(
    "password, refused",
    [
        ("12345678", True),
        ("password123", True),
        ("matkhau123", True),  # "mật khẩu" is Vietnamese for "password"
        ("qwertyuiop", True),
        ("aaaaaaaaaaaa", True),
        ("lanhuong2024", True),  # the person's own name
        ("short", True),
        (STRONG_PASSWORD, False),
        ("con-meo-tren-mai-nha-42", False),
        ("x" * 150 + "unchecked-long", False),
    ],
)
def test_password_strength(password: str, refused: bool) -> None:
    problem = password_problem(password, "lan.huong@shop.vn", "Lan Hương", "Shop Lan")
    assert (problem is not None) is refused, problem


def _register_body(password: str) -> dict[str, str]:
    return {
        "email": f"weak-{uuid.uuid4().hex[:10]}@test.chotdon.vn",
        "password": password,
        "name": "Lan",
        "workspace_name": "Shop Lan",
    }


@pytest.mark.parametrize("password", ["12345678", "password1", "matkhau123", "shoplan123"])
async def test_register_refuses_common_and_simple_passwords(client, password):
    r = await client.post("/api/v1/auth/register", json=_register_body(password))
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "weak_password"
    assert [d["field"] for d in error["details"]] == ["password"]


async def test_registration_is_rate_limited_per_ip(app, monkeypatch):
    monkeypatch.setattr(get_settings(), "registrations_per_hour", 3)
    ip = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        for _ in range(3):
            r = await c.post("/api/v1/auth/register", json=_register_body(STRONG_PASSWORD))
            assert r.status_code == 201, r.text
        r = await c.post("/api/v1/auth/register", json=_register_body(STRONG_PASSWORD))
        assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited"
    # Another address is not affected.
    other = httpx.ASGITransport(app=app, client=("198.51.100.9", 40000))
    async with httpx.AsyncClient(transport=other, base_url="http://testserver") as c:
        r = await c.post("/api/v1/auth/register", json=_register_body(STRONG_PASSWORD))
        assert r.status_code == 201, r.text
