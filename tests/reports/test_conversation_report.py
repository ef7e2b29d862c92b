"""`/api/v1/reports/conversations` over a scripted timeline: every figure exactly as defined.

Timeline (local time, Asia/Ho_Chi_Minh, shop open 08:00–17:00 every day):
- A: Mon 07:00 and 07:10 customer, 07:20 bot, 08:30 page reply (5400 s; 1800 s in hours);
  09:00 customer, 09:05 reply (a later turn: 300 s). Marked done. Tue 23:30 the customer
  writes again (reopened), Wed 08:10 reply (31200 s; 600 s in hours).
- B: Mon 23:59:59 customer, never answered (the day's last second).
- C: Tue 00:00:00 customer (the next day's first second), 00:01 reply (60 s; 0 s in hours).
"""

from __future__ import annotations

import pytest

from .timeline import at, write


def figures(row: dict) -> tuple:
    def d(name: str) -> tuple:
        return (row[name]["avg"], row[name]["p50"], row[name]["p90"])

    return (
        row["new_conversations"],
        row["reopened_conversations"],
        row["replied"],
        row["messages_in"],
        row["messages_out"],
        row["messages_bot"],
        d("first_response_seconds"),
        d("first_response_seconds_working_hours"),
        d("response_seconds"),
        d("response_seconds_working_hours"),
    )


NONE = (None, None, None)
EXPECTED_DAYS = {
    "2026-11-01": (0, 0, 0, 0, 0, 0, NONE, NONE, NONE, NONE),
    "2026-11-02": (
        2, 0, 1, 4, 2, 1,
        (5400, 5400, 5400),
        (1800, 1800, 1800),
        (2850, 2850, 4890),
        (1050, 1050, 1650),
    ),
    "2026-11-03": (
        1, 1, 2, 2, 1, 0,
        (15630, 15630, 28086),
        (300, 300, 540),
        (15630, 15630, 28086),
        (300, 300, 540),
    ),
    "2026-11-04": (0, 0, 0, 0, 1, 0, NONE, NONE, NONE, NONE),
}  # fmt: skip
EXPECTED_TOTAL = (
    3, 1, 3, 6, 4, 1,
    (12220, 5400, 26040),
    (800, 600, 1560),
    (9240, 2850, 23460),
    (675, 450, 1440),
)  # fmt: skip


