"""Livestream stories that start in the inbox: comments becoming orders, bot replies."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.customers.models import Contact
from chotdon.inbox.models import Conversation, Message, Post
from chotdon.livestream import intake
from chotdon.livestream import service as live_service
from chotdon.livestream.models import LivestreamComment
from chotdon.livestream.parser import ParseOptions, parse_live_comment


async def on_comment(
    session: AsyncSession,
    channel: Channel,
    post: Post,
    conversation: Conversation,
    contact: Contact,
    message: Message,
    verb: str,
    new_phones: list[str],
) -> None:
    """Called in the ingestion transaction for a customer's comment (add / edited / remove).

    When the post belongs to a livestream taking orders, record the comment (`pending`, so a
    lost job is found again by the sweeper) and enqueue the per-comment order job.
    """
    if message.direction != "in":
        return
    livestream = await live_service.livestream_for_post(session, channel, post)
    if livestream is None:
        return
    lc_id: int | None
    if verb == "add" or verb == "edited":
        if not livestream.accepting_orders and verb == "add":
            return
        outcome, parsed = intake.PENDING, {}
        if verb == "add":
            # Most comments of a live are chatter ("đẹp quá"): understood here, they need no
            # job at all. Anything with a keyword or a phone number goes to the job.
            config = await live_service.load_config(session, livestream)
            result = parse_live_comment(
                message.text,
                config.index,
                ParseOptions(phone_only_single_product=livestream.phone_only_single_product),
            )
            if not result.items and not result.phones:
                outcome = intake.NOT_UNDERSTOOD
                parsed = {**result.as_dict(), "stamp": intake.comment_stamp(message)}
        lc_id = await session.scalar(
            insert(LivestreamComment)
            .values(
                workspace_id=livestream.workspace_id,
                livestream_id=livestream.id,
                message_id=message.id,
                contact_id=contact.id,
                outcome=outcome,
                parsed=parsed,
            )
            .on_conflict_do_nothing(index_elements=["livestream_id", "message_id"])
            .returning(LivestreamComment.id)
        )
        if lc_id is None and verb == "add":
            return  # the same comment delivered twice
        if outcome != intake.PENDING:
            emit_event(
                session,
                livestream.workspace_id,
                "livestream.comment",
                {
                    "id": lc_id,
                    "livestream_id": livestream.id,
                    "message_id": message.id,
                    "contact_id": contact.id,
                    "customer_name": contact.name,
                    "order_id": None,
                    "text": message.text,
                    "outcome": outcome,
                    "parsed": parsed,
                },
            )
            return
    else:
        lc_id = None
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


async def on_incoming_message(
    session: AsyncSession,
    channel: Channel,
    conversation: Conversation,
    contact: Contact,
    message: Message,
) -> None:
    """Called for every new Messenger message: the customer may be answering the order bot."""
    if message.direction != "in":
        return
    if not await intake.has_pending_answer(session, contact.id, channel.workspace_id):
        return
    enqueue_job(session, intake.ANSWER_JOB, message.id, job_id=f"live-answer:{message.id}")
