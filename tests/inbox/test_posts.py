"""Posts API: the post above a comment thread, and the list behind the "by post" filter."""

from __future__ import annotations

from .helpers import Seeder


async def test_comment_conversation_shows_its_post(tenant, seed: Seeder, make_tenant):
    channel_id = await seed.channel()
    recorded = await seed.comment(channel_id, "page_p1", "u1", "A01 còn không shop?")
    conv = (await tenant.get(f"/api/v1/conversations/{recorded.conversation.id}")).json()
    assert conv["kind"] == "comment" and conv["post_id"]

    r = await tenant.get(f"/api/v1/posts/{conv['post_id']}")
    assert r.status_code == 200, r.text
    post = r.json()
    assert post["message"] == "Áo khoác mới về"
    assert post["external_id"] == "page_p1" and post["kind"] == "post"

    # Another workspace does not see it.
    other = await make_tenant()
    r = await other.get(f"/api/v1/posts/{conv['post_id']}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


async def test_posts_list_newest_first_with_paging_and_filters(tenant, seed: Seeder, make_tenant):
    a = await seed.channel("Trang A")
    b = await seed.channel("Trang B")
    for i in range(3):
        await seed.comment(a, f"pa_{i}", "u1", "giá?")
    await seed.comment(b, "pb_0", "u2", "ib")

    r = await tenant.get("/api/v1/posts", params={"limit": 2})
    assert r.status_code == 200
    first = r.json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    r = await tenant.get("/api/v1/posts", params={"limit": 2, "cursor": first["next_cursor"]})
    second = r.json()
    ids = [p["id"] for p in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4
    assert second["next_cursor"] is None

    only_a = (await tenant.get("/api/v1/posts", params={"channel_id": a})).json()["items"]
    assert {p["external_id"] for p in only_a} == {"pa_0", "pa_1", "pa_2"}
    r = await tenant.get("/api/v1/posts", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422

    other = await make_tenant()
    assert (await other.get("/api/v1/posts")).json()["items"] == []
