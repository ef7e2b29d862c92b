"""Issue 13 item 1: adding staff is an invitation the invitee accepts; never a silent attach.

The attack: someone registers a shop's future staff e-mail first; when the owner "adds" that
e-mail, the attacker's account became a member (admin), the owner's password was ignored, the
answer showed the account's real name, and the account could not leave.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from chotdon.accounts.models import Invitation
from chotdon.core.db import unit_of_work
from support.passwords import STRONG_PASSWORD


def _email() -> str:
    return f"staff-{uuid.uuid4().hex[:10]}@test.chotdon.vn"


async def _register(client, email: str, name: str = "Kẻ Chiếm Quyền") -> str:
    r = await client.post(
        "/api/v1/auth/register",
        json={"email": email, "password": STRONG_PASSWORD, "name": name, "workspace_name": "X"},
    )
    assert r.status_code == 201, r.text
    return r.json()["access_token"]


async def test_adding_an_existing_account_does_not_attach_it(client, tenant):
    staff_email = _email()
    attacker = await _register(client, staff_email, name="Tên Thật Bí Mật")
    r = await tenant.post(
        "/api/v1/members", json={"email": staff_email, "name": "Nhân viên", "role": "admin"}
    )
    assert r.status_code == 201, r.text
    assert "Tên Thật Bí Mật" not in r.text  # no account's name revealed
    assert set(r.json()) >= {"id", "token", "url", "expires_at"}
    # Nobody joined: the account has no access to the shop, the team is unchanged.
    members = (await tenant.get("/api/v1/members")).json()["items"]
    assert [m["email"] for m in members] == [tenant.email]
    r = await client.post(
        "/api/v1/auth/switch-workspace",
        json={"workspace_id": tenant.workspace_id},
        headers={"Authorization": f"Bearer {attacker}"},
    )
    assert r.status_code == 404
    # The invitation is listed as pending for the owner.
    pending = (await tenant.get("/api/v1/invitations")).json()["items"]
    assert [i["email"] for i in pending] == [staff_email]


async def test_the_link_alone_never_attaches_an_existing_account(client, tenant):
    staff_email = _email()
    await _register(client, staff_email)
    token = (
        await tenant.post("/api/v1/members", json={"email": staff_email, "name": "NV"})
    ).json()["token"]
    r = await client.post(
        "/api/v1/auth/join", json={"token": token, "password": "Another-Strong-Pass-77"}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "account_exists"


async def test_invitee_sets_a_password_and_joins_once(client, tenant):
    email = _email()
    created = (
        await tenant.post("/api/v1/members", json={"email": email, "name": "Hằng", "role": "agent"})
    ).json()
    assert created["url"].endswith(f"/join#{created['token']}")
    r = await client.post("/api/v1/auth/invitation", json={"token": created["token"]})
    assert r.status_code == 200
    preview = r.json()
    assert preview["workspace"]["id"] == tenant.workspace_id and preview["email"] == email
    # A weak password is refused and does not use the invitation up.
    r = await client.post(
        "/api/v1/auth/join", json={"token": created["token"], "password": "12345678"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "weak_password"
    r = await client.post(
        "/api/v1/auth/join", json={"token": created["token"], "password": STRONG_PASSWORD}
    )
    assert r.status_code == 200, r.text
    assert r.json()["role"] == "agent" and r.json()["workspace"]["id"] == tenant.workspace_id
    # Single use.
    for path in ("/api/v1/auth/join", "/api/v1/auth/invitation"):
        r = await client.post(path, json={"token": created["token"], "password": STRONG_PASSWORD})
        assert r.status_code == 404 and r.json()["error"]["code"] == "invitation_invalid"
    r = await client.post("/api/v1/auth/login", json={"email": email, "password": STRONG_PASSWORD})
    assert r.status_code == 200 and r.json()["workspace"]["id"] == tenant.workspace_id


async def test_logged_in_invitee_joins_only_with_the_invited_email(client, tenant, make_tenant):
    invited, stranger = await make_tenant(), await make_tenant()
    token = (
        await tenant.post("/api/v1/members", json={"email": invited.email, "name": "NV"})
    ).json()["token"]
    r = await stranger.post("/api/v1/auth/join", json={"token": token})
    assert r.status_code == 403 and r.json()["error"]["code"] == "invitation_email_mismatch"
    r = await invited.post("/api/v1/auth/join", json={"token": token})
    assert r.status_code == 200 and r.json()["workspace"]["id"] == tenant.workspace_id


async def test_expired_and_revoked_invitations_are_refused(client, tenant):
    a = (await tenant.post("/api/v1/members", json={"email": _email(), "name": "A"})).json()
    b = (await tenant.post("/api/v1/members", json={"email": _email(), "name": "B"})).json()
    async with unit_of_work() as session:
        await session.execute(
            update(Invitation)
            .where(Invitation.id == a["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert (await tenant.delete(f"/api/v1/invitations/{b['id']}")).status_code == 204
    for token in (a["token"], b["token"], "not-a-token"):
        r = await client.post(
            "/api/v1/auth/join", json={"token": token, "password": STRONG_PASSWORD}
        )
        assert r.status_code == 404 and r.json()["error"]["code"] == "invitation_invalid"
    assert (await tenant.get("/api/v1/invitations")).json()["items"] == []


async def test_roles_for_invitations(tenant, make_tenant):
    admin = await tenant.add_member("admin")
    agent = await tenant.add_member("agent")
    body = {"email": _email(), "name": "X", "role": "admin"}
    assert (await admin.post("/api/v1/members", json=body)).status_code == 403
    assert (await agent.post("/api/v1/members", json={**body, "role": "agent"})).status_code == 403
    assert (await agent.get("/api/v1/invitations")).status_code == 403
    # Another workspace cannot withdraw our invitation.
    mine = (await tenant.post("/api/v1/members", json={**body, "role": "agent"})).json()
    other = await make_tenant()
    assert (await other.delete(f"/api/v1/invitations/{mine['id']}")).status_code == 404


async def test_members_can_leave_but_not_the_last_owner(tenant):
    agent = await tenant.add_member("agent")
    assert (await agent.delete("/api/v1/members/me")).status_code == 204
    assert (await agent.get("/api/v1/me")).status_code == 401
    emails = [m["email"] for m in (await tenant.get("/api/v1/members")).json()["items"]]
    assert agent.email not in emails
    r = await tenant.delete("/api/v1/members/me")
    assert r.status_code == 409 and r.json()["error"]["code"] == "last_owner"
