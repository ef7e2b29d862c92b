"""Zalo Official Account on the channel contract (`channels.contract`)."""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import (
    BaseProvider,
    ConnectedAccount,
    ProviderState,
    ReplyWindow,
    Tokens,
)
from chotdon.channels.zalo import policy


class ZaloProvider(BaseProvider):
    name = "zalo"
    label = "Zalo OA"
    capabilities = frozenset({"images", "product_cards", "echoes", "read_receipts", "oauth"})
    connect_modes = ("oauth",)
    counts_replies = True  # 8 free replies per follower message (policy)
    pkce = True

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        return policy.reply_window(
            policy.Rules.from_settings(), last_incoming_at, now, sent_since_incoming
        )

    async def send_message(self, message_id: int, attempt: int) -> str:
        from chotdon.channels.zalo import send

        return await send.send_message(message_id, attempt)

    async def sync_channel(self, channel_id: int) -> str:
        from chotdon.channels.zalo import backfill

        return await backfill.sync_channel(channel_id)

    async def sync_conversation(self, conversation_id: int) -> str:
        from chotdon.channels.zalo import backfill

        return await backfill.sync_conversation(conversation_id)

    # OAuth v4 with PKCE (channels.contract.OAuthProvider)
    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        from chotdon.channels.zalo.client import authorize_url

        return authorize_url(state, redirect_uri, code_challenge)

    async def exchange_code(
        self, code: str, params: dict[str, str], *, code_verifier: str | None = None
    ) -> list[ConnectedAccount]:
        from chotdon.channels.zalo import service

        return await service.exchange_code(code, code_verifier)

    async def refresh_tokens(self, external_id: str, refresh_token: str) -> Tokens:
        from chotdon.channels.zalo import service

        return await service.refresh_tokens(refresh_token)


provider = ZaloProvider()
