"""States as the seeds define them: replied / unread / read-but-unreplied, done and reopen,
assignment (manual and automatic), block, bulk actions, optimistic concurrency."""

from __future__ import annotations

import pytest

from chotdon.core.db import unit_of_work
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation

from .helpers import Seeder, ago

pytestmark = pytest.mark.asyncio


async def conv(tenant, cid: int) -> dict:
    r = await tenant.get(f"/api/v1/conversations/{cid}")
    assert r.status_code == 200, r.text
    return r.json()


async def test_three_visible_states_and_reopen(tenant, seed: Seeder):
    ch = await seed.channel()
    rec = await seed.message(ch, "p1", "shop ơi", at=ago(minutes=5))
    cid = rec.conversation.id
    c = await conv(tenant, cid)
    assert (c["unread"], c["replied"]) == (True, False)  # red dot
    r = await tenant.post(f"/api/v1/conversations/{cid}/read")
    assert r.status_code == 200 and r.json()["unread"] is False
    c = await conv(tenant, cid)
    assert (c["unread"], c["replied"]) == (False, False)  # plain: read, not replied
    assert c["last_read_at"] is not None
    r = await tenant.post(f"/api/v1/conversations/{cid}/unread")
    assert r.json()["unread"] is True
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ shop đây ạ 😊"}
    )
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending" and r.json()["direction"] == "out"
    c = await conv(tenant, cid)
    assert (c["unread"], c["replied"]) == (False, True)  # green tick: replying marks read too
    r = await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "done"})
    assert r.status_code == 200 and r.json()["status"] == "done"
    # The customer writes again: back to work, unread, unreplied.
    await seed.message(ch, "p1", "còn hàng không")
    c = await conv(tenant, cid)
    assert (c["status"], c["unread"], c["replied"]) == ("open", True, False)


async def test_stale_version_gets_409_not_a_silent_undo(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    agent = await tenant.add_member("agent", "Hà")
    v = (await conv(tenant, cid))["version"]
    # The agent takes it first, with the version both saw.
    r = await agent.patch(
        f"/api/v1/conversations/{cid}", json={"assignee_id": agent.user["id"], "version": v}
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == v + 1
    # The owner, still looking at version v, tries to mark it done.
    r = await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "done", "version": v})
    assert r.status_code == 409
    err = r.json()["error"]
    assert err["code"] == "conversation_changed"
    assert err["details"]["current"]["assignee_id"] == agent.user["id"]
    c = await conv(tenant, cid)
    assert c["status"] == "open" and c["assignee_id"] == agent.user["id"]
    # A new customer message also moves the version: "done" on what you have not seen is refused.
    await seed.message(ch, "p1", "shop ơi??")
    r = await tenant.post(f"/api/v1/conversations/{cid}/read", json={"version": c["version"]})
    assert r.status_code == 409
    # Without a version the change applies to the fields sent only.
    r = await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "done"})
    assert r.status_code == 200
    assert r.json()["assignee_id"] == agent.user["id"]


