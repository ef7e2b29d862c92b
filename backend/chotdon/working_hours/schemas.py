"""Shapes of `/api/v1/working-hours` (API.md "Automatic messages")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, model_validator

from chotdon.core.schemas import Input
from chotdon.working_hours.schedule import DAYS, DEFAULT_TIMEZONE, InvalidSchedule, Schedule

Periods = list[list[str]]
MAX_CLOSED_DATES = 1000


class WorkingHoursIn(Input):
    timezone: str = Field(default=DEFAULT_TIMEZONE, max_length=64)
    days: dict[str, Periods] = Field(
        description="Open periods per weekday (mon…sun), local HH:MM; '24:00' ends at midnight. "
        "A missing or empty day is closed.",
        examples=[{"mon": [["08:00", "12:00"], ["13:30", "21:00"]], "sun": []}],
    )
    closed_dates: list[str] = Field(
        default_factory=list,
        max_length=MAX_CLOSED_DATES,
        description="Local dates closed all day (holidays, Tết), YYYY-MM-DD.",
        examples=[["2027-02-06", "2027-02-07"]],
    )

    @model_validator(mode="after")
    def _understood(self) -> WorkingHoursIn:
        try:
            schedule = Schedule.from_config(self.timezone, self.days, self.closed_dates)
        except InvalidSchedule as exc:
            raise ValueError(str(exc)) from exc
        normal = schedule.to_config()
        self.days = {d: p for d, p in normal["days"].items() if p}
        self.closed_dates = normal["closed_dates"]
        return self


class WorkingHoursOut(BaseModel):
    timezone: str
    days: dict[str, Periods] = Field(description="Every weekday, [] when closed.")
    closed_dates: list[str]
    configured: bool = Field(description="False until the owner sets hours: open all the time.")
    open_now: bool
    next_open_at: datetime | None = Field(description="Now when open; None beyond a year.")
    updated_at: datetime | None

    @classmethod
    def of(
        cls, schedule: Schedule, *, configured: bool, now: datetime, updated_at: Any
    ) -> WorkingHoursOut:
        config = schedule.to_config()
        return cls(
            timezone=config["timezone"],
            days={d: config["days"].get(d, []) for d in DAYS},
            closed_dates=config["closed_dates"],
            configured=configured,
            open_now=schedule.is_open(now),
            next_open_at=schedule.next_open(now),
            updated_at=updated_at,
        )
