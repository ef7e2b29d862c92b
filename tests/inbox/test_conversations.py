"""The conversation list through the HTTP API: every filter alone and combined, counts,
keyset pagination under concurrent inserts, workspace isolation."""

from __future__ import annotations

import asyncio

import pytest

from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation

from .helpers import Seeder, ago

pytestmark = pytest.mark.asyncio


async def names(tenant, **params) -> list[str]:
    r = await tenant.get("/api/v1/conversations", params=params)
    assert r.status_code == 200, r.text
    return [i["contact"]["name"] for i in r.json()["items"]]


async def set_columns(conversation_id: int, **values) -> None:
    async with unit_of_work() as session:
        conv = await session.get_one(Conversation, conversation_id)
        for k, v in values.items():
            setattr(conv, k, v)


@pytest.fixture
async def world(tenant, seed: Seeder):
    """Five conversations with distinct states across two pages and a post."""
    ch1 = await seed.channel("Trang Một")
    ch2 = await seed.channel("Trang Hai")
    a = await seed.message(
        ch1, "pa", "Áo khoác ĐỎ còn size M không?", name="An", at=ago(minutes=50)
    )
    b = await seed.message(ch1, "pb", "sđt em 0912 345 678", name="Bình", at=ago(minutes=40))
    await seed.message(
        ch1, "pb", "Dạ shop gọi lại ạ", name="Bình", at=ago(minutes=39), direction="out"
    )
    c = await seed.message(ch2, "pc", "ship Hà Nội bao lâu", name="Chi", at=ago(minutes=30))
    d = await seed.comment(
        ch2, "page_post9", "ud", "giá bao nhiêu", name="Dũng", at=ago(minutes=20)
    )
    e = await seed.comment(
        ch2, "page_post9", "ue", "0987654321 lấy 1", name="Em", at=ago(minutes=10)
    )
    agent = await tenant.add_member("agent", "Hà")
    ids = {
        "An": a.conversation.id,
        "Bình": b.conversation.id,
        "Chi": c.conversation.id,
        "Dũng": d.conversation.id,
        "Em": e.conversation.id,
    }
    await set_columns(ids["Chi"], status="done", has_order=True, assignee_id=tenant.user["id"])
    await set_columns(ids["Dũng"], assignee_id=agent.user["id"])
    await set_columns(ids["An"], unread=False)
    post_id = (await tenant.get(f"/api/v1/conversations/{ids['Dũng']}")).json()["post_id"]
    r = await tenant.post("/api/v1/tags", json={"name": "Khách VIP", "color": "#ff0000"})
    vip = r.json()["id"]
    r = await tenant.post("/api/v1/tags", json={"name": "Đã cọc", "color": "#00ff00"})
    paid = r.json()["id"]
    for who, tags in (("An", [vip]), ("Bình", [vip, paid]), ("Em", [paid])):
        for t in tags:
            r = await tenant.post(f"/api/v1/conversations/{ids[who]}/tags/{t}")
            assert r.status_code == 200, r.text
    return {
        "ch1": ch1,
        "ch2": ch2,
        "ids": ids,
        "agent": agent,
        "post_id": post_id,
        "vip": vip,
        "paid": paid,
    }


async def test_default_order_and_row_shape(tenant, world):
    assert await names(tenant) == ["Em", "Dũng", "Chi", "Bình", "An"]
    r = await tenant.get("/api/v1/conversations", params={"contact_id": 0})
    assert r.status_code == 422
    r = await tenant.get(f"/api/v1/conversations/{world['ids']['Bình']}")
    row = r.json()
    assert row["kind"] == "message" and row["channel_id"] == world["ch1"]
    assert row["contact"]["name"] == "Bình" and row["contact"]["phones"] == ["+84912345678"]
    assert row["replied"] is True and row["has_phone"] is True
    assert row["last_message"]["text"] == "Dạ shop gọi lại ạ"
    assert row["last_message"]["direction"] == "out"
    assert sorted(t["name"] for t in row["tags"]) == ["Khách VIP", "Đã cọc"]
    assert row["version"] >= 1


