"""Customer turns from a conversation's steps (pure): table-driven."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chotdon.channels.facebook.ingest import is_third_party_app
from chotdon.reports.facts import quarter_hour
from chotdon.reports.timeline import Step, Turn, advance, step_kind
from chotdon.working_hours.schedule import Schedule

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # 07:00 in Hồ Chí Minh City, a Monday


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def c(minutes: float, reopens: bool = False) -> Step:
    return Step(at(minutes), "customer", reopens=reopens)


def s(minutes: float, user: int | None = 7) -> Step:
    return Step(at(minutes), "staff", user)


def b(minutes: float) -> Step:
    return Step(at(minutes), "bot")


def summary(turns: list[Turn]) -> list[tuple[float, str | None, float | None, bool]]:
    return [
        (
            (t.started_at - T0).total_seconds() / 60,
            t.opening,
            (t.replied_at - T0).total_seconds() / 60 if t.replied_at else None,
            t.waiting,
        )
        for t in turns
    ]


CASES = [
    ("one message, no reply", None, [c(0)], [(0, "new", None, True)]),
    ("reply ends the turn", None, [c(0), c(5), s(10)], [(0, "new", 10, False)]),
    ("a bot never answers", None, [c(0), b(1), s(30)], [(0, "new", 30, False)]),
    ("staff first, then the customer", None, [s(0), c(5)], [(5, "new", None, True)]),
    (
        "later turns are not openings",
        None,
        [c(0), s(1), c(2), s(4), c(9)],
        [(0, "new", 1, False), (2, None, 4, False), (9, None, None, True)],
    ),
    (
        "a reopening starts an opening turn",
        None,
        [c(0), s(1), c(60, reopens=True), s(70)],
        [(0, "new", 1, False), (60, "reopened", 70, False)],
    ),
    (
        "done without a reply: the waiting turn closes unanswered",
        None,
        [c(0), c(60, reopens=True)],
        [(0, "new", None, False), (60, "reopened", None, True)],
    ),
    (
        "a stored waiting turn is answered",
        Turn(at(0), "new", id=1),
        [c(3), s(20)],
        [(0, "new", 20, False)],
    ),
    (
        "after a stored answered turn the next one is not new",
        Turn(at(0), "new", waiting=False, id=1),
        [c(30)],
        [(30, None, None, True)],
    ),
    (
        "an older customer message arriving late moves the start back",
        Turn(at(10), None, id=1),
        [c(4)],
        [(4, None, None, True)],
    ),
    (
        "a staff message older than the waiting turn does not answer it",
        Turn(at(10), None, id=1),
        [s(5)],
        [],
    ),
]


@pytest.mark.parametrize(("name", "last", "steps", "expected"), CASES, ids=[x[0] for x in CASES])
def test_turns(name: str, last: Turn | None, steps: list[Step], expected: list) -> None:
    assert summary(advance(last, steps)) == expected


@pytest.mark.parametrize(
    ("direction", "sender", "automated", "kind"),
    [
        ("in", "contact", False, "customer"),
        ("out", "agent", False, "staff"),
        ("out", "page", False, "staff"),  # a person in the page's own inbox
        ("out", "page", True, "bot"),  # a third-party app (a chatbot) writing as the page
        ("out", "bot", False, "bot"),
    ],
)
def test_step_kind(direction: str, sender: str, automated: bool, kind: str) -> None:
    assert step_kind(direction, sender, automated) == kind


@pytest.mark.parametrize(
    ("utc", "quarter"),
    [
        ("2026-11-02T18:29:59", "2026-11-02T18:15:00"),  # 23:59:59 in India (+05:30)
        ("2026-11-02T18:30:00", "2026-11-02T18:30:00"),  # 00:00 the next day there
        ("2026-11-02T18:14:00", "2026-11-02T18:00:00"),  # 23:59 in Nepal (+05:45)
        ("2026-11-02T18:15:00", "2026-11-02T18:15:00"),  # 00:00 there
        ("2026-11-02T23:59:59.999", "2026-11-02T23:45:00"),
    ],
)
def test_message_counts_are_kept_per_quarter_hour(utc: str, quarter: str) -> None:
    at_utc = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert quarter_hour(at_utc) == datetime.fromisoformat(quarter).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("app_id", "third_party"),
    [("263902037430900", False), ("1517776481860111", True)],
)
def test_facebook_echo_of_another_app_is_automated(app_id: str, third_party: bool) -> None:
    assert is_third_party_app(app_id, frozenset({"263902037430900"})) is third_party


HOURS = Schedule.from_config(
    "Asia/Ho_Chi_Minh", {d: [["08:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
)


@pytest.mark.parametrize(
    ("start", "end", "plain", "working"),
    [
        (0, 90, 5400, 1800),  # 07:00 → 08:30: counted from the 08:00 opening
        (120, 125, 300, 300),  # 09:00 → 09:05: all open
        (16 * 60 + 30, 25 * 60 + 10, 31_200, 600),  # 23:30 → 08:10 next day: 10 minutes
        (600, 601, 60, 0),  # 17:00 → 17:01: closed
        (5 * 24 * 60, 7 * 24 * 60 + 60, 176_400, 0),  # Saturday 07:00 → Monday 08:00: closed
    ],
)
def test_response_seconds(start: float, end: float, plain: int, working: int) -> None:
    turn = Turn(at(start), "new", waiting=False, replied_at=at(end))
    assert turn.response_seconds() == plain
    assert turn.response_seconds(HOURS) == working
