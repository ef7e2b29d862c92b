"""Livestream stories that start in the inbox: comments becoming orders, bot replies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.customers.models import Contact
from chotdon.inbox.models import Message, Post
from chotdon.livestream import answers, intake
from chotdon.livestream import service as live_service
from chotdon.livestream.models import LivestreamComment
from chotdon.livestream.parser import ParseOptions, parse_live_comment


@dataclass(slots=True)
class NewComment:
    """A customer's comment just recorded by the inbox (see `inbox.flows.record_new`)."""

    post: Post
    contact: Contact
    message: Message


async def on_comments(session: AsyncSession, channel: Channel, comments: list[NewComment]) -> None:
    """Called in the ingestion transaction for customers' new comments (a batch of webhooks).

    Comments on a livestream taking orders are recorded (`LivestreamComment`, one INSERT for
    the batch) and get their order job; chatter with neither a keyword nor a phone is settled
    here and needs no job. The row is `pending` until its job ran, so a lost job is found
    again by the sweeper.
    """
    by_post: dict[int, list[NewComment]] = {}
    for comment in comments:
        if comment.message.direction == "in":
            by_post.setdefault(comment.post.id, []).append(comment)
    for group in by_post.values():
        livestream = await live_service.livestream_for_post(session, channel, group[0].post)
        if livestream is None or not livestream.accepting_orders:
            continue
        config = await live_service.load_config(session, livestream)
        options = ParseOptions(phone_only_single_product=livestream.phone_only_single_product)
        rows: list[dict[str, Any]] = []
        for comment in group:
            result = parse_live_comment(comment.message.text, config.index, options)
            # Without a product on sale nothing is ordered yet: settled "not_configured".
            pending = bool(config.entries) and bool(result.items or result.phones)
            settled = intake.NOT_UNDERSTOOD if config.entries else intake.NOT_CONFIGURED
            rows.append(
                {
                    "workspace_id": livestream.workspace_id,
                    "livestream_id": livestream.id,
                    "message_id": comment.message.id,
                    "contact_id": comment.contact.id,
                    "outcome": intake.PENDING if pending else settled,
                    "parsed": {}
                    if pending
                    else {**result.as_dict(), "stamp": intake.comment_stamp(comment.message)},
                }
            )
        stored = await session.execute(
            insert(LivestreamComment)
            .on_conflict_do_nothing(index_elements=["livestream_id", "message_id"])
            .returning(LivestreamComment.id, LivestreamComment.message_id),
            rows,
        )
        ids = {message_id: lc_id for lc_id, message_id in stored}
        for comment, row in zip(group, rows, strict=True):
            lc_id = ids.get(comment.message.id)
            if lc_id is None:
                continue  # the same comment delivered twice
            if row["outcome"] == intake.PENDING:
                enqueue_job(
                    session,
                    intake.COMMENT_JOB,
                    lc_id,
                    job_id=intake.comment_job_id(lc_id, comment.message, "add"),
                )
            else:  # settled here: the feed shows it as the job would have
                lc = LivestreamComment(id=lc_id, order_id=None, **row)
                data = intake.comment_out_data(lc, comment.message, name=comment.contact.name)
                emit_event(session, livestream.workspace_id, "livestream.comment", data)


async def on_comment_changed(
    session: AsyncSession,
    channel: Channel,
    post: Post,
    contact: Contact,
    message: Message,
    verb: str,
) -> None:
    """A customer's comment was edited or removed: its order job runs again (a comment the
    livestream never recorded — posted while it was not taking orders — is recorded now if
    edited)."""
    if message.direction != "in":
        return
    livestream = await live_service.livestream_for_post(session, channel, post)
    if livestream is None:
        return
    lc_id: int | None = None
    if verb == "edited":
        lc_id = await session.scalar(
            insert(LivestreamComment)
            .values(
                workspace_id=livestream.workspace_id,
                livestream_id=livestream.id,
                message_id=message.id,
                contact_id=contact.id,
                outcome=intake.PENDING,
                parsed={},
            )
            .on_conflict_do_nothing(index_elements=["livestream_id", "message_id"])
            .returning(LivestreamComment.id)
        )
    if lc_id is None:
        lc_id = await session.scalar(
            select(LivestreamComment.id).where(
                LivestreamComment.livestream_id == livestream.id,
                LivestreamComment.message_id == message.id,
            )
        )
        if lc_id is None:
            return
    enqueue_job(
        session, intake.COMMENT_JOB, lc_id, job_id=intake.comment_job_id(lc_id, message, verb)
    )


async def on_incoming_messages(
    session: AsyncSession, channel: Channel, messages: list[tuple[Contact, Message]]
) -> None:
    """Called for new Messenger messages: a customer may be answering the order bot (one
    query for the batch finds who is)."""
    incoming = [(c, m) for c, m in messages if m.direction == "in"]
    if not incoming:
        return
    answering = await answers.contacts_with_pending_answer(
        session, channel.workspace_id, sorted({c.id for c, _ in incoming})
    )
    for contact, message in incoming:
        if contact.id in answering:
            enqueue_job(session, intake.ANSWER_JOB, message.id, job_id=f"live-answer:{message.id}")
