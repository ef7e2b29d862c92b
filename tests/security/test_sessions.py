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
    # Logout: the access token and the refresh token stop working; other sessions do not.
    headers = {"Authorization": f"Bearer {renewed['access_token']}"}
    assert (await client.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    assert await _me(client, renewed["access_token"]) == 401
    r = await _refresh(client, renewed["refresh_token"])
    assert r.status_code == 401 and r.json()["error"]["details"] == {"reason": "logout"}
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


# ---------------------------------------------------------------- refresh token reuse


def _ended_reason(r) -> str | None:
    assert r.status_code == 401, r.text
    body = r.json()["error"]
    assert body["code"] == "session_ended", body
    return (body.get("details") or {}).get("reason")


async def test_a_spent_refresh_token_used_again_ends_the_whole_session(client, tenant):
    auth = await _login(client, tenant.email)
    r = await _refresh(client, auth["refresh_token"])
    assert r.status_code == 200, r.text
    renewed = r.json()
    # Someone replays the first (spent) refresh token: refused, and the session is over.
    assert _ended_reason(await _refresh(client, auth["refresh_token"])) == "refresh_token_reused"
    assert await _me(client, renewed["access_token"]) == 401
    # The person's own next renewal fails too, and says why.
    assert _ended_reason(await _refresh(client, renewed["refresh_token"])) == (
        "refresh_token_reused"
    )
    assert await _me(client, tenant.token) == 200  # another login session goes on
    r = await tenant.get("/api/v1/auth/sessions")
    assert auth["access_token"] not in r.text and len(r.json()["items"]) == 1


async def test_a_stolen_refresh_token_used_first_by_the_thief_ends_the_thiefs_tokens(
    client, tenant
):
    auth = await _login(client, tenant.email)
    r = await _refresh(client, auth["refresh_token"])  # the thief renews first
    assert r.status_code == 200
    thief = r.json()
    assert await _me(client, thief["access_token"]) == 200
    # The person's browser renews with the token it holds: it was spent, the family ends.
    assert _ended_reason(await _refresh(client, auth["refresh_token"])) == "refresh_token_reused"
    assert await _me(client, thief["access_token"]) == 401
    assert await _me(client, auth["access_token"]) == 401
    assert _ended_reason(await _refresh(client, thief["refresh_token"])) == "refresh_token_reused"
    # The owner sees it in the audit trail of the workspace.
    from sqlalchemy import select

    from chotdon.accounts.models import AuditLog
    from chotdon.core.db import unit_of_work

    async with unit_of_work() as session:
        actions = (
            await session.scalars(
                select(AuditLog.action).where(AuditLog.workspace_id == tenant.workspace_id)
            )
        ).all()
    assert "session.refresh_token_reused" in actions


async def test_switching_workspace_spends_the_refresh_token(client, tenant, make_tenant):
    other = await make_tenant(workspace_name="Shop khác")
    r = await other.post(
        "/api/v1/members", json={"email": tenant.email, "name": "Chủ", "role": "agent"}
    )
    assert r.status_code == 201
    assert (await tenant.post("/api/v1/auth/join", json={"token": r.json()["token"]})).is_success
    auth = await _login(client, tenant.email)
    headers = {"Authorization": f"Bearer {auth['access_token']}"}
    r = await client.post(
        "/api/v1/auth/switch-workspace", json={"workspace_id": other.workspace_id}, headers=headers
    )
    assert r.status_code == 200, r.text
    switched = r.json()
    assert _ended_reason(await _refresh(client, auth["refresh_token"])) == "refresh_token_reused"
    assert await _me(client, switched["access_token"]) == 401


# ---------------------------------------------------------------- the list of sessions


def _ua(name: str) -> dict[str, str]:
    return {"User-Agent": name}


async def _login_from(client, email: str, user_agent: str) -> dict:
    r = await client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": STRONG_PASSWORD},
        headers=_ua(user_agent),
    )
    assert r.status_code == 200, r.text
    return r.json()


