"""Automatic message rules: CRUD, preview and the log of sends and skips."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.accounts.models import Workspace
from chotdon.accounts.service import audit
from chotdon.automations import templates
from chotdon.automations.models import AutoMessageRule, AutoMessageSend
from chotdon.automations.schemas import (
    AutoMessageIn,
    AutoMessageOut,
    AutoMessagePatch,
    PreviewIn,
    PreviewOut,
    check_rule,
)
from chotdon.channels.models import Channel
from chotdon.core.auth import Principal
from chotdon.core.db import utcnow
from chotdon.core.errors import ValidationFailed
from chotdon.core.tenant import get_owned, owned


def rule_out(rule: AutoMessageRule) -> AutoMessageOut:
    return AutoMessageOut.model_validate(
        {
            "id": rule.id,
            "kind": rule.kind,
            "channel_ids": list(rule.channel_ids or []),
            "text": rule.text,
            "attachment_ids": list(rule.attachment_ids or []),
            "enabled": rule.enabled,
            "order_status": rule.order_status,
            "silence_hours": rule.silence_hours,
            "created_at": rule.created_at,
            "updated_at": rule.updated_at or rule.created_at,
        }
    )


async def _check_refs(
    session: AsyncSession, workspace_id: int, channel_ids: list[int], attachment_ids: list[int]
) -> None:
    from chotdon.inbox.media import attachments_for

    if channel_ids:
        found = set(
            (
                await session.scalars(
                    select(Channel.id).where(
                        Channel.workspace_id == workspace_id, Channel.id.in_(channel_ids)
                    )
                )
            ).all()
        )
        if missing := [c for c in channel_ids if c not in found]:
            raise ValidationFailed(
                "Unknown channel",
                details=[{"field": "channel_ids", "message": f"no such channel: {missing}"}],
            )
    await attachments_for(session, workspace_id, attachment_ids)


async def list_rules(session: AsyncSession, workspace_id: int) -> list[AutoMessageRule]:
    return list(
        (
            await session.scalars(owned(AutoMessageRule, workspace_id).order_by(AutoMessageRule.id))
        ).all()
    )


async def get(session: AsyncSession, workspace_id: int, rule_id: int) -> AutoMessageRule:
    return await get_owned(
        session, AutoMessageRule, rule_id, workspace_id, label="Automatic message"
    )


async def create(
    session: AsyncSession, principal: Principal, body: AutoMessageIn
) -> AutoMessageRule:
    channel_ids = sorted(set(body.channel_ids or []))
    attachment_ids = list(dict.fromkeys(body.attachment_ids or []))
    await _check_refs(session, principal.workspace_id, channel_ids, attachment_ids)
    rule = AutoMessageRule(
        workspace_id=principal.workspace_id,
        kind=body.kind,
        channel_ids=channel_ids,
        text=body.text.strip(),
        attachment_ids=attachment_ids,
        enabled=body.enabled,
        order_status=body.order_status,
        silence_hours=body.silence_hours,
    )
    session.add(rule)
    await session.flush()
    audit(session, principal, "auto_message.create", "auto_message", rule.id, {"kind": rule.kind})
    return rule


async def update(
    session: AsyncSession, principal: Principal, rule_id: int, body: AutoMessagePatch
) -> AutoMessageRule:
    rule = await get(session, principal.workspace_id, rule_id)
    fields = body.model_dump(exclude_unset=True)
    text = (fields.get("text") or rule.text).strip()
    order_status = fields["order_status"] if "order_status" in fields else rule.order_status
    silence = fields["silence_hours"] if "silence_hours" in fields else rule.silence_hours
    try:
        check_rule(rule.kind, text, order_status, silence)
    except ValueError as exc:
        raise ValidationFailed(str(exc), details=[{"field": "body", "message": str(exc)}]) from exc
    channel_ids = sorted(set(fields.get("channel_ids") or [])) if "channel_ids" in fields else None
    attachment_ids = (
        list(dict.fromkeys(fields.get("attachment_ids") or []))
        if "attachment_ids" in fields
        else None
    )
    await _check_refs(session, principal.workspace_id, channel_ids or [], attachment_ids or [])
    rule.text = text
    rule.order_status = order_status
    rule.silence_hours = silence
    if channel_ids is not None:
        rule.channel_ids = channel_ids
    if attachment_ids is not None:
        rule.attachment_ids = attachment_ids
    if fields.get("enabled") is not None:
        rule.enabled = fields["enabled"]
    rule.updated_at = utcnow()
    await session.flush()
    audit(session, principal, "auto_message.update", "auto_message", rule.id, {})
    return rule


async def delete(session: AsyncSession, principal: Principal, rule_id: int) -> None:
    rule = await get(session, principal.workspace_id, rule_id)
    await session.delete(rule)
    audit(session, principal, "auto_message.delete", "auto_message", rule_id, {"kind": rule.kind})


async def preview(session: AsyncSession, workspace_id: int, body: PreviewIn) -> PreviewOut:
    """The text as a customer would read it, with the shop's name and sample order values."""
    shop = await session.scalar(select(Workspace.name).where(Workspace.id == workspace_id))
    values = {**templates.SAMPLE, "shop_name": shop or ""}
    return PreviewOut(
        text=templates.render(body.text, values), problems=templates.problems(body.text, body.kind)
    )


async def list_sends(
    session: AsyncSession, workspace_id: int, *, limit: int, before_id: int | None
) -> list[AutoMessageSend]:
    stmt = owned(AutoMessageSend, workspace_id)
    if before_id is not None:
        stmt = stmt.where(AutoMessageSend.id < before_id)
    return list(
        (await session.scalars(stmt.order_by(AutoMessageSend.id.desc()).limit(limit + 1))).all()
    )
