"""Automatic assignment of conversations, per channel (`channel.settings["auto_assign"]`).

- `off` (default): nobody is assigned automatically.
- `round_robin`: a new (or unassigned) conversation in which the customer writes goes to the
  next agent in turn among the agents online now (realtime presence); when presence is not
  available or nobody is online, among all active agents of the workspace.
- `first_reply`: the first staff member who replies to an unassigned conversation claims it.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import Membership
from chotdon.channels.models import Channel
from chotdon.inbox.models import Conversation

log = logging.getLogger(__name__)

AutoAssign = Literal["off", "round_robin", "first_reply"]
MODES: tuple[str, ...] = ("off", "round_robin", "first_reply")


def mode_of(channel: Channel) -> AutoAssign:
    value = (channel.settings or {}).get("auto_assign", "off")
    return value if value in MODES else "off"  # type: ignore[return-value]


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


async def round_robin_candidates(session: AsyncSession, workspace_id: int) -> list[int]:
    agents = await active_agent_ids(session, workspace_id)
    online = await online_user_ids(workspace_id)
    if online is not None:
        online_agents = [a for a in agents if a in set(online)]
        if online_agents:
            return online_agents
    return agents


async def _next_turn(channel_id: int) -> int:
    from chotdon.core.redis import get_redis

    return int(await get_redis().incr(f"chotdon:auto_assign:{channel_id}")) - 1


async def on_customer_message(
    session: AsyncSession, channel: Channel, conversation: Conversation
) -> int | None:
    """Round robin: give an unassigned conversation to the next agent. Returns the assignee."""
    if conversation.assignee_id is not None or mode_of(channel) != "round_robin":
        return None
    candidates = await round_robin_candidates(session, channel.workspace_id)
    if not candidates:
        return None
    try:
        turn = await _next_turn(channel.id)
    except Exception:  # Redis down: still assign, just less evenly
        turn = conversation.id
    assignee = pick_round_robin(candidates, turn)
    conversation.assignee_id = assignee
    return assignee


async def on_staff_reply(
    session: AsyncSession, conversation: Conversation, user_id: int | None
) -> bool:
    """First reply claims: assign an unassigned conversation to the staff member replying."""
    if user_id is None or conversation.assignee_id is not None:
        return False
    channel = await session.get(Channel, conversation.channel_id)
    if channel is None or mode_of(channel) != "first_reply":
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
