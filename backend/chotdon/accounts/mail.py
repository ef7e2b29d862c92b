"""Account e-mails (password reset). With SMTP_URL unset the link is written to the log."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)


def _send(url: str, message: EmailMessage) -> None:
    parts = urlsplit(url)
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 587)
    client_class = smtplib.SMTP_SSL if secure else smtplib.SMTP
    with client_class(parts.hostname or "localhost", port, timeout=20) as client:
        if not secure and parts.scheme != "smtp+plain":
            client.starttls()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)


async def send_password_reset(email: str, name: str, link: str) -> None:
    settings = get_settings()
    if not settings.smtp_url:
        # No mail server: the operator reads the link from the log and passes it on.
        log.warning("password reset requested for %s: %s (SMTP_URL is not set)", email, link)
        return
    message = EmailMessage()
    message["From"], message["To"] = settings.smtp_from, email
    message["Subject"] = "Đặt lại mật khẩu Chotdon"
    message.set_content(
        f"Chào {name},\n\nMở đường link sau để đặt mật khẩu mới (dùng một lần, hết hạn sau "
        f"{settings.password_reset_ttl_minutes} phút):\n{link}\n\n"
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n"
    )
    try:
        await asyncio.to_thread(_send, settings.smtp_url, message)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("password reset e-mail to %s failed: %s", email, exc)
