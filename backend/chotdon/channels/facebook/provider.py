"""Facebook pages (Messenger + comments) on the channel contract (`channels.contract`)."""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import BaseProvider, ReplyWindow
from chotdon.channels.facebook import policy


class FacebookProvider(BaseProvider):
    name = "facebook"
    label = "Facebook"
    capabilities = frozenset(
        {
            "comments",
            "private_replies",
            "comment_moderation",
            "labels",
            "live_video",
            "read_receipts",
            "images",
            "product_cards",
            "echoes",
        }
    )
    connect_modes = ("token",)

    def reply_window(
        self, last_incoming_at: datetime | None, now: datetime, *, sent_since_incoming: int = 0
    ) -> ReplyWindow:
        return policy.reply_window(last_incoming_at, now)

    def check_private_reply(
        self, comment_created_at: datetime, now: datetime, *, already_replied: bool
    ) -> None:
        policy.private_reply_policy(comment_created_at, now, already_replied=already_replied)

    async def send_message(self, message_id: int, attempt: int) -> str:
        from chotdon.channels.facebook import send

        return await send.send_message(message_id, attempt)

    async def comment_action(self, message_id: int, action: str, attempt: int) -> str:
        from chotdon.channels.facebook import send

        return await send.comment_action(message_id, action, attempt)

    async def sync_channel(self, channel_id: int) -> str:
        from chotdon.channels.facebook import backfill

        return await backfill.sync_channel(channel_id)

    async def sync_conversation(self, conversation_id: int) -> str:
        from chotdon.channels.facebook import backfill

        return await backfill.sync_conversation(conversation_id)

    async def after_disconnect(self, channel_id: int) -> str:
        from chotdon.channels.facebook import jobs

        return await jobs.unsubscribe(channel_id)


provider = FacebookProvider()
