"""Zalo Official Account on the channel contract (`channels.contract`)."""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import (
    ConnectedAccount,
    PackageProvider,
    ProviderState,
    ReplyWindow,
    Tokens,
)
from chotdon.channels.zalo import policy


class ZaloProvider(PackageProvider):
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

    # OAuth v4 with PKCE: the verifier instead of the callback's parameters, no shop id
    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        return self.module("client").authorize_url(state, redirect_uri, code_challenge)

    async def exchange_code(
        self, code: str, params: dict[str, str], *, code_verifier: str | None = None
    ) -> list[ConnectedAccount]:
        return await self.module("service").exchange_code(code, code_verifier)

    async def refresh_tokens(self, external_id: str, refresh_token: str) -> Tokens:
        return await self.module("service").refresh_tokens(refresh_token)


provider = ZaloProvider()
