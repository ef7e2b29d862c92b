"""Accounts through the HTTP API: register, login, roles, members, API keys."""

from __future__ import annotations

import uuid

import pytest

from support.passwords import STRONG_PASSWORD

pytestmark = pytest.mark.asyncio


def _email() -> str:
    return f"u-{uuid.uuid4().hex[:10]}@test.chotdon.vn"


async def test_register_login_me(client):
    email = _email()
    r = await client.post(
        "/api/v1/auth/register",
        json={
            "email": email.upper(),
            "password": STRONG_PASSWORD,
            "name": "Lan",
            "workspace_name": "Shop Lan",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["user"]["email"] == email
    assert body["workspace"]["name"] == "Shop Lan"
    assert body["role"] == "owner"

    r = await client.post("/api/v1/auth/login", json={"email": email, "password": STRONG_PASSWORD})
    assert r.status_code == 200
    token = r.json()["access_token"]
    r = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    me = r.json()
    assert me["user"]["email"] == email and me["role"] == "owner"
    assert [w["name"] for w in me["workspaces"]] == ["Shop Lan"]


async def test_register_twice_is_a_conflict(client, tenant):
    r = await client.post(
        "/api/v1/auth/register",
        json={
            "email": tenant.email,
            "password": STRONG_PASSWORD,
            "name": "X",
            "workspace_name": "Y",
        },
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "email_taken"


@pytest.mark.parametrize(
    "password, status",
    [("sai-mat-khau", 401), ("", 422)],
)
async def test_wrong_password(client, tenant, password, status):
    r = await client.post("/api/v1/auth/login", json={"email": tenant.email, "password": password})
    assert r.status_code == status
    assert "error" in r.json()


async def test_unknown_email_and_wrong_password_look_the_same(client, tenant):
    a = await client.post("/api/v1/auth/login", json={"email": _email(), "password": "x" * 10})
    b = await client.post("/api/v1/auth/login", json={"email": tenant.email, "password": "x" * 10})
    assert a.status_code == b.status_code == 401
    assert a.json() == b.json()


async def test_login_is_rate_limited_per_account(client, tenant, monkeypatch):
    from chotdon.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "login_attempts_per_minute", 3)
    statuses = []
    for _ in range(5):
        r = await client.post(
            "/api/v1/auth/login", json={"email": tenant.email, "password": "wrong-pass"}
        )
        statuses.append(r.status_code)
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3:] == [429, 429]
    assert r.json()["error"]["code"] == "rate_limited"


async def test_password_is_hashed_with_argon2(tenant):
    from sqlalchemy import select

    from chotdon.accounts.models import User
    from chotdon.core.db import unit_of_work

    async with unit_of_work() as session:
        user = (await session.execute(select(User).where(User.email == tenant.email))).scalar_one()
    assert user.password_hash.startswith("$argon2")
    assert tenant.password not in user.password_hash


async def test_no_token_and_bad_token(client):
    r = await client.get("/api/v1/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = await client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"


async def test_owner_adds_agent_who_cannot_manage(tenant):
    agent = await tenant.add_member("agent")
    r = await agent.get("/api/v1/me")
    assert r.json()["role"] == "agent"
    # An agent cannot add members or manage API keys.
    r = await agent.post(
        "/api/v1/members",
        json={"email": _email(), "name": "X", "role": "agent"},
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert (await agent.get("/api/v1/api-keys")).status_code == 403
    assert (await agent.post("/api/v1/api-keys", json={"name": "k"})).status_code == 403
    # But sees the team.
    r = await agent.get("/api/v1/members")
    assert r.status_code == 200
    assert {m["role"] for m in r.json()["items"]} == {"owner", "agent"}


async def test_admin_cannot_create_owner(tenant):
    admin = await tenant.add_member("admin")
    r = await admin.post(
        "/api/v1/members",
        json={"email": _email(), "name": "X", "role": "owner"},
    )
    assert r.status_code == 403
    r = await admin.post(
        "/api/v1/members",
        json={"email": _email(), "name": "X", "role": "agent"},
    )
    assert r.status_code == 201


async def test_deactivated_member_loses_access(tenant):
    agent = await tenant.add_member("agent")
    members = (await tenant.get("/api/v1/members")).json()["items"]
    agent_membership = next(m for m in members if m["email"] == agent.email)
    r = await tenant.patch(f"/api/v1/members/{agent_membership['id']}", json={"is_active": False})
    assert r.status_code == 200 and r.json()["is_active"] is False
    assert (await agent.get("/api/v1/me")).status_code == 401


async def test_last_owner_cannot_be_removed(tenant):
    second_owner = await tenant.add_member("owner")
    members = (await tenant.get("/api/v1/members")).json()["items"]
    me = next(m for m in members if m["email"] == tenant.email)
    # Nobody can change their own membership...
    r = await tenant.delete(f"/api/v1/members/{me['id']}")
    assert r.status_code == 403
    # ...and the other owner can demote me, but then cannot be left without an owner.
    r = await second_owner.patch(f"/api/v1/members/{me['id']}", json={"role": "agent"})
    assert r.status_code == 200


async def test_api_keys(client, tenant):
    r = await tenant.post("/api/v1/api-keys", json={"name": "ERP"})
    assert r.status_code == 201
    created = r.json()
    key = created["key"]
    assert key.startswith("cd_")
    listed = (await tenant.get("/api/v1/api-keys")).json()["items"]
    assert [k["name"] for k in listed] == ["ERP"]
    assert "key" not in listed[0] and "key_hash" not in listed[0]

    r = await client.get("/api/v1/me", headers={"X-Api-Key": key})
    assert r.status_code == 200
    assert r.json()["workspace"]["id"] == tenant.workspace_id
    assert r.json()["user"] is None
    # An API key cannot manage API keys' owners' sessions (switch workspace needs a user).
    r = await client.post(
        "/api/v1/auth/switch-workspace", json={"workspace_id": 1}, headers={"X-Api-Key": key}
    )
    assert r.status_code == 403

    assert (await tenant.delete(f"/api/v1/api-keys/{created['id']}")).status_code == 204
    r = await client.get("/api/v1/me", headers={"X-Api-Key": key})
    assert r.status_code == 401


async def test_switch_workspace(client, tenant, make_tenant):
    other = await make_tenant(workspace_name="Shop Hai")
    # The owner of "Shop Hai" invites the first tenant's email as an agent there...
    r = await other.post(
        "/api/v1/members", json={"email": tenant.email, "name": "X", "role": "agent"}
    )
    assert r.status_code == 201
    # ...who joins while logged in.
    r = await tenant.post("/api/v1/auth/join", json={"token": r.json()["token"]})
    assert r.status_code == 200, r.text
    assert r.json()["workspace"]["name"] == "Shop Hai"
    r = await tenant.post(
        "/api/v1/auth/switch-workspace", json={"workspace_id": other.workspace_id}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["workspace"]["name"] == "Shop Hai" and body["role"] == "agent"