async def test_patch_validation_and_roles(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    agent = await tenant.add_member("agent", "Hà")
    other_agent = await tenant.add_member("agent", "Minh")
    outsider = await make_tenant()
    for body in ({"status": "closed"}, {"status": None}, {"version": 0}, {"foo": 1}):
        r = await tenant.patch(f"/api/v1/conversations/{cid}", json=body)
        assert r.status_code == 422, (body, r.text)
    # Not a member of this workspace.
    r = await tenant.patch(
        f"/api/v1/conversations/{cid}", json={"assignee_id": outsider.user["id"]}
    )
    assert r.status_code == 422
    # An agent takes a conversation for themself, not for someone else.
    r = await agent.patch(
        f"/api/v1/conversations/{cid}", json={"assignee_id": other_agent.user["id"]}
    )
    assert r.status_code == 403
    r = await agent.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": agent.user["id"]})
    assert r.status_code == 200
    # ... and cannot take it away from a colleague, neither by unassigning nor by claiming.
    r = await other_agent.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": None})
    assert r.status_code == 403
    r = await other_agent.patch(
        f"/api/v1/conversations/{cid}", json={"assignee_id": other_agent.user["id"]}
    )
    assert r.status_code == 403
    r = await other_agent.post(
        "/api/v1/conversations/bulk",
        json={"ids": [cid], "action": "assign", "assignee_id": other_agent.user["id"]},
    )
    assert r.json()["skipped"] == [{"id": cid, "reason": "assigned_to_someone_else"}]
    async with unit_of_work() as session:
        from sqlalchemy import select

        from chotdon.accounts.models import AuditLog

        actions = (
            await session.execute(
                select(AuditLog.data).where(
                    AuditLog.workspace_id == tenant.workspace_id,
                    AuditLog.action == "conversation.assign",
                )
            )
        ).scalars()
        assert list(actions) == [{"from": None, "to": agent.user["id"]}]
    # An admin/owner can.
    r = await tenant.patch(
        f"/api/v1/conversations/{cid}", json={"assignee_id": other_agent.user["id"]}
    )
    assert r.status_code == 200 and r.json()["assignee_id"] == other_agent.user["id"]
    r = await tenant.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": None})
    assert r.json()["assignee_id"] is None
    r = await tenant.patch("/api/v1/conversations/999999999", json={"status": "done"})
    assert r.status_code == 404


async def test_block_keeps_messages_without_unread_or_reopen(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    r = await tenant.post(f"/api/v1/conversations/{cid}/block")
    assert r.status_code == 200
    assert r.json()["contact"]["blocked"] is True and r.json()["unread"] is False
    await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "done"})
    await seed.message(ch, "p1", "spam spam 0912345678")
    c = await conv(tenant, cid)
    assert (c["status"], c["unread"]) == ("done", False)
    r = await tenant.get(f"/api/v1/conversations/{cid}/messages")
    assert [m["text"] for m in r.json()["items"]] == ["alo", "spam spam 0912345678"]
    r = await tenant.post(f"/api/v1/conversations/{cid}/unblock")
    assert r.json()["contact"]["blocked"] is False
    await seed.message(ch, "p1", "xin lỗi shop")
    c = await conv(tenant, cid)
    assert (c["status"], c["unread"]) == ("open", True)


