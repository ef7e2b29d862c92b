"""The send state machine of an outgoing message, for every provider.

A message goes out as parts (its text, each image, file or card), one provider call each.
The state lives in `Message.meta["send"]`:

- `inflight`: the index of the part being sent, committed *before* the call (`begin_part`);
- `done`: the provider's ids of the parts sent, in order (`part_sent`): the next part is
  `len(done)`, so a retry after a failure sends only the remainder (`inbox.service.retry_message`
  keeps `done`);
- `echoed`: {part index: id} of a part whose echo came before the provider's answer (Zalo,
  `channels/zalo/echoes.py`): proof it went out, used when the answer never comes;
- `finished`: the message reached `sent` or `failed` (`finish`).

A job that finds a part in flight that it did not clear must not call the provider again: the
first call may have gone through. Facebook waits for the echo that proves it (its own loop in
`channels/facebook/send.py`, on these primitives); providers whose API takes one piece per call
and sends no such proof (Shopee, Zalo) use `send_in_parts`, which fails the message visibly as
"maybe sent" instead of risking a duplicate. What a provider error means is the provider's
(`PartSender.verdict`): retry the job (nothing was sent: rate limit, unreachable: the marker is
cleared), maybe sent (no answer to a send), or refused. Pending messages whose job was lost are
re-enqueued by `sweep_pending_sends`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.clients import Envelope, LostCall
from chotdon.channels.models import Channel
from chotdon.core.after_commit import emit_event, enqueue_job
from chotdon.core.db import unit_of_work
from chotdon.inbox.models import Conversation, Message
from chotdon.inbox.serializers import message_event

P = TypeVar("P")


def state_of(message: Message) -> dict[str, Any]:
    """A copy of the message's send state (empty before the first try)."""
    return dict(message.meta.get("send") or {})


def _set(message: Message, state: dict[str, Any]) -> None:
    message.meta = {**message.meta, "send": state}


def sendable(message: Message) -> bool:
    """An outgoing message still to send (or being sent), not finished."""
    state = state_of(message)
    if message.direction != "out" or message.status == "failed" or state.get("finished"):
        return False
    return message.status == "pending" or bool(state)


def parts_done(message: Message) -> int:
    """How many parts went out already: the index of the next one."""
    return len(state_of(message).get("done") or [])


def inflight(message: Message) -> int | None:
    """The part a previous try was sending when it stopped (it may have gone out)."""
    index = state_of(message).get("inflight")
    return None if index is None else int(index)


def begin_part(message: Message, index: int) -> None:
    """Mark part `index` in flight; commit this before calling the provider."""
    state = state_of(message)
    state.update(inflight=index, inflight_at=datetime.now(UTC).isoformat())
    _set(message, state)


def _echoed_inflight(message: Message) -> str | None:
    """The id of the part in flight when its echo came before the provider's answer."""
    index = inflight(message)
    if index is None:
        return None
    echoed = state_of(message).get("echoed") or {}
    found = echoed.get(str(index))
    return str(found) if found else None


def inflight_since(message: Message) -> datetime:
    at = state_of(message).get("inflight_at")
    return datetime.fromisoformat(at) if at else datetime.now(UTC)


def part_sent(message: Message, external_id: Any) -> int:
    """The part in flight went out with the provider's id `external_id` (the first one also
    becomes the message's `external_id`). Returns how many parts are done."""
    state = state_of(message)
    done = [*list(state.get("done") or []), str(external_id) if external_id else None]
    # `ids`: the same ids as strings, looked up by echo matchers (TikTok's `meta.send.ids`).
    ids = [*list(state.get("ids") or []), str(external_id or "")]
    state.update(done=done, ids=ids, inflight=None)
    _set(message, state)
    if external_id and message.external_id is None:
        message.external_id = str(external_id)
    return len(done)


async def finish(
    session: AsyncSession, message: Message, *, error: str | None = None, code: str | None = None
) -> None:
    """The message is `sent` (every part out) or `failed` with a reason staff see."""
    state = state_of(message)
    state.update(inflight=None, finished=True)
    _set(message, state)
    if error:
        message.status = "failed"
        message.error = error[:2000]
        message.error_code = (code or "error")[:32]
    elif message.status == "pending":
        message.status = "sent"
    await session.flush()
    emit_event(session, message.workspace_id, "message.updated", message_event(message))


async def fail(message_id: int, error: str, code: str) -> str:
    """Fail a message outside a transaction of the caller's (after a provider's answer)."""
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is not None and message.status != "failed":
            await finish(session, message, error=error, code=code)
    return "failed"


