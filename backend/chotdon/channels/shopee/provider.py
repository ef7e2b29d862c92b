"""Shopee seller chat on the channel contract (`channels.contract`)."""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import (
    BaseProvider,
    ConnectedAccount,
    ProviderState,
    ReplyWindow,
    Tokens,
)


class ShopeeProvider(BaseProvider):
    name = "shopee"
    label = "Shopee"
    capabilities = frozenset(
        {
            "images",
            "stickers",
            "product_cards",
            "listings",
            "order_cards",
            "echoes",
            "mark_read",
            "oauth",
        }
    )
    connect_modes = ("oauth",)

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        # Shopee documents no messaging window (channels-api.md §1.6): replies stay open.
        return ReplyWindow("open")

    async def send_message(self, message_id: int, attempt: int) -> str:
        from chotdon.channels.shopee import send

        return await send.send_message(message_id, attempt)

    async def sync_channel(self, channel_id: int) -> str:
        from chotdon.channels.shopee import backfill

        return await backfill.sync_channel(channel_id)

    async def sync_conversation(self, conversation_id: int) -> str:
        from chotdon.channels.shopee import backfill

        return await backfill.sync_conversation(conversation_id)

    async def mark_read(self, conversation_id: int) -> str:
        from chotdon.channels.shopee import send

        return await send.mark_conversation_read(conversation_id)

    # OAuth (channels.contract.OAuthProvider)
    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        from urllib.parse import urlencode

        from chotdon.channels.shopee.client import authorize_url

        # Shopee hands back only `code` and `shop_id`: the state travels in our redirect URL.
        return authorize_url(f"{redirect_uri}?{urlencode({'state': state})}")

    async def exchange_code(
        self, code: str, params: dict[str, str], *, code_verifier: str | None = None
    ) -> list[ConnectedAccount]:
        from chotdon.channels.shopee import service

        return await service.exchange_code(code, params)

    async def refresh_tokens(self, external_id: str, refresh_token: str) -> Tokens:
        from chotdon.channels.shopee import service

        return await service.refresh_tokens(external_id, refresh_token)


provider = ShopeeProvider()
