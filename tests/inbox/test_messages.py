"""Messages: history by cursor, replies (text, emoji, media library, product card) as 202
pending, Facebook's window rules, comment replies and actions, internal notes, search."""

from __future__ import annotations

import pytest

from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message
from chotdon.orders.models import Product

from .helpers import Seeder, ago

pytestmark = pytest.mark.asyncio

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 64


async def upload(who, content: bytes, content_type: str = "image/png", name: str = "a.png"):
    return await who.post("/api/v1/media", files={"file": (name, content, content_type)})


async def test_history_newest_page_first_items_in_order(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = None
    for i in range(7):
        rec = await seed.message(ch, "p1", f"tin {i}", at=ago(minutes=30 - i))
        cid = rec.conversation.id
    r = await tenant.get(f"/api/v1/conversations/{cid}/messages", params={"limit": 3})
    body = r.json()
    assert [m["text"] for m in body["items"]] == ["tin 4", "tin 5", "tin 6"]
    pages = [body["items"]]
    while body["next_cursor"]:
        r = await tenant.get(
            f"/api/v1/conversations/{cid}/messages",
            params={"limit": 3, "cursor": body["next_cursor"]},
        )
        body = r.json()
        pages.append(body["items"])
    assert [[m["text"] for m in p] for p in pages] == [
        ["tin 4", "tin 5", "tin 6"],
        ["tin 1", "tin 2", "tin 3"],
        ["tin 0"],
    ]
    m = pages[0][0]
    assert m["direction"] == "in" and m["sender_type"] == "contact" and m["status"] == "sent"
    r = await tenant.get(f"/api/v1/conversations/{cid}/messages", params={"cursor": "xx"})
    assert r.status_code == 422


async def test_window_rules(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo", at=ago(hours=30))).conversation.id
    # 24 h – 7 days: a person may answer (human agent tag), an integration may not.
    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"})
    assert r.status_code == 202
    r = await tenant.post("/api/v1/api-keys", json={"name": "ERP"})
    key = r.json()["key"]
    r = await tenant.client.post(
        f"/api/v1/conversations/{cid}/messages", json={"text": "auto"}, headers={"X-Api-Key": key}
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "messaging_window_closed"
    async with unit_of_work() as session:
        conv = await session.get_one(Conversation, cid)
        conv.last_incoming_at = ago(days=8)
    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "messaging_window_closed"
    assert "7" in r.json()["error"]["message"]


async def test_send_validation(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    for body in (
        {},
        {"text": "   "},
        {"text": "x" * 2001},
        {"attachment_ids": [987654321]},
        {"product_id": 987654321},
        {"text": "hi", "private_reply": True},
        {"text": "hi", "unknown": 1},
    ):
        r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json=body)
        assert r.status_code == 422, (body, r.text)


async def test_media_library_and_attachments(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "cho xem ảnh")).conversation.id
    r = await upload(tenant, PNG)
    assert r.status_code == 201, r.text
    media = r.json()
    assert media["kind"] == "image" and media["size"] == len(PNG)
    assert media["url"] == f"/api/v1/media/{media['id']}/file"
    # Same bytes again: the same library entry.
    r = await upload(tenant, PNG, name="copy.png")
    assert r.status_code == 200 and r.json()["id"] == media["id"]
    r = await upload(tenant, JPEG, "image/jpeg", "b.jpg")
    jpeg = r.json()
    # Refused: unknown type, content not matching its type, empty.
    r = await upload(tenant, b"MZ\x90\x00", "application/x-msdownload", "virus.exe")
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type"
    r = await upload(tenant, b"<html>", "image/png", "fake.png")
    assert r.status_code == 422
    r = await upload(tenant, b"", "image/png", "empty.png")
    assert r.status_code == 422
    r = await tenant.post("/api/v1/media", data={"x": "1"})
    assert r.status_code == 422
    r = await tenant.get("/api/v1/media", params={"limit": 1})
    assert [m["id"] for m in r.json()["items"]] == [jpeg["id"]]
    r = await tenant.get("/api/v1/media", params={"limit": 1, "cursor": r.json()["next_cursor"]})
    assert [m["id"] for m in r.json()["items"]] == [media["id"]]
    r = await tenant.get(f"/api/v1/media/{media['id']}/file")
    assert r.status_code == 200 and r.content == PNG
    assert r.headers["content-type"] == "image/png"
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"text": "Mẫu này ạ", "attachment_ids": [media["id"], jpeg["id"]]},
    )
    assert r.status_code == 202, r.text
    atts = r.json()["attachments"]
    assert [(a["type"], a["media_id"]) for a in atts] == [
        ("image", media["id"]),
        ("image", jpeg["id"]),
    ]
    r = await tenant.get(f"/api/v1/media/{media['id']}")
    assert r.json()["last_used_at"] is not None
    other = await make_tenant()
    assert (await other.get(f"/api/v1/media/{media['id']}")).status_code == 404
    assert (await other.get(f"/api/v1/media/{media['id']}/file")).status_code == 404
    assert (await other.get("/api/v1/media")).json()["items"] == []
    r = await other.post(
        f"/api/v1/conversations/{cid}/messages", json={"attachment_ids": [media["id"]]}
    )
    assert r.status_code == 404
    other_ch = await Seeder(other.workspace_id).channel()
    other_cid = (await Seeder(other.workspace_id).message(other_ch, "q", "hi")).conversation.id
    r = await other.post(
        f"/api/v1/conversations/{other_cid}/messages", json={"attachment_ids": [media["id"]]}
    )
    assert r.status_code == 422  # another workspace's file is not theirs to send