async def clear_inflight(message_id: int) -> None:
    """The provider answered with an error: nothing went out, the part may be sent again."""
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is not None:
            state = state_of(message)
            state["inflight"] = None
            _set(message, state)


async def sweep_pending_sends(older_than: timedelta = timedelta(minutes=2)) -> int:
    """Re-enqueue sends whose job was lost (Redis down at enqueue time, queue flushed)."""
    from chotdon.channels import outbound

    cutoff = datetime.now(UTC) - older_than
    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    select(Message.id)
                    .where(Message.status == "pending", Message.created_at < cutoff)
                    .order_by(Message.id)
                    .limit(200)
                )
            ).scalars()
        )
        for message_id in ids:
            # Its own job id: the original may linger in Redis (or in a dead worker's hands);
            # two runs at once are safe (the row lock and the in-flight marker).
            enqueue_job(
                session, outbound.SEND_MESSAGE_JOB, message_id, job_id=f"send:{message_id}:sweep"
            )
    return len(ids)


# --- providers that send one piece per call (Shopee, Zalo) --------------------


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


def call_verdict(exc: Exception, envelope: Envelope) -> Verdict | None:
    """The marketplaces' verdict on a call without an answer (the message fails as `maybe_sent`
    when the part may have arrived, else arq tries again) and on a rate limit (tried again);
    None for the provider's other errors."""
    if isinstance(exc, LostCall):
        if exc.maybe_sent:
            return Verdict(error=f"{envelope.name} did not answer: {exc}", code="maybe_sent")
        return Verdict(retry=True)
    if isinstance(exc, envelope.rate_limited):
        return Verdict(retry=True)
    return None


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


async def _prepare(message_id: int, sender: PartSender[P]) -> tuple[str, list[P], Target, int]:
    """("go", parts, target, parts done) or (outcome, [], ...) when the message ends here."""
    none = Target(0, "", "")
    async with unit_of_work() as session:
        message = await session.get(Message, message_id, with_for_update=True)
        if message is None or not sendable(message):
            return "nothing-to-do", [], none, 0
        echoed = _echoed_inflight(message)
        if echoed is not None:
            # The provider's echo of the part in flight came (`zalo.echoes.adopt_early`), the
            # answer never did: the part went out with the echo's id.
            part_sent(message, echoed)
            await session.flush()
        if inflight(message) is not None:
            await finish(
                session,
                message,
                error=f"The connection to {sender.label} broke while sending: the customer may "
                f"have received part of this message. Check the chat on {sender.label} before "
                "sending again.",
                code="maybe_sent",
            )
            return "maybe-sent", [], none, 0
        channel = await session.get_one(Channel, message.channel_id)
        conversation = await session.get_one(Conversation, message.conversation_id)
        if channel.status != "connected":
            await finish(session, message, error=sender.disconnected, code="disconnected")
            return "failed", [], none, 0
        refused = await sender.refusal(session, message, conversation)
        if refused is not None:
            await finish(session, message, error=refused[0], code=refused[1])
            return "failed", [], none, 0
        parts = await sender.parts(session, message)
        if parts and parts_done(message) >= len(parts):
            await finish(session, message)
            return "sent", [], none, 0
        if not parts:
            await finish(
                session,
                message,
                error=f"Nothing {sender.label} can send in this message",
                code="empty",
            )
            return "failed", [], none, 0
        target = Target(channel.id, channel.external_id, conversation.external_id)
        return "go", parts, target, parts_done(message)


async def send_in_parts(message_id: int, sender: PartSender[P]) -> str:
    """Send a pending outgoing message part by part (see the module's docstring)."""
    outcome, parts, target, first = await _prepare(message_id, sender)
    if outcome != "go":
        return outcome
    for index in range(first, len(parts)):
        async with unit_of_work() as session:
            begin_part(await session.get_one(Message, message_id, with_for_update=True), index)
        try:
            sent = await sender.send(target, parts[index])
        except Exception as exc:
            verdict = sender.verdict(exc)
            if verdict is None:
                raise
            if verdict.retry:
                await clear_inflight(message_id)
                raise
            return await fail(message_id, verdict.error, verdict.code)
        async with unit_of_work() as session:
            message = await session.get_one(Message, message_id, with_for_update=True)
            if part_sent(message, sent.get("message_id")) == len(parts):
                await finish(session, message)
    return "sent"


async def newest_incoming(session: AsyncSession, conversation_id: int) -> Message | None:
    """The customer's newest message that the provider knows by id (what "read up to" names)."""
    return (
        await session.execute(
            select(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.direction == "in",
                Message.external_id.is_not(None),
            )
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
