"""The `api` channel: conversations an integration (or a test) records through our own code,
with no provider behind it. Sends stay `pending` (nothing to deliver them to). It follows
Messenger's rules — the strictest window we implement — so that automations behave on it as
they would on the pages they stand in for."""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.contract import BaseProvider, ProviderState, ReplyWindow
from chotdon.channels.facebook import policy


class ApiProvider(BaseProvider):
    name = "api"
    label = "API"
    capabilities = frozenset(
        {
            "comments",
            "private_replies",
            "comment_moderation",
            "comment_likes",
            "images",
            "product_cards",
        }
    )
    connect_modes = ()

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


provider = ApiProvider()
