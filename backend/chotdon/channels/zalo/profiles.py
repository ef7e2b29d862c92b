"""Followers' names and pictures: Zalo events carry only ids, so a follower first seen without
a name is looked up once (`GET /v3.0/oa/user/detail`) by a job, after the message is stored."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.events import Person
from chotdon.channels.models import Channel
from chotdon.channels.zalo.client import ZaloError, get_zalo
from chotdon.channels.zalo.service import oa_token
from chotdon.core.after_commit import enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.customers.models import ContactIdentity

log = logging.getLogger(__name__)

DETAIL_PATH = "/v3.0/oa/user/detail"
JOB = "fetch_zalo_profile"


async def enqueue_unnamed(session: AsyncSession, channel: Channel, user_ids: Iterable[str]) -> None:
    """After recording: a profile job for each follower we still have no name for."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return
    unnamed = await session.scalars(
        select(ContactIdentity.external_id).where(
            ContactIdentity.channel_id == channel.id,
            ContactIdentity.external_id.in_(wanted),
            ContactIdentity.name.is_(None),
        )
    )
    for user_id in unnamed:
        enqueue_job(session, JOB, channel.id, user_id, job_id=f"{JOB}:{channel.id}:{user_id}")


def person_of(user_id: str, data: Any) -> Person:
    detail: dict[str, Any] = data if isinstance(data, dict) else {}
    raw_avatars = detail.get("avatars")
    avatars: dict[str, Any] = raw_avatars if isinstance(raw_avatars, dict) else {}
    picture = avatars.get("240") or detail.get("avatar")
    name = detail.get("display_name")
    return Person(
        user_id,
        name if isinstance(name, str) and name else None,
        picture if isinstance(picture, str) and picture else None,
    )


async def fetch_profile(channel_id: int, user_id: str) -> str:
    from chotdon.customers import service as customers

    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        if channel is None or channel.status != "connected":
            return "skip"
        token = oa_token(channel)
    try:
        data = await get_zalo().get(DETAIL_PATH, token, {"user_id": user_id})
    except ZaloError as exc:
        log.info("no Zalo profile for %s: %s", user_id, exc)
        return "failed"
    person = person_of(user_id, data)
    if person.name is None:
        return "no-name"
    async with unit_of_work() as session:
        channel = await session.get_one(Channel, channel_id)
        await customers.ensure_contact(session, channel, person)
    return "named"
