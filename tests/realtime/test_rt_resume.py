"""Reconnecting with `last_event_id`: exactly the missed events, then live, nothing twice."""

from __future__ import annotations

import asyncio

from chotdon.core.redis import get_redis
from chotdon.realtime import hub, publisher


async def _publish(ws: int, n: int, start: int = 0) -> list[str]:
    return [await publisher.publish(ws, "message.created", {"n": start + i}) for i in range(n)]


async def test_reconnect_with_last_event_id_gets_exactly_the_missed_events(tenant, ws_connect):
    ws = tenant.workspace_id
    sock = await ws_connect(tenant)
    seen = await _publish(ws, 3)
    got = await sock.events(3)
    assert [f["id"] for f in got] == seen
    await sock.close()

    missed = await _publish(ws, 4, start=3)
    again = await ws_connect(tenant, last_event_id=got[-1]["id"])
    assert again.ready["resumed"] is True
    replay = await again.events(4)
    assert [f["id"] for f in replay] == missed
    assert [f["data"]["n"] for f in replay] == [3, 4, 5, 6]
    live = await _publish(ws, 2, start=7)
    assert [f["id"] for f in await again.events(2)] == live
    assert await again.nothing_more() == []


async def test_resume_from_the_ready_position_when_no_event_came(tenant, ws_connect):
    ws = tenant.workspace_id
    await _publish(ws, 2)  # before the socket: not for it
    sock = await ws_connect(tenant)
    position = sock.ready["last_event_id"]
    await sock.close()
    missed = await _publish(ws, 2, start=2)
    again = await ws_connect(tenant, last_event_id=position)
    assert [f["id"] for f in await again.events(2)] == missed
    assert await again.nothing_more() == []


async def test_events_published_during_the_reconnect_arrive_once_in_order(tenant, ws_connect):
    """Races the replay read against live publishing: no gap, no duplicate, stream order."""
    ws = tenant.workspace_id
    first = await _publish(ws, 1)
    publishing = asyncio.create_task(_publish(ws, 60, start=1))
    await asyncio.sleep(0.005)
    sock = await ws_connect(tenant, last_event_id=first[0])
    expected = await publishing
    got = await sock.events(len(expected), timeout=10)
    assert [f["id"] for f in got] == expected
    assert await sock.nothing_more() == []


async def test_unknown_or_expired_position_asks_the_client_to_resync(tenant, ws_connect):
    ws = tenant.workspace_id
    ids = await _publish(ws, 5)
    garbage = await ws_connect(tenant, last_event_id="yesterday")
    frame = await garbage.control("resync")
    assert frame["data"]["reason"] == "invalid_last_event_id"
    assert frame["data"]["last_event_id"] == ids[-1]

    future = await ws_connect(tenant, last_event_id="99999999999999-0")
    assert (await future.control("resync"))["data"]["reason"] == "unknown_last_event_id"

    # The stream was trimmed past the client's position: what it missed is gone.
    redis = get_redis()
    await redis.xtrim(publisher.stream_key(ws), maxlen=2, approximate=False)
    await redis.set(publisher.trimmed_key(ws), "1")
    old = await ws_connect(tenant, last_event_id=ids[0])
    assert (await old.control("resync"))["data"]["reason"] == "history_expired"
    # ...and live delivery continues after the resync point, for every socket.
    new = await _publish(ws, 1, start=5)
    for sock in (garbage, future, old):
        assert [f["id"] for f in await sock.events(1)] == new


async def test_too_many_missed_events_means_resync(tenant, ws_connect):
    the_hub = hub.get_hub()
    saved = the_hub.config.replay_limit
    the_hub.config.replay_limit = 5
    try:
        ws = tenant.workspace_id
        ids = await _publish(ws, 8)
        sock = await ws_connect(tenant, last_event_id=ids[0])
        assert (await sock.control("resync"))["data"]["reason"] == "too_many_missed_events"
        sock2 = await ws_connect(tenant, last_event_id=ids[3])
        assert [f["id"] for f in await sock2.events(4)] == ids[4:]
    finally:
        the_hub.config.replay_limit = saved


async def test_publisher_marks_a_stream_trimmed_when_maxlen_drops_entries(tenant, monkeypatch):
    ws = tenant.workspace_id
    monkeypatch.setattr(publisher, "STREAM_MAXLEN", 3)
    redis = get_redis()
    await _publish(ws, 3)
    assert not await redis.exists(publisher.trimmed_key(ws))
    # Approximate trimming drops whole nodes: publish enough to make it happen.
    await _publish(ws, 300)
    assert await redis.exists(publisher.trimmed_key(ws))
    assert await redis.xlen(publisher.stream_key(ws)) < 303


async def test_pubsub_channel_is_per_database():
    assert publisher.pubsub_channel().startswith(publisher.PUBSUB_CHANNEL)
    db = int(get_redis().connection_pool.connection_kwargs.get("db", 0) or 0)
    assert publisher.pubsub_channel() == (
        publisher.PUBSUB_CHANNEL if db == 0 else f"{publisher.PUBSUB_CHANNEL}:db{db}"
    )


async def test_fresh_socket_gets_everything_after_its_ready_position(tenant, ws_connect):
    """Connecting while events flow: from `ready.last_event_id` on, the stream exactly."""
    ws = tenant.workspace_id
    publishing = asyncio.create_task(_publish(ws, 60))
    await asyncio.sleep(0.005)
    sock = await ws_connect(tenant)
    await publishing
    start = sock.ready["last_event_id"]
    assert sock.ready["resumed"] is False
    entries = await get_redis().xrange(publisher.stream_key(ws), f"({start}", "+")
    expected = [eid.decode() for eid, fields in entries if b'"message.created"' in fields[b"e"]]
    got = await sock.events(len(expected), timeout=10)
    assert [f["id"] for f in got] == expected
    assert await sock.nothing_more() == []
