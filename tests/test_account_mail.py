"""Account e-mails through a real SMTP server (aiosmtpd on loopback): an invitation's join link
and the password reset link arrive, in Vietnamese, and work."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest

from support.passwords import STRONG_PASSWORD
from support.smtp import Mailbox, smtp_server

NEW_PASSWORD = "Mat-Khau-Moi-Qua-Thu-7xQ!"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    yield from smtp_server()


def _link(message, path: str) -> str:
    body = message.get_content()
    match = re.search(rf"https?://\S+/{path}#[\w-]+", body)
    assert match, body
    return match.group(0)


async def test_an_invitation_is_emailed_with_its_join_link(client, make_tenant, mailbox):
    owner = await make_tenant(name="Chị Hoa", workspace_name="Shop Hoa Xinh")
    email = f"nv-{uuid.uuid4().hex[:8]}@test.chotdon.vn"
    r = await owner.post("/api/v1/members", json={"email": email, "name": "Lan", "role": "agent"})
    assert r.status_code == 201, r.text
    invitation = r.json()
    assert invitation["emailed"] is True
    message = await mailbox.wait_for(email)
    assert message["From"] == "Chotdon <no-reply@test.chotdon.vn>"
    assert message["Subject"] == "Lời mời tham gia Shop Hoa Xinh trên Chotdon"
    body = message.get_content()
    assert "Chào Lan" in body and "Chị Hoa mời bạn" in body and "vai trò nhân viên" in body
    link = _link(message, "join")
    assert link == invitation["url"]
    # The link in the mail is the one that lets the invitee in.
    token = link.rsplit("#", 1)[1]
    r = await client.post("/api/v1/auth/join", json={"token": token, "password": STRONG_PASSWORD})
    assert r.status_code == 200, r.text
    assert r.json()["workspace"]["name"] == "Shop Hoa Xinh" and r.json()["role"] == "agent"
    # A resend mails the new link; the first one no longer works.
    email2 = f"ql-{uuid.uuid4().hex[:8]}@test.chotdon.vn"
    first = await owner.post(
        "/api/v1/members", json={"email": email2, "name": "Minh", "role": "admin"}
    )
    second = await owner.post(
        "/api/v1/members", json={"email": email2, "name": "Minh", "role": "admin"}
    )
    assert first.status_code == second.status_code == 201
    await mailbox.wait_for(email2, count=2)
    links = [_link(m, "join") for m in mailbox.to(email2)]
    assert sorted(links) == sorted([first.json()["url"], second.json()["url"]])
    assert "vai trò quản lý" in mailbox.to(email2)[0].get_content()
    stale = first.json()["token"]
    r = await client.post("/api/v1/auth/invitation", json={"token": stale})
    assert r.status_code == 404


async def test_without_smtp_the_invitation_is_not_emailed(client, tenant):
    r = await tenant.post(
        "/api/v1/members",
        json={"email": f"x-{uuid.uuid4().hex[:8]}@test.chotdon.vn", "name": "X", "role": "agent"},
    )
    assert r.status_code == 201 and r.json()["emailed"] is False
    assert r.json()["url"].endswith(r.json()["token"])


async def test_an_unreachable_mail_server_does_not_stop_the_invitation(client, tenant, monkeypatch):
    from chotdon.core.settings import settings_cache_clear

    monkeypatch.setenv("SMTP_URL", "smtp+plain://127.0.0.1:9")  # nothing listens there
    settings_cache_clear()
    try:
        r = await tenant.post(
            "/api/v1/members",
            json={"email": f"y-{uuid.uuid4().hex[:8]}@test.chotdon.vn", "name": "Y"},
        )
        assert r.status_code == 201, r.text
        token = r.json()["token"]
    finally:
        monkeypatch.delenv("SMTP_URL")
        settings_cache_clear()
    r = await client.post("/api/v1/auth/invitation", json={"token": token})
    assert r.status_code == 200  # committed: the link given in the answer works


async def test_the_password_reset_link_is_emailed(client, tenant, mailbox):
    r = await client.post("/api/v1/auth/password-reset", json={"email": tenant.email.upper()})
    assert r.status_code == 202
    r = await client.post(
        "/api/v1/auth/password-reset", json={"email": "khong-co-ai@test.chotdon.vn"}
    )
    assert r.status_code == 202
    message = await mailbox.wait_for(tenant.email)
    assert message["Subject"] == "Đặt lại mật khẩu Chotdon"
    assert "hết hạn sau 60 phút" in message.get_content()
    assert mailbox.to("khong-co-ai@test.chotdon.vn") == []
    token = _link(message, "reset-password").rsplit("#", 1)[1]
    r = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 204, r.text
    r = await client.post(
        "/api/v1/auth/login", json={"email": tenant.email, "password": NEW_PASSWORD}
    )
    assert r.status_code == 200
