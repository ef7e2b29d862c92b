"""Who sees which figures, isolation between workspaces, and the workbooks read back."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from .test_conversation_report import EXPECTED_TOTAL, figures
from .timeline import write

URLS = ["/api/v1/reports/conversations", "/api/v1/reports/orders"]


def today() -> str:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date().isoformat()


async def test_an_agent_sees_only_their_own_figures(tenant, seed) -> None:
    lan = await tenant.add_member("agent", name="Lan")
    minh = await tenant.add_member("agent", name="Minh")
    channel = await seed.channel()
    replied_by = {"x": lan, "y": minh, "z": lan}
    for psid, agent in replied_by.items():
        recorded = await write(channel, psid, datetime.now(UTC))
        assert recorded.conversation is not None
        r = await agent.post(
            f"/api/v1/conversations/{recorded.conversation.id}/messages", json={"text": "Dạ"}
        )
        assert r.status_code == 202, r.text
    params = {"from": today(), "to": today(), "group_by": "agent"}
    r = await tenant.get("/api/v1/reports/conversations", params=params)
    assert r.status_code == 200, r.text
    rows = {row["label"]: row for row in r.json()["rows"]}
    assert (rows["Lan"]["replied"], rows["Lan"]["messages_out"]) == (2, 2)
    assert (rows["Minh"]["replied"], rows["Minh"]["messages_out"]) == (1, 1)
    assert r.json()["totals"]["new_conversations"] == 3
    r = await lan.get("/api/v1/reports/conversations", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [row["label"] for row in body["rows"]] == ["Lan"]
    assert (body["totals"]["replied"], body["totals"]["messages_out"]) == (2, 2)
    assert body["totals"]["messages_in"] == 0  # customers' messages are nobody's own figures


@pytest.mark.parametrize("url", URLS)
async def test_another_workspace_sees_nothing_of_this_one(make_tenant, tenant, shop, url) -> None:
    stranger = await make_tenant(workspace_name="Shop Khác")
    params = {"from": "2026-11-01", "to": "2026-11-04"}
    r = await stranger.get(url, params=params)
    assert r.status_code == 200
    totals = r.json()["totals"]
    assert all(v in (0, None) or isinstance(v, dict) for v in totals.values())
    r = await stranger.get(url, params={**params, "channel_id": shop, "group_by": "channel"})
    assert r.json()["rows"] == []


@pytest.mark.parametrize("url", [*URLS, "/api/v1/reports/livestreams/1"])
async def test_reports_need_a_login(client, url) -> None:
    r = await client.get(url)
    assert r.status_code == 401
    assert r.json()["error"]["code"]


async def test_livestream_report_is_for_owners_and_admins(tenant) -> None:
    agent = await tenant.add_member("agent")
    r = await agent.get("/api/v1/reports/livestreams/1")
    assert r.status_code == 403
    r = await tenant.get("/api/v1/reports/livestreams/999999999")
    assert r.status_code == 404


async def test_conversation_workbook_matches_the_json_cell_by_cell(tenant, seed, shop) -> None:
    evil = await seed.channel('=HYPERLINK("http://x","y")')
    await write(evil, "q", datetime(2026, 11, 2, 3, tzinfo=UTC))
    params = {"from": "2026-11-01", "to": "2026-11-04", "group_by": "channel"}
    body = (await tenant.get("/api/v1/reports/conversations", params=params)).json()
    r = await tenant.get("/api/v1/reports/conversations", params={**params, "format": "xlsx"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0][:4] == ["Nhóm", "Hội thoại mới", "Mở lại", "Đã trả lời"]
    assert cells[0][7:10] == ["Phản hồi đầu (giây) TB", "Phản hồi đầu (giây) trung vị",
                              "Phản hồi đầu (giây) P90"]  # fmt: skip
    assert len(cells) == 1 + len(body["rows"]) + 1
    for row, out in zip(
        [*body["rows"], {**body["totals"], "label": "Tổng"}], cells[1:], strict=True
    ):
        label = row["label"]
        assert out[0] == ("'" + label if label.startswith("=") else label)
        assert tuple(out[1:7]) == figures(row)[:6]
        assert tuple(out[7:10]) == figures(row)[6]
        assert tuple(out[10:13]) == figures(row)[7]
        assert tuple(out[13:16]) == figures(row)[8]
        assert tuple(out[16:19]) == figures(row)[9]
    assert tuple(cells[-1][1:7]) == (4, 1, 3, 7, 4, 1)
    assert figures(body["totals"])[6:] == EXPECTED_TOTAL[6:]
