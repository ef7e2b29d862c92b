"""A real SMTP server (aiosmtpd) for the account e-mail tests: the app's SMTP client talks to it
over TCP, and the tests read what it received."""

from __future__ import annotations

import asyncio
import email
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        message = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    async def wait_for(self, to: str, count: int = 1, within: float = 10.0) -> EmailMessage:
        """The first message to `to`, once `count` arrived (sending happens after the answer)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            received = self.to(to)
            if len(received) >= count:
                return received[0]
            await asyncio.sleep(0.05)
        raise AssertionError(f"no e-mail to {to}; received: {[m['To'] for m in self.messages]}")

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def smtp_server() -> Iterator[Mailbox]:
    """Start the server, point SMTP_URL at it (plain SMTP on loopback), undo both after."""
    from chotdon.core.settings import settings_cache_clear

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    saved = {k: os.environ.get(k) for k in ("SMTP_URL", "SMTP_FROM")}
    os.environ["SMTP_URL"] = f"smtp+plain://127.0.0.1:{controller.port}"
    os.environ["SMTP_FROM"] = "Chotdon <no-reply@test.chotdon.vn>"
    settings_cache_clear()
    try:
        yield mailbox
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        settings_cache_clear()
        controller.stop()
