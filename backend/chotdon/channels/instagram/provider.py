"""Instagram professional accounts (DMs + comments) on the channel contract.

An account is reached through the Facebook page it is linked to: the same Meta app, its
webhooks (`object: instagram` on `POST /webhooks/facebook`, parsed by `instagram.parse`), the
page's token and the page's Send API. So sending, comment actions and the backfill are the
page's (`facebook.send`, `facebook.backfill`), which pick per provider the page node
(`facebook.service.messaging_node`), `replies` for public replies, `hide` for moderation and
the Conversations API's `platform=instagram`. Messaging rules are Messenger's: 24 h window,
HUMAN_AGENT up to 7 days, one private reply per comment within 7 days (on a Live only during
the broadcast: Instagram refuses after). Connected with its page by Facebook Login.
"""

from __future__ import annotations

from chotdon.channels.facebook.provider import FacebookProvider


class InstagramProvider(FacebookProvider):
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

    async def sync_conversation(self, conversation_id: int) -> str:
        return "not-supported"  # the account's backfill (`sync_channel`) reads them all

    async def after_disconnect(self, channel_id: int) -> str:
        return "nothing-to-do"  # the page's subscription serves its other channels


provider = InstagramProvider()
