"""One customer, one truth (issue #12 item 12): merging customers moves their livestream
comments, and a comment that waited for a phone under the merged-away identity goes on."""

from __future__ import annotations

from .helpers import lines, make_live


async def test_merge_moves_comments_and_wakes_the_one_waiting_for_a_phone(tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("commenter", "Q02 x2")  # no phone: waits
    await live.message("messenger-id", "sđt mình 0912 345 678 nhé")  # another identity
    await run_jobs()
    [waiting] = await live.comments()
    assert waiting["outcome"] == "missing_phone" and await live.orders() == []
    r = await tenant.get("/api/v1/contacts", params={"phone": "0912345678"})
    [with_phone] = r.json()["items"]
    assert with_phone["id"] != waiting["contact_id"]
    # An agent cannot merge; the owner can.
    agent = await tenant.add_member("agent")
    url = f"/api/v1/contacts/{with_phone['id']}/merge"
    assert (await agent.post(url, json={"other_id": waiting["contact_id"]})).status_code == 403
    r = await tenant.post(url, json={"other_id": waiting["contact_id"]})
    assert r.status_code == 200, r.text
    await run_jobs()
    [comment] = await live.comments()
    assert comment["contact_id"] == with_phone["id"]
    assert comment["outcome"] == "order_created"
    [order] = await live.orders()
    assert order["contact_id"] == with_phone["id"] and order["phone"] == "+84912345678"
    assert lines(order) == [("Q02", 2)]
    # The customer's comment filter follows the merge.
    assert len(await live.comments(contact_id=with_phone["id"])) == 1


async def test_merge_keeps_comments_of_other_workspaces_apart(tenant, make_tenant, run_jobs):
    live = await make_live(tenant)
    await live.comment("u1", "Q02")
    await live.message("u2", "0987654321")
    await run_jobs()
    other = await make_tenant()
    [waiting] = await live.comments()
    r = await other.post(
        f"/api/v1/contacts/{waiting['contact_id']}/merge", json={"other_id": waiting["contact_id"]}
    )
    assert r.status_code in (404, 422)
    [still] = await live.comments()
    assert still["outcome"] == "missing_phone"
