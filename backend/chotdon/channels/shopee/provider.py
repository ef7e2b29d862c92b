"""Shopee seller chat on the channel contract (`channels.contract`)."""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import (
    PackageProvider,
    ProviderState,
    ReplyWindow,
)


class ShopeeProvider(PackageProvider):
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

    # OAuth (channels.contract.OAuthProvider)
    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        from urllib.parse import urlencode

        from chotdon.channels.shopee.client import authorize_url

        # Shopee hands back only `code` and `shop_id`: the state travels in our redirect URL.
        return authorize_url(f"{redirect_uri}?{urlencode({'state': state})}")


provider = ShopeeProvider()
