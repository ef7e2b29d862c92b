"""Sending on Instagram: the Facebook page's Send API and comment endpoints serve the linked
account (`facebook.send`, which picks the page node, `replies` for public replies and `hide`
for moderation by provider), with the same never-twice state machine."""

from __future__ import annotations

from chotdon.channels.facebook import send as meta_send


async def send_message(message_id: int, attempt: int) -> str:
    return await meta_send.send_message(message_id, attempt)


async def comment_action(message_id: int, action: str, attempt: int) -> str:
    return await meta_send.comment_action(message_id, action, attempt)