async def test_sync_enqueues(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    r = await tenant.post(f"/api/v1/conversations/{cid}/sync")
    assert r.status_code == 202 and r.json() == {"status": "queued"}


async def test_bulk_actions(tenant, seed: Seeder):
    ch = await seed.channel()
    ids = [(await seed.message(ch, f"p{i}", "alo", name=f"K{i}")).conversation.id for i in range(4)]
    agent = await tenant.add_member("agent", "Hà")
    tag = (await tenant.post("/api/v1/tags", json={"name": "Sỉ"})).json()["id"]

    async def bulk(who, **body):
        r = await who.post("/api/v1/conversations/bulk", json=body)
        return r

    r = await bulk(tenant, ids=ids[:3], action="tag", tag_ids=[tag])
    assert r.status_code == 200 and r.json()["updated_ids"] == sorted(ids[:3])
    r = await tenant.get("/api/v1/conversations", params={"tag_id": tag})
    assert len(r.json()["items"]) == 3
    r = await bulk(tenant, ids=ids[:3], action="tag", tag_ids=[tag])  # idempotent
    assert r.json()["updated_ids"] == []
    r = await bulk(tenant, ids=[ids[0]], action="untag", tag_ids=[tag])
    assert r.json()["updated_ids"] == [ids[0]]
    r = await bulk(tenant, ids=ids, action="assign", assignee_id=agent.user["id"])
    assert r.json()["updated_ids"] == sorted(ids)
    r = await tenant.get("/api/v1/conversations/counts")
    assert r.json()["unassigned"] == 0
    r = await bulk(tenant, ids=ids[:2], action="done")
    r = await tenant.get("/api/v1/conversations", params={"status": "done"})
    assert sorted(i["id"] for i in r.json()["items"]) == sorted(ids[:2])
    r = await bulk(tenant, ids=ids[:1], action="open")
    r = await bulk(tenant, ids=ids, action="read")
    r = await tenant.get("/api/v1/conversations/counts")
    assert r.json()["unread"] == 0 and r.json()["done"] == 1
    r = await bulk(tenant, ids=ids[:1], action="unread")
    assert (await tenant.get("/api/v1/conversations/counts")).json()["unread"] == 1
    # Roles: an agent cannot hand conversations to a colleague or unassign in bulk.
    r = await bulk(agent, ids=ids, action="assign", assignee_id=tenant.user["id"])
    assert r.status_code == 403
    r = await bulk(agent, ids=ids, action="unassign")
    assert r.status_code == 403
    r = await bulk(tenant, ids=ids, action="unassign")
    assert r.json()["updated_ids"] == sorted(ids)
    # Validation: ≤200 ids, a known action, tags of this workspace.
    r = await bulk(tenant, ids=list(range(1, 202)), action="done")
    assert r.status_code == 422
    r = await bulk(tenant, ids=[], action="done")
    assert r.status_code == 422
    r = await bulk(tenant, ids=ids, action="explode")
    assert r.status_code == 422
    r = await bulk(tenant, ids=ids, action="tag", tag_ids=[])
    assert r.status_code == 422
    r = await bulk(tenant, ids=ids, action="tag", tag_ids=[987654321])
    assert r.status_code == 422
    r = await bulk(tenant, ids=ids, action="assign")
    assert r.status_code == 422


async def auto_assign(tenant, mode: str, **kw) -> dict:
    r = await tenant.put("/api/v1/auto-assignment", json={"mode": mode, **kw})
    assert r.status_code == 200, r.text
    return r.json()


async def test_round_robin_assignment_among_agents(tenant, seed: Seeder):
    agents = [await tenant.add_member("agent", f"NV{i}") for i in range(3)]
    ch = await seed.channel()
    await auto_assign(tenant, "round_robin", channel_ids=[ch])
    got = []
    for i in range(6):
        rec = await seed.message(ch, f"p{i}", "alo", name=f"K{i}")
        got.append((await conv(tenant, rec.conversation.id))["assignee_id"])
    agent_ids = sorted(a.user["id"] for a in agents)
    assert sorted(got) == sorted(agent_ids * 2)  # evenly spread
    assert got[:3] != [got[0]] * 3
    # A conversation already assigned stays with its agent.
    rec = await seed.message(ch, "p0", "alo lần 2", name="K0")
    assert (await conv(tenant, rec.conversation.id))["assignee_id"] == got[0]
    # Only on the chosen channels.
    ch_off = await seed.channel()
    rec = await seed.message(ch_off, "x", "alo")
    assert (await conv(tenant, rec.conversation.id))["assignee_id"] is None


async def test_first_reply_claims(tenant, seed: Seeder):
    agent = await tenant.add_member("agent", "Hà")
    other = await tenant.add_member("agent", "Minh")
    ch = await seed.channel()
    await auto_assign(tenant, "first_reply", channel_ids=[ch])
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    assert (await conv(tenant, cid))["assignee_id"] is None
    r = await agent.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"})
    assert r.status_code == 202
    assert (await conv(tenant, cid))["assignee_id"] == agent.user["id"]
    r = await other.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ ạ"})
    assert (await conv(tenant, cid))["assignee_id"] == agent.user["id"]


async def test_blocked_customer_is_not_auto_assigned(tenant, seed: Seeder):
    await tenant.add_member("agent", "Hà")
    ch = await seed.channel()
    await auto_assign(tenant, "round_robin", channel_ids=[ch])
    rec = await seed.message(ch, "p1", "alo")
    cid = rec.conversation.id
    await tenant.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": None})
    async with unit_of_work() as session:
        contact = await session.get_one(Contact, rec.conversation.contact_id)
        contact.blocked = True
        c = await session.get_one(Conversation, cid)
        assert c.assignee_id is None
    await seed.message(ch, "p1", "alo 2")
    assert (await conv(tenant, cid))["assignee_id"] is None


async def test_round_robin_prefers_online_agents(tenant, seed: Seeder):
    from chotdon.realtime import presence

    agents = [await tenant.add_member("agent", f"NV{i}") for i in range(3)]
    online = agents[1]
    entry = presence.PresenceEntry(tenant.workspace_id, online.user["id"], "sock-test")
    await presence.join(entry)
    try:
        ch = await seed.channel()
        await auto_assign(tenant, "round_robin", channel_ids=[ch])
        for i in range(3):
            rec = await seed.message(ch, f"p{i}", "alo", name=f"K{i}")
            assert (await conv(tenant, rec.conversation.id))["assignee_id"] == online.user["id"]
    finally:
        await presence.leave(entry)


async def test_first_reply_race_has_one_winner(tenant, seed: Seeder):
    import asyncio

    agents = [await tenant.add_member("agent", f"NV{i}") for i in range(3)]
    ch = await seed.channel()
    await auto_assign(tenant, "first_reply", channel_ids=[ch])
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    before = (await conv(tenant, cid))["version"]
    results = await asyncio.gather(
        *(a.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"}) for a in agents)
    )
    assert all(r.status_code == 202 for r in results)
    assignee = (await conv(tenant, cid))["assignee_id"]
    assert assignee in {a.user["id"] for a in agents}
    assert (await conv(tenant, cid))["version"] == before + 3  # no lost update
    r = await tenant.get(f"/api/v1/conversations/{cid}/messages")
    assert len(r.json()["items"]) == 4


async def test_auto_assignment_settings(tenant, seed: Seeder, make_tenant):
    """The owner picks the mode and who takes part; agents read it, cannot change it; another
    workspace's members and channels are refused; only the chosen staff get conversations."""
    agents = [await tenant.add_member("agent", f"NV{i}") for i in range(3)]
    admin = await tenant.add_member("admin", "Quản lý")
    ch = await seed.channel()
    r = await tenant.get("/api/v1/auto-assignment")
    assert r.json() == {"mode": "off", "member_ids": [], "channel_ids": []}
    chosen = [agents[0].user["id"], admin.user["id"]]
    got = await auto_assign(tenant, "round_robin", member_ids=chosen + chosen[:1])
    assert got == {"mode": "round_robin", "member_ids": chosen, "channel_ids": []}
    assert (await agents[0].get("/api/v1/auto-assignment")).json() == got

    r = await agents[0].put("/api/v1/auto-assignment", json={"mode": "off"})
    assert r.status_code == 403
    other = await make_tenant()
    other_ch = await Seeder(other.workspace_id).channel()
    for bad in (
        {"mode": "auto"},
        {"mode": True},
        {},
        {"mode": "round_robin", "member_ids": [other.user["id"]]},
        {"mode": "round_robin", "channel_ids": [other_ch]},
        {"mode": "round_robin", "extra": 1},
    ):
        r = await tenant.put("/api/v1/auto-assignment", json=bad)
        assert r.status_code == 422, bad
        assert r.json()["error"]["code"] == "validation_error"
    assert (await other.get("/api/v1/auto-assignment")).json()["mode"] == "off"

    assignees = []
    for i in range(4):
        rec = await seed.message(ch, f"q{i}", "alo", name=f"K{i}")
        assignees.append((await conv(tenant, rec.conversation.id))["assignee_id"])
    assert sorted(assignees) == sorted(chosen * 2)

    await auto_assign(tenant, "off")
    rec = await seed.message(ch, "q9", "alo", name="K9")
    assert (await conv(tenant, rec.conversation.id))["assignee_id"] is None
