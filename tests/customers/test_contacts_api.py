"""Customers through the HTTP API: search, detail with history, edits, merge, blacklist."""

from __future__ import annotations

from .helpers import customer_says, events_of, make_channel, make_product


async def _customer(tenant, text, *, name="Nguyễn Thị Lan", psid=None, channel_id=None):
    channel_id = channel_id or await make_channel(tenant.workspace_id)
    rec = await customer_says(channel_id, text, name=name, psid=psid)
    return rec.conversation.contact_id, rec.conversation.id, channel_id


async def test_list_and_search(tenant):
    lan, _, ch = await _customer(tenant, "sđt 0912.345.678")
    duc, _, _ = await _customer(tenant, "xin giá", name="Trần Văn Đức", channel_id=ch)
    r = await tenant.get("/api/v1/contacts")
    assert [c["id"] for c in r.json()["items"]] == [duc, lan]
    for params, expected in [
        ({"q": "lan"}, [lan]),
        ({"q": "tran van duc"}, [duc]),
        ({"q": "Đức"}, [duc]),
        ({"q": "0912345678"}, [lan]),
        ({"q": "84912345678"}, [lan]),
        ({"phone": "+84 912 345 678"}, [lan]),
        ({"phone": "0912.345.678"}, [lan]),
        ({"phone": "0999999999"}, []),
        ({"phone": "abc"}, []),
    ]:
        r = await tenant.get("/api/v1/contacts", params=params)
        assert [c["id"] for c in r.json()["items"]] == expected, params
    r = await tenant.post("/api/v1/tags", json={"name": "Khách sỉ", "color": "#ff0000"})
    assert r.status_code == 201, r.text
    tag_id = r.json()["id"]
    assert (
        await tenant.put(f"/api/v1/contacts/{duc}/tags/{tag_id}?pinned=true")
    ).status_code == 204
    r = await tenant.get("/api/v1/contacts", params={"tag_id": tag_id})
    assert [c["id"] for c in r.json()["items"]] == [duc]
    detail = (await tenant.get(f"/api/v1/contacts/{duc}")).json()
    assert detail["tags"] == [
        {"id": tag_id, "name": "Khách sỉ", "color": "#ff0000", "pinned": True}
    ]
    assert (await tenant.delete(f"/api/v1/contacts/{duc}/tags/{tag_id}")).status_code == 204
    assert (await tenant.delete(f"/api/v1/contacts/{duc}/tags/{tag_id}")).status_code == 404
    page = (await tenant.get("/api/v1/contacts", params={"limit": 1})).json()
    rest = (
        await tenant.get("/api/v1/contacts", params={"limit": 1, "cursor": page["next_cursor"]})
    ).json()
    assert [c["id"] for c in page["items"] + rest["items"]] == [duc, lan]


async def test_detail_history_and_edits(tenant):
    contact_id, conversation_id, _ = await _customer(
        tenant, "sđt 0912345678, đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM"
    )
    pid, _ = await make_product(tenant.workspace_id, price=100_000, stock=10)
    ids = []
    for _ in range(3):
        r = await tenant.post(
            "/api/v1/orders",
            json={
                "conversation_id": conversation_id,
                "phone": "0912345678",
                "address": "12 Lê Lợi",
                "items": [{"product_id": pid}],
                "confirm": True,
            },
        )
        ids.append(r.json()["id"])
    for oid in ids[:2]:
        await tenant.post(
            f"/api/v1/orders/{oid}/transition",
            json={"to": "cancelled", "reason": "Khách không nghe máy"},
        )
    await tenant.post(f"/api/v1/orders/{ids[2]}/transition", json={"to": "closed"})
    await tenant.post(f"/api/v1/orders/{ids[2]}/transition", json={"to": "completed"})

    r = await tenant.get(f"/api/v1/contacts/{contact_id}")
    assert r.status_code == 200, r.text
    c = r.json()
    assert c["phones"] == ["+84912345678"]
    assert c["phone_details"][0]["display"] == "0912 345 678"
    assert c["phone_details"][0]["raw"] == "0912345678"
    assert c["addresses"][0]["text"] == "12 Lê Lợi, P. Bến Nghé, Q1, HCM"
    assert (c["orders_count"], c["completed_orders_count"], c["cancelled_orders_count"]) == (
        3,
        1,
        2,
    )
    assert c["total_spent"] == 100_000
    assert c["risk"] == "high" and c["risk_label"] == "Hay bùng đơn"
    for risk, expected in [("high", [contact_id]), ("watch", []), ("new", []), ("blacklisted", [])]:
        r = await tenant.get("/api/v1/contacts", params={"risk": risk})
        assert [x["id"] for x in r.json()["items"]] == expected, risk
    assert [o["id"] for o in c["orders"]] == ids[::-1]
    assert c["conversation_ids"] == [conversation_id]

    r = await tenant.patch(
        f"/api/v1/contacts/{contact_id}", json={"name": "Chị Lan", "primary_phone": "0987 654 321"}
    )
    assert r.status_code == 200
    assert r.json()["name"] == "Chị Lan" and r.json()["primary_phone"] == "+84987654321"
    assert r.json()["phones"] == ["+84912345678", "+84987654321"]
    assert (await tenant.get("/api/v1/contacts", params={"q": "chi lan"})).json()["items"][0][
        "id"
    ] == contact_id
    r = await tenant.patch(f"/api/v1/contacts/{contact_id}", json={"primary_phone": "123"})
    assert r.status_code == 422
    r = await tenant.patch(f"/api/v1/contacts/{contact_id}", json={"name": "x\u0000"})
    assert r.status_code == 422
    assert (await tenant.delete(f"/api/v1/contacts/{contact_id}/tags/{2**70}")).status_code == 404

    r = await tenant.post(
        f"/api/v1/contacts/{contact_id}/addresses",
        json={"text": "5 Trần Phú, Hà Nội", "province": "Hà Nội"},
    )
    assert r.status_code == 201
    r = await tenant.post(
        f"/api/v1/contacts/{contact_id}/notes", json={"text": "Chỉ giao buổi tối"}
    )
    assert r.status_code == 201
    r = await tenant.delete(f"/api/v1/contacts/{contact_id}/phones/0912345678")
    assert r.status_code == 200 and r.json()["phones"] == ["+84987654321"]
    c = (await tenant.get(f"/api/v1/contacts/{contact_id}")).json()
    assert c["addresses"][0]["text"] == "5 Trần Phú, Hà Nội"
    assert (
        c["notes"][0]["text"] == "Chỉ giao buổi tối"
        and c["notes"][0]["author_id"] == tenant.user["id"]
    )


