"""Search answers the same whichever plan serves it (rare terms from the GIN index first)."""

from __future__ import annotations

import pytest

from chotdon.inbox import repository

from .helpers import Seeder, ago


@pytest.mark.parametrize("threshold", [1, 3, 2000])
async def test_rare_and_common_terms_give_the_same_pages(
    tenant, seed: Seeder, monkeypatch, threshold
):
    monkeypatch.setattr(repository, "SELECTIVE_ROWS", threshold)
    channel = await seed.channel()
    for i in range(6):
        await seed.message(channel, f"psid-{i}", f"Áo khoác đỏ số {i}", at=ago(minutes=60 - i))
    await seed.message(channel, "psid-rare", "sdt 0987 654 321 nha", at=ago(minutes=1))

    async def names(q: str, limit: int) -> list[str]:
        out, cursor = [], None
        while True:
            params = {"q": q, "limit": limit, **({"cursor": cursor} if cursor else {})}
            body = (await tenant.get("/api/v1/conversations", params=params)).json()
            out += [c["contact"]["name"] + str(c["id"]) for c in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                return out

    common = await names("ao khoac", 4)
    assert len(common) == 6 and len(set(common)) == 6
    rare = await names("0987654321", 4)
    assert len(rare) == 1
    # Unread first keeps working with a search too.
    r = await tenant.get(
        "/api/v1/conversations", params={"q": "ao khoac do", "sort": "unread_first"}
    )
    assert len(r.json()["items"]) == 6


@pytest.mark.parametrize("threshold", [1, 2000])
async def test_rare_tag_pages_are_the_same_whichever_plan(
    tenant, seed: Seeder, monkeypatch, threshold
):
    monkeypatch.setattr(repository, "SELECTIVE_ROWS", threshold)
    channel = await seed.channel()
    conv_ids = []
    for i in range(6):
        rec = await seed.message(channel, f"psid-t{i}", f"tin {i}", at=ago(minutes=30 - i))
        conv_ids.append(rec.conversation.id)
    vip = (await tenant.post("/api/v1/tags", json={"name": "VIP", "color": "#ff0000"})).json()
    sale = (await tenant.post("/api/v1/tags", json={"name": "Sale", "color": "#00ff00"})).json()
    for cid in conv_ids[:3]:
        assert (
            await tenant.post(f"/api/v1/conversations/{cid}/tags/{vip['id']}")
        ).status_code == 200
    assert (
        await tenant.post(f"/api/v1/conversations/{conv_ids[0]}/tags/{sale['id']}")
    ).status_code == 200

    async def ids(**params) -> list[int]:
        r = await tenant.get("/api/v1/conversations", params={"limit": 2, **params})
        out, body = [], r.json()
        out += [c["id"] for c in body["items"]]
        while body["next_cursor"]:
            r = await tenant.get(
                "/api/v1/conversations",
                params={"limit": 2, "cursor": body["next_cursor"], **params},
            )
            body = r.json()
            out += [c["id"] for c in body["items"]]
        return out

    assert await ids(tag_id=vip["id"]) == list(reversed(conv_ids[:3]))
    both = await ids(tag_id=[vip["id"], sale["id"]], tag_mode="all")
    assert both == [conv_ids[0]]
    either = await ids(tag_id=[vip["id"], sale["id"]], tag_mode="any")
    assert either == list(reversed(conv_ids[:3]))
