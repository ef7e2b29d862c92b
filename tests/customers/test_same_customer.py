"""One customer across channels: the same phone on Facebook and on a marketplace is offered as
the same customer (suggested merge, one click); automatic merging only when the owner turns it
on; purchase history and "bùng đơn" follow the person."""

from __future__ import annotations

import uuid

from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work

from .helpers import customer_says, make_channel, make_product


async def _marketplace(workspace_id: int, provider: str = "lazada") -> int:
    async with unit_of_work() as session:
        channel = Channel(
            workspace_id=workspace_id,
            provider=provider,
            external_id=f"seller-{uuid.uuid4().hex[:10]}",
            name="Shop trên Lazada",
            settings={},
        )
        session.add(channel)
        await session.flush()
        return channel.id


async def _says(channel_id: int, text: str, name: str) -> tuple[int, int]:
    rec = await customer_says(channel_id, text, name=name)
    return rec.conversation.contact_id, rec.conversation.id


async def _cancelled_order(tenant, conversation_id: int) -> int:
    product_id, _ = await make_product(tenant.workspace_id)
    r = await tenant.post(
        "/api/v1/orders",
        json={"conversation_id": conversation_id, "items": [{"product_id": product_id}]},
    )
    assert r.status_code == 201, r.text
    order_id = r.json()["id"]
    r = await tenant.post(
        f"/api/v1/orders/{order_id}/transition", json={"to": "cancelled", "reason": "bùng"}
    )
    assert r.status_code == 200, r.text
    return order_id


async def test_same_phone_on_facebook_and_lazada_is_suggested_and_merged_in_one_click(tenant):
    facebook = await make_channel(tenant.workspace_id)
    lazada = await _marketplace(tenant.workspace_id)
    fb_id, fb_conv = await _says(facebook, "sđt mình 0912 345 678 nhé", "Lan Nguyễn")
    order_id = await _cancelled_order(tenant, fb_conv)
    lz_id, lz_conv = await _says(lazada, "giao về +84912345678 giúp em", "l***n")
    await _says(lazada, "số khác 0987 000 111", "Người khác")

    agent = await tenant.add_member("agent")
    r = await agent.get(f"/api/v1/contacts/{lz_id}/same-customers")
    assert r.status_code == 200, r.text
    [suggested] = r.json()["items"]
    assert suggested["contact"]["id"] == fb_id
    assert suggested["contact"]["cancelled_orders_count"] == 1  # the "bùng đơn" is visible
    assert suggested["shared_phones"] == ["+84912345678"]
    assert [c["provider"] for c in suggested["channels"]] == ["facebook"]
    [back] = (await tenant.get(f"/api/v1/contacts/{fb_id}/same-customers")).json()["items"]
    assert back["contact"]["id"] == lz_id and back["channels"][0]["provider"] == "lazada"

    # One click (an admin's): the Lazada buyer's history is the person's.
    r = await tenant.post(f"/api/v1/contacts/{lz_id}/merge", json={"other_id": fb_id})
    assert r.status_code == 200, r.text
    person = r.json()
    assert person["cancelled_orders_count"] == 1 and person["risk"] in ("watch", "high")
    assert [o["id"] for o in person["orders"]] == [order_id]
    assert sorted(person["conversation_ids"]) == sorted([fb_conv, lz_conv])
    assert {i["channel_id"] for i in person["identities"]} == {facebook, lazada}
    assert (await tenant.get(f"/api/v1/contacts/{lz_id}/same-customers")).json()["items"] == []
    conversation = (await tenant.get(f"/api/v1/conversations/{fb_conv}")).json()
    assert conversation["contact"]["id"] == lz_id


async def test_automatic_merging_only_when_the_owner_turns_it_on(tenant, run_jobs):
    facebook = await make_channel(tenant.workspace_id)
    lazada = await _marketplace(tenant.workspace_id)
    assert (await tenant.get("/api/v1/customer-settings")).json() == {"auto_merge_by_phone": False}
    fb_id, _ = await _says(facebook, "0912345678", "Lan")
    lz_id, _ = await _says(lazada, "0912.345.678", "l***n")
    await run_jobs()
    assert len((await tenant.get("/api/v1/contacts")).json()["items"]) == 2  # only suggested

    admin = await tenant.add_member("admin")
    agent = await tenant.add_member("agent")
    for who in (admin, agent):
        r = await who.put("/api/v1/customer-settings", json={"auto_merge_by_phone": True})
        assert r.status_code == 403
    r = await tenant.put("/api/v1/customer-settings", json={"auto_merge_by_phone": True})
    assert r.status_code == 200 and r.json() == {"auto_merge_by_phone": True}

    shopee = await _marketplace(tenant.workspace_id, "shopee")
    sp_id, sp_conv = await _says(shopee, "sđt 0912 345 678", "lan.shopee")
    await run_jobs()
    contacts = (await tenant.get("/api/v1/contacts")).json()["items"]
    assert [c["id"] for c in contacts] == [fb_id]  # all three are the oldest customer now
    person = (await tenant.get(f"/api/v1/contacts/{sp_id}")).json()
    assert person["id"] == fb_id and len(person["identities"]) == 3
    assert (await tenant.get(f"/api/v1/conversations/{sp_conv}")).json()["contact"]["id"] == fb_id
    assert lz_id != fb_id


