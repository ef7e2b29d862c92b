"""A shop's opening hours as a pure value: is it open now, when does it open, how many open
seconds lie between two moments. No I/O; the service loads a `Schedule` from the database.

Used by automatic messages (the away message is sent while the shop is closed, at most once per
closed period), reports (first response time counted within working hours: a message at 23:00
with the shop opening at 08:00 counts from 08:00) and automatic assignment.

Times are local to the schedule's time zone; "24:00" ends a period at midnight. A date in
`closed_dates` is closed all day whatever its weekday says. A workspace that never set its hours
is open all the time (`ALWAYS_OPEN`), so nothing is "outside working hours" until the owner says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
MINUTES_PER_DAY = 24 * 60
MAX_PERIODS_PER_DAY = 8
# How far `next_open` looks ahead: a shop closed for longer than this has no "next opening".
LOOKAHEAD_DAYS = 400

Minutes = tuple[int, int]  # [start, end) in minutes after local midnight


class ScheduleConfig(TypedDict):
    """The API and storage form: {"timezone", "days": {"mon": [["08:00", "12:00"]]}, "closed_dates"}."""

    timezone: str
    days: dict[str, list[list[str]]]
    closed_dates: list[str]


class InvalidSchedule(ValueError):
    """The hours cannot be understood; the message says which part and why."""


def parse_clock(text: str, *, allow_midnight_end: bool = False) -> int:
    """'08:30' → 510 minutes; '24:00' only as the end of a period."""
    parts = text.split(":") if isinstance(text, str) else []
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise InvalidSchedule(f"'{text}' is not a time of day written HH:MM")
    hours, minutes = int(parts[0]), int(parts[1])
    if hours == 24 and minutes == 0 and allow_midnight_end:
        return MINUTES_PER_DAY
    if hours > 23 or minutes > 59:
        raise InvalidSchedule(f"'{text}' is not a time of day (00:00–23:59)")
    return hours * 60 + minutes


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def load_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidSchedule(
            f"'{name}' is not a known time zone (e.g. {DEFAULT_TIMEZONE})"
        ) from exc


def parse_periods(day: str, periods: Sequence[Sequence[str]]) -> tuple[Minutes, ...]:
    """[["08:00","12:00"], ["13:30","21:00"]] → sorted, non-overlapping minute ranges."""
    if len(periods) > MAX_PERIODS_PER_DAY:
        raise InvalidSchedule(f"{day}: at most {MAX_PERIODS_PER_DAY} periods a day")
    ranges: list[Minutes] = []
    for period in periods:
        if len(period) != 2:
            raise InvalidSchedule(f"{day}: a period is [start, end], e.g. ['08:00', '12:00']")
        start = parse_clock(period[0])
        end = parse_clock(period[1], allow_midnight_end=True)
        if end <= start:
            raise InvalidSchedule(f"{day}: {period[0]}–{period[1]} ends before it starts")
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in itertools.pairwise(ranges):
        if start < end:
            raise InvalidSchedule(f"{day}: periods overlap at {format_clock(start)}")
    return tuple(ranges)


@dataclass(frozen=True)
class Schedule:
    timezone: ZoneInfo
    # weekday (0 = Monday) → open minute ranges; a missing weekday is closed all day
    week: Mapping[int, tuple[Minutes, ...]]
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_config(
        cls,
        timezone: str,
        days: Mapping[str, Sequence[Sequence[str]]],
        closed_dates: Iterable[str | date] = (),
    ) -> Schedule:
        unknown = set(days) - set(DAYS)
        if unknown:
            raise InvalidSchedule(f"unknown day {sorted(unknown)[0]!r}: use {', '.join(DAYS)}")
        week = {DAYS.index(d): parse_periods(d, p) for d, p in days.items() if p}
        closed: set[date] = set()
        for value in closed_dates:
            try:
                closed.add(value if isinstance(value, date) else date.fromisoformat(value))
            except ValueError as exc:
                raise InvalidSchedule(f"'{value}' is not a date written YYYY-MM-DD") from exc
        return cls(load_timezone(timezone), week, frozenset(closed))

    @property
    def is_always_open(self) -> bool:
        full = ((0, MINUTES_PER_DAY),)
        return not self.closed_dates and all(self.week.get(d) == full for d in range(7))

    def periods_on(self, day: date) -> tuple[Minutes, ...]:
        if day in self.closed_dates:
            return ()
        return self.week.get(day.weekday(), ())

    def open_intervals(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The open intervals of a local calendar day, as UTC datetimes."""
        midnight = datetime.combine(day, time(0), tzinfo=self.timezone)
        for start, end in self.periods_on(day):
            # wall-clock minutes, converted one by one so a DST change inside a day stays right
            yield (_at(midnight, start).astimezone(UTC), _at(midnight, end).astimezone(UTC))

    def _local_day(self, at: datetime) -> date:
        return _aware(at).astimezone(self.timezone).date()

    def is_open(self, at: datetime) -> bool:
        at = _aware(at)
        day = self._local_day(at)
        # a period that ends at 24:00 is checked against the day it belongs to
        return any(
            s <= at < e for d in (day - timedelta(days=1), day) for s, e in self.open_intervals(d)
        )

    def next_open(self, at: datetime) -> datetime | None:
        """`at` itself when open, else the start of the next open period (None: none within a year)."""
        at = _aware(at)
        day = self._local_day(at) - timedelta(days=1)
        for _ in range(LOOKAHEAD_DAYS + 2):
            for start, end in self.open_intervals(day):
                if at < end:
                    return max(start, at)
            day += timedelta(days=1)
        return None

    def closed_since(self, at: datetime) -> datetime | None:
        """When the closed period containing `at` began (None when open at `at`).

        An away message is sent at most once per closed period: this is that period's key. A
        shop that was never open in the last LOOKAHEAD_DAYS counts as closed since then.
        """
        at = _aware(at)
        if self.is_open(at):
            return None
        day = self._local_day(at)
        for _ in range(LOOKAHEAD_DAYS + 1):
            ends = [e for _, e in self.open_intervals(day) if e <= at]
            if ends:
                return max(ends)
            day -= timedelta(days=1)
        return datetime.combine(day, time(0), tzinfo=self.timezone).astimezone(UTC)

    def open_seconds_between(self, start: datetime, end: datetime) -> float:
        """Seconds of `[start, end)` that fall inside open periods (0 when end <= start)."""
        start, end = _aware(start), _aware(end)
        if end <= start:
            return 0.0
        total = 0.0
        day = self._local_day(start) - timedelta(days=1)
        last = self._local_day(end)
        while day <= last:
            for s, e in self.open_intervals(day):
                overlap = (min(e, end) - max(s, start)).total_seconds()
                if overlap > 0:
                    total += overlap
            day += timedelta(days=1)
        return total

    def to_config(self) -> ScheduleConfig:
        return {
            "timezone": self.timezone.key,
            "days": {
                name: [[format_clock(s), format_clock(e)] for s, e in self.week.get(i, ())]
                for i, name in enumerate(DAYS)
            },
            "closed_dates": sorted(d.isoformat() for d in self.closed_dates),
        }


ALWAYS_OPEN = Schedule(
    ZoneInfo(DEFAULT_TIMEZONE), {d: ((0, MINUTES_PER_DAY),) for d in range(7)}, frozenset()
)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("working hours need timezone-aware datetimes")
    return at


def _at(midnight: datetime, minutes: int) -> datetime:
    if minutes == MINUTES_PER_DAY:
        next_day = midnight.date() + timedelta(days=1)
        return datetime.combine(next_day, time(0), tzinfo=midnight.tzinfo)
    return midnight.replace(hour=minutes // 60, minute=minutes % 60)