FILTER_TABLE = [
    ({"kind": "message"}, ["Chi", "Bình", "An"]),
    ({"kind": "comment"}, ["Em", "Dũng"]),
    ({"unread": "true"}, ["Em", "Dũng", "Chi"]),
    ({"unread": "false"}, ["Bình", "An"]),
    ({"unreplied": "true"}, ["Em", "Dũng", "Chi", "An"]),
    ({"unreplied": "false"}, ["Bình"]),
    ({"has_phone": "true"}, ["Em", "Bình"]),
    ({"has_phone": "false"}, ["Dũng", "Chi", "An"]),
    ({"status": "done"}, ["Chi"]),
    ({"status": "open"}, ["Em", "Dũng", "Bình", "An"]),
    ({"has_order": "true"}, ["Chi"]),
    ({"has_order": "false"}, ["Em", "Dũng", "Bình", "An"]),
    ({"assignee": "me"}, ["Chi"]),
    ({"assignee": "none"}, ["Em", "Bình", "An"]),
    ({"tag_id": "vip"}, ["Bình", "An"]),
    ({"tag_id": ["vip", "paid"]}, ["Em", "Bình", "An"]),
    ({"tag_id": ["vip", "paid"], "tag_mode": "all"}, ["Bình"]),
    ({"channel_id": "ch1"}, ["Bình", "An"]),
    ({"channel_id": ["ch1", "ch2"]}, ["Em", "Dũng", "Chi", "Bình", "An"]),
    ({"post_id": "post"}, ["Em", "Dũng"]),
    ({"q": "ao khoac do"}, ["An"]),
    # combined
    ({"channel_id": "ch2", "unread": "true", "status": "open"}, ["Em", "Dũng"]),
    ({"kind": "comment", "has_phone": "true"}, ["Em"]),
    ({"tag_id": "paid", "kind": "message", "unreplied": "false"}, ["Bình"]),
    ({"assignee": "none", "has_phone": "false", "unread": "false"}, ["An"]),
    ({"channel_id": "ch1", "kind": "comment"}, []),
    ({"q": "0912345678", "tag_id": "vip"}, ["Bình"]),
]


async def test_filters(tenant, world):
    """Every filter alone, then combined (one world for the whole table: fast)."""
    for params, expected in FILTER_TABLE:
        resolved = {}
        for key, value in params.items():
            values = value if isinstance(value, list) else [value]
            out = []
            for v in values:
                if v in ("vip", "paid", "ch1", "ch2"):
                    v = world[v]
                elif v == "post":
                    v = world["post_id"]
                out.append(v)
            resolved[key] = out if isinstance(value, list) else out[0]
        assert await names(tenant, **resolved) == expected, params


async def test_assignee_by_id_contact_and_dates(tenant, world):
    assert await names(tenant, assignee=world["agent"].user["id"]) == ["Dũng"]
    r = await tenant.get(f"/api/v1/conversations/{world['ids']['An']}")
    contact_id = r.json()["contact"]["id"]
    assert await names(tenant, contact_id=contact_id) == ["An"]
    since = ago(minutes=35).isoformat()
    until = ago(minutes=15).isoformat()
    assert await names(tenant, since=since) == ["Em", "Dũng", "Chi"]
    assert await names(tenant, until=until) == ["Dũng", "Chi", "Bình", "An"]
    assert await names(tenant, since=since, until=until) == ["Dũng", "Chi"]