async def test_other_workspaces_are_never_suggested(tenant, make_tenant, run_jobs):
    other = await make_tenant()
    await other.put("/api/v1/customer-settings", json={"auto_merge_by_phone": True})
    mine, _ = await _says(await make_channel(tenant.workspace_id), "0912345678", "Lan")
    theirs, _ = await _says(await _marketplace(other.workspace_id), "0912345678", "Lan")
    await run_jobs()
    assert (await tenant.get(f"/api/v1/contacts/{mine}/same-customers")).json()["items"] == []
    assert (await other.get(f"/api/v1/contacts/{theirs}/same-customers")).json()["items"] == []
    assert (await other.get(f"/api/v1/contacts/{mine}/same-customers")).status_code == 404


async def test_not_the_same_person_stops_the_suggestion_for_that_pair_only(tenant, run_jobs):
    facebook = await make_channel(tenant.workspace_id)
    lazada = await _marketplace(tenant.workspace_id)
    shopee = await _marketplace(tenant.workspace_id, "shopee")
    # A shop's shared phone on two different buyers (a relative ordering for someone else).
    fb_id, _ = await _says(facebook, "sđt 0912 345 678", "Lan")
    lz_id, _ = await _says(lazada, "0912345678 nhé", "Hùng")
    sp_id, _ = await _says(shopee, "gọi 0912.345.678", "lan.shopee")

    def suggested(r) -> list[int]:
        assert r.status_code == 200, r.text
        return [s["contact"]["id"] for s in r.json()["items"]]

    assert suggested(await tenant.get(f"/api/v1/contacts/{fb_id}/same-customers")) == [
        lz_id,
        sp_id,
    ]
    # Agents see suggestions but decide neither a merge nor "not the same person".
    agent = await tenant.add_member("agent")
    r = await agent.post(f"/api/v1/contacts/{fb_id}/same-customers/{lz_id}/dismiss")
    assert r.status_code == 403
    admin = await tenant.add_member("admin")
    r = await admin.post(f"/api/v1/contacts/{fb_id}/same-customers/{lz_id}/dismiss")
    assert suggested(r) == [sp_id]
    # Stored for the workspace, both ways round, for everyone; the other pair is untouched.
    assert suggested(await agent.get(f"/api/v1/contacts/{fb_id}/same-customers")) == [sp_id]
    assert suggested(await tenant.get(f"/api/v1/contacts/{lz_id}/same-customers")) == [sp_id]
    assert suggested(await tenant.get(f"/api/v1/contacts/{sp_id}/same-customers")) == [
        fb_id,
        lz_id,
    ]
    again = await tenant.post(f"/api/v1/contacts/{lz_id}/same-customers/{fb_id}/dismiss")
    assert suggested(again) == [sp_id]  # idempotent

    # Automatic merging leaves a dismissed pair apart too: a new customer with that phone
    # joins the oldest (Lan on Facebook), and the Shopee buyer with it, but never Hùng.
    r = await tenant.put("/api/v1/customer-settings", json={"auto_merge_by_phone": True})
    assert r.status_code == 200
    newcomer, _ = await _says(lazada, "số em 0912345678", "Lan (tài khoản mới)")
    await run_jobs()
    contacts = {c["id"] for c in (await tenant.get("/api/v1/contacts")).json()["items"]}
    assert contacts == {fb_id, lz_id}
    assert (await tenant.get(f"/api/v1/contacts/{newcomer}")).json()["id"] == fb_id
    assert suggested(await tenant.get(f"/api/v1/contacts/{fb_id}/same-customers")) == []

    # Undo: suggested again.
    r = await tenant.delete(f"/api/v1/contacts/{fb_id}/same-customers/{lz_id}/dismiss")
    assert lz_id in suggested(r)


async def test_dismissing_is_refused_across_workspaces_and_for_oneself(tenant, make_tenant):
    other = await make_tenant()
    mine, _ = await _says(await make_channel(tenant.workspace_id), "0912345678", "Lan")
    also_mine, _ = await _says(await _marketplace(tenant.workspace_id), "0912345678", "Lan")
    theirs, _ = await _says(await _marketplace(other.workspace_id), "0912345678", "Lan")
    r = await tenant.post(f"/api/v1/contacts/{mine}/same-customers/{theirs}/dismiss")
    assert r.status_code == 404
    r = await other.post(f"/api/v1/contacts/{mine}/same-customers/{also_mine}/dismiss")
    assert r.status_code == 404
    r = await tenant.post(f"/api/v1/contacts/{mine}/same-customers/{mine}/dismiss")
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"
    # Nothing was stored for another workspace's pair.
    r = await tenant.get(f"/api/v1/contacts/{mine}/same-customers")
    assert [s["contact"]["id"] for s in r.json()["items"]] == [also_mine]
