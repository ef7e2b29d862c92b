"""`/api/v1/working-hours` through the HTTP API: defaults, saving, refusals, roles, isolation."""

from __future__ import annotations

WEEK = {
    "mon": [["13:30", "21:00"], ["08:00", "12:00"]],
    "tue": [["08:00", "21:00"]],
    "sat": [["09:00", "24:00"]],
}


async def test_a_new_shop_is_open_all_the_time(tenant) -> None:
    r = await tenant.get("/api/v1/working-hours")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["configured"] is False
    assert body["timezone"] == "Asia/Ho_Chi_Minh"
    assert body["days"]["sun"] == [["00:00", "24:00"]]
    assert body["open_now"] is True


async def test_owner_sets_hours_and_everyone_reads_them(tenant) -> None:
    body = {"days": WEEK, "closed_dates": ["2027-02-07", "2027-02-06", "2027-02-07"]}
    r = await tenant.put("/api/v1/working-hours", json=body)
    assert r.status_code == 200, r.text
    saved = r.json()
    assert saved["configured"] is True
    assert saved["days"]["mon"] == [["08:00", "12:00"], ["13:30", "21:00"]]
    assert saved["days"]["sun"] == []
    assert saved["closed_dates"] == ["2027-02-06", "2027-02-07"]
    agent = await tenant.add_member("agent")
    r = await agent.get("/api/v1/working-hours")
    assert r.status_code == 200
    assert r.json()["days"] == saved["days"]


async def test_saving_again_replaces_the_hours(tenant) -> None:
    await tenant.put("/api/v1/working-hours", json={"days": WEEK})
    r = await tenant.put(
        "/api/v1/working-hours",
        json={"timezone": "Asia/Bangkok", "days": {"sun": [["10:00", "16:00"]]}},
    )
    assert r.status_code == 200
    assert r.json()["timezone"] == "Asia/Bangkok"
    assert r.json()["days"]["mon"] == []


async def test_unreadable_hours_get_a_422_naming_the_problem(tenant) -> None:
    r = await tenant.put(
        "/api/v1/working-hours", json={"days": {"mon": [["08:00", "12:00"], ["11:00", "13:00"]]}}
    )
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "validation_error"
    assert "overlap" in str(error["details"])
    r = await tenant.put("/api/v1/working-hours", json={"timezone": "Mars/Olympus", "days": {}})
    assert r.status_code == 422
    assert (await tenant.get("/api/v1/working-hours")).json()["configured"] is False


async def test_agents_cannot_change_the_hours(tenant) -> None:
    agent = await tenant.add_member("agent")
    r = await agent.put("/api/v1/working-hours", json={"days": WEEK})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"


async def test_each_workspace_has_its_own_hours(make_tenant) -> None:
    a, b = await make_tenant(), await make_tenant()
    await a.put("/api/v1/working-hours", json={"days": WEEK})
    assert (await b.get("/api/v1/working-hours")).json()["configured"] is False