async def test_merge_two_identities_of_one_person(tenant):
    a_id, a_conv, _ = await _customer(tenant, "sđt 0912345678", name="Lan Nguyễn")
    b_id, b_conv, _ = await _customer(tenant, "đc: 7 Hùng Vương, P. Phú Hội, Huế", name="")
    pid, _ = await make_product(tenant.workspace_id)
    await tenant.post(
        "/api/v1/orders", json={"conversation_id": b_conv, "items": [{"product_id": pid}]}
    )

    agent = await tenant.add_member("agent")
    assert (
        await agent.post(f"/api/v1/contacts/{a_id}/merge", json={"other_id": b_id})
    ).status_code == 403
    assert (
        await tenant.post(f"/api/v1/contacts/{a_id}/merge", json={"other_id": a_id})
    ).status_code == 422

    r = await tenant.post(f"/api/v1/contacts/{a_id}/merge", json={"other_id": b_id})
    assert r.status_code == 200, r.text
    merged = r.json()
    assert merged["name"] == "Lan Nguyễn"
    assert len(merged["identities"]) == 2
    assert sorted(merged["conversation_ids"]) == sorted([a_conv, b_conv])
    assert merged["orders_count"] == 1 and merged["addresses"][0]["text"].startswith("7 Hùng Vương")
    moved = [d for t, d in await events_of(tenant.workspace_id) if t == "conversation.updated"]
    assert any(d["id"] == b_conv and d["contact"]["id"] == a_id for d in moved)
    # The old id still leads to the customer; lists show them once.
    assert (await tenant.get(f"/api/v1/contacts/{b_id}")).json()["id"] == a_id
    assert [c["id"] for c in (await tenant.get("/api/v1/contacts")).json()["items"]] == [a_id]
    r = await tenant.post(f"/api/v1/contacts/{a_id}/merge", json={"other_id": b_id})
    assert r.status_code == 409


async def test_blacklist(tenant):
    contact_id, _, _ = await _customer(tenant, "sđt 0912345678")
    agent = await tenant.add_member("agent")
    assert (
        await agent.post("/api/v1/phone-blacklist", json={"phone": "0912345678"})
    ).status_code == 403
    r = await tenant.post(f"/api/v1/contacts/{contact_id}/blacklist", json={"reason": "Bùng 3 đơn"})
    assert (
        r.status_code == 200
        and r.json()["blacklisted"] is True
        and r.json()["risk"] == "blacklisted"
    )
    r = await tenant.get("/api/v1/phone-blacklist")
    [entry] = r.json()["items"]
    assert entry["phone"] == "+84912345678" and entry["reason"] == "Bùng 3 đơn"
    r = await tenant.post("/api/v1/phone-blacklist", json={"phone": "84912345678", "reason": "lặp"})
    assert r.status_code == 201 and r.json()["id"] == entry["id"]
    assert (await tenant.post("/api/v1/phone-blacklist", json={"phone": "xyz"})).status_code == 422
    assert (await tenant.get("/api/v1/phone-blacklist", params={"phone": "0912 345 678"})).json()[
        "items"
    ][0]["id"] == entry["id"]
    assert (await tenant.delete(f"/api/v1/phone-blacklist/{entry['id']}")).status_code == 204
    assert (await tenant.get(f"/api/v1/contacts/{contact_id}")).json()["blacklisted"] is False


async def test_another_workspace_gets_404(make_tenant):
    a, b = await make_tenant(), await make_tenant()
    contact_id, _, _ = await _customer(a, "sđt 0912345678")
    r = await a.post("/api/v1/phone-blacklist", json={"phone": "0912345678"})
    entry_id = r.json()["id"]
    other_id, _, _ = await _customer(b, "hi")
    for method, url, body in [
        ("get", f"/api/v1/contacts/{contact_id}", None),
        ("patch", f"/api/v1/contacts/{contact_id}", {"name": "x"}),
        ("post", f"/api/v1/contacts/{contact_id}/notes", {"text": "x"}),
        ("post", f"/api/v1/contacts/{contact_id}/blacklist", {}),
        ("post", f"/api/v1/contacts/{other_id}/merge", {"other_id": contact_id}),
        ("delete", f"/api/v1/phone-blacklist/{entry_id}", None),
    ]:
        kw = {"json": body} if body is not None else {}
        r = await getattr(b, method)(url, **kw)
        assert r.status_code == 404, (method, url, r.text)
    assert [c["id"] for c in (await b.get("/api/v1/contacts")).json()["items"]] == [other_id]
    assert (await b.get("/api/v1/phone-blacklist")).json()["items"] == []
