"""Facebook pages (Messenger + comments) on the channel contract (`channels.contract`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.channels.contract import (
    ConnectedAccount,
    PackageProvider,
    ProviderState,
    ReplyWindow,
    TokenRevoked,
    Tokens,
)
from chotdon.channels.facebook import policy
from chotdon.channels.models import Channel


class FacebookProvider(PackageProvider):
    name = "facebook"
    label = "Facebook"
    capabilities = frozenset(
        {
            "comments",
            "private_replies",
            "comment_moderation",
            "comment_likes",
            "labels",
            "live_video",
            "read_receipts",
            "images",
            "product_cards",
            "echoes",
        }
    )
    # "Kết nối Facebook" (Facebook Login, `login.py`); pasting a token stays for scripts.
    connect_modes: tuple[str, ...] = ("oauth", "token")
    picks_accounts = True  # the owner ticks pages (and their Instagram accounts)
    package = "chotdon.channels.facebook"  # Instagram's hooks are these modules' too

    def reply_window(
        self,
        last_incoming_at: datetime | None,
        now: datetime,
        *,
        sent_since_incoming: int = 0,
        state: ProviderState = None,
    ) -> ReplyWindow:
        return policy.reply_window(last_incoming_at, now)

    def check_private_reply(
        self, comment_created_at: datetime, now: datetime, *, already_replied: bool
    ) -> None:
        policy.private_reply_policy(comment_created_at, now, already_replied=already_replied)

    async def comment_action(self, message_id: int, action: str, attempt: int) -> str:
        return await self.module("send").comment_action(message_id, action, attempt)

    # Facebook Login (`login.py`): the code alone gives the pages to pick from.
    def authorize_url(
        self, state: str, redirect_uri: str, *, code_challenge: str | None = None
    ) -> str:
        return self.module("login").authorize_url(state, redirect_uri)

    async def exchange_code(
        self, code: str, params: dict[str, str], *, code_verifier: str | None = None
    ) -> list[ConnectedAccount]:
        return await self.module("login").exchange_code(code)

    async def before_connect(self, accounts: list[ConnectedAccount]) -> None:
        from chotdon.channels.facebook import login

        await login.subscribe_pages(accounts)

    def after_connect(self, session: AsyncSession, channels: list[Channel]) -> None:
        from chotdon.channels.facebook import service

        for channel in channels:
            service.replay_kept(session, channel.external_id)

    async def refresh_tokens(self, external_id: str, refresh_token: str) -> Tokens:
        # Page tokens from a long-lived user token do not expire: nothing to refresh.
        raise TokenRevoked("facebook_token_not_refreshed")

    async def after_disconnect(self, channel_id: int) -> str:
        from chotdon.channels.facebook import jobs

        return await jobs.unsubscribe(channel_id)


provider = FacebookProvider()
