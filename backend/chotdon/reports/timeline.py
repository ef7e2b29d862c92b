"""Customer turns of one conversation, from its messages in time order (pure, no I/O).

A turn starts with a customer's message while nobody owes them an answer and ends with the
first staff reply (an agent in Chotdon or a person in the page's own inbox). Automatic
messages (`bot`, and page messages a third-party app sent) never end a turn. The first turn of a conversation opens it (`new`); the
first customer message after staff marked the conversation done reopens it (`reopened`): a
turn still waiting then is closed unanswered and a new one starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from chotdon.working_hours.schedule import Schedule

StepKind = Literal["customer", "staff", "bot"]
STAFF_SENDERS = frozenset({"agent", "page"})


def step_kind(direction: str, sender_type: str, automated: bool = False) -> StepKind:
    """`automated`: a page message a third-party app sent (`channels.events.InboundMessage`)."""
    if direction == "in":
        return "customer"
    return "staff" if sender_type in STAFF_SENDERS and not automated else "bot"


@dataclass(slots=True)
class Step:
    at: datetime
    kind: StepKind
    user_id: int | None = None
    reopens: bool = False  # a customer message that found the conversation marked done


@dataclass(slots=True)
class Turn:
    started_at: datetime
    opening: str | None  # "new" | "reopened" | None for a later turn
    waiting: bool = True
    replied_at: datetime | None = None
    user_id: int | None = None
    id: int | None = None  # the stored row, when it came from the database
    changed: bool = False

    def response_seconds(self, schedule: Schedule | None = None) -> int | None:
        """Seconds to the reply: plain, or counted only while the shop was open."""
        if self.replied_at is None:
            return None
        if schedule is None:
            return max(0, round((self.replied_at - self.started_at).total_seconds()))
        return max(0, round(schedule.open_seconds_between(self.started_at, self.replied_at)))


def advance(last: Turn | None, steps: Iterable[Step]) -> list[Turn]:
    """Apply steps (in time order) after `last` (the conversation's waiting turn, else any
    earlier turn, else None). Returns the turns created or changed, `last` included if so."""
    touched: list[Turn] = []
    current = last if last is not None and last.waiting else None
    seen = last is not None
    for step in steps:
        if step.kind == "customer":
            if current is not None and step.reopens:
                current.waiting = False  # marked done without an answer
                current.changed = True
                current = None
            if current is None:
                opening = "reopened" if step.reopens and seen else None
                current = Turn(step.at, "new" if not seen else opening, changed=True)
                touched.append(current)
                seen = True
            elif step.at < current.started_at:
                current.started_at = step.at  # an older message arrived late
                current.changed = True
        elif step.kind == "staff" and current is not None and step.at >= current.started_at:
            current.waiting = False
            current.replied_at = step.at
            current.user_id = step.user_id
            current.changed = True
            current = None
    if last is not None and last.changed and last not in touched:
        touched.insert(0, last)
    return touched
