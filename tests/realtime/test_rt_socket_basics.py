"""The WebSocket through a real uvicorn: auth, frame shape, isolation, heartbeats."""

from __future__ import annotations

import time

import websockets

from chotdon.realtime import hub, publisher


async def test_events_of_my_workspace_arrive_as_id_type_data_frames(tenant, ws_connect):
    sock = await ws_connect(tenant)
    assert sock.ready["workspace_id"] == tenant.workspace_id
    assert sock.ready["user_id"] == tenant.user["id"]
    event_id = await publisher.publish(
        tenant.workspace_id, "order.created", {"id": 7, "code": "DH7"}
    )
    frame = await sock.event()
    assert frame == {"id": event_id, "type": "order.created", "data": {"id": 7, "code": "DH7"}}


async def test_another_workspace_never_sees_my_events(make_tenant, ws_connect):
    shop_a, shop_b = await make_tenant(), await make_tenant()
    sock_a, sock_b = await ws_connect(shop_a), await ws_connect(shop_b)
    for i in range(5):
        await publisher.publish(shop_a.workspace_id, "message.created", {"id": i, "secret": "A"})
    marker = await publisher.publish(shop_b.workspace_id, "message.created", {"id": 99})
    got_b = await sock_b.events(1, types=("message.created",))
    assert [f["id"] for f in got_b] == [marker]
    assert await sock_b.nothing_more(types=("message.created",)) == []
    got_a = await sock_a.events(5, types=("message.created",))
    assert [f["data"]["id"] for f in got_a] == [0, 1, 2, 3, 4]


async def test_missing_or_bad_credentials_close_with_4401(ws_connect, tenant):
    for token in (None, "not-a-token", tenant.token + "x"):
        sock = await ws_connect(token=token or "", expect_ready=False)
        code, reason = await sock.closed()
        assert code == hub.CLOSE_UNAUTHORIZED, (token, code, reason)


async def test_bearer_header_and_api_key_header_are_accepted(tenant, ws_connect):
    sock = await ws_connect(token="", headers={"Authorization": f"Bearer {tenant.token}"})
    assert sock.ready["user_id"] == tenant.user["id"]
    r = await tenant.post("/api/v1/api-keys", json={"name": "ERP", "role": "admin"})
    assert r.status_code == 201, r.text
    key = r.json()["key"]
    integration = await ws_connect(token="", headers={"X-Api-Key": key})
    assert integration.ready["workspace_id"] == tenant.workspace_id
    assert integration.ready["user_id"] is None
    event_id = await publisher.publish(tenant.workspace_id, "order.updated", {"id": 1})
    assert (await integration.event())["id"] == event_id
    revoked = await ws_connect(token="", headers={"X-Api-Key": key + "nope"}, expect_ready=False)
    assert (await revoked.closed())[0] == hub.CLOSE_UNAUTHORIZED


async def test_client_ping_gets_pong_and_server_pings(tenant, ws_connect):
    sock = await ws_connect(tenant)
    await sock.send({"type": "ping"})
    assert (await sock.control("pong")) == {"id": None, "type": "pong", "data": {}}
    await hub.get_hub().heartbeat()
    assert (await sock.control("ping")) == {"id": None, "type": "ping", "data": {}}
    await sock.send({"type": "what"})
    err = await sock.control("error")
    assert err["type"] == "error" and err["data"]["code"] == "invalid_frame"


async def test_idle_client_is_closed_by_heartbeat(tenant, ws_connect):
    sock = await ws_connect(tenant)
    the_hub = hub.get_hub()
    [conn] = [c for c in the_hub.connections() if c.socket_id == sock.ready["socket_id"]]
    conn.last_heard -= the_hub.config.idle_timeout_seconds + 1
    await the_hub.heartbeat()
    code, _ = await sock.closed()
    assert code == hub.CLOSE_IDLE


async def test_oversized_client_frame_closes_with_1009(tenant, ws_connect):
    sock = await ws_connect(tenant)
    await sock.send({"type": "ping", "pad": "x" * 10_000})
    code, _ = await sock.closed()
    assert code == 1009


async def test_unknown_path_is_not_a_socket(ws_server):
    try:
        await websockets.connect(f"{ws_server}/api/v1/nope")
    except websockets.InvalidStatus as exc:
        assert exc.response.status_code in (403, 404)
    else:
        raise AssertionError("connected to a path that does not exist")


def _conn_of(sock):
    [conn] = [c for c in hub.get_hub().connections() if c.socket_id == sock.ready["socket_id"]]
    return conn


async def test_expired_token_closes_the_socket_with_4401(tenant, ws_connect):
    sock = await ws_connect(tenant)
    conn = _conn_of(sock)
    assert conn.expires_at is not None and conn.expires_at > time.time()
    conn.expires_at = time.time() - 1
    await hub.get_hub().heartbeat()
    assert (await sock.closed())[0] == hub.CLOSE_UNAUTHORIZED


async def test_deactivated_member_and_revoked_key_are_cut_off(tenant, ws_connect):
    agent = await tenant.add_member("agent")
    r = await tenant.post("/api/v1/api-keys", json={"name": "Kho", "role": "admin"})
    key = r.json()
    agent_sock = await ws_connect(agent)
    key_sock = await ws_connect(token="", headers={"X-Api-Key": key["key"]})
    owner_sock = await ws_connect(tenant)

    members = (await tenant.get("/api/v1/members")).json()["items"]
    [membership] = [m for m in members if m["user_id"] == agent.user["id"]]
    r = await tenant.patch(f"/api/v1/members/{membership['id']}", json={"is_active": False})
    assert r.status_code == 200, r.text
    assert (await tenant.delete(f"/api/v1/api-keys/{key['id']}")).status_code == 204

    await hub.get_hub().revalidate()
    assert (await agent_sock.closed())[0] == hub.CLOSE_FORBIDDEN
    assert (await key_sock.closed())[0] == hub.CLOSE_FORBIDDEN
    event_id = await publisher.publish(tenant.workspace_id, "order.updated", {"id": 1})
    assert (await owner_sock.event())["id"] == event_id  # the owner is still connected


async def test_events_leave_after_commit_and_never_after_rollback(tenant, ws_connect):
    from chotdon.core.after_commit import emit_event
    from chotdon.core.db import unit_of_work

    sock = await ws_connect(tenant)
    ws = tenant.workspace_id
    try:
        async with unit_of_work() as session:
            emit_event(session, ws, "order.created", {"id": 1, "rolled_back": True})
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    async with unit_of_work() as session:
        for i in (2, 3, 4):
            emit_event(session, ws, "order.created", {"id": i})
    got = await sock.events(3)
    assert [f["data"]["id"] for f in got] == [2, 3, 4]
    assert await sock.nothing_more() == []
