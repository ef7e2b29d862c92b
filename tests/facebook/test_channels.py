"""Connecting pages and the channel registry API."""

from __future__ import annotations

from fb_helpers import conversations

from chotdon.channels.facebook.service import SUBSCRIBED_FIELDS


async def test_connect_page_reads_it_and_subscribes_the_app(fb, run_jobs):
    page = await fb.connect("Shop Áo Khoác Hà Nội")
    channel = fb.channel
    assert channel["provider"] == "facebook" and channel["external_id"] == page.page_id
    assert channel["name"] == "Shop Áo Khoác Hà Nội" and channel["status"] == "connected"
    assert channel["status_reason"] is None and channel["picture_url"]
    assert "token" not in str(channel).lower()
    state = await fb.sim.page_state(page)
    assert set(state["subscribed_fields"]) == set(SUBSCRIBED_FIELDS)
    r = await fb.tenant.get(f"/api/v1/channels/{channel['id']}")
    assert r.json()["sync"]["status"] == "done"
    r = await fb.tenant.get("/api/v1/channels")
    assert [c["id"] for c in r.json()["items"]] == [channel["id"]]
    assert r.json()["next_cursor"] is None


async def test_bad_token_is_refused_and_nothing_is_stored(fb):
    page = await fb.sim.create_page("Shop")
    r = await fb.tenant.post(
        "/api/v1/channels/facebook", json={"page_id": page.page_id, "access_token": "EAAG-bad"}
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "facebook_token_invalid"
    assert (await fb.tenant.get("/api/v1/channels")).json()["items"] == []
    r = await fb.tenant.post("/api/v1/channels/facebook", json={"page_id": page.page_id})
    assert r.status_code == 400 and r.json()["error"]["code"] == "token_required"
    r = await fb.tenant.post(
        "/api/v1/channels/facebook", json={"page_id": "1 OR 1=1", "access_token": "x"}
    )
    assert r.status_code == 422


async def test_page_of_another_workspace_is_a_conflict(fb, make_tenant):
    page = await fb.connect()
    other = await make_tenant()
    r = await other.post(
        "/api/v1/channels/facebook",
        json={"page_id": page.page_id, "access_token": page.access_token},
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "channel_in_other_workspace"


async def test_pick_a_page_from_a_user_token(fb, run_jobs):
    a = await fb.sim.create_page("Trang A")
    b = await fb.sim.create_page("Trang B")
    user_token = await fb.sim.create_user([a, b])
    r = await fb.tenant.post(
        "/api/v1/channels/facebook/pages", json={"user_access_token": user_token}
    )
    assert r.status_code == 200, r.text
    assert [(p["page_id"], p["name"]) for p in r.json()["items"]] == [
        (a.page_id, "Trang A"),
        (b.page_id, "Trang B"),
    ]
    r = await fb.tenant.post(
        "/api/v1/channels/facebook", json={"page_id": b.page_id, "user_access_token": user_token}
    )
    assert r.status_code == 201 and r.json()["name"] == "Trang B"
    r = await fb.tenant.post(
        "/api/v1/channels/facebook/pages", json={"user_access_token": user_token}
    )
    assert [p["connected_channel_id"] is not None for p in r.json()["items"]] == [False, True]
    r = await fb.tenant.post(
        "/api/v1/channels/facebook", json={"page_id": "999", "user_access_token": user_token}
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "page_not_managed"


async def test_isolation_and_roles(fb, make_tenant):
    await fb.connect()
    cid = fb.channel_id
    other = await make_tenant()
    for method, url, body in [
        ("get", f"/api/v1/channels/{cid}", None),
        ("patch", f"/api/v1/channels/{cid}", {"name": "x"}),
        ("delete", f"/api/v1/channels/{cid}", None),
        ("post", f"/api/v1/channels/{cid}/sync", None),
    ]:
        kw = {"json": body} if body else {}
        r = await getattr(other, method)(url, **kw)
        assert r.status_code == 404, (method, url, r.text)
    assert (await other.get("/api/v1/channels")).json()["items"] == []
    agent = await fb.tenant.add_member("agent")
    assert (await agent.get(f"/api/v1/channels/{cid}")).status_code == 200
    assert (await agent.patch(f"/api/v1/channels/{cid}", json={"name": "x"})).status_code == 403
    assert (await agent.delete(f"/api/v1/channels/{cid}")).status_code == 403
    assert (await agent.post(f"/api/v1/channels/{cid}/sync")).status_code == 403
    r = await agent.post("/api/v1/channels/facebook", json={"page_id": "1", "access_token": "x"})
    assert r.status_code == 403
    assert (await fb.tenant.get("/api/v1/channels/abc")).status_code == 404
    r = await fb.tenant.patch(f"/api/v1/channels/{cid}", json={"settings": {"backfill_days": 0}})
    assert r.status_code == 422
    r = await fb.tenant.patch(f"/api/v1/channels/{cid}", json={"settings": {"nope": 1}})
    assert r.status_code == 422


async def test_patch_settings_and_name(fb):
    await fb.connect()
    r = await fb.tenant.patch(
        f"/api/v1/channels/{fb.channel_id}",
        json={"name": "Shop chính", "settings": {"backfill_days": 7}},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["name"] == "Shop chính" and body["settings"]["backfill_days"] == 7
    assert body["settings"]["label_sync"] is False
    # Automatic assignment is the workspace's (/auto-assignment): no channel switch doing nothing.
    assert "auto_assign" not in body["settings"]
    r = await fb.tenant.patch(
        f"/api/v1/channels/{fb.channel_id}", json={"settings": {"auto_assign": True}}
    )
    assert r.status_code == 422


async def test_disconnect_keeps_history_and_reconnect_resumes(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.customer_writes(page, "psid-dc", "Trước khi ngắt")
    await run_jobs()
    r = await fb.tenant.delete(f"/api/v1/channels/{fb.channel_id}")
    assert r.status_code == 204
    await run_jobs()
    channel = (await fb.tenant.get(f"/api/v1/channels/{fb.channel_id}")).json()
    assert channel["status"] == "disconnected" and channel["status_reason"]
    assert (await fb.sim.page_state(page))["subscribed_fields"] == []
    r = await fb.tenant.post(f"/api/v1/channels/{fb.channel_id}/sync")
    assert r.status_code == 409
    assert len(await conversations(fb.tenant)) == 1
    r = await fb.tenant.post(
        "/api/v1/channels/facebook",
        json={"page_id": page.page_id, "access_token": page.access_token},
    )
    assert r.status_code == 200 and r.json()["id"] == fb.channel_id
    assert r.json()["status"] == "connected"
    await fb.sim.customer_writes(page, "psid-dc", "Sau khi nối lại")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert conv["last_message"]["text"] == "Sau khi nối lại"


async def test_sync_endpoint_runs_the_backfill(fb, run_jobs):
    page = await fb.connect(sync=False)
    await run_jobs()
    await fb.sim.pause_webhooks()  # messages Facebook has but never delivered to us
    await fb.sim.customer_writes(page, "psid-sync", "Tin nhắn bị lỡ", flush=False)
    r = await fb.tenant.post(f"/api/v1/channels/{fb.channel_id}/sync")
    assert r.status_code == 202 and r.json()["sync"]["status"] == "running"
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert conv["last_message"]["text"] == "Tin nhắn bị lỡ"
    channel = (await fb.tenant.get(f"/api/v1/channels/{fb.channel_id}")).json()
    assert channel["sync"]["status"] == "done" and channel["last_synced_at"]
    await fb.sim.resume_webhooks()
    await run_jobs()
    assert len(await conversations(fb.tenant)) == 1
