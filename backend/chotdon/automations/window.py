"""Whether the channel allows an automatic message into a conversation now.

The channel's provider decides (`channels.contract.ChannelProvider.check_reply`), so every
channel's rules apply — Facebook's 24 h window today, marketplaces' as they land.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chotdon.channels import registry
from chotdon.channels.contract import ReplyWindowClosed


def refusal(
    channel: Any, last_incoming_at: datetime | None, now: datetime, sent_since_incoming: int = 0
) -> str | None:
    """The provider's reason not to send an automatic (not human) message now (a code:
    `after_24h`, `window_over`, a provider's own such as `zalo_free_replies_used`...), or None
    (`sent_since_incoming`: for a provider that counts replies, e.g. Zalo's free ones)."""
    try:
        registry.for_channel(channel).check_reply(
            last_incoming_at, now, sent_by_human=False, sent_since_incoming=sent_since_incoming
        )
    except ReplyWindowClosed as exc:
        return exc.reason
    return None
