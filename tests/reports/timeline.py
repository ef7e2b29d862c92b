"""A scripted shop day for the reports' tests: messages at known times through ingestion."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from chotdon.channels.events import InboundMessage, Person
from chotdon.channels.models import Channel
from chotdon.core.db import unit_of_work
from chotdon.inbox import flows

# Monday 2 November 2026, 00:00 UTC = 07:00 in Hồ Chí Minh City (UTC+7).
T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
DAY = 24 * 60
HOURS = {d: [["08:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


async def write(
    channel_id: int,
    psid: str,
    when: datetime,
    *,
    sender: str = "contact",
    text: str = "...",
    third_party_app: str | None = None,
) -> flows.Recorded:
    """A customer's message (`contact`), or one sent from the page (`page`) or a bot (`bot`).

    `third_party_app`: a page message echoed with another app's id, as Facebook ingestion
    records it (`channels/facebook/ingest.py`)."""
    event = InboundMessage(
        external_id=f"m_{uuid.uuid4().hex}",
        customer=Person(psid, f"Khách {psid}"),
        direction="in" if sender == "contact" else "out",
        sender_type=sender,  # type: ignore[arg-type]
        created_at=when,
        text=text,
        app_id=third_party_app,
        meta={"app_id": third_party_app, "other_app": True, "automated": True}
        if third_party_app
        else {},
    )
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        return await flows.record_message(session, channel, event)
