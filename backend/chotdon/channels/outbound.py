"""Provider-neutral outbound work: the inbox asks, the provider's jobs do it.

Job names are the contract: each provider module implements them for its channels
(`channels/jobs.py` dispatches them to the provider). Jobs take ids and are idempotent; the job id makes arq drop a
second enqueue of the same work while the first is still queued.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.after_commit import enqueue_job

SEND_MESSAGE_JOB = "send_message"
COMMENT_ACTION_JOB = "comment_action"
SYNC_CHANNEL_JOB = "sync_channel"
SYNC_CONVERSATION_JOB = "sync_conversation"
MARK_READ_JOB = "mark_read"

CommentAction = Literal["like", "unlike", "hide", "unhide", "delete"]


def enqueue_send(session: AsyncSession, message_id: int) -> None:
    """Send a `pending` outgoing message (text, attachments, private reply, comment reply)."""
    enqueue_job(session, SEND_MESSAGE_JOB, message_id, job_id=f"send:{message_id}")


def enqueue_comment_action(
    session: AsyncSession, message_id: int, action: CommentAction, request_id: str
) -> None:
    enqueue_job(
        session, COMMENT_ACTION_JOB, message_id, action, job_id=f"comment:{message_id}:{request_id}"
    )


def enqueue_mark_read(session: AsyncSession, conversation_id: int) -> None:
    """Staff read the conversation: tell the provider (where it has `mark_read`)."""
    enqueue_job(session, MARK_READ_JOB, conversation_id, job_id=f"read:{conversation_id}")


def enqueue_channel_sync(session: AsyncSession, channel_id: int) -> None:
    enqueue_job(session, SYNC_CHANNEL_JOB, channel_id, job_id=f"sync:{channel_id}")


def enqueue_conversation_sync(session: AsyncSession, conversation_id: int) -> None:
    enqueue_job(
        session, SYNC_CONVERSATION_JOB, conversation_id, job_id=f"sync-conv:{conversation_id}"
    )