def _bearer(auth: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth['access_token']}"}


async def test_sessions_list_and_ending_one_or_every_other(client, tenant):
    phone = await _login_from(client, tenant.email, "Mozilla/5.0 (iPhone) Safari/604.1")
    laptop = await _login_from(client, tenant.email, "Mozilla/5.0 (Windows NT 10.0) Chrome/131")
    r = await client.get("/api/v1/auth/sessions", headers=_bearer(laptop))
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert len(items) == 3  # registration, phone, laptop
    assert [s["current"] for s in items].count(True) == 1
    current = next(s for s in items if s["current"])
    assert current["user_agent"] == "Mozilla/5.0 (Windows NT 10.0) Chrome/131"
    assert current["ip"] and current["created_at"] and current["last_used_at"]
    assert items[0]["id"] == current["id"]  # most recently used first
    phone_row = next(s for s in items if "iPhone" in (s["user_agent"] or ""))
    assert set(phone_row) == {
        "id",
        "user_agent",
        "ip",
        "created_at",
        "last_used_at",
        "expires_at",
        "current",
    }
    # Renewal updates what the list shows of the device.
    r = await client.post(
        "/api/v1/auth/refresh",
        json={"refresh_token": phone["refresh_token"]},
        headers=_ua("Mozilla/5.0 (iPhone) Safari/605.1"),
    )
    assert r.status_code == 200
    phone = r.json()
    items = (await client.get("/api/v1/auth/sessions", headers=_bearer(laptop))).json()["items"]
    assert next(s for s in items if s["id"] == phone_row["id"])["user_agent"].endswith("605.1")

    # Log the phone out from the laptop: at once, and the phone learns why.
    r = await client.delete(f"/api/v1/auth/sessions/{phone_row['id']}", headers=_bearer(laptop))
    assert r.status_code == 204
    assert await _me(client, phone["access_token"]) == 401
    assert _ended_reason(await _refresh(client, phone["refresh_token"])) == "ended_elsewhere"
    r = await client.delete(f"/api/v1/auth/sessions/{phone_row['id']}", headers=_bearer(laptop))
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    items = (await client.get("/api/v1/auth/sessions", headers=_bearer(laptop))).json()["items"]
    assert phone_row["id"] not in [s["id"] for s in items]

    # Log out everywhere else: only this one is left.
    r = await client.post("/api/v1/auth/logout-others", headers=_bearer(laptop))
    assert r.status_code == 200 and r.json() == {"ended": 1}
    assert await _me(client, tenant.token) == 401
    assert await _me(client, laptop["access_token"]) == 200
    items = (await client.get("/api/v1/auth/sessions", headers=_bearer(laptop))).json()["items"]
    assert [s["id"] for s in items] == [current["id"]]
    # Ending the current one is logging out.
    r = await client.delete(f"/api/v1/auth/sessions/{current['id']}", headers=_bearer(laptop))
    assert r.status_code == 204
    assert _ended_reason(await _refresh(client, laptop["refresh_token"])) == "logout"


async def test_nobody_sees_or_ends_another_persons_sessions(client, tenant, make_tenant):
    mine = await _login_from(client, tenant.email, "Owner browser")
    my_ids = [
        s["id"]
        for s in (await client.get("/api/v1/auth/sessions", headers=_bearer(mine))).json()["items"]
    ]
    agent = await tenant.add_member("agent")
    admin = await tenant.add_member("admin")
    stranger = await make_tenant(workspace_name="Shop lạ")
    for other in (agent, admin, stranger):
        r = await other.get("/api/v1/auth/sessions")
        assert r.status_code == 200
        assert not {s["id"] for s in r.json()["items"]} & set(my_ids)
        assert "Owner browser" not in r.text
        for session_id in my_ids:
            r = await other.delete(f"/api/v1/auth/sessions/{session_id}")
            assert r.status_code == 404, r.text
        r = await other.post("/api/v1/auth/logout-others")
        assert r.status_code == 200
    assert await _me(client, mine["access_token"]) == 200
    assert await _me(client, tenant.token) == 200
    # An API key is not a person: it has no sessions.
    r = await tenant.post("/api/v1/api-keys", json={"name": "tích hợp"})
    key = {"X-Api-Key": r.json()["key"]}
    assert (await client.get("/api/v1/auth/sessions", headers=key)).status_code == 403
    assert (await client.post("/api/v1/auth/logout-others", headers=key)).status_code == 403


