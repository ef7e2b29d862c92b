"""Issue 13 item 6: sessions can end — short access tokens with a rotating refresh token,
logout, password change (ends the other sessions), password reset by a single-use link, and
tokens without an expiry refused."""

from __future__ import annotations

import logging
import re

import jwt

from chotdon.core.settings import get_settings
from support.passwords import STRONG_PASSWORD

NEW_PASSWORD = "Doi-Mat-Khau-Moi-8zK!"


async def _login(client, email: str, password: str = STRONG_PASSWORD) -> dict:
    r = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    return r.json()


async def _me(client, access: str) -> int:
    r = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"})
    return r.status_code


async def _refresh(client, refresh: str):
    return await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh})


async def test_tokens_without_expiry_or_session_are_refused(client, tenant):
    claims = jwt.decode(tenant.token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 15 * 60  # short-lived access tokens
    key = get_settings().secret_key
    for drop in ("exp", "sid", "iat"):
        forged = jwt.encode({k: v for k, v in claims.items() if k != drop}, key, "HS256")
        assert await _me(client, forged) == 401, drop
    assert await _me(client, tenant.token) == 200


async def test_refresh_rotates_and_logout_ends_the_session(client, tenant):
    auth = await _login(client, tenant.email)
    r = await _refresh(client, auth["refresh_token"])
    assert r.status_code == 200, r.text
    renewed = r.json()
    assert renewed["refresh_token"] != auth["refresh_token"]
    assert await _me(client, renewed["access_token"]) == 200
    # The used refresh token is spent.
    r = await _refresh(client, auth["refresh_token"])
    assert r.status_code == 401 and r.json()["error"]["code"] == "session_ended"
    # Logout: the access token and the refresh token stop working; other sessions do not.
    headers = {"Authorization": f"Bearer {renewed['access_token']}"}
    assert (await client.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    assert await _me(client, renewed["access_token"]) == 401
    assert (await _refresh(client, renewed["refresh_token"])).status_code == 401
    assert await _me(client, tenant.token) == 200


async def test_password_change_ends_the_other_sessions(client, tenant):
    here, there = await _login(client, tenant.email), await _login(client, tenant.email)
    headers = {"Authorization": f"Bearer {here['access_token']}"}
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "wrong-one", "new_password": NEW_PASSWORD},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "wrong_password"
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": STRONG_PASSWORD, "new_password": "12345678"},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "weak_password"
    r = await client.post(
        "/api/v1/auth/password",
        json={"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD},
        headers=headers,
    )
    assert r.status_code == 204, r.text
    assert await _me(client, here["access_token"]) == 200
    assert await _me(client, there["access_token"]) == 401
    assert await _me(client, tenant.token) == 401
    assert (await _refresh(client, there["refresh_token"])).status_code == 401
    r = await client.post(
        "/api/v1/auth/login", json={"email": tenant.email, "password": STRONG_PASSWORD}
    )
    assert r.status_code == 401
    await _login(client, tenant.email, NEW_PASSWORD)


async def test_password_reset_by_a_single_use_link(client, tenant, make_tenant, caplog):
    before = await _login(client, tenant.email)
    with caplog.at_level(logging.WARNING, logger="chotdon.accounts.mail"):
        r = await client.post("/api/v1/auth/password-reset", json={"email": tenant.email})
        assert r.status_code == 202
        unknown = await client.post(
            "/api/v1/auth/password-reset", json={"email": "nobody-xyz@test.chotdon.vn"}
        )
        assert unknown.status_code == 202 and unknown.text == r.text  # tells nothing
    links = [m for m in caplog.messages if tenant.email in m]
    assert len(links) == 1, caplog.messages
    token = re.search(r"/reset-password#([\w-]+)", links[0]).group(1)
    r = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": "12345678"}
    )
    assert r.status_code == 422
    r = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 204, r.text
    assert await _me(client, before["access_token"]) == 401  # every session ended
    r = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "reset_invalid"
    await _login(client, tenant.email, NEW_PASSWORD)


async def test_an_ended_membership_ends_refresh(client, tenant):
    agent = await tenant.add_member("agent")
    auth = await _login(client, agent.email)
    assert (await agent.delete("/api/v1/members/me")).status_code == 204
    assert (await _refresh(client, auth["refresh_token"])).status_code == 401
