"""One-way label sync, Facebook → Chotdon."""

from __future__ import annotations

from fb_helpers import conversations

from chotdon.channels.facebook import jobs


async def fb_tags(tenant) -> list[dict]:
    r = await tenant.get("/api/v1/tags", params={"limit": 200})
    assert r.status_code == 200, r.text
    return [t for t in r.json()["items"] if t["folder"] == "Facebook"]


async def test_enabling_imports_labels_hidden_with_limits(fb, run_jobs):
    page = await fb.connect()
    labels = [await fb.sim.create_label(page, f"Nhãn {i:03d}") for i in range(105)]
    await fb.sim.customer_writes(page, "psid-lab", "hi")
    await fb.sim.customer_writes(page, "psid-few", "hello")
    await run_jobs()
    for label_id in labels[:55]:
        await fb.sim.label_user(page, label_id, "psid-lab", notify=False)
    await fb.sim.label_user(page, labels[3], "psid-few", notify=False)
    assert await fb_tags(fb.tenant) == []  # label sync is off by default
    r = await fb.tenant.patch(
        f"/api/v1/channels/{fb.channel_id}", json={"settings": {"label_sync": True}}
    )
    assert r.status_code == 200 and r.json()["settings"]["label_sync"] is True
    await run_jobs()
    tags = await fb_tags(fb.tenant)
    assert len(tags) == 100  # at most 100 labels, unused ones too
    assert all(t["visible"] is False for t in tags)
    assert {t["name"] for t in tags} == {f"Nhãn {i:03d}" for i in range(100)}
    by_psid = {c["contact"]["name"] or c["id"]: c for c in await conversations(fb.tenant)}
    counts = sorted(len(c["tags"]) for c in by_psid.values())
    assert counts == [1, 50]  # at most 50 per conversation


async def test_inbox_label_webhooks_keep_assignments_current(fb, run_jobs):
    page = await fb.connect(settings={"label_sync": True})
    vip = await fb.sim.create_label(page, "Khách VIP")
    await fb.sim.customer_writes(page, "psid-vip", "Chào shop")
    await run_jobs()
    await fb.sim.label_user(page, vip, "psid-vip", "add")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert [t["name"] for t in conv["tags"]] == ["Khách VIP"]
    await fb.sim.label_user(page, vip, "psid-vip", "remove")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert conv["tags"] == []


async def test_webhooks_ignored_while_label_sync_is_off(fb, run_jobs):
    page = await fb.connect()
    label = await fb.sim.create_label(page, "Đã chốt")
    await fb.sim.customer_writes(page, "psid-off", "hi")
    await fb.sim.label_user(page, label, "psid-off", "add")
    await run_jobs()
    [conv] = await conversations(fb.tenant)
    assert conv["tags"] == [] and await fb_tags(fb.tenant) == []


async def test_periodic_job_picks_up_renamed_and_deleted_labels(fb, run_jobs):
    page = await fb.connect(settings={"label_sync": True})
    keep = await fb.sim.create_label(page, "Cũ")
    gone = await fb.sim.create_label(page, "Sẽ xoá")
    await fb.sim.customer_writes(page, "psid-per", "hi")
    await run_jobs()
    await fb.sim.label_user(page, gone, "psid-per")
    await run_jobs()
    assert {t["name"] for t in await fb_tags(fb.tenant)} == {"Sẽ xoá"}  # via the webhook
    await jobs.refresh_all_labels({})  # labels created in Facebook have no webhook
    assert {t["name"] for t in await fb_tags(fb.tenant)} == {"Cũ", "Sẽ xoá"}
    await fb.sim.rename_label(page, keep, "Mới")
    await fb.sim.delete_label(page, gone)
    await fb.sim.create_label(page, "Thêm")
    await jobs.refresh_all_labels({})
    assert {t["name"] for t in await fb_tags(fb.tenant)} == {"Mới", "Thêm"}
    [conv] = await conversations(fb.tenant)
    assert conv["tags"] == []
