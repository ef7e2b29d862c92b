"""Facebook pages: connect, token loss, page tokens, profiles of customers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels import outbound
from chotdon.channels.facebook.graph import (
    GraphError,
    InvalidParameter,
    PermissionDenied,
    TokenInvalid,
    get_graph,
)
from chotdon.channels.models import Channel
from chotdon.channels.service import emit_channel_updated
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.core.errors import BadRequest, Conflict, NotFound, ServiceUnavailable
from chotdon.core.security import decrypt_secret, encrypt_secret
from chotdon.customers.models import Contact, ContactIdentity
from chotdon.inbox.models import Conversation
from chotdon.inbox.serializers import conversation_event

log = logging.getLogger(__name__)

SUBSCRIBED_FIELDS = (
    "messages",
    "message_echoes",
    "message_reads",
    "message_deliveries",
    "message_reactions",
    "messaging_postbacks",
    "message_edits",
    "standby",
    "feed",
    "live_videos",
    "inbox_labels",
)


REPLAY_JOB = "replay_facebook_deliveries"
# Channels served by this Meta app's Graph client, webhooks and Send API: Facebook pages and
# the Instagram professional accounts linked to them (`channels/instagram/`).
META_PROVIDERS = ("facebook", "instagram")


class FacebookRefused(BadRequest):
    code = "facebook_error"
    message = "Facebook refused the request"


def page_token(channel: Channel) -> str:
    """Decrypt the page token just before a call; never stored in clear or logged."""
    if not channel.access_token_encrypted:
        raise TokenInvalid("the page has no access token", code=190)
    return decrypt_secret(channel.access_token_encrypted)


def messaging_node(channel: Channel) -> str:
    """The Graph node whose `/messages` and `/conversations` serve the channel: the page, or
    for an Instagram account the Facebook page it is linked to (`settings.page_id`)."""
    if channel.provider == "instagram":
        return str((channel.settings or {}).get("page_id") or channel.external_id)
    return channel.external_id


def _refusal(error: GraphError) -> FacebookRefused:
    if isinstance(error, TokenInvalid):
        return FacebookRefused(
            f"Facebook did not accept the access token: {error.message}",
            code="facebook_token_invalid",
        )
    if isinstance(error, PermissionDenied):
        return FacebookRefused(
            f"The token lacks a permission this needs: {error.message}",
            code="facebook_permission_missing",
        )
    return FacebookRefused(f"Facebook refused: {error}", details={"code": error.code_label})


async def list_user_pages(user_token: str) -> list[dict[str, Any]]:
    """The pages a user token manages (`/me/accounts`), with their page tokens."""
    graph = get_graph()
    pages: list[dict[str, Any]] = []
    try:
        async for items, _ in graph.paginate(
            "me/accounts",
            user_token,
            {
                "fields": "id,name,access_token,category,picture{url},tasks,"
                "instagram_business_account{id,username,name,profile_picture_url}",
                "limit": 100,
            },
            max_pages=20,
        ):
            pages.extend(items)
    except GraphError as exc:
        if isinstance(exc, TokenInvalid | PermissionDenied | InvalidParameter):
            raise _refusal(exc) from exc
        raise ServiceUnavailable(f"Facebook is not answering: {exc}") from exc
    return pages


def _picture(node: dict[str, Any]) -> str | None:
    pic = node.get("picture")
    if isinstance(pic, dict):
        return (pic.get("data") or {}).get("url") or pic.get("url")
    return pic if isinstance(pic, str) else None


async def connect_page(
    session: AsyncSession,
    workspace_id: int,
    page_id: str,
    access_token: str | None,
    user_access_token: str | None,
) -> tuple[Channel, bool]:
    """Read the page, subscribe our app to its webhooks, store the channel, start the backfill.

    A page connected before (and disconnected) is reconnected with its history. A page that
    another workspace has connected is refused (409).
    """
    if not access_token and not user_access_token:
        raise BadRequest(
            "Give the page access token, or a user access token that manages the page",
            code="token_required",
        )
    if not access_token:
        pages = await list_user_pages(user_access_token or "")
        match = next((p for p in pages if str(p.get("id")) == page_id), None)
        if match is None or not match.get("access_token"):
            raise NotFound("This user does not manage that page", code="page_not_managed")
        access_token = str(match["access_token"])

    graph = get_graph()
    try:
        info = await graph.get(page_id, access_token, {"fields": "id,name,picture{url}"})
        await graph.post(
            f"{page_id}/subscribed_apps",
            access_token,
            params={"subscribed_fields": ",".join(SUBSCRIBED_FIELDS)},
        )
    except GraphError as exc:
        if isinstance(exc, TokenInvalid | PermissionDenied | InvalidParameter):
            raise _refusal(exc) from exc
        if exc.code is None or exc.code in (1, 2) or (exc.http_status and exc.http_status >= 500):
            raise ServiceUnavailable(f"Facebook is not answering: {exc}") from exc
        raise _refusal(exc) from exc
    if str(info.get("id") or page_id) != page_id:
        raise BadRequest("The token belongs to another page", code="facebook_token_other_page")

    existing = (
        await session.execute(
            select(Channel)
            .where(Channel.provider == "facebook", Channel.external_id == page_id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    now = datetime.now(UTC)
    created = existing is None
    if existing is not None and existing.workspace_id != workspace_id:
        raise Conflict(
            "This page is connected to another workspace", code="channel_in_other_workspace"
        )
    if existing is None:
        channel = Channel(
            workspace_id=workspace_id,
            provider="facebook",
            external_id=page_id,
            name=str(info.get("name") or page_id),
            settings={},
            sync_state={},
        )
        session.add(channel)
    else:
        channel = existing
    channel.name = str(info.get("name") or channel.name)
    channel.picture_url = _picture(info) or channel.picture_url
    channel.access_token_encrypted = encrypt_secret(access_token)
    channel.status = "connected"
    channel.status_reason = None
    channel.connected_at = now
    channel.settings = {k: v for k, v in (channel.settings or {}).items() if k != "disconnected_by"}
    channel.sync_state = {
        **(channel.sync_state or {}),
        "progress": {"status": "running", "phase": "queued"},
    }
    await session.flush()
    outbound.enqueue_channel_sync(session, channel.id)
    replay_kept(session, page_id)
    emit_channel_updated(session, channel)
    return channel, created


def replay_kept(session: AsyncSession, external_id: str) -> None:
    """After the commit, process deliveries kept for this page (or Instagram account) while it
    was not connected."""
    enqueue_job(session, REPLAY_JOB, external_id, job_id=f"fbreplay:{external_id}")


def token_reason(error: GraphError) -> str:
    """The `channels.reasons` code for a Graph token error (its subcode says why)."""
    return {
        463: "token_expired",
        460: "token_password_changed",
        458: "token_app_removed",
        467: "token_session_invalid",
    }.get(error.subcode or 0, "token_invalid")


async def mark_token_invalid(channel_id: int, error: GraphError) -> None:
    """Token error 190: the channel shows as disconnected with the reason, live."""
    async with unit_of_work() as session:
        channel = (
            await session.execute(
                update(Channel)
                .where(Channel.id == channel_id, Channel.status == "connected")
                .values(status="disconnected", status_reason=token_reason(error))
                .returning(Channel)
            )
        ).scalar_one_or_none()
        if channel is not None:
            emit_channel_updated(session, channel)
            log.warning("channel %s disconnected: %s", channel_id, error)


async def fetch_profile(channel_id: int, psid: str) -> None:
    """Name and picture of a customer, fetched once per identity and cached on it."""
    async with unit_of_work() as session:
        channel = await session.get(Channel, channel_id)
        identity = (
            await session.execute(
                select(ContactIdentity).where(
                    ContactIdentity.channel_id == channel_id, ContactIdentity.external_id == psid
                )
            )
        ).scalar_one_or_none()
        if channel is None or identity is None or identity.profile_fetched_at is not None:
            return
        if channel.status != "connected" or not channel.access_token_encrypted:
            return
        token = page_token(channel)
    profile: dict[str, Any] = {}
    # Instagram users have a name and a username, no first/last name.
    fields = (
        "name,username,profile_pic"
        if channel.provider == "instagram"
        else "first_name,last_name,name,profile_pic"
    )
    try:
        profile = await get_graph().get(psid, token, {"fields": fields})
    except TokenInvalid as exc:
        await mark_token_invalid(channel_id, exc)
        return
    except (InvalidParameter, PermissionDenied) as exc:
        # 100/2018218 "No profile available": common for commenters; keep the webhook name.
        log.info("no profile for %s on channel %s: %s", psid, channel_id, exc)
    async with unit_of_work() as session:
        identity = (
            await session.execute(
                select(ContactIdentity)
                .where(
                    ContactIdentity.channel_id == channel_id, ContactIdentity.external_id == psid
                )
                .with_for_update()
            )
        ).scalar_one_or_none()
        if identity is None or identity.profile_fetched_at is not None:
            return
        identity.profile_fetched_at = datetime.now(UTC)
        name = (
            profile.get("name")
            or " ".join(p for p in (profile.get("last_name"), profile.get("first_name")) if p)
            or profile.get("username")
        )
        picture = profile.get("profile_pic")
        if name:
            identity.name = name
        if picture:
            identity.picture_url = picture
        contact = await session.get(Contact, identity.contact_id)
        if contact is None or not (name or picture):
            return
        changed = False
        if name and not contact.name:
            contact.name = name
            changed = True
        if picture and not contact.picture_url:
            contact.picture_url = picture
            changed = True
        if not changed:
            return
        from chotdon.customers import service as customers_service

        await customers_service.refresh_search_text(session, contact)
        conversations = (
            await session.execute(
                select(Conversation).where(
                    Conversation.contact_id == contact.id, Conversation.channel_id == channel_id
                )
            )
        ).scalars()
        for conversation in conversations:
            conversation.search_text = contact.search_text
            await session.flush()
            emit_event(
                session,
                conversation.workspace_id,
                "conversation.updated",
                await conversation_event(session, conversation),
            )
