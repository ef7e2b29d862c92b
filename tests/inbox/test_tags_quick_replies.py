"""Tags (CRUD, roles, ≤50 per conversation, customer tags) and quick replies (≤10 messages,
per channel, shortcut, on/off, suggestions without diacritics, variables filled when sent)."""

from __future__ import annotations

import pytest

from .helpers import Seeder

pytestmark = pytest.mark.asyncio


async def test_tag_crud_and_roles(tenant, make_tenant):
    agent = await tenant.add_member("agent", "Hà")
    r = await tenant.post(
        "/api/v1/tags", json={"name": "Khách sỉ", "color": "#112233", "folder": "Loại khách"}
    )
    assert r.status_code == 201, r.text
    tag = r.json()
    assert tag["visible"] is True and tag["folder"] == "Loại khách"
    r = await tenant.post("/api/v1/tags", json={"name": "khách sỉ ", "folder": "Loại khách"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "tag_exists"
    for bad in ({"name": ""}, {"name": "x", "color": "red"}, {"name": "x" * 101}, {}):
        r = await tenant.post("/api/v1/tags", json=bad)
        assert r.status_code == 422, bad
    r = await agent.post("/api/v1/tags", json={"name": "Agent tag"})
    assert r.status_code == 403
    r = await agent.patch(f"/api/v1/tags/{tag['id']}", json={"visible": False})
    assert r.status_code == 403
    r = await agent.delete(f"/api/v1/tags/{tag['id']}")
    assert r.status_code == 403
    r = await tenant.patch(f"/api/v1/tags/{tag['id']}", json={"visible": False, "color": "#aabbcc"})
    assert r.status_code == 200 and r.json()["visible"] is False
    r = await tenant.patch(f"/api/v1/tags/{tag['id']}", json={"name": None})
    assert r.status_code == 422
    r = await agent.get("/api/v1/tags", params={"with_counts": "true"})
    assert [t["name"] for t in r.json()["items"]] == ["Khách sỉ"]
    assert r.json()["items"][0]["conversations_count"] == 0
    other = await make_tenant()
    for method, kw in (("get", {}), ("patch", {"json": {"name": "x"}}), ("delete", {})):
        r = await getattr(other, method)(f"/api/v1/tags/{tag['id']}", **kw)
        assert r.status_code == 404
    assert (await other.get("/api/v1/tags")).json()["items"] == []
    r = await tenant.delete(f"/api/v1/tags/{tag['id']}")
    assert r.status_code == 204
    assert (await tenant.get(f"/api/v1/tags/{tag['id']}")).status_code == 404


async def test_agents_attach_and_detach_with_a_limit_of_50(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    cid2 = (await seed.message(ch, "p2", "alo", name="B")).conversation.id
    agent = await tenant.add_member("agent", "Hà")
    tags = []
    for i in range(51):
        r = await tenant.post("/api/v1/tags", json={"name": f"Nhãn {i}"})
        tags.append(r.json()["id"])
    for t in tags[:50]:
        r = await agent.post(f"/api/v1/conversations/{cid}/tags/{t}")
        assert r.status_code == 200
    r = await agent.post(f"/api/v1/conversations/{cid}/tags/{tags[50]}")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "tag_limit_reached"
    assert "50" in r.json()["error"]["message"]
    # Re-attaching one it already has is fine (idempotent), still 50.
    r = await agent.post(f"/api/v1/conversations/{cid}/tags/{tags[0]}")
    assert r.status_code == 200 and len(r.json()["tags"]) == 50
    # Bulk: the full conversation is skipped with a reason, the other one is tagged.
    r = await agent.post(
        "/api/v1/conversations/bulk",
        json={"ids": [cid, cid2], "action": "tag", "tag_ids": [tags[50]]},
    )
    assert r.json()["updated_ids"] == [cid2]
    assert r.json()["skipped"] == [{"id": cid, "reason": "tag_limit_reached"}]
    r = await agent.delete(f"/api/v1/conversations/{cid}/tags/{tags[0]}")
    assert r.status_code == 200 and len(r.json()["tags"]) == 49
    r = await agent.post(f"/api/v1/conversations/{cid}/tags/{tags[50]}")
    assert r.status_code == 200 and len(r.json()["tags"]) == 50
    r = await agent.post(f"/api/v1/conversations/{cid}/tags/987654321")
    assert r.status_code == 404
    # Deleting a tag removes it from conversations.
    await tenant.delete(f"/api/v1/tags/{tags[50]}")
    r = await tenant.get(f"/api/v1/conversations/{cid}")
    assert len(r.json()["tags"]) == 49


async def test_pinned_customer_tags_show_on_all_their_conversations(tenant, seed: Seeder):
    ch = await seed.channel()
    msg = await seed.message(ch, "u1", "alo", name="Nam")
    com = await seed.comment(ch, "page_p1", "u1", "giá?", name="Nam")
    vip = (await tenant.post("/api/v1/tags", json={"name": "VIP"})).json()["id"]
    bung = (await tenant.post("/api/v1/tags", json={"name": "Bùng đơn"})).json()["id"]
    cid = msg.conversation.id
    r = await tenant.post(f"/api/v1/conversations/{cid}/customer-tags/{vip}")
    assert r.status_code == 200
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/customer-tags/{bung}", json={"pinned": True}
    )
    tags = r.json()["contact"]["tags"]
    assert [(t["name"], t["pinned"]) for t in tags] == [("Bùng đơn", True), ("VIP", False)]
    # Same customer on the same page commenting: a different conversation, same customer tags
    # (when the page gives the same id; identities across pages merge in customers).
    other = (await tenant.get(f"/api/v1/conversations/{com.conversation.id}")).json()
    if other["contact"]["id"] == r.json()["contact"]["id"]:
        assert [t["name"] for t in other["contact"]["tags"]] == ["Bùng đơn", "VIP"]
    r = await tenant.delete(f"/api/v1/conversations/{cid}/customer-tags/{vip}")
    assert [t["name"] for t in r.json()["contact"]["tags"]] == ["Bùng đơn"]
    r = await tenant.delete(f"/api/v1/conversations/{cid}/customer-tags/{vip}")
    assert r.status_code == 404


async def test_quick_replies_crud_roles_and_limits(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    agent = await tenant.add_member("agent", "Hà")
    body = {
        "name": "Báo giá ship",
        "shortcut": "/giaship",
        "channel_ids": [ch],
        "messages": [
            {"text": "Chào {customer_name} ạ"},
            {"text": "Phí ship nội thành 20k, ngoại thành 30k"},
        ],
    }
    r = await agent.post("/api/v1/quick-replies", json=body)
    assert r.status_code == 403
    r = await tenant.post("/api/v1/quick-replies", json=body)
    assert r.status_code == 201, r.text
    group = r.json()
    assert [m["text"] for m in group["messages"]] == [m["text"] for m in body["messages"]]
    r = await tenant.post("/api/v1/quick-replies", json={**body, "shortcut": "GIASHIP"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "shortcut_taken"
    too_many = {**body, "shortcut": None, "messages": [{"text": f"tin {i}"} for i in range(11)]}
    r = await tenant.post("/api/v1/quick-replies", json=too_many)
    assert r.status_code == 422
    r = await tenant.post(
        "/api/v1/quick-replies", json={**body, "shortcut": None, "messages": [{"text": " "}]}
    )
    assert r.status_code == 422
    other = await make_tenant()
    other_channel = await Seeder(other.workspace_id).channel()
    r = await tenant.post(
        "/api/v1/quick-replies", json={**body, "shortcut": "x", "channel_ids": [other_channel]}
    )
    assert r.status_code == 422
    r = await tenant.post(
        "/api/v1/quick-replies",
        json={**body, "shortcut": "y", "messages": [{"text": "a", "attachment_ids": [987654]}]},
    )
    assert r.status_code == 422
    r = await tenant.patch(
        f"/api/v1/quick-replies/{group['id']}",
        json={"enabled": False, "messages": [{"text": "Một"}, {"text": "Hai"}, {"text": "Ba"}]},
    )
    assert r.status_code == 200
    assert r.json()["enabled"] is False and len(r.json()["messages"]) == 3
    r = await agent.patch(f"/api/v1/quick-replies/{group['id']}", json={"enabled": True})
    assert r.status_code == 403
    r = await agent.get("/api/v1/quick-replies", params={"channel_id": ch})
    assert [g["id"] for g in r.json()["items"]] == [group["id"]]
    for method, kw in (("get", {}), ("patch", {"json": {"enabled": True}}), ("delete", {})):
        r = await getattr(other, method)(f"/api/v1/quick-replies/{group['id']}", **kw)
        assert r.status_code == 404
    assert (await other.get("/api/v1/quick-replies")).json()["items"] == []
    r = await tenant.delete(f"/api/v1/quick-replies/{group['id']}")
    assert r.status_code == 204
    assert (await tenant.get(f"/api/v1/quick-replies/{group['id']}")).status_code == 404


async def test_suggest_and_send_quick_reply(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel("Shop Áo Đẹp")
    ch_other = await seed.channel("Trang khác")
    rec = await seed.message(ch, "p1", "giá ship sao shop", name="Nguyễn Thị Lan")
    cid = rec.conversation.id

    async def group(**kw):
        body = {"name": "nhóm", "messages": [{"text": "x"}], **kw}
        r = await tenant.post("/api/v1/quick-replies", json=body)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    ship = await group(
        name="Phí ship",
        shortcut="ship",
        messages=[
            {"text": "Chào {first_name}, {page_name} gửi phí ship 20k"},
            {"text": "Cảm ơn {customer_name}"},
        ],
        channel_ids=[ch],
    )
    coat = await group(name="Áo khoác ĐỎ còn hàng", shortcut="aokhoac")
    off = await group(name="Ship tắt", shortcut="shipoff", enabled=False)
    elsewhere = await group(name="Ship trang khác", shortcut="ship2", channel_ids=[ch_other])

    async def suggest(q, **params):
        r = await tenant.get("/api/v1/quick-replies/suggest", params={"q": q, **params})
        assert r.status_code == 200, r.text
        return [g["id"] for g in r.json()["items"]]

    assert await suggest("ship") == [ship, elsewhere]
    assert await suggest("/sh", channel_id=ch) == [ship]
    assert await suggest("ao khoac do") == [coat]
    assert await suggest("ÁO KHOÁC") == [coat]
    assert off not in await suggest("shipoff")
    assert await suggest("zzz") == []
    r = await tenant.get(
        "/api/v1/quick-replies/suggest", params={"q": "ship", "conversation_id": cid}
    )
    [g] = r.json()["items"]
    assert g["messages"][0]["rendered_text"] == "Chào Lan, Shop Áo Đẹp gửi phí ship 20k"
    assert (await tenant.get("/api/v1/quick-replies/suggest", params={"q": ""})).status_code == 422
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/quick-replies", json={"quick_reply_id": ship}
    )
    assert r.status_code == 202, r.text
    assert [m["text"] for m in r.json()["items"]] == [
        "Chào Lan, Shop Áo Đẹp gửi phí ship 20k",
        "Cảm ơn Nguyễn Thị Lan",
    ]
    assert all(m["status"] == "pending" for m in r.json()["items"])
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/quick-replies", json={"quick_reply_id": off}
    )
    assert r.status_code == 409
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/quick-replies", json={"quick_reply_id": elsewhere}
    )
    assert r.status_code == 409
    other = await make_tenant()
    r = await other.post(
        f"/api/v1/conversations/{cid}/quick-replies", json={"quick_reply_id": ship}
    )
    assert r.status_code == 404
    r = await other.get(
        "/api/v1/quick-replies/suggest", params={"q": "ship", "conversation_id": cid}
    )
    assert r.status_code == 404
    assert (await other.get("/api/v1/quick-replies/suggest", params={"q": "ship"})).json()[
        "items"
    ] == []


async def test_concurrent_attaches_never_exceed_50(tenant, seed: Seeder):
    import asyncio

    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    tags = [
        (await tenant.post("/api/v1/tags", json={"name": f"N{i}"})).json()["id"] for i in range(52)
    ]
    r = await tenant.post(
        "/api/v1/conversations/bulk", json={"ids": [cid], "action": "tag", "tag_ids": tags[:49]}
    )
    assert r.json()["updated_ids"] == [cid]
    results = await asyncio.gather(
        tenant.post(f"/api/v1/conversations/{cid}/tags/{tags[49]}"),
        tenant.post(f"/api/v1/conversations/{cid}/tags/{tags[50]}"),
        tenant.post(f"/api/v1/conversations/{cid}/tags/{tags[51]}"),
    )
    assert sorted(r.status_code for r in results) == [200, 409, 409]
    r = await tenant.get(f"/api/v1/conversations/{cid}")
    assert len(r.json()["tags"]) == 50