async def test_figures_per_day_in_the_shop_time_zone(tenant, shop) -> None:
    r = await tenant.get(
        "/api/v1/reports/conversations", params={"from": "2026-11-01", "to": "2026-11-04"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["timezone"] == "Asia/Ho_Chi_Minh"
    assert [row["key"] for row in body["rows"]] == list(EXPECTED_DAYS)
    assert body["rows"][1]["label"] == "02/11/2026"
    for row in body["rows"]:
        assert figures(row) == EXPECTED_DAYS[row["key"]], row["key"]
    assert figures(body["totals"]) == EXPECTED_TOTAL


async def test_a_one_day_period_ends_at_local_midnight(tenant, shop) -> None:
    r = await tenant.get(
        "/api/v1/reports/conversations", params={"from": "2026-11-02", "to": "2026-11-02"}
    )
    assert figures(r.json()["totals"]) == EXPECTED_DAYS["2026-11-02"]


async def test_per_hour_of_day(tenant, shop) -> None:
    r = await tenant.get(
        "/api/v1/reports/conversations",
        params={"from": "2026-11-02", "to": "2026-11-04", "group_by": "hour"},
    )
    rows = {row["key"]: row for row in r.json()["rows"]}
    assert len(rows) == 24 and rows["07"]["label"] == "07:00"
    assert (rows["07"]["new_conversations"], rows["07"]["messages_in"]) == (1, 2)
    assert (rows["23"]["new_conversations"], rows["23"]["reopened_conversations"]) == (1, 1)
    assert (rows["00"]["new_conversations"], rows["00"]["replied"]) == (1, 1)
    assert rows["09"]["response_seconds"]["avg"] == 300
    assert rows["09"]["first_response_seconds"]["avg"] is None


async def test_hours_and_days_of_a_half_hour_time_zone(tenant, seed) -> None:
    """India is UTC+05:30: local hours and days start at UTC half hours, and the message
    counts (kept per quarter hour) split exactly there."""
    r = await tenant.put("/api/v1/working-hours", json={"timezone": "Asia/Kolkata", "days": {}})
    assert r.status_code == 200, r.text
    channel = await seed.channel()
    # T0 is Mon 2 Nov 00:00 UTC = 05:30 in Kolkata.
    await write(channel, "a", at(-6 * 60 + 29))  # Sun 23:59
    await write(channel, "b", at(-6 * 60 + 31))  # Mon 00:01
    await write(channel, "b", at(-6 * 60 + 40), sender="page")  # Mon 00:10
    await write(channel, "c", at(4 * 60 + 40))  # Mon 10:10
    await write(channel, "c", at(4 * 60 + 50))  # Mon 10:20
    await write(channel, "c", at(5 * 60 + 20), sender="page")  # Mon 10:50
    params = {"from": "2026-11-01", "to": "2026-11-02"}
    r = await tenant.get("/api/v1/reports/conversations", params={**params, "group_by": "day"})
    days = {row["key"]: row for row in r.json()["rows"]}
    assert (days["2026-11-01"]["messages_in"], days["2026-11-01"]["new_conversations"]) == (1, 1)
    assert (days["2026-11-02"]["messages_in"], days["2026-11-02"]["messages_out"]) == (3, 2)
    r = await tenant.get("/api/v1/reports/conversations", params={**params, "group_by": "hour"})
    hours = {row["key"]: (row["messages_in"], row["messages_out"]) for row in r.json()["rows"]}
    assert {k: v for k, v in hours.items() if v != (0, 0)} == {
        "23": (1, 0),
        "00": (1, 1),
        "10": (2, 1),
    }
    totals = r.json()["totals"]
    assert totals["first_response_seconds"] == {"avg": 1470, "p50": 1470, "p90": 2214}  # 540, 2400


async def test_a_third_party_apps_page_message_is_not_a_staff_reply(tenant, seed) -> None:
    """A chatbot of another app writing as the page (a Facebook echo with its app id) answers
    nobody's turn; the person who writes later does."""
    channel = await seed.channel()
    await write(channel, "a", at(0))
    await write(channel, "a", at(1), sender="page", third_party_app="1517776481860111")
    await write(channel, "a", at(30), sender="page")
    r = await tenant.get(
        "/api/v1/reports/conversations", params={"from": "2026-11-02", "to": "2026-11-02"}
    )
    totals = r.json()["totals"]
    assert totals["first_response_seconds"] == {"avg": 1800, "p50": 1800, "p90": 1800}
    assert (totals["messages_out"], totals["messages_bot"]) == (1, 1)


async def test_per_channel_and_filter(tenant, seed, shop) -> None:
    other = await seed.channel('=HYPERLINK("http://x")')
    await write(other, "z", at(60))
    r = await tenant.get(
        "/api/v1/reports/conversations",
        params={"from": "2026-11-02", "to": "2026-11-04", "group_by": "channel"},
    )
    rows = {row["label"]: row for row in r.json()["rows"]}
    assert set(rows) == {"Trang Áo Đẹp", '=HYPERLINK("http://x")'}
    assert figures(rows["Trang Áo Đẹp"]) == EXPECTED_TOTAL
    assert rows['=HYPERLINK("http://x")']["new_conversations"] == 1
    r = await tenant.get(
        "/api/v1/reports/conversations",
        params={"from": "2026-11-02", "to": "2026-11-04", "channel_id": shop},
    )
    assert figures(r.json()["totals"]) == EXPECTED_TOTAL


async def test_without_working_hours_both_times_are_equal(tenant, seed) -> None:
    channel = await seed.channel()
    await write(channel, "a", at(0))
    await write(channel, "a", at(90), sender="page")
    r = await tenant.get(
        "/api/v1/reports/conversations", params={"from": "2026-11-02", "to": "2026-11-02"}
    )
    totals = r.json()["totals"]
    assert totals["first_response_seconds"] == {"avg": 5400, "p50": 5400, "p90": 5400}
    assert totals["first_response_seconds_working_hours"] == totals["first_response_seconds"]


async def test_history_arriving_in_one_batch_is_reported_by_its_timestamps(tenant, seed) -> None:
    """A backfill stores old messages now; the report places them when they were written."""
    from chotdon.channels.events import InboundMessage, Person
    from chotdon.channels.models import Channel
    from chotdon.core.db import unit_of_work
    from chotdon.inbox import flows

    channel_id = await seed.channel()
    events = [
        InboundMessage(
            f"h{i}_{channel_id}", Person("old", "Khách cũ"), d, at(m), "x", sender_type=s
        )
        for i, (m, d, s) in enumerate(
            [(95, "out", "page"), (0, "in", "contact"), (120, "in", "contact"), (90, "out", "page")]
        )
    ]
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        await flows.record_new(session, channel, events)
    r = await tenant.get(
        "/api/v1/reports/conversations", params={"from": "2026-11-02", "to": "2026-11-02"}
    )
    totals = r.json()["totals"]
    assert (totals["new_conversations"], totals["replied"], totals["messages_in"]) == (1, 1, 2)
    assert totals["first_response_seconds"]["avg"] == 5400
    assert totals["response_seconds"] == {"avg": 5400, "p50": 5400, "p90": 5400}  # 2nd waits


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-11-05", "to": "2026-11-01"}, "from"),
        ({"from": "2025-01-01", "to": "2026-11-01"}, "to"),
        ({"from": "hôm qua"}, "from"),
        ({"group_by": "week"}, "group_by"),
        ({"format": "pdf"}, "format"),
        ({"channel_id": "x"}, "channel_id"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(tenant, params, field) -> None:
    r = await tenant.get("/api/v1/reports/conversations", params=params)
    assert r.status_code == 422, r.text
    assert field in [d["field"].split(".")[-1] for d in r.json()["error"]["details"]]
