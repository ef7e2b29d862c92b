"""Instagram professional accounts (DMs + comments) on the channel contract.

An account is reached through the Facebook page it is linked to: the same Meta app, its
webhooks (`object: instagram` on `POST /webhooks/facebook`), the page's token and the page's
Send API. It is connected by Facebook Login, with its page (`channels/facebook/login.py`).
Messaging rules are Messenger's: 24 h window, HUMAN_AGENT up to 7 days, one private reply per
comment within 7 days (on a live only during the broadcast: Instagram refuses after).
"""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import BaseProvider, ReplyWindow
from chotdon.channels.facebook import policy


class InstagramProvider(BaseProvider):
    name = "instagram"
    label = "Instagram"
    capabilities = frozenset(
        {
            "comments",
            "private_replies",
            "comment_moderation",
            "live_video",
            "read_receipts",
            "images",
            "product_cards",
            "echoes",
        }
    )
    connect_modes = ("facebook_login",)  # offered with its page by "Kết nối Facebook"

    def reply_window(self, last_incoming_at: datetime | None, now: datetime) -> ReplyWindow:
        return policy.reply_window(last_incoming_at, now)

    def check_private_reply(
        self, comment_created_at: datetime, now: datetime, *, already_replied: bool
    ) -> None:
        policy.private_reply_policy(comment_created_at, now, already_replied=already_replied)

    async def send_message(self, message_id: int, attempt: int) -> str:
        from chotdon.channels.instagram import send

        return await send.send_message(message_id, attempt)

    async def comment_action(self, message_id: int, action: str, attempt: int) -> str:
        from chotdon.channels.instagram import send

        return await send.comment_action(message_id, action, attempt)

    async def sync_channel(self, channel_id: int) -> str:
        from chotdon.channels.instagram import backfill

        return await backfill.sync_channel(channel_id)


provider = InstagramProvider()