# ---------------------------------------------------------------- members' sessions


async def _member_id(tenant, user_id: int) -> int:
    r = await tenant.get("/api/v1/members")
    return next(m["id"] for m in r.json()["items"] if m["user_id"] == user_id)


async def test_a_removed_or_deactivated_member_is_logged_out_at_once(client, tenant):
    agent = await tenant.add_member("agent")
    phone = await _login(client, agent.email)
    member_id = await _member_id(tenant, agent.user["id"])
    r = await tenant.patch(f"/api/v1/members/{member_id}", json={"is_active": False})
    assert r.status_code == 200, r.text
    assert await _me(client, agent.token) == 401
    assert await _me(client, phone["access_token"]) == 401
    assert _ended_reason(await _refresh(client, phone["refresh_token"])) == "membership_ended"
    # Let back in: the devices left logged in stay logged out; logging in again works.
    r = await tenant.patch(f"/api/v1/members/{member_id}", json={"is_active": True})
    assert r.status_code == 200
    assert await _me(client, phone["access_token"]) == 401
    assert _ended_reason(await _refresh(client, phone["refresh_token"])) == "membership_ended"
    again = await _login(client, agent.email)
    assert await _me(client, again["access_token"]) == 200
    # Removed: at once, too.
    assert (await tenant.delete(f"/api/v1/members/{member_id}")).status_code == 204
    assert await _me(client, again["access_token"]) == 401
    assert _ended_reason(await _refresh(client, again["refresh_token"])) == "membership_ended"


async def test_owner_or_admin_logs_a_member_out_everywhere(client, tenant, make_tenant):
    agent = await tenant.add_member("agent")
    admin = await tenant.add_member("admin")
    other_agent = await tenant.add_member("agent")
    phone = await _login(client, agent.email)
    agent_member = await _member_id(tenant, agent.user["id"])
    admin_member = await _member_id(tenant, admin.user["id"])
    owner_member = await _member_id(tenant, tenant.user["id"])

    # An agent cannot end anyone's sessions; an admin cannot end the owner's or an admin's.
    r = await other_agent.delete(f"/api/v1/members/{agent_member}/sessions")
    assert r.status_code == 403
    for target in (owner_member, admin_member):
        r = await admin.delete(f"/api/v1/members/{target}/sessions")
        assert r.status_code == 403, r.text
    # Another workspace's owner: the member does not exist for them.
    stranger = await make_tenant(workspace_name="Shop lạ")
    r = await stranger.delete(f"/api/v1/members/{agent_member}/sessions")
    assert r.status_code == 404
    assert await _me(client, phone["access_token"]) == 200
    assert await _me(client, tenant.token) == 200 and await _me(client, admin.token) == 200

    r = await admin.delete(f"/api/v1/members/{agent_member}/sessions")
    assert r.status_code == 200 and r.json() == {"ended": 2}, r.text
    assert await _me(client, phone["access_token"]) == 401
    assert await _me(client, agent.token) == 401
    assert _ended_reason(await _refresh(client, phone["refresh_token"])) == "ended_by_admin"
    # Still a member: they log in again.
    assert await _me(client, (await _login(client, agent.email))["access_token"]) == 200
    r = await tenant.delete(f"/api/v1/members/{admin_member}/sessions")
    assert r.status_code == 200 and r.json() == {"ended": 1}
    assert await _me(client, admin.token) == 401
    # Your own: from your account settings, not the staff list.
    r = await tenant.delete(f"/api/v1/members/{owner_member}/sessions")
    assert r.status_code == 403
