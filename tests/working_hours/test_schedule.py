"""The pure schedule: open or not, next opening, closed periods, open seconds between moments."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chotdon.working_hours.schedule import ALWAYS_OPEN, InvalidSchedule, Schedule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# 2027-03-01 is a Monday
SHOP = Schedule.from_config(
    "Asia/Ho_Chi_Minh",
    {
        "mon": [["08:00", "12:00"], ["13:30", "21:00"]],
        "tue": [["08:00", "21:00"]],
        "wed": [["08:00", "21:00"]],
        "thu": [["08:00", "21:00"]],
        "fri": [["08:00", "21:00"]],
        "sat": [["09:00", "24:00"]],
        "sun": [],
    },
    ["2027-03-03"],
)


def vn(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=VN)


@pytest.mark.parametrize(
    ("at", "open_"),
    [
        (vn(1, 7, 59), False),
        (vn(1, 8, 0), True),
        (vn(1, 11, 59), True),
        (vn(1, 12, 0), False),  # lunch break
        (vn(1, 13, 30), True),
        (vn(1, 20, 59), True),
        (vn(1, 21, 0), False),
        (vn(3, 10, 0), False),  # Wednesday, but a closed date
        (vn(6, 23, 59), True),  # Saturday until midnight
        (vn(7, 0, 0), False),  # Sunday: closed all day
        (vn(7, 15, 0), False),
        (vn(8, 8, 0), True),
        (datetime(2027, 3, 1, 1, 0, tzinfo=UTC), True),  # 01:00 UTC is 08:00 in Hanoi
    ],
)
def test_is_open(at: datetime, open_: bool) -> None:
    assert SHOP.is_open(at) is open_


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (vn(1, 6, 0), vn(1, 8, 0)),
        (vn(1, 9, 15), vn(1, 9, 15)),  # open: now
        (vn(1, 12, 30), vn(1, 13, 30)),
        (vn(1, 23, 0), vn(2, 8, 0)),
        (vn(2, 22, 0), vn(4, 8, 0)),  # Wednesday 3rd is closed
        (vn(6, 23, 0), vn(6, 23, 0)),
        (vn(7, 0, 0), vn(8, 8, 0)),  # Saturday closes at midnight; Sunday closed
    ],
)
def test_next_open(at: datetime, expected: datetime) -> None:
    assert SHOP.next_open(at) == expected


@pytest.mark.parametrize(
    ("at", "since"),
    [
        (vn(1, 9, 0), None),
        (vn(1, 12, 10), vn(1, 12, 0)),
        (vn(1, 23, 0), vn(1, 21, 0)),
        (vn(2, 7, 0), vn(1, 21, 0)),  # the night belongs to the period that began at 21:00
        (vn(3, 15, 0), vn(2, 21, 0)),  # a closed date extends the night before it
        (vn(7, 18, 0), vn(7, 0, 0)),  # Saturday's period ends at 24:00
    ],
)
def test_closed_since_names_one_closed_period(at: datetime, since: datetime | None) -> None:
    assert SHOP.closed_since(at) == since


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (vn(1, 9, 0), vn(1, 10, 0), 1),
        (vn(1, 23, 0), vn(2, 8, 30), 0.5),  # a message at 23:00 counts from 08:00
        (vn(1, 11, 0), vn(1, 14, 0), 1.5),  # the lunch break does not count
        (vn(2, 20, 0), vn(4, 9, 0), 2),  # closed date in between
        (vn(6, 23, 0), vn(8, 8, 30), 1.5),  # Saturday to midnight, Sunday closed
        (vn(1, 10, 0), vn(1, 9, 0), 0),  # end before start
        (vn(7, 1, 0), vn(7, 23, 0), 0),
    ],
)
def test_open_seconds_between(start: datetime, end: datetime, hours: float) -> None:
    assert SHOP.open_seconds_between(start, end) == hours * 3600


def test_always_open_counts_every_second() -> None:
    start = datetime(2027, 1, 1, tzinfo=UTC)
    assert ALWAYS_OPEN.is_always_open
    assert ALWAYS_OPEN.is_open(start)
    assert ALWAYS_OPEN.closed_since(start) is None
    assert ALWAYS_OPEN.open_seconds_between(start, start + timedelta(days=3)) == 3 * 86400


def test_a_zone_with_daylight_saving_time_counts_wall_clock_hours() -> None:
    # Europe/Berlin moves 02:00 → 03:00 on 2027-03-28 (a Sunday): a 09:00–17:00 day is still 8 h
    berlin = Schedule.from_config("Europe/Berlin", {"sun": [["09:00", "17:00"]]})
    tz = ZoneInfo("Europe/Berlin")
    day = datetime(2027, 3, 28, 0, 0, tzinfo=tz)
    assert berlin.open_seconds_between(day, day + timedelta(days=1)) == 8 * 3600
    assert berlin.is_open(datetime(2027, 3, 28, 9, 0, tzinfo=tz))


def test_config_round_trips_sorted() -> None:
    schedule = Schedule.from_config(
        "Asia/Ho_Chi_Minh", {"mon": [["13:30", "21:00"], ["08:00", "12:00"]]}, ["2027-02-07"]
    )
    assert schedule.to_config()["days"]["mon"] == [["08:00", "12:00"], ["13:30", "21:00"]]
    assert schedule.closed_dates == frozenset({date(2027, 2, 7)})


@pytest.mark.parametrize(
    ("timezone", "days", "closed", "message"),
    [
        ("Mars/Olympus", {}, [], "time zone"),
        ("Asia/Ho_Chi_Minh", {"monday": [["08:00", "12:00"]]}, [], "unknown day"),
        ("Asia/Ho_Chi_Minh", {"mon": [["8:00", "12:00"]]}, [], "HH:MM"),
        ("Asia/Ho_Chi_Minh", {"mon": [["08:00", "25:00"]]}, [], "time of day"),
        ("Asia/Ho_Chi_Minh", {"mon": [["24:00", "24:00"]]}, [], "time of day"),
        ("Asia/Ho_Chi_Minh", {"mon": [["12:00", "08:00"]]}, [], "ends before it starts"),
        ("Asia/Ho_Chi_Minh", {"mon": [["08:00", "12:00"], ["11:00", "13:00"]]}, [], "overlap"),
        ("Asia/Ho_Chi_Minh", {"mon": [["08:00"]]}, [], "[start, end]"),
        ("Asia/Ho_Chi_Minh", {"mon": [["08:00", "09:00"]] * 9}, [], "at most"),
        ("Asia/Ho_Chi_Minh", {}, ["17/02/2027"], "YYYY-MM-DD"),
    ],
)
def test_what_cannot_be_understood_says_why(timezone, days, closed, message) -> None:
    with pytest.raises(InvalidSchedule, match=message.replace("[", r"\[").replace("]", r"\]")):
        Schedule.from_config(timezone, days, closed)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        SHOP.is_open(datetime(2027, 3, 1, 9, 0))
