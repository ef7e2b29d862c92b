"""The channel plug-in contract: what a provider folder (`channels/<provider>/`) implements.

The neutral domains (inbox, orders, livestream, automations, the SPA through the API) never ask
"is this Facebook?": they read a provider's `capabilities` and ask its `reply_window`. The
contract jobs (`channels/jobs.py`) dispatch sends, comment actions, syncs and token refreshes to
the provider through `channels.registry`. Pure parts (windows, capabilities) have no I/O.

A provider is registered by one line in `channels/registry.py` (module path of its `provider`
object). See CONTRIBUTING "How to add a channel".
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any, Literal, Protocol

from chotdon.core.errors import Conflict

# What a channel can do besides receiving and sending direct messages. The SPA shows buttons and
# the inbox offers actions only for what the channel's provider declares.
Capability = Literal[
    "comments",  # public comment threads on posts / lives (kind = "comment" conversations)
    "private_replies",  # answer a public comment in the customer's private chat
    "comment_moderation",  # hide / unhide / delete a comment
    "comment_likes",  # like / unlike a comment (Instagram has no API for it)
    "labels",  # provider-side labels synced with our tags
    "live_video",  # live videos whose comments feed a livestream
    "read_receipts",  # the customer's "seen" comes back as message status
    "mark_read",  # we can tell the provider the shop read the conversation
    "images",  # send images
    "stickers",  # send stickers
    "product_cards",  # send a product card (a catalogue product / a listing)
    "listings",  # products link to the provider's own listing (its id): sent as its native card
    "order_cards",  # send an order card
    "echoes",  # messages sent from the provider's own app come back to us
    "oauth",  # connected through POST /channels/{provider}/authorize
]

WindowState = Literal["open", "human_only", "closed"]
# What the provider last told us about one conversation (`Conversation.provider_state`), e.g.
# TikTok Shop's `can_send_message`; None when the caller has no conversation at hand.
ProviderState = Mapping[str, Any] | None


class ReplyWindowClosed(Conflict):
    """The provider does not allow this message now (window over, quota used...)."""

    code = "messaging_window_closed"
    message = "The channel no longer allows a reply to this conversation"

    def __init__(
        self, message: str | None = None, *, code: str | None = None, reason: str | None = None
    ) -> None:
        # `reason`: which rule closed it, a code the SPA words (`err.<reason>`): after_24h
        # (only staff may write), window_over, not_yet_written, private_reply_over...
        super().__init__(message, code=code, details={"reason": reason} if reason else None)
        self.reason = reason or self.code


@dataclass(frozen=True, slots=True)
class ReplyWindow:
    """Whether a reply may go now, until when, and how to send it (provider-specific `send_as`).

    `state`: `open` anyone may send (staff and automations); `human_only` only a staff member;
    `closes_at` is when the state becomes `then` (None: never). `code`: the provider's name for
    the rule in force (the error code of a refusal, the SPA's text for it); `remaining`: how
    many more messages the rule allows before the state changes (a quota), when it counts.
    """

    state: WindowState
    closes_at: datetime | None = None
    reason: str | None = None  # human text when not `open`
    reason_code: str | None = None  # the same as a code (ReplyWindowClosed.reason)
    send_as: dict[str, Any] = field(default_factory=dict)
    then: WindowState | None = None
    code: str | None = None
    remaining: int | None = None

    def check(self, *, sent_by_human: bool) -> ReplyWindow:
        """Self when a message (by staff when `sent_by_human`) may go now, else raise."""
        if self.state == "open" or (self.state == "human_only" and sent_by_human):
            return self
        raise ReplyWindowClosed(
            self.reason or ReplyWindowClosed.message, code=self.code, reason=self.reason_code
        )


OPEN = ReplyWindow("open")


@dataclass(frozen=True, slots=True)
class ConnectedAccount:
    """One page / shop / account an OAuth code exchange gave us, with its tokens."""

    external_id: str
    name: str
    access_token: str
    refresh_token: str | None = None
    access_expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    picture_url: str | None = None
    # Another provider's account offered by the same login (an Instagram account with the
    # Facebook page it is linked to): its provider, the page it belongs to (`linked_to`).
    provider: str | None = None
    linked_to: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    # What the owner did not grant that this account needs (permission names, page tasks).
    missing_permissions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tokens:
    """A refreshed token pair."""

    access_token: str
    refresh_token: str | None
    access_expires_at: datetime | None
    refresh_expires_at: datetime | None = None


class TokenRevoked(Exception):
    """The provider will not refresh (revoked, expired, shop banned): reconnect needed.
    `reason` is a `channels.reasons` code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ChannelProvider(Protocol):
    """A sales channel. The pure rules (`reply_window`, `check_*`) are read by the neutral
    domains; the async hooks are called by the contract jobs with ids and are idempotent."""

    name: str  # "facebook", "shopee", "tiktok", "lazada", "zalo", "instagram"
    label: str  # shown to people: "Facebook", "Shopee"
    capabilities: frozenset[str]
    # `token`: POST /channels/{provider} with a pasted token; `oauth`: authorize + callback.
    connect_modes: tuple[str, ...]
    # The window depends on how many messages the page sent since the customer's last one (a
    # free-reply quota, Zalo's): callers then pass `sent_since_incoming` (`inbox` counts them).
    counts_replies: bool
    # The OAuth flow uses PKCE: `channels.oauth` keeps a code_verifier with the state and hands
    # its challenge to `authorize_url`, the verifier to `exchange_code`.
    pkce: bool

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        """Pure: the window of a chat whose customer last wrote at `last_incoming_at` (and
        whose provider-side state is `state`, `Conversation.provider_state`)."""
        ...

    def check_reply(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_by_human: bool,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        """The window if a message may go now, else `ReplyWindowClosed` (a 409)."""
        ...

    def check_private_reply(
        self, comment_created_at: datetime, now: datetime, *, already_replied: bool
    ) -> None:
        """Raise unless a private reply to this comment may go now."""
        ...

    async def send_message(self, message_id: int, attempt: int) -> str:
        """Send a pending outgoing message (the send state machine is the provider's)."""
        ...

    async def comment_action(self, message_id: int, action: str, attempt: int) -> str: ...

    async def sync_channel(self, channel_id: int) -> str:
        """Resumable backfill of conversations and messages."""
        ...

    async def sync_conversation(self, conversation_id: int) -> str: ...

    async def after_disconnect(self, channel_id: int) -> str:
        """Best effort after a staff disconnect (unsubscribe webhooks...)."""
        ...

    async def mark_read(self, conversation_id: int) -> str:
        """Staff read the conversation: tell the provider (capability `mark_read`)."""
        ...


class BaseProvider:
    """Defaults for the contract: no comments, a window that never closes, hooks that do
    nothing. A provider subclasses it and overrides what its platform has."""

    name = ""
    label = ""
    capabilities: frozenset[str] = frozenset()
    connect_modes: tuple[str, ...] = ("oauth",)
    counts_replies = False
    pkce = False

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        return OPEN

    def check_reply(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_by_human: bool,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        window = self.reply_window(
            last_incoming_at, now, sent_since_incoming=sent_since_incoming, state=state
        )
        return window.check(sent_by_human=sent_by_human)

    def check_private_reply(
        self, comment_created_at: datetime, now: datetime, *, already_replied: bool
    ) -> None:
        if "private_replies" not in self.capabilities:
            raise ReplyWindowClosed(
                f"{self.label} has no private replies to comments", reason="no_private_replies"
            )

    async def send_message(self, message_id: int, attempt: int) -> str:
        return "not-supported"

    async def comment_action(self, message_id: int, action: str, attempt: int) -> str:
        return "not-supported"

    async def sync_channel(self, channel_id: int) -> str:
        return "not-supported"

    async def sync_conversation(self, conversation_id: int) -> str:
        return "not-supported"

    async def after_disconnect(self, channel_id: int) -> str:
        return "nothing-to-do"

    async def mark_read(self, conversation_id: int) -> str:
        return "not-supported"


class PackageProvider(BaseProvider):
    """A provider whose hooks are the functions of its package's modules, by convention:
    `send.send_message`, `send.mark_conversation_read` (with the `mark_read` capability),
    `backfill.sync_channel`, `backfill.sync_conversation`, and for OAuth
    `client.authorize_url(state, redirect_uri)`, `service.exchange_code(code, params)`,
    `service.refresh_tokens(external_id, refresh_token)`. A provider overrides only where its
    functions differ. Modules load on the first call: the registry imports every
    `provider.py`, a process needs only the providers it works for."""

    # The provider's folder (`chotdon.channels.shopee`); empty: where its class is defined.
    package = ""

    def module(self, name: str) -> ModuleType:
        package = self.package or type(self).__module__.rpartition(".")[0]
        return importlib.import_module(f"{package}.{name}")

    async def send_message(self, message_id: int, attempt: int) -> str:
        return await self.module("send").send_message(message_id, attempt)

    async def sync_channel(self, channel_id: int) -> str:
        return await self.module("backfill").sync_channel(channel_id)

    async def sync_conversation(self, conversation_id: int) -> str:
        return await self.module("backfill").sync_conversation(conversation_id)

    async def mark_read(self, conversation_id: int) -> str:
        if "mark_read" not in self.capabilities:
            return await super().mark_read(conversation_id)
        return await self.module("send").mark_conversation_read(conversation_id)

    # OAuth (OAuthProvider)
    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        return self.module("client").authorize_url(state, redirect_uri)

    async def exchange_code(
        self, code: str, params: dict[str, str], *, code_verifier: str | None = None
    ) -> list[ConnectedAccount]:
        return await self.module("service").exchange_code(code, params)

    async def refresh_tokens(self, external_id: str, refresh_token: str) -> Tokens:
        return await self.module("service").refresh_tokens(external_id, refresh_token)


class OAuthProvider(Protocol):
    """The connect flow of a provider with `"oauth"` in its capabilities.

    A provider whose login offers several accounts to pick from (Facebook: pages and their
    Instagram accounts) sets `picks_accounts = True`: the callback keeps what the code gave
    for the owner to choose (`oauth.save_selection`), and `before_connect` runs for the chosen
    accounts before they are stored (subscribing webhooks...), `after_connect(session,
    channels)` once they are (in the same transaction: jobs run after its commit).
    """

    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        """The consent page; `code_challenge` (S256) when the provider declares `pkce`."""
        ...

    async def exchange_code(
        self, code: str, params: dict[str, str], *, code_verifier: str | None = None
    ) -> list[ConnectedAccount]:
        """The callback's code (plus e.g. Shopee's `shop_id`) → accounts with tokens; the PKCE
        `code_verifier` kept with the state when the provider declares `pkce`."""
        ...

    async def refresh_tokens(self, external_id: str, refresh_token: str) -> Tokens:
        """A new token pair; raises `TokenRevoked` when the provider will not."""
        ...
