"""Every change emits the right realtime event after the commit (and none when refused)."""

from __future__ import annotations

import orjson
import pytest

from chotdon.core.redis import get_redis
from chotdon.realtime.publisher import stream_key

from .helpers import Seeder

pytestmark = pytest.mark.asyncio


class Events:
    def __init__(self, workspace_id: int) -> None:
        self.key = stream_key(workspace_id)
        self.last = "0-0"

    async def new(self) -> list[tuple[str, dict]]:
        rows = await get_redis().xrange(
            self.key, min=f"({self.last}" if self.last != "0-0" else "-"
        )
        out = []
        for event_id, fields in rows:
            self.last = event_id.decode()
            body = orjson.loads(fields[b"e"])
            out.append((body["type"], body["data"]))
        return out


async def test_changes_emit_events(tenant, seed: Seeder):
    ch = await seed.channel()
    rec = await seed.message(ch, "p1", "alo")
    cid = rec.conversation.id
    events = Events(tenant.workspace_id)
    got = await events.new()
    assert [t for t, _ in got] == ["message.created", "conversation.created"]
    assert got[1][1]["id"] == cid and got[1][1]["contact"]["name"] == "Nguyễn Thị Lan"

    r = await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "done"})
    [(kind, data)] = await events.new()
    assert kind == "conversation.updated" and data["status"] == "done"
    assert data["version"] == r.json()["version"]

    # Refused (stale version): nothing is emitted.
    r = await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "open", "version": 1})
    assert r.status_code == 409
    assert await events.new() == []

    await tenant.post(f"/api/v1/conversations/{cid}/read")
    [(kind, data)] = await events.new()
    assert kind == "conversation.updated" and data["unread"] is False

    r = await tenant.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Dạ"})
    got = await events.new()
    assert [t for t, _ in got] == ["message.created", "conversation.updated"]
    assert got[0][1]["status"] == "pending" and got[0][1]["id"] == r.json()["id"]
    assert got[1][1]["replied"] is True

    tag = (await tenant.post("/api/v1/tags", json={"name": "VIP"})).json()["id"]
    await events.new()
    await tenant.post(f"/api/v1/conversations/{cid}/tags/{tag}")
    [(kind, data)] = await events.new()
    assert kind == "conversation.updated" and [t["name"] for t in data["tags"]] == ["VIP"]
    # Attaching again changes nothing: no event.
    await tenant.post(f"/api/v1/conversations/{cid}/tags/{tag}")
    assert await events.new() == []

    cid2 = (await seed.message(ch, "p2", "alo", name="B")).conversation.id
    await events.new()
    await tenant.post("/api/v1/conversations/bulk", json={"ids": [cid, cid2], "action": "done"})
    got = await events.new()
    assert sorted((t, d["id"], d["status"]) for t, d in got) == [
        ("conversation.updated", cid, "done"),
        ("conversation.updated", cid2, "done"),
    ]

    await tenant.post(f"/api/v1/conversations/{cid}/block")
    [(kind, data)] = await events.new()
    assert kind == "conversation.updated" and data["contact"]["blocked"] is True


async def test_events_stay_in_their_workspace(tenant, seed: Seeder, make_tenant):
    other = await make_tenant()
    ch = await seed.channel()
    cid = (await seed.message(ch, "p1", "alo")).conversation.id
    theirs = Events(other.workspace_id)
    await theirs.new()
    await tenant.patch(f"/api/v1/conversations/{cid}", json={"status": "done"})
    assert await theirs.new() == []


async def test_tag_changes_emit_tag_events(tenant, make_tenant):
    """The SPA's tag lists refresh on tag.created/updated/deleted; another workspace hears none."""
    other = await make_tenant()
    events, theirs = Events(tenant.workspace_id), Events(other.workspace_id)
    await events.new()
    await theirs.new()
    tag = (await tenant.post("/api/v1/tags", json={"name": "VIP", "folder": "Khách"})).json()
    [(kind, data)] = await events.new()
    assert kind == "tag.created" and data["id"] == tag["id"] and data["name"] == "VIP"

    # Partial PATCH: a rename keeps colour, folder and visibility.
    r = await tenant.patch(f"/api/v1/tags/{tag['id']}", json={"name": "Khách VIP"})
    assert r.status_code == 200
    assert (r.json()["name"], r.json()["color"], r.json()["folder"], r.json()["visible"]) == (
        "Khách VIP",
        tag["color"],
        "Khách",
        True,
    )
    [(kind, data)] = await events.new()
    assert kind == "tag.updated" and data["name"] == "Khách VIP"
    for change in ({"color": "#112233"}, {"folder": None}, {"visible": False}):
        r = await tenant.patch(f"/api/v1/tags/{tag['id']}", json=change)
        assert r.status_code == 200 and all(r.json()[k] == v for k, v in change.items())
        [(kind, data)] = await events.new()
        assert kind == "tag.updated" and all(data[k] == v for k, v in change.items())

    # Refused changes emit nothing.
    r = await tenant.patch(f"/api/v1/tags/{tag['id']}", json={"color": "red"})
    assert r.status_code == 422
    assert await events.new() == []

    assert (await tenant.delete(f"/api/v1/tags/{tag['id']}")).status_code == 204
    [(kind, data)] = await events.new()
    assert kind == "tag.deleted" and data == {"id": tag["id"]}
    assert await theirs.new() == []