async def test_product_card(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "áo này giá sao")).conversation.id
    async with unit_of_work() as session:
        product = Product(
            workspace_id=tenant.workspace_id,
            sku="AK-DO",
            name="Áo khoác đỏ",
            price=350000,
            stock=5,
            images=["https://cdn.example/ak.jpg"],
        )
        session.add(product)
        await session.flush()
        product_id = product.id
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages", json={"product_id": product_id, "text": "👇"}
    )
    assert r.status_code == 202, r.text
    [card] = r.json()["attachments"]
    assert card == {
        "type": "product",
        "product_id": product_id,
        "sku": "AK-DO",
        "name": "Áo khoác đỏ",
        "price": 350000,
        "image_url": "https://cdn.example/ak.jpg",
        "in_stock": True,
        "listing_id": None,  # not linked to a marketplace listing: a text card on Facebook
    }
    assert r.json()["text"] == "👇"


async def test_comment_replies_and_actions(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    first = await seed.comment(ch, "page_p1", "u1", "giá bao nhiêu", at=ago(minutes=3))
    latest = await seed.comment(ch, "page_p1", "u1", "còn không", at=ago(minutes=1))
    cid = first.conversation.id
    # Public reply: under the customer's latest comment by default.
    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ còn ạ"})
    assert r.status_code == 202, r.text
    reply = r.json()
    assert reply["kind"] == "comment" and reply["parent_external_id"] == latest.message.external_id
    # Private reply to a chosen comment: once per comment.
    body = {
        "text": "Shop inbox bạn nhé",
        "private_reply": True,
        "reply_to_message_id": first.message.id,
    }
    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json=body)
    assert r.status_code == 202 and r.json()["is_private_reply"] is True
    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json=body)
    assert r.status_code == 409 and r.json()["error"]["code"] == "private_reply_already_sent"
    # Too old for a private reply.
    async with unit_of_work() as session:
        m = await session.get_one(Message, latest.message.id)
        m.created_at = ago(days=8)
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"text": "x", "private_reply": True, "reply_to_message_id": latest.message.id},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "messaging_window_closed"
    r = await tenant.post(
        f"/api/v1/conversations/{cid}/messages", json={"text": "x", "reply_to_message_id": 1}
    )
    assert r.status_code == 422
    # Actions: like, unlike, hide, unhide, delete → queued for the provider job.
    mid = latest.message.id
    for action in ("like", "unlike", "hide", "unhide"):
        r = await tenant.post(f"/api/v1/comments/{mid}/{action}")
        assert r.status_code == 202, r.text
        assert r.json() == {"message_id": mid, "action": action, "status": "queued"}
    r = await tenant.post(f"/api/v1/comments/{mid}/explode")
    assert r.status_code == 422  # not an action
    r = await tenant.post(f"/api/v1/comments/{reply['id']}/like")
    assert r.status_code == 409  # the page's own comment
    r = await tenant.delete(f"/api/v1/comments/{mid}")
    assert r.status_code == 202 and r.json()["action"] == "delete"
    other = await make_tenant()
    assert (await other.post(f"/api/v1/comments/{mid}/hide")).status_code == 404
    assert (await other.delete(f"/api/v1/comments/{mid}")).status_code == 404
    # A Messenger message is not a comment.
    msg = await seed.message(ch, "p9", "alo")
    assert (await tenant.post(f"/api/v1/comments/{msg.message.id}/like")).status_code == 404