async def test_bad_filter_values_are_422(tenant, world):
    for params in (
        {"assignee": "someone"},
        {"kind": "sms"},
        {"status": "closed"},
        {"unread": "maybe"},
        {"since": "yesterday"},
        {"cursor": "not-a-cursor"},
        {"limit": 0},
        {"limit": 201},
        {"tag_mode": "some"},
        {"sort": "oldest"},
    ):
        r = await tenant.get("/api/v1/conversations", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["error"]["code"] == "validation_error"


async def test_counts_are_exact(tenant, world):
    r = await tenant.get("/api/v1/conversations/counts")
    assert r.status_code == 200
    assert r.json() == {
        "all": 5,
        "unread": 3,
        "unreplied": 4,
        "mine": 1,
        "unassigned": 3,
        "has_phone": 2,
        "comments": 2,
        "messages": 3,
        "open": 4,
        "done": 1,
    }
    r = await tenant.get("/api/v1/conversations/counts", params={"channel_id": world["ch1"]})
    counts = r.json()
    assert (counts["all"], counts["unread"], counts["has_phone"]) == (2, 0, 1)
    # The agent's "mine" is their own.
    r = await world["agent"].get("/api/v1/conversations/counts")
    assert r.json()["mine"] == 1


async def test_unread_first(tenant, world):
    r = await tenant.get("/api/v1/conversations", params={"sort": "unread_first", "limit": 2})
    body = r.json()
    got = [i["contact"]["name"] for i in body["items"]]
    while body["next_cursor"]:
        r = await tenant.get(
            "/api/v1/conversations",
            params={"sort": "unread_first", "limit": 2, "cursor": body["next_cursor"]},
        )
        body = r.json()
        got += [i["contact"]["name"] for i in body["items"]]
    assert got == ["Em", "Dũng", "Chi", "Bình", "An"]  # here unread are also the newest
    await set_columns(world["ids"]["An"], unread=True)
    await set_columns(world["ids"]["Em"], unread=False)
    r = await tenant.get("/api/v1/conversations", params={"sort": "unread_first"})
    assert [i["contact"]["name"] for i in r.json()["items"]] == ["Dũng", "Chi", "An", "Em", "Bình"]


async def test_keyset_pagination_is_stable_while_messages_arrive(tenant, seed):
    ch = await seed.channel()
    for i in range(12):
        await seed.message(ch, f"p{i}", f"tin {i}", name=f"Khách {i:02d}", at=ago(minutes=60 - i))
    seen: list[str] = []
    r = await tenant.get("/api/v1/conversations", params={"limit": 5})
    body = r.json()
    seen += [i["contact"]["name"] for i in body["items"]]
    assert seen == [f"Khách {i:02d}" for i in (11, 10, 9, 8, 7)]
    # Meanwhile: an already-seen customer and a not-yet-seen one write again, a new one arrives.
    await asyncio.gather(
        seed.message(ch, "p9", "còn không shop", name="Khách 09"),
        seed.message(ch, "p2", "alo", name="Khách 02"),
        seed.message(ch, "pnew", "chào shop", name="Khách mới"),
    )
    while body["next_cursor"]:
        r = await tenant.get(
            "/api/v1/conversations", params={"limit": 5, "cursor": body["next_cursor"]}
        )
        body = r.json()
        seen += [i["contact"]["name"] for i in body["items"]]
    # No duplicates, nothing skipped among what had not moved; moved ones are at the top (live).
    assert len(seen) == len(set(seen))
    assert seen == [f"Khách {i:02d}" for i in (11, 10, 9, 8, 7, 6, 5, 4, 3, 1, 0)]
    top = await names(tenant, limit=3)
    assert set(top) == {"Khách 09", "Khách 02", "Khách mới"}


async def test_workspace_isolation(tenant, world, make_tenant):
    other = await make_tenant()
    cid = world["ids"]["An"]
    assert await names(other) == []
    r = await other.get("/api/v1/conversations/counts")
    assert r.json()["all"] == 0
    # Filtering by another workspace's channel / tag / contact finds nothing.
    assert await names(other, channel_id=world["ch1"]) == []
    assert await names(other, tag_id=world["vip"]) == []
    for method, url, kw in [
        ("get", f"/api/v1/conversations/{cid}", {}),
        ("patch", f"/api/v1/conversations/{cid}", {"json": {"status": "done"}}),
        ("post", f"/api/v1/conversations/{cid}/read", {}),
        ("post", f"/api/v1/conversations/{cid}/unread", {}),
        ("post", f"/api/v1/conversations/{cid}/block", {}),
        ("post", f"/api/v1/conversations/{cid}/unblock", {}),
        ("post", f"/api/v1/conversations/{cid}/sync", {}),
        ("get", f"/api/v1/conversations/{cid}/messages", {}),
        ("post", f"/api/v1/conversations/{cid}/messages", {"json": {"text": "hi"}}),
        ("get", f"/api/v1/conversations/{cid}/notes", {}),
        ("post", f"/api/v1/conversations/{cid}/notes", {"json": {"text": "x"}}),
        ("post", f"/api/v1/conversations/{cid}/tags/{world['vip']}", {}),
        ("delete", f"/api/v1/conversations/{cid}/tags/{world['vip']}", {}),
        ("post", f"/api/v1/conversations/{cid}/customer-tags/{world['vip']}", {}),
        ("delete", f"/api/v1/conversations/{cid}/customer-tags/{world['vip']}", {}),
        ("post", f"/api/v1/conversations/{cid}/quick-replies", {"json": {"quick_reply_id": 1}}),
    ]:
        r = await getattr(other, method)(url, **kw)
        assert r.status_code == 404, (method, url, r.text)
        assert r.json()["error"]["code"] == "not_found"
    r = await other.post("/api/v1/conversations/bulk", json={"ids": [cid], "action": "done"})
    assert r.status_code == 200
    assert r.json()["updated_ids"] == [] and r.json()["skipped"] == [
        {"id": cid, "reason": "not_found"}
    ]
    r = await tenant.get(f"/api/v1/conversations/{cid}")
    assert r.json()["status"] == "open"


async def test_unauthenticated(client):
    r = await client.get("/api/v1/conversations")
    assert r.status_code == 401
