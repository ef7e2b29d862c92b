"""Sending one outgoing message as several provider calls ("parts": text, then each image,
file or card), for providers whose API takes one piece per call (Shopee, Zalo).

State (in `Message.meta["send"]`, like Facebook's): `done` part indexes and the `inflight` one,
committed before each call. A part found in flight on a retry may have reached the customer
(the process died mid-call): the message fails visibly with that reason instead of risking a
duplicate. What a provider error means is the provider's (`PartSender.verdict`): retry the job
(nothing was sent: rate limit, unreachable), maybe sent (no answer to a send), or refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.models import Channel
from chotdon.core.after_commit import emit_event
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Upload:
    """A media-library file sent with a part: its name and bytes (read from the storage)."""

    name: str
    data: bytes


async def library_files(
    session: AsyncSession, message: Message, *, kinds: tuple[str, ...] | None = None
) -> dict[int, Upload]:
    """The library files the message's attachments point at (of its workspace; of `kinds`
    only when given), by media id, read from the storage (local disk or the shared bucket)."""
    from chotdon.inbox import media
    from chotdon.inbox.models import Media

    files: dict[int, Upload] = {}
    for a in message.attachments:
        if a.get("media_id") is None or (kinds is not None and a.get("type") not in kinds):
            continue
        row = await session.get(Media, int(a["media_id"]))
        if row is not None and row.workspace_id == message.workspace_id:
            files[row.id] = Upload(row.filename, await media.read_file(row))
    return files


@dataclass(frozen=True, slots=True)
class Target:
    """Where the parts go: the channel (its id for tokens, its external id) and the customer."""

    channel_id: int
    channel_external_id: str
    customer_external_id: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a failed part means: `retry` (nothing sent: arq tries again), else the message
    fails with `error` / `code` (`maybe_sent` when the customer may have received it)."""

    retry: bool = False
    error: str = ""
    code: str = "error"


class PartSender(Protocol, Generic[P]):
    label: str  # "Shopee": in the texts staff read
    disconnected: str  # the text when the channel is disconnected

    async def refusal(
        self, session: AsyncSession, message: Message, conversation: Conversation
    ) -> tuple[str, str] | None:
        """(error, code) when the provider's rules forbid this message now, else None."""
        ...

    async def parts(self, session: AsyncSession, message: Message) -> list[P]: ...

    async def send(self, target: Target, part: P) -> dict[str, Any]:
        """Send one part; the provider's answer (its `message_id` is recorded)."""
        ...

    def verdict(self, exc: Exception) -> Verdict | None:
        """What `exc` from `send` means; None: not the provider's, re-raise."""
        ...


async def _finish(
    session: AsyncSession, message: Message, error: str | None, code: str | None
) -> None:
    state = {**(message.meta.get("send") or {}), "inflight": None, "finished": True}
    message.meta = {**message.meta, "send": state}
    if error:
        message.status = "failed"
        message.error = error[:2000]
        message.error_code = (code or "error")[:32]
    else:
        message.status = "sent"
    await session.flush()
    from chotdon.inbox.serializers import message_event

    emit_event(session, message.workspace_id, "message.updated", message_event(message))


async def _fail(message_id: int, error: str, code: str) -> str:
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is not None and message.status == "pending":
            await _finish(session, message, error, code)
    return "failed"


async def _set_state(message_id: int, **changes: Any) -> Message:
    async with unit_of_work() as session:
        message = await session.get_one(Message, message_id, with_for_update=True)
        state = dict(message.meta.get("send") or {})
        message.meta = {**message.meta, "send": {**state, **changes}}
        return message


async def _prepare(
    message_id: int, sender: PartSender[P]
) -> tuple[str, list[P], Target, list[int]]:
    """("go", parts, target, done) or (outcome, [], ...) when the message ends here."""
    none = Target(0, "", "")
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is None or message.direction != "out" or message.status != "pending":
            return "nothing-to-do", [], none, []
        state = dict(message.meta.get("send") or {})
        if state.get("inflight") is not None:
            await _finish(
                session,
                message,
                f"The connection to {sender.label} broke while sending: the customer may have "
                f"received part of this message. Check the chat on {sender.label} before "
                "sending again.",
                "maybe_sent",
            )
            return "maybe-sent", [], none, []
        channel = await session.get_one(Channel, message.channel_id)
        conversation = await session.get_one(Conversation, message.conversation_id)
        if channel.status != "connected":
            await _finish(session, message, sender.disconnected, "disconnected")
            return "failed", [], none, []
        refused = await sender.refusal(session, message, conversation)
        if refused is not None:
            await _finish(session, message, *refused)
            return "failed", [], none, []
        parts = await sender.parts(session, message)
        if not parts:
            await _finish(
                session, message, f"Nothing {sender.label} can send in this message", "empty"
            )
            return "failed", [], none, []
        target = Target(channel.id, channel.external_id, conversation.external_id)
        return "go", parts, target, list(state.get("done") or [])


async def send_in_parts(message_id: int, sender: PartSender[P]) -> str:
    """Send a pending outgoing message part by part (see the module's docstring)."""
    outcome, parts, target, done = await _prepare(message_id, sender)
    if outcome != "go":
        return outcome
    for index, part in enumerate(parts):
        if index in done:
            continue
        await _set_state(message_id, inflight=index)
        try:
            sent = await sender.send(target, part)
        except Exception as exc:
            verdict = sender.verdict(exc)
            if verdict is None:
                raise
            if verdict.retry:
                await _set_state(message_id, inflight=None)
                raise
            return await _fail(message_id, verdict.error, verdict.code)
        async with unit_of_work() as session:
            message = await session.get_one(Message, message_id, with_for_update=True)
            state = dict(message.meta.get("send") or {})
            done = [*list(state.get("done") or []), index]
            ids = [*list(state.get("ids") or []), str(sent.get("message_id") or "")]
            message.meta = {
                **message.meta,
                "send": {**state, "inflight": None, "done": done, "ids": ids},
            }
            if message.external_id is None and sent.get("message_id"):
                message.external_id = str(sent["message_id"])
            if len(done) == len(parts):
                await _finish(session, message, None, None)
    return "sent"