async def test_internal_notes(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    agent = await tenant.add_member("agent", "Hà")
    r = await agent.post(f"/api/v1/conversations/{cid}/notes", json={"text": "Khách hay bùng"})
    assert r.status_code == 201, r.text
    note = r.json()
    assert note["author_id"] == agent.user["id"]
    r = await tenant.get(f"/api/v1/conversations/{cid}/notes")
    assert [n["text"] for n in r.json()] == ["Khách hay bùng"]
    # Never sent: not a message of the conversation.
    r = await tenant.get(f"/api/v1/conversations/{cid}/messages")
    assert [m["text"] for m in r.json()["items"]] == ["alo"]
    r = await tenant.post(f"/api/v1/conversations/{cid}/notes", json={"text": ""})
    assert r.status_code == 422
    other_agent = await tenant.add_member("agent", "Minh")
    assert (await other_agent.delete(f"/api/v1/notes/{note['id']}")).status_code == 403
    other = await make_tenant()
    assert (await other.delete(f"/api/v1/notes/{note['id']}")).status_code == 404
    assert (await agent.delete(f"/api/v1/notes/{note['id']}")).status_code == 204
    assert (await tenant.get(f"/api/v1/conversations/{cid}/notes")).json() == []


async def test_search(tenant, seed: Seeder):
    ch = await seed.channel()
    lan = await seed.message(ch, "p1", "Cho mình hỏi Áo khoác ĐỎ size M", name="Nguyễn Thị Lan")
    for i in range(5):  # the matching message is not the latest one
        await seed.message(ch, "p1", f"ok {i}", name="Nguyễn Thị Lan")
    await seed.message(ch, "p2", "sdt mình 0987.654.321 nhé", name="Đặng Văn Hùng")
    await seed.message(ch, "p3", "áo sơ mi trắng", name="Trần Bảo")

    async def search(q):
        r = await tenant.get("/api/v1/conversations", params={"q": q})
        assert r.status_code == 200, r.text
        return sorted(i["contact"]["name"] for i in r.json()["items"])

    assert await search("ao khoac do") == ["Nguyễn Thị Lan"]
    assert await search("Áo Khoác Đỏ") == ["Nguyễn Thị Lan"]
    assert await search("AO") == ["Nguyễn Thị Lan", "Trần Bảo"]
    assert await search("nguyen thi") == ["Nguyễn Thị Lan"]
    assert await search("dang hung") == ["Đặng Văn Hùng"]
    assert await search("Hùng") == ["Đặng Văn Hùng"]
    for phone in ("0987654321", "0987 654 321", "+84987654321", "84987654321", "0987.654.321"):
        assert await search(phone) == ["Đặng Văn Hùng"], phone
    assert await search("098765") == ["Đặng Văn Hùng"]  # typed so far: prefix
    assert await search("khong co dau") == []
    assert await search("so mi trang") == ["Trần Bảo"]
    assert lan.conversation is not None


async def test_search_follows_new_phones_and_agent_replies(tenant, seed: Seeder):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo shop", name="Phạm Thu")).conversation.id
    await seed.message(ch, "p1", "số mình 0903 111 222", name="Phạm Thu")
    await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Mã đơn DH000777 ạ"})

    async def search(q):
        r = await tenant.get("/api/v1/conversations", params={"q": q})
        return [i["id"] for i in r.json()["items"]]

    assert await search("0903111222") == [cid]
    assert await search("+84 903 111 222") == [cid]
    assert await search("alo shop") == [cid]  # older words kept after the customer part changed
    assert await search("dh000777") == [cid]
    assert await search("pham thu") == [cid]


async def test_history_oldest_first_and_disconnected_page(tenant, seed: Seeder):
    from chotdon.channels.models import Channel

    ch = await seed.channel()
    cid = None
    for i in range(5):
        cid = (await seed.message(ch, "p1", f"tin {i}", at=ago(minutes=30 - i))).conversation.id
    got, cursor = [], None
    while True:
        params = {"limit": 2, "order": "oldest", **({"cursor": cursor} if cursor else {})}
        body = (await tenant.get(f"/api/v1/conversations/{cid}/messages", params=params)).json()
        got += [m["text"] for m in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert got == [f"tin {i}" for i in range(5)]
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, ch)
        channel.status = "disconnected"
        channel.status_reason = "Token hết hạn"
    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "channel_disconnected"


async def test_search_whole_message_history(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    first = await seed.message(ch, "p1", "Mình lấy Áo Khoác ĐỎ size M", at=ago(days=3))
    cid = first.conversation.id
    for i in range(3):
        await seed.message(ch, "p1", f"ok {i}")
    other = await seed.message(ch, "p2", "áo khoác đỏ còn không", name="B")
    r = await tenant.get("/api/v1/messages/search", params={"q": "ao khoac do", "limit": 1})
    body = r.json()
    assert [m["id"] for m in body["items"]] == [other.message.id]  # newest first
    r = await tenant.get(
        "/api/v1/messages/search", params={"q": "ao khoac do", "cursor": body["next_cursor"]}
    )
    assert [m["id"] for m in r.json()["items"]] == [first.message.id]
    r = await tenant.get(
        "/api/v1/messages/search", params={"q": "AO KHOAC", "conversation_id": cid}
    )
    assert [m["conversation_id"] for m in r.json()["items"]] == [cid]
    outsider = await make_tenant()
    r = await outsider.get("/api/v1/messages/search", params={"q": "ao khoac do"})
    assert r.json()["items"] == []
    r = await outsider.get("/api/v1/messages/search", params={"q": "ao", "conversation_id": cid})
    assert r.status_code == 404
    r = await tenant.get("/api/v1/messages/search", params={"q": ""})
    assert r.status_code == 422


async def test_retry_failed_message(tenant, seed: Seeder, make_tenant):
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    sent = (await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"})).json()
    r = await tenant.post(f"/api/v1/messages/{sent['id']}/retry")
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_failed"
    async with unit_of_work() as session:
        m = await session.get_one(Message, sent["id"])
        m.status, m.error = "failed", "(#10) outside the window"
    other = await make_tenant()
    assert (await other.post(f"/api/v1/messages/{sent['id']}/retry")).status_code == 404
    r = await tenant.post(f"/api/v1/messages/{sent['id']}/retry")
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending" and r.json()["error"] is None
    r = await tenant.get(f"/api/v1/conversations/{cid}/messages")
    assert [m["text"] for m in r.json()["items"]] == ["alo", "Dạ"]  # the same row, not a copy
