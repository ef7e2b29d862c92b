"""Inbox HTTP API (API.md "Inbox"): thin handlers, one service call each."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile, status
from fastapi.responses import FileResponse, StreamingResponse

from chotdon.core.after_commit import emit_event
from chotdon.core.auth import AdminPrincipal, CurrentPrincipal, SessionDep
from chotdon.core.errors import ValidationFailed
from chotdon.core.pagination import MAX_LIMIT, Page, PageParams, encode_cursor, page_params
from chotdon.core.pagination import decode_cursor as _decode_cursor
from chotdon.core.tenant import get_owned
from chotdon.inbox import assignment, service
from chotdon.inbox import media as media_service
from chotdon.inbox import posts as posts_service
from chotdon.inbox import quick_replies as quick_replies_service
from chotdon.inbox import tags as tags_service
from chotdon.inbox.filters import ConversationFilter, Sort
from chotdon.inbox.models import Conversation, Post
from chotdon.inbox.schemas import (
    AutoAssignmentIn,
    AutoAssignmentOut,
    BulkIn,
    BulkOut,
    CommentActionOut,
    ContactTagIn,
    ConversationOut,
    ConversationPatch,
    Counts,
    MediaOut,
    MessageIn,
    MessageOut,
    MessageQueued,
    NoteIn,
    NoteOut,
    PostOut,
    QuickReplyIn,
    QuickReplyOut,
    QuickReplyPatch,
    QuickReplySend,
    StateChange,
    TagIn,
    TagOut,
    TagPatch,
)

router = APIRouter(tags=["inbox"])

Id = Annotated[int, Query(ge=1, lt=2**63)]


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def conversation_filter(
    principal: CurrentPrincipal,
    channel_id: Annotated[list[Annotated[int, Query(ge=1, lt=2**63)]] | None, Query()] = None,
    kind: Literal["message", "comment"] | None = None,
    post_id: Annotated[int | None, Query(ge=1, lt=2**63)] = None,
    unread: bool | None = None,
    unreplied: bool | None = None,
    has_phone: bool | None = None,
    tag_id: Annotated[
        list[Annotated[int, Query(ge=1, lt=2**63)]] | None, Query(max_length=50)
    ] = None,
    tag_mode: Literal["any", "all"] = "any",
    assignee: Annotated[
        str | None, Query(description="me, none or a user id", max_length=20)
    ] = None,
    status: Literal["open", "done"] | None = None,
    has_order: bool | None = None,
    contact_id: Annotated[int | None, Query(ge=1, lt=2**63)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> ConversationFilter:
    assignee_id, unassigned = None, False
    if assignee is not None:
        if assignee == "me":
            if principal.user_id is None:
                raise ValidationFailed(
                    details=[{"field": "assignee", "message": "'me' needs a logged-in user"}]
                )
            assignee_id = principal.user_id
        elif assignee == "none":
            unassigned = True
        elif assignee.isdigit() and 0 < int(assignee) < 2**63:
            assignee_id = int(assignee)
        else:
            raise ValidationFailed(
                details=[{"field": "assignee", "message": "me, none or a user id"}]
            )
    return ConversationFilter(
        channel_ids=tuple(channel_id or ()),
        kind=kind,
        post_id=post_id,
        unread=unread,
        unreplied=unreplied,
        has_phone=has_phone,
        tag_ids=tuple(tag_id or ()),
        tag_mode=tag_mode,
        assignee_id=assignee_id,
        unassigned=unassigned,
        status=status,
        has_order=has_order,
        contact_id=contact_id,
        since=_utc(since),
        until=_utc(until),
        q=q,
    )


FilterDep = Annotated[ConversationFilter, Depends(conversation_filter)]
PageDep = Annotated[PageParams, Depends(page_params)]


# --- conversations -------------------------------------------------------------------------


@router.get("/conversations", response_model=Page[ConversationOut])
async def list_conversations(
    principal: CurrentPrincipal,
    session: SessionDep,
    f: FilterDep,
    params: PageDep,
    sort: Sort = "recent",
) -> Page[ConversationOut]:
    return await service.list_conversations(session, principal.workspace_id, f, params, sort)


@router.get("/conversations/counts", response_model=Counts)
async def conversation_counts(
    principal: CurrentPrincipal, session: SessionDep, f: FilterDep
) -> Counts:
    return await service.count_conversations(session, principal, f)


@router.post("/conversations/bulk", response_model=BulkOut)
async def bulk_action(body: BulkIn, principal: CurrentPrincipal, session: SessionDep) -> BulkOut:
    return await service.bulk(session, principal, body)


@router.get("/conversations/{conversation_id}", response_model=ConversationOut)
async def get_conversation(
    conversation_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    await get_owned(
        session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
    )
    return await service.get_conversation(session, principal.workspace_id, conversation_id)


@router.patch("/conversations/{conversation_id}", response_model=ConversationOut)
async def update_conversation(
    conversation_id: int, body: ConversationPatch, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    return await service.update_conversation(session, principal, conversation_id, body)


@router.post("/conversations/{conversation_id}/read", response_model=ConversationOut)
async def mark_read(
    conversation_id: int,
    principal: CurrentPrincipal,
    session: SessionDep,
    body: StateChange | None = None,
) -> ConversationOut:
    return await service.mark_read(
        session, principal, conversation_id, body.version if body else None
    )


@router.post("/conversations/{conversation_id}/unread", response_model=ConversationOut)
async def mark_unread(
    conversation_id: int,
    principal: CurrentPrincipal,
    session: SessionDep,
    body: StateChange | None = None,
) -> ConversationOut:
    return await service.mark_unread(
        session, principal, conversation_id, body.version if body else None
    )


@router.post("/conversations/{conversation_id}/block", response_model=ConversationOut)
async def block_customer(
    conversation_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    return await service.set_blocked(session, principal, conversation_id, True)


@router.post("/conversations/{conversation_id}/unblock", response_model=ConversationOut)
async def unblock_customer(
    conversation_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    return await service.set_blocked(session, principal, conversation_id, False)


@router.post("/conversations/{conversation_id}/sync", status_code=status.HTTP_202_ACCEPTED)
async def sync_conversation(
    conversation_id: int, principal: CurrentPrincipal, session: SessionDep
) -> dict[str, str]:
    await service.request_sync(session, principal, conversation_id)
    return {"status": "queued"}


# --- messages ------------------------------------------------------------------------------


@router.get("/conversations/{conversation_id}/messages", response_model=Page[MessageOut])
async def list_messages(
    conversation_id: int,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: PageDep,
    order: Literal["latest", "oldest"] = "latest",
) -> Page[MessageOut]:
    """Items oldest → newest. `order=latest` (default): the newest page first, `next_cursor`
    loads older messages (chat scroll); `order=oldest`: from the first message forward."""
    return await service.message_history(
        session, principal.workspace_id, conversation_id, params, order
    )


@router.post(
    "/messages/{message_id}/retry", status_code=status.HTTP_202_ACCEPTED, response_model=MessageOut
)
async def retry_message(
    message_id: int, principal: CurrentPrincipal, session: SessionDep
) -> MessageOut:
    """Queue a failed outgoing message again (`pending`)."""
    return await service.retry_message(session, principal, message_id)


@router.get("/messages/search", response_model=Page[MessageOut])
async def search_messages(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    conversation_id: Id | None = None,
) -> Page[MessageOut]:
    """Search the whole message history (newest first), optionally within one conversation.
    The conversation list's `q` covers the customer and each conversation's recent messages."""
    return await service.search_messages(
        session, principal.workspace_id, q, conversation_id, params
    )


@router.post(
    "/conversations/{conversation_id}/messages",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=MessageOut,
)
async def send_message(
    conversation_id: int, body: MessageIn, principal: CurrentPrincipal, session: SessionDep
) -> MessageOut:
    return await service.send_message(session, principal, conversation_id, body)


@router.post(
    "/conversations/{conversation_id}/quick-replies",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=MessageQueued,
)
async def send_quick_reply(
    conversation_id: int, body: QuickReplySend, principal: CurrentPrincipal, session: SessionDep
) -> MessageQueued:
    """Send every message of a quick-reply group, variables filled for this customer."""
    return await service.send_quick_reply(session, principal, conversation_id, body.quick_reply_id)


# --- tags on conversations and customers ---------------------------------------------------


@router.post("/conversations/{conversation_id}/tags/{tag_id}", response_model=ConversationOut)
async def attach_tag(
    conversation_id: int, tag_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    if await tags_service.attach(session, principal, conversation_id, tag_id):
        await service.emit_updated(session, principal.workspace_id, [conversation_id])
    return await service.get_conversation(session, principal.workspace_id, conversation_id)


@router.delete("/conversations/{conversation_id}/tags/{tag_id}", response_model=ConversationOut)
async def detach_tag(
    conversation_id: int, tag_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    if await tags_service.detach(session, principal, conversation_id, tag_id):
        await service.emit_updated(session, principal.workspace_id, [conversation_id])
    return await service.get_conversation(session, principal.workspace_id, conversation_id)


@router.post(
    "/conversations/{conversation_id}/customer-tags/{tag_id}", response_model=ConversationOut
)
async def tag_customer(
    conversation_id: int,
    tag_id: int,
    principal: CurrentPrincipal,
    session: SessionDep,
    body: ContactTagIn | None = None,
) -> ConversationOut:
    """Tag the customer (shown on all their conversations); `pinned` shows it first."""
    ids = await tags_service.set_contact_tag(
        session, principal, conversation_id, tag_id, body.pinned if body else False
    )
    await service.emit_updated(session, principal.workspace_id, ids)
    return await service.get_conversation(session, principal.workspace_id, conversation_id)


@router.delete(
    "/conversations/{conversation_id}/customer-tags/{tag_id}", response_model=ConversationOut
)
async def untag_customer(
    conversation_id: int, tag_id: int, principal: CurrentPrincipal, session: SessionDep
) -> ConversationOut:
    ids = await tags_service.remove_contact_tag(session, principal, conversation_id, tag_id)
    await service.emit_updated(session, principal.workspace_id, ids)
    return await service.get_conversation(session, principal.workspace_id, conversation_id)


# --- notes ---------------------------------------------------------------------------------


@router.get("/conversations/{conversation_id}/notes", response_model=list[NoteOut])
async def list_notes(
    conversation_id: int, principal: CurrentPrincipal, session: SessionDep
) -> list[NoteOut]:
    notes = await service.list_notes(session, principal.workspace_id, conversation_id)
    return [NoteOut.model_validate(n) for n in notes]


@router.post(
    "/conversations/{conversation_id}/notes",
    status_code=status.HTTP_201_CREATED,
    response_model=NoteOut,
)
async def add_note(
    conversation_id: int, body: NoteIn, principal: CurrentPrincipal, session: SessionDep
) -> NoteOut:
    note = await service.add_note(session, principal, conversation_id, body.text)
    return NoteOut.model_validate(note)


@router.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_note(note_id: int, principal: CurrentPrincipal, session: SessionDep) -> Response:
    await service.delete_note(session, principal, note_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- comments ------------------------------------------------------------------------------


@router.post(
    "/comments/{message_id}/{action}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CommentActionOut,
)
async def comment_action(
    message_id: int,
    action: Literal["like", "unlike", "hide", "unhide"],
    principal: CurrentPrincipal,
    session: SessionDep,
) -> CommentActionOut:
    await service.comment_action(session, principal, message_id, action)
    return CommentActionOut(message_id=message_id, action=action)


@router.delete(
    "/comments/{message_id}", status_code=status.HTTP_202_ACCEPTED, response_model=CommentActionOut
)
async def delete_comment(
    message_id: int, principal: CurrentPrincipal, session: SessionDep
) -> CommentActionOut:
    await service.comment_action(session, principal, message_id, "delete")
    return CommentActionOut(message_id=message_id, action="delete")


# --- tags ----------------------------------------------------------------------------------


@router.get("/tags", response_model=Page[TagOut])
async def list_tags(
    principal: CurrentPrincipal, session: SessionDep, with_counts: bool = False
) -> Page[TagOut]:
    """Every tag of the workspace (a workspace has at most a few hundred): no cursor."""
    items = await tags_service.list_tags(session, principal.workspace_id, with_counts=with_counts)
    return Page(items=items, next_cursor=None)


@router.post("/tags", status_code=status.HTTP_201_CREATED, response_model=TagOut)
async def create_tag(body: TagIn, principal: AdminPrincipal, session: SessionDep) -> TagOut:
    out = TagOut.model_validate(await tags_service.create_tag(session, principal, body))
    emit_event(session, principal.workspace_id, "tag.created", out.model_dump(mode="json"))
    return out


@router.get("/tags/{tag_id}", response_model=TagOut)
async def get_tag(tag_id: int, principal: CurrentPrincipal, session: SessionDep) -> TagOut:
    from chotdon.inbox.models import Tag

    return TagOut.model_validate(
        await get_owned(session, Tag, tag_id, principal.workspace_id, label="Tag")
    )


@router.patch("/tags/{tag_id}", response_model=TagOut)
async def update_tag(
    tag_id: int, body: TagPatch, principal: AdminPrincipal, session: SessionDep
) -> TagOut:
    """Partial: only the fields sent change (rename, recolour, folder, show/hide, position)."""
    out = TagOut.model_validate(await tags_service.update_tag(session, principal, tag_id, body))
    emit_event(session, principal.workspace_id, "tag.updated", out.model_dump(mode="json"))
    return out


@router.delete("/tags/{tag_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_tag(tag_id: int, principal: AdminPrincipal, session: SessionDep) -> Response:
    affected = await tags_service.delete_tag(session, principal, tag_id)
    emit_event(session, principal.workspace_id, "tag.deleted", {"id": tag_id})
    await service.emit_updated(session, principal.workspace_id, affected[:500])
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- automatic assignment ------------------------------------------------------------------


@router.get("/auto-assignment", response_model=AutoAssignmentOut)
async def get_auto_assignment(
    principal: CurrentPrincipal, session: SessionDep
) -> AutoAssignmentOut:
    settings = await assignment.get_settings(session, principal.workspace_id)
    return AutoAssignmentOut(**settings.model_dump())


@router.put("/auto-assignment", response_model=AutoAssignmentOut)
async def set_auto_assignment(
    body: AutoAssignmentIn, principal: AdminPrincipal, session: SessionDep
) -> AutoAssignmentOut:
    """Owner/admin: `off`, `round_robin` or `first_reply`, who takes part, on which channels."""
    settings = await assignment.set_settings(
        session, principal, assignment.AssignmentSettings(**body.model_dump())
    )
    return AutoAssignmentOut(**settings.model_dump())


# --- quick replies -------------------------------------------------------------------------


@router.get("/quick-replies", response_model=Page[QuickReplyOut])
async def list_quick_replies(
    principal: CurrentPrincipal, session: SessionDep, channel_id: Id | None = None
) -> Page[QuickReplyOut]:
    groups = await quick_replies_service.list_groups(session, principal.workspace_id, channel_id)
    return Page(items=await quick_replies_service.to_out(session, groups), next_cursor=None)


@router.get("/quick-replies/suggest", response_model=Page[QuickReplyOut])
async def suggest_quick_replies(
    principal: CurrentPrincipal,
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    channel_id: Id | None = None,
    conversation_id: Id | None = None,
) -> Page[QuickReplyOut]:
    """Enabled groups whose shortcut starts with `q` or whose words match it (no diacritics).

    With `conversation_id`, the messages come back with variables filled (`rendered_text`)
    and only the groups of that conversation's channel.
    """
    values = None
    if conversation_id is not None:
        conversation = await get_owned(
            session, Conversation, conversation_id, principal.workspace_id, label="Conversation"
        )
        channel_id = conversation.channel_id
        values = await service.template_values(session, principal, conversation)
    groups = await quick_replies_service.suggest(session, principal.workspace_id, q, channel_id)
    return Page(items=await quick_replies_service.to_out(session, groups, values), next_cursor=None)


@router.post("/quick-replies", status_code=status.HTTP_201_CREATED, response_model=QuickReplyOut)
async def create_quick_reply(
    body: QuickReplyIn, principal: AdminPrincipal, session: SessionDep
) -> QuickReplyOut:
    group = await quick_replies_service.create(session, principal, body)
    return (await quick_replies_service.to_out(session, [group]))[0]


@router.get("/quick-replies/{group_id}", response_model=QuickReplyOut)
async def get_quick_reply(
    group_id: int, principal: CurrentPrincipal, session: SessionDep
) -> QuickReplyOut:
    group = await quick_replies_service.get(session, principal.workspace_id, group_id)
    return (await quick_replies_service.to_out(session, [group]))[0]


@router.patch("/quick-replies/{group_id}", response_model=QuickReplyOut)
async def update_quick_reply(
    group_id: int, body: QuickReplyPatch, principal: AdminPrincipal, session: SessionDep
) -> QuickReplyOut:
    group = await quick_replies_service.update(session, principal, group_id, body)
    return (await quick_replies_service.to_out(session, [group]))[0]


@router.delete("/quick-replies/{group_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_quick_reply(
    group_id: int, principal: AdminPrincipal, session: SessionDep
) -> Response:
    await quick_replies_service.delete_group(session, principal, group_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- media library -------------------------------------------------------------------------


@router.post("/media", response_model=MediaOut, status_code=status.HTTP_201_CREATED)
async def upload_media(
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    file: Annotated[UploadFile, File(description="image, video, audio or document")],
) -> MediaOut:
    """Upload to the media library; the same file again answers 200 with the existing entry."""
    media, created = await media_service.upload(session, principal, file)
    if not created:
        response.status_code = status.HTTP_200_OK
    return media_service.to_out(media)


@router.get("/media", response_model=Page[MediaOut])
async def list_media(
    principal: CurrentPrincipal,
    session: SessionDep,
    kind: Literal["image", "video", "audio", "file"] | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Page[MediaOut]:
    """The media library, newest first ("images sent before")."""
    values = _decode_cursor(cursor, 1)
    before = None
    if values is not None:
        if not isinstance(values[0], int) or isinstance(values[0], bool):
            raise ValidationFailed(details=[{"field": "cursor", "message": "malformed cursor"}])
        before = values[0]
    rows = await media_service.list_media(session, principal.workspace_id, kind, before, limit + 1)
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return Page(items=[media_service.to_out(m) for m in rows[:limit]], next_cursor=next_cursor)


@router.get("/media/{media_id}", response_model=MediaOut)
async def get_media(media_id: int, principal: CurrentPrincipal, session: SessionDep) -> MediaOut:
    return media_service.to_out(await media_service.get(session, principal.workspace_id, media_id))


def _attachment(filename: str) -> str:
    """The Content-Disposition FileResponse gives a local file, for a streamed one."""
    quoted = quote(filename)
    if quoted != filename:
        return f"attachment; filename*=utf-8''{quoted}"
    return f'attachment; filename="{filename}"'


@router.get("/media/{media_id}/file", response_class=FileResponse)
async def get_media_file(
    media_id: int, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    """The file's bytes, from this host's disk or the shared object storage."""
    media = await media_service.get(session, principal.workspace_id, media_id)
    stored = await media_service.open_file(media)
    headers = {"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"}
    if stored.path is not None:
        return FileResponse(
            stored.path, media_type=media.content_type, filename=media.filename, headers=headers
        )
    return StreamingResponse(
        stored.chunks(),
        media_type=media.content_type,
        headers={
            **headers,
            "Content-Length": str(stored.size),
            "Content-Disposition": _attachment(media.filename),
        },
    )


@router.get("/posts", response_model=Page[PostOut])
async def list_posts(
    principal: CurrentPrincipal,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    channel_id: int | None = None,
    kind: Literal["post", "live_video"] | None = None,
) -> Page[PostOut]:
    """The pages' posts and live videos, newest first (for the "by post" filter)."""
    rows, next_cursor = await posts_service.list_posts(
        session,
        principal.workspace_id,
        channel_id=channel_id,
        kind=kind,
        limit=page.limit,
        cursor=page.cursor,
    )
    return Page(items=[PostOut.model_validate(p) for p in rows], next_cursor=next_cursor)


@router.get("/posts/{post_id}", response_model=PostOut)
async def get_post(post_id: int, principal: CurrentPrincipal, session: SessionDep) -> PostOut:
    """A post with its text, picture and link, shown above its comment threads."""
    post = await get_owned(session, Post, post_id, principal.workspace_id, label="Post")
    return PostOut.model_validate(post)
