"""Why the shop's bot could not send a message: `orders.bot_error` (an order's confirmation or
receipt) and an automatic message's skip `reason` hold a code.

A code is one of ours below, an API error code (`messaging_window_closed`, `phone_required`...)
or a provider's send error code (`10/2018278`, as on a failed message). The SPA shows its
Vietnamese text (`err.<code>`, or the failed-send texts for a provider's code); the API also
answers an English sentence for integrators. Older rows hold English text: passed on as is."""

from __future__ import annotations

import re

from chotdon.core.errors import AppError

BOT_ERRORS: dict[str, str] = {
    "no_messenger_conversation": "No Messenger conversation with this customer to send to",
    "private_reply_failed": "Facebook did not accept the private reply",
    "messaging_window_closed": "The channel no longer allows a message to this customer",
    "after_24h": "More than 24 hours since the customer's last message: no automatic message",
    "window_over": "More than 7 days since the customer's last message: no reply allowed",
    "not_yet_written": "The customer has not written to the page yet",
    "private_reply_over": "The comment is more than 7 days old: no private reply allowed",
    "no_private_replies": "This channel has no private replies to comments",
    "customer_blocked": "The customer is blocked",
    "channel_disconnected": "The channel is disconnected",
    "attachment_missing": "An attached file no longer exists",
    "away_answered": "Outside working hours: the away message answered instead",
}


def code_of(exc: AppError) -> str:
    """The most specific code of an error: a closed reply window's rule, else its code."""
    reason = exc.details.get("reason") if isinstance(exc.details, dict) else None
    return str(reason or exc.code)


_CODE = re.compile(r"^[a-z0-9_]+(?:/[0-9a-z_]+)?$")


def bot_error_code(value: str | None) -> str | None:
    return value if value and _CODE.match(value) else None


def bot_error_text(value: str | None) -> str | None:
    if value is None:
        return None
    if value in BOT_ERRORS:
        return BOT_ERRORS[value]
    if bot_error_code(value):
        return f"The bot's message was not sent ({value})"
    return value
