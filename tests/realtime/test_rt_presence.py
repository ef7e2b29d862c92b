"""Presence: who is online, who is viewing which conversation; across sockets and workspaces."""

from __future__ import annotations

import asyncio

from chotdon.realtime import presence


async def _until(predicate, within: float = 3.0):
    for _ in range(int(within / 0.02)):
        if await predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached")


async def test_agent_online_viewing_and_offline_are_broadcast(tenant, ws_connect):
    agent = await tenant.add_member("agent", "Lan")
    ws = tenant.workspace_id
    owner_sock = await ws_connect(tenant)
    [first] = await owner_sock.events(1, types=("presence",))
    assert first["data"]["online_user_ids"] == [tenant.user["id"]]

    agent_sock = await ws_connect(agent)
    online = (await owner_sock.events(1, types=("presence",)))[0]["data"]
    assert online["change"] == {"user_id": agent.user["id"], "action": "online"}
    assert set(online["online_user_ids"]) == {tenant.user["id"], agent.user["id"]}
    assert await presence.online_user_ids(ws) == {tenant.user["id"], agent.user["id"]}

    await agent_sock.send({"type": "presence.view", "conversation_id": 41})
    viewing = (await owner_sock.events(1, types=("presence",)))[0]["data"]
    assert viewing["change"] == {
        "user_id": agent.user["id"],
        "action": "view",
        "conversation_id": 41,
    }
    assert viewing["viewers"] == {"41": [agent.user["id"]]}
    assert await presence.viewers(ws, 41) == {agent.user["id"]}

    r = await tenant.get("/api/v1/presence")
    assert r.status_code == 200
    assert r.json()["viewers"] == [{"conversation_id": 41, "user_ids": [agent.user["id"]]}]
    r = await tenant.get("/api/v1/presence", params={"conversation_id": 7})
    assert r.json()["viewers"] == []

    # Moving to another conversation replaces the first.
    await agent_sock.send({"type": "presence.view", "conversation_id": 42})
    moved = (await owner_sock.events(1, types=("presence",)))[0]["data"]
    assert moved["viewers"] == {"42": [agent.user["id"]]}
    await agent_sock.send({"type": "presence.leave"})
    left = (await owner_sock.events(1, types=("presence",)))[0]["data"]
    assert left["viewers"] == {} and left["change"]["action"] == "leave"

    await agent_sock.send({"type": "presence.view", "conversation_id": 43})
    await owner_sock.events(1, types=("presence",))
    await agent_sock.close()
    gone = (await owner_sock.events(1, types=("presence",)))[0]["data"]
    assert gone["change"]["action"] == "offline"
    assert gone["online_user_ids"] == [tenant.user["id"]] and gone["viewers"] == {}
    assert await presence.online_user_ids(ws) == {tenant.user["id"]}


async def test_a_user_with_two_tabs_stays_online_until_both_close(tenant, ws_connect):
    ws = tenant.workspace_id
    tab1 = await ws_connect(tenant)
    tab2 = await ws_connect(tenant)
    await tab1.close()
    await asyncio.sleep(0.2)
    assert await presence.online_user_ids(ws) == {tenant.user["id"]}
    await tab2.close()
    await _until(lambda: _is_empty(ws))


async def _is_empty(ws: int) -> bool:
    return await presence.online_user_ids(ws) == set()


async def test_presence_is_per_workspace(make_tenant, ws_connect):
    shop_a, shop_b = await make_tenant(), await make_tenant()
    sock_a = await ws_connect(shop_a)
    await sock_a.send({"type": "presence.view", "conversation_id": 5})
    await _until(lambda: _viewing(shop_a.workspace_id, 5))
    r = await shop_b.get("/api/v1/presence")
    assert r.json() == {"online_user_ids": [], "viewers": []}
    assert await presence.viewers(shop_b.workspace_id, 5) == set()


async def _viewing(ws: int, cid: int) -> bool:
    return bool(await presence.viewers(ws, cid))


async def test_bad_presence_frames_get_an_error_frame(tenant, ws_connect):
    sock = await ws_connect(tenant)
    for bad in ("12", None, -3, True, 1.5):
        await sock.send({"type": "presence.view", "conversation_id": bad})
        err = await sock.control("error")
        assert err["data"]["code"] == "invalid_frame"
    await sock.conn.send("not json")
    assert (await sock.control("error"))["data"]["code"] == "invalid_frame"


async def test_presence_endpoint_needs_credentials(client):
    r = await client.get("/api/v1/presence")
    assert r.status_code == 401
    assert r.json()["error"]["code"] in ("unauthorized", "invalid_credentials")


async def test_entries_of_a_dead_process_expire(tenant, monkeypatch):
    """No socket closes them: the heartbeat stops refreshing and readers ignore them."""
    ws = tenant.workspace_id
    entry = presence.PresenceEntry(ws, 999_001, "dead-process", 77)
    monkeypatch.setattr(presence, "PRESENCE_TTL_SECONDS", 0.2)
    await presence.join(entry)
    await presence.view(presence.PresenceEntry(ws, 999_001, "dead-process"), 77)
    assert 999_001 in await presence.online_user_ids(ws)
    assert await presence.viewers(ws, 77) == {999_001}
    await asyncio.sleep(0.3)
    assert 999_001 not in await presence.online_user_ids(ws)
    assert await presence.viewers(ws, 77) == set()


async def test_a_client_flipping_views_is_rate_limited_then_synced(tenant, ws_connect):
    from chotdon.realtime import hub

    watcher = await ws_connect(tenant)
    flipper = await ws_connect(tenant)
    await watcher.nothing_more(wait=0.3, types=("presence",))
    for cid in range(1, hub.PRESENCE_BURST + 6):
        await flipper.send({"type": "presence.view", "conversation_id": cid})
    last = hub.PRESENCE_BURST + 5
    await _until(lambda: _viewing(tenant.workspace_id, last))
    got = await watcher.nothing_more(wait=0.5, types=("presence",))
    syncs = [e for e in got if e["data"]["change"] == {"action": "sync"}]
    assert len(got) - len(syncs) == hub.PRESENCE_BURST  # the rest are held back...
    if not syncs:  # (the hub's own heartbeat may have passed already on a slow machine)
        await hub.get_hub().heartbeat()
        syncs = await watcher.events(1, types=("presence",))
    sync = syncs[-1]
    assert sync["data"]["change"] == {"action": "sync"}  # ...and announced in one event
    assert sync["data"]["viewers"] == {str(last): [tenant.user["id"]]}
