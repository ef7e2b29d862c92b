"""Automatic assignment of conversations: one workspace setting the owner picks
(`workspaces.settings["assignment"]`, `GET/PUT /api/v1/auto-assignment`).

- `off` (default): nobody is assigned automatically.
- `round_robin`: a new (or unassigned) conversation in which the customer writes goes to the
  next staff member in turn among the chosen ones online now (realtime presence); when presence
  is not available or none of them is online, among all the chosen ones.
- `first_reply`: the first staff member who replies to an unassigned conversation claims it.

`member_ids` are the staff who take part (empty: every active agent); `channel_ids` the
channels it applies to (empty: all).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import Membership, Workspace
from chotdon.accounts.service import audit
from chotdon.channels.models import Channel
from chotdon.core.auth import Principal
from chotdon.core.errors import ValidationFailed
from chotdon.inbox.models import Conversation

log = logging.getLogger(__name__)

AutoAssign = Literal["off", "round_robin", "first_reply"]
MODES: tuple[str, ...] = ("off", "round_robin", "first_reply")


class AssignmentSettings(BaseModel):
    mode: AutoAssign = "off"
    member_ids: list[int] = Field(default_factory=list)
    channel_ids: list[int] = Field(default_factory=list)

    def mode_for(self, channel_id: int) -> AutoAssign:
        if self.channel_ids and channel_id not in self.channel_ids:
            return "off"
        return self.mode


def settings_from(workspace_settings: dict | None) -> AssignmentSettings:
    raw = (workspace_settings or {}).get("assignment")
    try:
        return AssignmentSettings.model_validate(raw or {})
    except ValueError:  # a hand-edited or older shape: assignment off, never a failed message
        return AssignmentSettings()


async def get_settings(session: AsyncSession, workspace_id: int) -> AssignmentSettings:
    raw = await session.scalar(select(Workspace.settings).where(Workspace.id == workspace_id))
    return settings_from(raw)


def pick_round_robin(candidates: Sequence[int], turn: int) -> int | None:
    """The agent whose turn it is: candidates in a stable order, `turn` a growing counter."""
    if not candidates:
        return None
    ordered = sorted(set(candidates))
    return ordered[turn % len(ordered)]


async def active_agent_ids(session: AsyncSession, workspace_id: int) -> list[int]:
    stmt = select(Membership.user_id).where(
        Membership.workspace_id == workspace_id,
        Membership.is_active.is_(True),
        Membership.role == "agent",
    )
    return list((await session.execute(stmt)).scalars())


async def online_user_ids(workspace_id: int) -> list[int] | None:
    """Users online now according to `chotdon.realtime.presence`; None when unavailable."""
    try:
        from chotdon.realtime import presence  # type: ignore[attr-defined]
    except ImportError:
        return None
    fn = getattr(presence, "online_user_ids", None)
    if fn is None:
        return None
    try:
        result = fn(workspace_id)
        if inspect.isawaitable(result):
            result = await result
        return [int(u) for u in result]
    except Exception:  # presence is a nicety: never fail an incoming message for it
        log.warning("presence lookup failed; falling back to all agents", exc_info=True)
        return None


async def round_robin_candidates(
    session: AsyncSession, workspace_id: int, member_ids: Sequence[int] = ()
) -> list[int]:
    if member_ids:
        agents = list(
            (
                await session.execute(
                    select(Membership.user_id).where(
                        Membership.workspace_id == workspace_id,
                        Membership.is_active.is_(True),
                        Membership.user_id.in_(list(member_ids)),
                    )
                )
            ).scalars()
        )
    else:
        agents = await active_agent_ids(session, workspace_id)
    online = await online_user_ids(workspace_id)
    if online is not None:
        online_agents = [a for a in agents if a in set(online)]
        if online_agents:
            return online_agents
    return agents


async def _next_turn(workspace_id: int) -> int:
    from chotdon.core.redis import get_redis

    return int(await get_redis().incr(f"chotdon:auto_assign:ws:{workspace_id}")) - 1


async def on_customer_messages(
    session: AsyncSession, channel: Channel, conversations: Sequence[Conversation]
) -> list[int]:
    """Round robin: give each unassigned conversation to the next one in turn. Returns the
    conversations assigned (the settings are read once per batch, and only when needed)."""
    waiting = [c for c in conversations if c.assignee_id is None]
    if not waiting:
        return []
    settings = await get_settings(session, channel.workspace_id)
    if settings.mode_for(channel.id) != "round_robin":
        return []
    candidates = await round_robin_candidates(session, channel.workspace_id, settings.member_ids)
    if not candidates:
        return []
    assigned = []
    for conversation in waiting:
        try:
            turn = await _next_turn(channel.workspace_id)
        except Exception:  # Redis down: still assign, just less evenly
            turn = conversation.id
        conversation.assignee_id = pick_round_robin(candidates, turn)
        assigned.append(conversation.id)
    return assigned


async def on_staff_reply(
    session: AsyncSession, conversation: Conversation, user_id: int | None
) -> bool:
    """First reply claims: assign an unassigned conversation to the staff member replying."""
    if user_id is None or conversation.assignee_id is not None:
        return False
    settings = await get_settings(session, conversation.workspace_id)
    if settings.mode_for(conversation.channel_id) != "first_reply":
        return False
    # Conditional: two agents replying at once, only the first one claims it.
    result = await session.execute(
        update(Conversation)
        .where(Conversation.id == conversation.id, Conversation.assignee_id.is_(None))
        .values(assignee_id=user_id)
        .returning(Conversation.id)
        .execution_options(synchronize_session=False)
    )
    claimed = result.scalar_one_or_none() is not None
    if claimed:
        conversation.assignee_id = user_id
    return claimed


async def set_settings(
    session: AsyncSession, principal: Principal, body: AssignmentSettings
) -> AssignmentSettings:
    """Owner/admin: choose the mode, the staff who take part and the channels (all validated)."""
    workspace_id = principal.workspace_id
    members = list(dict.fromkeys(body.member_ids))
    channels = list(dict.fromkeys(body.channel_ids))
    details = []
    if members:
        found = set(
            (
                await session.execute(
                    select(Membership.user_id).where(
                        Membership.workspace_id == workspace_id,
                        Membership.is_active.is_(True),
                        Membership.user_id.in_(members),
                    )
                )
            ).scalars()
        )
        if unknown := [m for m in members if m not in found]:
            details.append({"field": "member_ids", "message": f"not a member: {unknown}"})
    if channels:
        found = set(
            (
                await session.execute(
                    select(Channel.id).where(
                        Channel.workspace_id == workspace_id, Channel.id.in_(channels)
                    )
                )
            ).scalars()
        )
        if unknown := [c for c in channels if c not in found]:
            details.append({"field": "channel_ids", "message": f"no such channel: {unknown}"})
    if details:
        raise ValidationFailed(details=details)
    settings = AssignmentSettings(mode=body.mode, member_ids=members, channel_ids=channels)
    workspace = await session.get_one(Workspace, workspace_id, with_for_update=True)
    workspace.settings = {**(workspace.settings or {}), "assignment": settings.model_dump()}
    audit(
        session, principal, "assignment.updated", "workspace", workspace_id, settings.model_dump()
    )
    await session.flush()
    return settings
