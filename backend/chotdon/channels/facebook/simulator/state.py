"""In-memory state of the simulated Facebook: pages, customers, threads, posts, labels, rules.

Everything is synchronous and lives in one event loop, so no locks are needed. Times are
epoch milliseconds on the simulator's clock (`now_ms`), which tests may move forward to test
the 24 h / 7 day windows without waiting.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# Facebook's own Page Inbox / Business Suite echoes carry this app id (community lore).
PAGE_INBOX_APP_ID = "263902037430900"
DAY_MS = 24 * 3600 * 1000


def iso(ms: int) -> str:
    """Graph REST time format: `2018-08-30T18:47:02+0000`."""
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class GraphFailure(Exception):
    """A Graph API error answer: `{"error": {...}}` with an HTTP status."""

    def __init__(
        self,
        code: int,
        message: str,
        subcode: int | None = None,
        *,
        type: str = "OAuthException",
        status: int | None = None,
        transient: bool = False,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.subcode = subcode
        self.message = message
        self.type = type
        self.transient = transient
        self.headers = headers or {}
        if status is None:
            status = 403 if code == 200 else 500 if code in (1, 2) else 400
        self.status = status

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "message": self.message,
            "type": self.type,
            "code": self.code,
            "is_transient": self.transient,
            "fbtrace_id": "A" + secrets.token_urlsafe(15),
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        return {"error": error}


@dataclass
class Customer:
    psid: str
    first_name: str
    last_name: str = ""
    profile_pic: str | None = None
    no_profile: bool = False  # profile lookups answer 100/2018218
    blocked: bool = False  # sends answer 551
    username: str | None = None  # Instagram handle (Instagram accounts' customers)

    @property
    def name(self) -> str:
        # Vietnamese order: family name first ("Nguyễn Thị Lan" → last "Nguyễn Thị", first "Lan").
        return f"{self.last_name} {self.first_name}".strip()


@dataclass
class Msg:
    mid: str
    from_id: str
    to_id: str
    created: int
    text: str | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    metadata: str | None = None
    app_id: str | None = None


@dataclass
class Thread:
    id: str
    psid: str
    messages: list[Msg] = field(default_factory=list)
    last_customer_at: int | None = None  # opens the messaging window
    updated: int = 0
    unread: int = 0


@dataclass
class Comment:
    id: str
    post_id: str
    from_id: str
    from_name: str
    created: int
    message: str | None = None
    parent_id: str | None = None  # a comment id for replies, None for top level
    photo: str | None = None
    is_hidden: bool = False
    deleted: bool = False
    liked: bool = False
    private_replied: bool = False


@dataclass
class Post:
    id: str  # {page_id}_{fbid}
    created: int
    message: str | None = None
    picture: str | None = None
    status_type: str = "mobile_status_update"
    comments: dict[str, Comment] = field(default_factory=dict)
    # Instagram media: FEED, REELS, AD or LIVE (None for Facebook posts); a live ends once.
    media_product_type: str | None = None
    live_ended: bool = False

    @property
    def fbid(self) -> str:
        return self.id.split("_", 1)[-1]

    @property
    def permalink(self) -> str:
        if self.media_product_type is not None:
            return f"https://www.instagram.com/p/{self.id}/"
        page_id, fbid = self.id.split("_", 1)
        return f"https://www.facebook.com/{page_id}/posts/{fbid}"


@dataclass
class LiveVideo:
    id: str
    video_id: str
    post_id: str
    title: str
    created: int
    status: str = "live"


@dataclass
class Page:
    id: str
    name: str
    token: str
    token_error: tuple[int, int | None] | None = None  # (190, 463) once expired
    subscribed_fields: set[str] = field(default_factory=set)
    customers: dict[str, Customer] = field(default_factory=dict)
    threads: dict[str, Thread] = field(default_factory=dict)  # by psid
    posts: dict[str, Post] = field(default_factory=dict)
    live_videos: dict[str, LiveVideo] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # id → name
    label_users: dict[str, set[str]] = field(default_factory=dict)  # label id → psids
    attachments: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)  # Send API calls that succeeded
    # What the page's admin may do; a page without MESSAGING cannot answer chats.
    tasks: list[str] = field(
        default_factory=lambda: ["MANAGE", "CREATE_CONTENT", "MODERATE", "MESSAGING"]
    )
    # An Instagram professional account is a `Page` with platform "instagram", reached with
    # the token of the Facebook page it is linked to (`linked_page_id`); that page points
    # back with `instagram_id`.
    platform: str = "facebook"
    linked_page_id: str | None = None
    instagram_id: str | None = None
    username: str | None = None

    @property
    def is_instagram(self) -> bool:
        return self.platform == "instagram"

    @property
    def picture(self) -> str:
        return f"https://scontent.xx.fbcdn.net/v/page-{self.id}.jpg"


@dataclass
class FailRule:
    remaining: int
    code: int
    subcode: int | None
    message: str
    match: str  # "send" | "any" | a substring of the path
    status: int | None = None
    usage_headers: bool = False
    regain_minutes: int = 0


@dataclass
class SimState:
    app_id: str = "100000000000001"
    app_secret: str = "dev-facebook-app-secret"
    clock_offset_ms: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    user_tokens: dict[str, list[str]] = field(default_factory=dict)  # token → page ids
    # Facebook Login: permissions a user token was granted, dialog codes, long-lived tokens.
    user_permissions: dict[str, set[str]] = field(default_factory=dict)
    login_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    long_lived_tokens: set[str] = field(default_factory=set)
    # The person logged in to the simulated facebook.com (the pages the dialog offers).
    login_page_ids: list[str] | None = None
    declined_permissions: set[str] = field(default_factory=set)
    fail_rules: list[FailRule] = field(default_factory=list)
    # Comment id / message id → page id, to route `/{node}` calls.
    comment_index: dict[str, tuple[str, str]] = field(default_factory=dict)  # → (page, post)
    label_index: dict[str, str] = field(default_factory=dict)
    live_index: dict[str, str] = field(default_factory=dict)
    mid_index: dict[str, tuple[str, str]] = field(default_factory=dict)  # → (page, psid)
    calls: int = 0
    # Real per-second limits (0 = off): sends per page, conversation reads per page.
    send_per_second: int = 0
    conversations_per_second: int = 0
    _window: dict[str, list[float]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def now_ms(self) -> int:
        return int(time.time() * 1000) + self.clock_offset_ms

    def new_id(self, digits: int = 15) -> str:
        base = 10 ** (digits - 1)
        return str(base + secrets.randbelow(base // 10) * 10 + next(self._ids) % 10)

    def new_mid(self) -> str:
        return "m_" + secrets.token_urlsafe(40)

    def page(self, page_id: str) -> Page:
        page = self.pages.get(page_id)
        if page is None:
            raise GraphFailure(
                100,
                f"Unsupported get request. Object with ID '{page_id}' does not exist",
                33,
            )
        return page

    def add_page(self, page_id: str | None = None, name: str | None = None) -> Page:
        page_id = page_id or self.new_id()
        page = Page(
            id=page_id,
            name=name or f"Trang {page_id[-4:]}",
            token="EAAG" + secrets.token_urlsafe(32),
        )
        self.pages[page_id] = page
        return page

    def customer(self, page: Page, psid: str | None, name: str | None = None) -> Customer:
        psid = psid or self.new_id(16)
        customer = page.customers.get(psid)
        if customer is None:
            parts = (name or f"Khách {psid[-4:]}").rsplit(" ", 1)
            first, last = (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
            customer = Customer(
                psid=psid,
                first_name=first,
                last_name=last,
                profile_pic=f"https://platform-lookaside.fbsbx.com/profile/{psid}.jpg",
                username=_handle(name or psid) if page.is_instagram else None,
            )
            page.customers[psid] = customer
        return customer

    def thread(self, page: Page, psid: str) -> Thread:
        thread = page.threads.get(psid)
        if thread is None:
            thread = Thread(id="t_" + self.new_id(16), psid=psid)
            page.threads[psid] = thread
        return thread

    def page_by_token(self, token: str | None) -> Page | None:
        if not token:
            return None
        for page in self.pages.values():
            if page.token == token and not page.is_instagram:
                return page
        return None

    def instagram_of(self, page: Page) -> Page | None:
        """The Instagram account linked to a Facebook page, if any."""
        return self.pages.get(page.instagram_id or "")

    def add_instagram(self, page: Page, username: str, ig_id: str | None = None) -> Page:
        """Link an Instagram professional account to `page` (idempotent)."""
        existing = self.instagram_of(page)
        if existing is not None:
            return existing
        account = Page(
            id=ig_id or self.new_id(17),
            name=username,
            token="IGQV" + secrets.token_urlsafe(32),  # never handed out: the page's is used
            platform="instagram",
            linked_page_id=page.id,
            username=username,
        )
        self.pages[account.id] = account
        page.instagram_id = account.id
        return account

    def check_rate(self, key: str, per_second: int) -> bool:
        """Sliding one-second window; False when the call is over the limit."""
        if per_second <= 0:
            return True
        now = time.monotonic()
        window = [t for t in self._window.get(key, []) if now - t < 1.0]
        if len(window) >= per_second:
            self._window[key] = window
            return False
        window.append(now)
        self._window[key] = window
        return True


def _handle(name: str) -> str:
    """An Instagram-like username from a display name ("Lê Thị Hoa" → "le.thi.hoa")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in plain if c.isascii() and (c.isalnum() or c == " "))
    return ".".join(ascii_only.lower().split())[:30] or "user"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if raw.startswith("o:"):
            return max(0, int(raw[2:]))
    except (ValueError, UnicodeDecodeError):
        pass
    raise GraphFailure(100, "Invalid cursor", None)
