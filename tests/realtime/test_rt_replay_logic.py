"""Pure resume rules (`realtime.replay`) and the per-socket delivery rules (`hub.Connection`)."""

from __future__ import annotations

import asyncio

import pytest

from chotdon.core.auth import Principal
from chotdon.realtime.hub import (
    CLOSE_SLOW_CONSUMER,
    Connection,
    frame_from_entry,
    split_pubsub_message,
)
from chotdon.realtime.replay import StreamState, decide_resume, merge, parse_event_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1700000000000-3", (1700000000000, 3)),
        ("1700000000000", (1700000000000, 0)),
        (b"5-0", (5, 0)),
        (" 12-1 ", (12, 1)),
        ("0-0", (0, 0)),
        ("", None),
        ("abc", None),
        ("1-", None),
        ("-1", None),
        ("1-2-3", None),
        ("１２-3", None),  # full-width digits are not ASCII
        ("99999999999999999999999-0", None),
        (None, None),
    ],
)
def test_parse_event_id(text, expected):
    assert parse_event_id(text) == expected


S = StreamState
KEPT = S(first_id=(100, 0), last_id=(200, 5), trimmed=False)
TRIMMED = S(first_id=(100, 0), last_id=(200, 5), trimmed=True)
EMPTY = S(first_id=None, last_id=None, trimmed=False)


@pytest.mark.parametrize(
    ("last_event_id", "state", "missed", "action", "start_after", "reason"),
    [
        # fresh connection: live from the current tail
        (None, KEPT, 0, "live", (200, 5), None),
        ("", KEPT, 0, "live", (200, 5), None),
        (None, EMPTY, 0, "live", (0, 0), None),
        # resume inside what the stream keeps
        ("150-0", KEPT, 7, "replay", (150, 0), None),
        ("200-5", KEPT, 0, "replay", (200, 5), None),
        ("100-0", TRIMMED, 9, "replay", (100, 0), None),
        ("50-0", KEPT, 12, "replay", (50, 0), None),  # never trimmed: all history is there
        ("0-0", EMPTY, 0, "replay", (0, 0), None),  # saw nothing, nothing happened
        # history the client needs is gone or unknown
        ("99-9", TRIMMED, 10, "resync", (200, 5), "history_expired"),
        ("300-0", KEPT, 0, "resync", (200, 5), "unknown_last_event_id"),
        ("150-0", EMPTY, 0, "resync", (0, 0), "history_unavailable"),
        ("garbage", KEPT, 0, "resync", (200, 5), "invalid_last_event_id"),
        ("150-0", KEPT, 501, "resync", (200, 5), "too_many_missed_events"),
        ("150-0", KEPT, 500, "replay", (150, 0), None),
    ],
)
def test_decide_resume(last_event_id, state, missed, action, start_after, reason):
    decision = decide_resume(last_event_id, state, missed, replay_limit=500)
    assert (decision.action, decision.start_after, decision.reason) == (action, start_after, reason)


@pytest.mark.parametrize(
    ("start", "replayed", "buffered", "expected"),
    [
        ((0, 0), [], [], []),
        ((1, 0), [(2, 0), (3, 0)], [], [(2, 0), (3, 0)]),
        # live events that arrived during the replay read overlap with it
        ((1, 0), [(2, 0), (3, 0)], [(3, 0), (4, 0)], [(2, 0), (3, 0), (4, 0)]),
        # buffered events older than the start (already seen) are dropped
        ((5, 0), [], [(4, 0), (5, 0), (6, 0)], [(6, 0)]),
        # out-of-order arrival is put back in stream order; duplicates once
        ((0, 0), [(2, 0)], [(4, 0), (3, 0), (2, 0), (4, 0)], [(2, 0), (3, 0), (4, 0)]),
        ((7, 1), [(7, 2)], [(7, 1), (7, 3)], [(7, 2), (7, 3)]),
    ],
)
def test_merge_yields_each_id_after_start_once_in_order(start, replayed, buffered, expected):
    frames = lambda ids: [(i, f"f{i}") for i in ids]  # noqa: E731
    merged = merge(start, frames(replayed), frames(buffered))
    assert [i for i, _ in merged] == expected
    assert all(f == f"f{i}" for i, f in merged)


def test_pubsub_message_split_and_stream_entry_frame():
    raw = b'{"workspace_id":42,"id":"17-3","type":"order.updated","data":{"id":1}}'
    assert split_pubsub_message(raw) == (
        42,
        (17, 3),
        '{"id":"17-3","type":"order.updated","data":{"id":1}}',
    )
    # Not from the fast path (other key order) still parses.
    other = b'{"id":"17-4","workspace_id":42,"type":"x","data":{}}'
    ws, eid, frame = split_pubsub_message(other)
    assert (ws, eid) == (42, (17, 4)) and '"workspace_id"' not in frame
    assert split_pubsub_message(b"not json") is None
    assert split_pubsub_message(b'{"workspace_id":1,"id":"bad"}') is None
    assert (
        frame_from_entry(b"17-3", {b"e": b'{"type":"x","data":{"a":1}}'})
        == '{"id":"17-3","type":"x","data":{"a":1}}'
    )


def _conn(queue_size: int = 10) -> Connection:
    return Connection(None, Principal(workspace_id=1, role="agent", user_id=1), queue_size, 0)  # type: ignore[arg-type]


def _drain(conn: Connection) -> list[str]:
    out = []
    while not conn.queue.empty():
        out.append(conn.queue.get_nowait())
    return out


async def test_connection_buffers_while_starting_then_merges_without_duplicates():
    conn = _conn()
    conn.offer((3, 0), "e3")  # arrives live while the replay is being read
    conn.offer((4, 0), "e4")
    conn.go_live((1, 0), [((2, 0), "e2"), ((3, 0), "e3")])
    conn.offer((4, 0), "e4")  # late duplicate
    conn.offer((5, 0), "e5")
    conn.offer((3, 0), "e3")
    assert _drain(conn) == ["e2", "e3", "e4", "e5"]
    assert conn.last_id == (5, 0)


async def test_full_queue_closes_the_socket_as_slow_consumer():
    conn = _conn(queue_size=3)
    conn.go_live((0, 0), [])
    for i in range(1, 6):
        conn.offer((i, 0), f"e{i}")
    assert conn.close_code == CLOSE_SLOW_CONSUMER
    assert conn.close_requested.is_set()
    assert _drain(conn) == ["e1", "e2", "e3"]
    conn.offer((9, 0), "e9")  # closing: nothing more is queued
    assert conn.queue.empty()
    await asyncio.sleep(0)


async def test_too_many_events_while_starting_also_counts_as_slow():
    conn = _conn(queue_size=2)
    for i in range(1, 4):
        conn.offer((i, 0), f"e{i}")
    assert conn.close_code == CLOSE_SLOW_CONSUMER
