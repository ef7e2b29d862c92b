"""Why a channel is disconnected: `channels.status_reason` holds one of these codes.

The SPA shows its own Vietnamese text for each code (`chanreason.<code>` in
frontend/src/i18n/messages/channels.ts; a frontend test fails on a code without one); the API
answers the code (`status_reason_code`) and this English sentence (`status_reason`) for
integrators and logs. A value that is not a code (rows written before codes) is passed on as
text, without a code."""

from __future__ import annotations

STATUS_REASONS: dict[str, str] = {
    "disconnected_by_user": "Disconnected by a staff member",
    "token_expired": "The page's access token has expired: reconnect the page",
    "token_password_changed": "The password was changed or the user logged out: reconnect the page",
    "token_app_removed": "The app was removed from the page: reconnect the page",
    "token_session_invalid": "The page's session is no longer valid: reconnect the page",
    "token_invalid": "Facebook no longer accepts the page's access token: reconnect the page",
    "shop_deauthorized": "The shop withdrew Chotdon's authorisation on Shopee: reconnect it",
    "authorization_expired": "Shopee's authorisation of this shop expired: reconnect it",
    "refresh_token_expired": "Shopee's authorisation expired (30 days): reconnect the shop",
    "shop_access_expired": "The shop's authorisation expired: reconnect the shop",
    "shop_banned": "Shopee banned this shop",
    "shop_no_linked": "The shop is no longer linked to this app: reconnect it",
    "authorization_refused": "The provider no longer accepts the shop's authorisation: reconnect it",
    "zalo_authorization_refused": (
        "Zalo no longer accepts this Official Account's authorisation: reconnect it"
    ),
    "tiktok_authorization_refused": (
        "TikTok Shop no longer accepts the shop's authorisation: reconnect it"
    ),
    "facebook_token_not_refreshed": "Facebook page tokens are not refreshed: connect Facebook again",
    "token_refresh_pending": "The access token expired and its refresh has not succeeded yet",
}


def reason_code(value: str | None) -> str | None:
    return value if value in STATUS_REASONS else None


def reason_text(value: str | None) -> str | None:
    """The English sentence for a stored reason (a code, or older free text as it is)."""
    if value is None:
        return None
    return STATUS_REASONS.get(value, value)
