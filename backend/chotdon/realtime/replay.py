"""Pure rules for resuming a WebSocket from `last_event_id` (no I/O: table-tested).

Event ids are the Redis stream ids of the workspace stream (`<ms>-<seq>`), so they are totally
ordered within a workspace, and "what the client missed" is every stream entry strictly after
the id it sends back. Two questions need answers without gaps or duplicates:

- `decide_resume`: given what the stream still holds, can we replay, or must the client
  resynchronise (reload through REST) because the history it needs is gone?
- `merge`: a socket subscribes to live events *before* reading the stream, so some events
  arrive both ways; the merged sequence is every id after the starting point exactly once,
  in stream order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

EventId = tuple[int, int]
ZERO_ID: EventId = (0, 0)


def parse_event_id(value: str | bytes | None) -> EventId | None:
    """`"1700000000000-3"` → `(1700000000000, 3)`; None for anything that is not a stream id."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    ms, sep, seq = value.strip().partition("-")
    if not sep:
        seq = "0"
    if not (ms.isascii() and ms.isdigit() and seq.isascii() and seq.isdigit()):
        return None
    if len(ms) > 20 or len(seq) > 20:
        return None
    parsed = (int(ms), int(seq))
    if parsed[0] >= 2**64 or parsed[1] >= 2**64:
        return None
    return parsed


def format_event_id(event_id: EventId) -> str:
    return f"{event_id[0]}-{event_id[1]}"


@dataclass(frozen=True, slots=True)
class StreamState:
    """What the workspace stream holds right now (read atomically with the entries after)."""

    first_id: EventId | None  # oldest entry still kept; None when the stream is empty / missing
    last_id: EventId | None  # newest entry
    trimmed: bool  # entries were ever dropped from its head (MAXLEN)


@dataclass(frozen=True, slots=True)
class ResumeDecision:
    action: Literal["live", "replay", "resync"]
    # The stream position live delivery continues after (events ≤ it are never sent live).
    start_after: EventId
    reason: str | None = None


def decide_resume(
    last_event_id: str | None,
    state: StreamState,
    missed: int,
    replay_limit: int,
) -> ResumeDecision:
    """What to do for a socket that connects with `last_event_id` (or none).

    `missed` is how many entries the stream holds after `last_event_id` (the caller reads at
    most `replay_limit + 1`). A client's id can only have come from this stream, so an id the
    stream cannot vouch for (history trimmed past it, the stream lost, an id from the future,
    garbage) means "reload": replaying what is left would hide a gap.
    """
    tail = state.last_id or ZERO_ID
    if last_event_id is None or last_event_id == "":
        return ResumeDecision("live", tail)
    wanted = parse_event_id(last_event_id)
    if wanted is None:
        return ResumeDecision("resync", tail, "invalid_last_event_id")
    if state.last_id is None:
        # Nothing kept: fine only if the client had seen nothing either.
        if wanted == ZERO_ID:
            return ResumeDecision("replay", ZERO_ID)
        return ResumeDecision("resync", tail, "history_unavailable")
    if wanted > state.last_id:
        return ResumeDecision("resync", tail, "unknown_last_event_id")
    if state.trimmed and state.first_id is not None and wanted < state.first_id:
        return ResumeDecision("resync", tail, "history_expired")
    if missed > replay_limit:
        return ResumeDecision("resync", tail, "too_many_missed_events")
    return ResumeDecision("replay", wanted)


def merge(
    start_after: EventId,
    replayed: Iterable[tuple[EventId, str]],
    buffered: Iterable[tuple[EventId, str]],
) -> list[tuple[EventId, str]]:
    """Replayed entries and live events buffered meanwhile → each id after `start_after` once.

    Both inputs may overlap (an event published between the subscription and the stream read
    arrives both ways) and the buffer may repeat what the replay already holds; stream ids are
    unique per workspace, so deduplicating by id and sorting is exact.
    """
    seen: dict[EventId, str] = {}
    for event_id, frame in (*replayed, *buffered):
        if event_id > start_after and event_id not in seen:
            seen[event_id] = frame
    return sorted(seen.items())
