"""Account e-mails (password reset, invitations), in Vietnamese.

With SMTP_URL unset nothing is sent: a reset link is written to the log for the operator to
pass on; an invitation's link is in the answer to whoever created it.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from chotdon.core.settings import get_settings

log = logging.getLogger(__name__)

ROLE_NAMES = {"owner": "chủ cửa hàng", "admin": "quản lý", "agent": "nhân viên"}
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


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


async def _deliver(to: str, subject: str, text: str, what: str) -> bool:
    """Send one plain-text mail; False (logged, never raised) when it could not be sent."""
    settings = get_settings()
    if not settings.smtp_url:
        return False
    message = EmailMessage()
    message["From"], message["To"] = settings.smtp_from, to
    message["Subject"] = subject
    message.set_content(text)
    try:
        await asyncio.to_thread(_send, settings.smtp_url, message)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("%s e-mail to %s failed: %s", what, to, exc)
        return False
    return True


async def send_password_reset(email: str, name: str, link: str) -> None:
    settings = get_settings()
    if not settings.smtp_url:
        # No mail server: the operator reads the link from the log and passes it on.
        log.warning("password reset requested for %s: %s (SMTP_URL is not set)", email, link)
        return
    await _deliver(
        email,
        "Đặt lại mật khẩu Chotdon",
        f"Chào {name},\n\nMở đường link sau để đặt mật khẩu mới (dùng một lần, hết hạn sau "
        f"{settings.password_reset_ttl_minutes} phút):\n{link}\n\n"
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n",
        "password reset",
    )


async def send_invitation(
    *,
    email: str,
    name: str,
    workspace_name: str,
    inviter_name: str | None,
    role: str,
    link: str,
    expires_at: datetime,
) -> bool:
    """E-mail an invitation's join link (when SMTP is configured)."""
    inviter = f"{inviter_name} mời bạn" if inviter_name else "Bạn được mời"
    until = expires_at.astimezone(VIETNAM).strftime("%H:%M ngày %d/%m/%Y")
    return await _deliver(
        email,
        f"Lời mời tham gia {workspace_name} trên Chotdon",
        f'Chào {name},\n\n{inviter} tham gia cửa hàng "{workspace_name}" trên Chotdon với '
        f"vai trò {ROLE_NAMES.get(role, role)}.\n\n"
        f"Mở đường link sau để nhận lời mời (dùng một lần, hết hạn lúc {until}):\n{link}\n\n"
        "Nếu bạn đã có tài khoản Chotdon với địa chỉ này, hãy đăng nhập rồi mở lại đường link. "
        "Nếu bạn không biết cửa hàng này, hãy bỏ qua thư này.\n",
        "invitation",
    )
