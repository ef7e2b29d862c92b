"""Facebook Login: the owner connects pages and their Instagram accounts through Facebook's
(simulated) dialog — no token pasting — and sees what is missing per page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work


async def test_login_offers_pages_and_their_instagram_accounts(meta):
    page, account = await meta.page_with_instagram("Shop Hoa Mai", "hoamai.shop")
    lonely = await meta.sim.create_page("Trang Không IG")
    selection, offered = await meta.login([page, lonely])
    assert [(o["provider"], o["external_id"], o["name"], o["linked_to"]) for o in offered] == [
        ("facebook", page.page_id, "Shop Hoa Mai", None),
        ("instagram", account.account_id, "@hoamai.shop", page.page_id),
        ("facebook", lonely.page_id, "Trang Không IG", None),
    ]
    assert all(o["missing_permissions"] == [] for o in offered)
    assert all("token" not in str(o).lower() for o in offered)

    channels = await meta.connect(selection, [page.page_id, account.account_id])
    assert {(c["provider"], c["external_id"], c["status"]) for c in channels} == {
        ("facebook", page.page_id, "connected"),
        ("instagram", account.account_id, "connected"),
    }
    # The chosen page was installed (webhooks flow); the page left unticked was not.
    assert (await meta.sim.page_state(page))["subscribed_fields"]
    assert not (await meta.sim.page_state(lonely))["subscribed_fields"]
    r = await meta.tenant.get("/api/v1/channels")
    listed = {(c["provider"], c["name"]) for c in r.json()["items"]}
    assert listed == {("facebook", "Shop Hoa Mai"), ("instagram", "@hoamai.shop")}
    # Page tokens derived from the long-lived user token do not expire.
    async with unit_of_work() as session:
        rows = (
            (
                await session.execute(
                    select(Channel).where(
                        Channel.external_id.in_([page.page_id, account.account_id])
                    )
                )
            )
            .scalars()
            .all()
        )
        assert [c.token_expires_at for c in rows] == [None, None]
        assert all(
            c.access_token_encrypted and page.access_token not in c.access_token_encrypted
            for c in rows
        )
    # The same login again shows what is already connected.
    _, again = await meta.login([page])
    assert {o["external_id"]: o["connected_channel_id"] is not None for o in again} == {
        page.page_id: True,
        account.account_id: True,
    }


async def test_declined_permissions_and_missing_tasks_are_reported_per_page(meta):
    page, account = await meta.page_with_instagram("Shop Thiếu Quyền", "thieuquyen")
    other = await meta.sim.create_page("Shop Biên Tập")
    await meta.sim.call("POST", f"/pages/{other.page_id}/tasks", json={"tasks": ["CREATE_CONTENT"]})
    _, offered = await meta.login(
        [page, other], declined=["instagram_manage_messages", "pages_messaging"]
    )
    missing = {o["external_id"]: o["missing_permissions"] for o in offered}
    assert missing[page.page_id] == ["pages_messaging"]
    assert missing[account.account_id] == ["instagram_manage_messages"]
    assert missing[other.page_id] == ["pages_messaging", "task:MESSAGING", "task:MODERATE"]


async def test_a_login_code_and_a_selection_belong_to_one_workspace(meta, make_tenant):
    page, _ = await meta.page_with_instagram("Shop Riêng", "rieng.shop")
    selection, _ = await meta.login([page])
    intruder = await make_tenant()
    r = await intruder.get(f"/api/v1/channels/facebook/selections/{selection}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "selection_expired"
    r = await intruder.post(
        f"/api/v1/channels/facebook/selections/{selection}", json={"external_ids": [page.page_id]}
    )
    assert r.status_code == 404
    r = await meta.tenant.post(
        f"/api/v1/channels/facebook/selections/{selection}", json={"external_ids": ["123"]}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "nothing_chosen"
    async with unit_of_work() as session:
        assert (
            await session.scalar(select(Channel).where(Channel.external_id == page.page_id))
        ) is None


async def test_cancelled_dialog_and_reused_state_change_nothing(meta):
    r = await meta.tenant.post("/api/v1/channels/facebook/authorize")
    url = urlsplit(r.json()["url"])
    state = parse_qs(url.query)["state"][0]
    answer = await meta.tenant.client.get(
        f"/channels/facebook/callback?error=access_denied&state={state}"
    )
    assert answer.status_code == 303 and "error=access_denied" in answer.headers["location"]
    again = await meta.tenant.client.get(f"/channels/facebook/callback?code=x&state={state}")
    assert "error=invalid_state" in again.headers["location"]


async def test_agents_cannot_connect(meta):
    page, _ = await meta.page_with_instagram("Shop Agent", "agent.shop")
    selection, _ = await meta.login([page])
    agent = await meta.tenant.add_member("agent")
    r = await agent.get(f"/api/v1/channels/facebook/selections/{selection}")
    assert r.status_code == 403
    r = await agent.post(
        f"/api/v1/channels/facebook/selections/{selection}", json={"external_ids": [page.page_id]}
    )
    assert r.status_code == 403
    assert (await agent.post("/api/v1/channels/facebook/authorize")).status_code == 403
