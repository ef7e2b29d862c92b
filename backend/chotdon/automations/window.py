"""Whether the channel allows an automatic message into a conversation now.

The one place automations ask a provider's reply-window rule: today Facebook's policy; when the
channel provider contract lands (`channels/providers.py`), this becomes its `reply_window`.
"""

from __future__ import annotations

from datetime import datetime

from chotdon.channels.facebook.policy import MessagingWindowClosed, message_policy


def refusal(last_incoming_at: datetime | None, now: datetime) -> str | None:
    """The provider's reason not to send an automatic (not human) message now, or None."""
    try:
        message_policy(last_incoming_at, now, sent_by_human=False)
    except MessagingWindowClosed as exc:
        return exc.message
    return None
