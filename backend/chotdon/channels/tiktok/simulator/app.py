"""A TikTok Shop Partner API simulator (customer service), faithful to channels-api.md §2.

Serves what our client calls: the consent page (`/oauth/authorize`), the token endpoints
(`/api/v2/token/get|refresh`, absolute `*_expire_in` timestamps), the authorized shops, and the
signed `/customer_service/202309/...` calls (conversations and messages with `page_token`
paging, send with `content` as a JSON string, image upload, mark read), in the
`{code, message, request_id, data}` envelope. It sends signed webhooks (type 14 NEW_MESSAGE,
13 NEW_CONVERSATION, 6 deauthorisation, 7 expiring) to our `/webhooks/tiktok` with retries.

What channels-api.md marks not found or low-trust is a setting (`POST /_sim/config`):
`webhook_retries` / `webhook_retry_delay` (Shop's retry policy), `error_http_status` (the HTTP
status of an error answer), `access_ttl` / `refresh_ttl`, `refresh_rotates` (does a refresh
hand out a new refresh token?), `echo_api_sends` (type 14 for the shop's own sends),
`rate_limit_next`, `fail_next_sends` (a send error code), `signature_mode`.

Run alone: `python -m chotdon.channels.tiktok.simulator --port 8003 --webhook-url URL`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from chotdon.channels.simkit import (
    ConsentChoice,
    add_control_routes,
    add_push_routes,
    consent_page,
    post_with_retries,
    redirect_back,
)

API = "/customer_service/202309"
SEND_TYPES = frozenset(
    {
        "TEXT",
        "IMAGE",
        "VIDEO",
        "PRODUCT_CARD",
        "ORDER_CARD",
        "RETURN_REFUND_CARD",
        "COUPON_CARD",
        "LOGISTICS_CARD",
    }
)
# Error codes (channels-api.md §2.2, §2.5; codes not found there are the simulator's own).
INVALID_TOKEN, EXPIRED_TOKEN = 105001, 105002
INVALID_SIGN, INVALID_PARAM = 106001, 36009001
RATE_LIMIT = 36009004
CONVERSATION_RULE = 45109001
REFRESH_REFUSED = 105003


def _hmac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def api_sign(secret: str, path: str, params: dict[str, str], body: bytes) -> str:
    pairs = "".join(
        f"{k}{v}" for k, v in sorted(params.items()) if k not in ("sign", "access_token")
    )
    return _hmac(secret, secret.encode() + path.encode() + pairs.encode() + body + secret.encode())


@dataclass
class Shop:
    shop_id: str
    name: str
    cipher: str
    access: dict[str, float] = field(default_factory=dict)  # token -> expiry (sim clock)
    refresh: dict[str, float] = field(default_factory=dict)
    revoked: bool = False


@dataclass
class Config:
    webhook_url: str | None = None
    redirect_url: str | None = None  # the app's registered redirect (else `redirect_uri`)
    app_key: str = "tiktok-dev-app-key"
    app_secret: str = "tiktok-dev-app-secret-change-me"
    signature_mode: str = "ok"  # ok | wrong | missing
    webhook_retries: int = 3
    webhook_retry_delay: float = 0.05
    error_http_status: int = 200
    access_ttl: float = 7 * 86400
    refresh_ttl: float = 60 * 86400
    refresh_rotates: bool = True
    echo_api_sends: bool = True
    rate_limit_next: int = 0
    fail_next_sends: int = 0
    fail_send_code: int = 45101001


class World:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.ids = itertools.count(int(time.time()) * 1000)
        self.reset()

    def reset(self) -> None:
        self.clock_offset = 0.0
        self.shops: dict[str, Shop] = {}
        self.codes: dict[str, str] = {}
        self.conversations: dict[str, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.images: dict[str, bytes] = {}
        self.sent: list[dict[str, Any]] = []

    def now(self) -> float:
        return time.time() + self.clock_offset

    def new_id(self) -> str:
        return str(next(self.ids))

    def issue(self, shop: Shop, refresh: str | None = None) -> dict[str, Any]:
        access = secrets.token_hex(16)
        shop.access[access] = self.now() + self.config.access_ttl
        if refresh is None or self.config.refresh_rotates:
            refresh = secrets.token_hex(16)
            shop.refresh[refresh] = self.now() + self.config.refresh_ttl
        return {
            "access_token": access,
            "access_token_expire_in": int(shop.access[access]),
            "refresh_token": refresh,
            "refresh_token_expire_in": int(shop.refresh[refresh]),
            "open_id": shop.shop_id,
            "seller_name": shop.name,
            "seller_base_region": "VN",
            "user_type": 0,
            "granted_scopes": ["seller.customer_service"],
        }

    def conversation(self, shop: Shop, buyer_id: str, name: str) -> dict[str, Any]:
        for conv in self.conversations.values():
            if conv["shop_id"] == shop.shop_id and conv["buyer_id"] == buyer_id:
                return conv
        conv = {
            "id": self.new_id(),
            "shop_id": shop.shop_id,
            "buyer_id": buyer_id,
            "buyer_name": name,
            "can_send_message": True,
            "create_time": int(self.now()),
            "messages": [],
            "read_by_shop": 0,
        }
        self.conversations[conv["id"]] = conv
        return conv


def envelope(data: Any) -> JSONResponse:
    return JSONResponse(
        {"code": 0, "message": "Success", "request_id": secrets.token_hex(8), "data": data}
    )


def create_simulator_app(config: Config | None = None) -> FastAPI:
    world = World(config or Config())
    app = FastAPI(title="TikTok Shop simulator")
    app.state.world = world
    http = httpx.AsyncClient(timeout=10)
    scenario = add_control_routes(app, world, http)
    echoes: set[asyncio.Task[str]] = set()  # notifications of the shop's API sends in flight

    def refusal(code: int, message: str, status: int | None = None) -> JSONResponse:
        body = {"code": code, "message": message, "request_id": secrets.token_hex(8), "data": {}}
        return JSONResponse(body, status_code=status or world.config.error_http_status)

    async def common(
        request: Request, *, shop_call: bool = True
    ) -> tuple[JSONResponse | None, Shop | None]:
        """What TikTok checks on every API call: rate limit, app key, timestamp, sign, token,
        and (shop calls) the shop cipher."""
        cfg = world.config
        q = dict(request.query_params)
        if cfg.rate_limit_next > 0:
            cfg.rate_limit_next -= 1
            return refusal(RATE_LIMIT, "Too many requests", 429), None
        if q.get("app_key") != cfg.app_key:
            return refusal(INVALID_PARAM, "Invalid app_key"), None
        try:
            ts = int(q.get("timestamp") or 0)
        except ValueError:
            ts = 0
        if abs(time.time() - ts) > 300:
            return refusal(INVALID_PARAM, "Invalid timestamp"), None
        multipart = request.headers.get("content-type", "").startswith("multipart/")
        body = b"" if request.method == "GET" or multipart else await request.body()
        expected = api_sign(cfg.app_secret, request.url.path, q, body)
        if not hmac.compare_digest(expected, q.get("sign") or ""):
            return refusal(INVALID_SIGN, "Invalid sign"), None
        token = request.headers.get("x-tts-access-token") or ""
        shop = next((s for s in world.shops.values() if token in s.access), None)
        if shop is None or shop.revoked:
            return refusal(INVALID_TOKEN, "Invalid credentials"), None
        if shop.access[token] < world.now():
            return refusal(EXPIRED_TOKEN, "Expired credentials"), None
        if shop_call and q.get("shop_cipher") != shop.cipher:
            return refusal(INVALID_PARAM, "Invalid shop_cipher"), None
        return None, shop

    # -- OAuth -----------------------------------------------------------------------------
    @app.get("/oauth/authorize", response_class=HTMLResponse)
    async def authorize(app_key: str = "", state: str = "", redirect_uri: str = "") -> Response:
        if app_key != world.config.app_key:
            return HTMLResponse("<h1>Invalid app_key</h1>", status_code=400)
        redirect = world.config.redirect_url or redirect_uri
        return consent_page(
            title="TikTok Shop (simulator)",
            heading="TikTok Shop: ủy quyền ứng dụng Chotdon",
            prompt="Chọn shop cho phép chăm sóc khách hàng:",
            verb="Ủy quyền cho",
            accounts=[
                ConsentChoice(
                    "shop",
                    s.shop_id,
                    s.name,
                    {"shop_id": s.shop_id, "state": state, "redirect": redirect},
                )
                for s in world.shops.values()
            ],
        )

    @app.get("/_sim/approve")
    async def approve(shop_id: str, state: str, redirect: str) -> Response:
        if shop_id not in world.shops:
            return JSONResponse({"error": "no such shop"}, status_code=404)
        code = secrets.token_hex(16)
        world.codes[code] = shop_id
        return redirect_back(redirect, {"code": code, "state": state})

    def _app_ok(q: Any) -> bool:
        return q.get("app_key") == world.config.app_key and hmac.compare_digest(
            q.get("app_secret") or "", world.config.app_secret
        )

    @app.get("/api/v2/token/get")
    async def token_get(request: Request) -> Response:
        q = request.query_params
        if not _app_ok(q) or q.get("grant_type") != "authorized_code":
            return refusal(INVALID_PARAM, "Invalid app or grant_type")
        shop_id = world.codes.pop(q.get("auth_code") or "", None)
        if shop_id is None:
            return refusal(INVALID_PARAM, "Invalid auth_code")
        shop = world.shops[shop_id]
        shop.revoked = False
        return envelope(world.issue(shop))

    @app.get("/api/v2/token/refresh")
    async def token_refresh(request: Request) -> Response:
        q = request.query_params
        if not _app_ok(q) or q.get("grant_type") != "refresh_token":
            return refusal(INVALID_PARAM, "Invalid app or grant_type")
        token = q.get("refresh_token") or ""
        shop = next((s for s in world.shops.values() if token in s.refresh), None)
        if shop is None or shop.revoked:
            return refusal(REFRESH_REFUSED, "Invalid refresh_token")
        if shop.refresh[token] < world.now():
            return refusal(REFRESH_REFUSED, "Expired refresh_token")
        if world.config.refresh_rotates:
            del shop.refresh[token]
        return envelope(world.issue(shop, token))

    @app.get("/authorization/202309/shops")
    async def shops(request: Request) -> Response:
        bad, shop = await common(request, shop_call=False)
        if bad is not None or shop is None:
            return bad or refusal(INVALID_TOKEN, "no shop")
        return envelope(
            {
                "shops": [
                    {
                        "id": shop.shop_id,
                        "name": shop.name,
                        "region": "VN",
                        "cipher": shop.cipher,
                        "code": f"VN{shop.shop_id[-6:]}",
                        "seller_type": "LOCAL",
                    }
                ]
            }
        )

    # -- customer service ------------------------------------------------------------------
    def _page(items: list[Any], q: Any, limit: int) -> tuple[list[Any], str]:
        try:
            size = max(1, min(int(q.get("page_size") or limit), limit))
            start = int(q.get("page_token") or 0)
        except ValueError:
            size, start = limit, 0
        page = items[start : start + size]
        nxt = str(start + size) if start + size < len(items) else ""
        return page, nxt

    def _conversation_out(conv: dict[str, Any], shop: Shop) -> dict[str, Any]:
        visible = [m for m in conv["messages"]]
        return {
            "id": conv["id"],
            "can_send_message": conv["can_send_message"],
            "create_time": conv["create_time"],
            "unread_count": sum(
                1
                for m in visible
                if m["sender"]["role"] == "BUYER" and m["_seq"] > conv["read_by_shop"]
            ),
            "participant_count": 2,
            "participants": [
                {
                    "im_user_id": f"im{conv['buyer_id']}",
                    "user_id": conv["buyer_id"],
                    "nickname": conv["buyer_name"],
                    "avatar": "",
                    "role": "BUYER",
                    "buyer_platform": "TIKTOK_SHOP",
                },
                {
                    "im_user_id": f"im{shop.shop_id}",
                    "user_id": shop.shop_id,
                    "nickname": shop.name,
                    "avatar": "",
                    "role": "SHOP",
                },
            ],
            "latest_message": _public(visible[-1]) if visible else None,
        }

    def _public(m: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in m.items() if not k.startswith("_")}

    @app.get(f"{API}/conversations")
    async def list_conversations(request: Request) -> Response:
        bad, shop = await common(request)
        if bad is not None or shop is None:
            return bad or refusal(INVALID_TOKEN, "no shop")
        mine = [c for c in world.conversations.values() if c["shop_id"] == shop.shop_id]
        mine.sort(
            key=lambda c: c["messages"][-1]["create_time"] if c["messages"] else 0, reverse=True
        )
        page, nxt = _page(mine, request.query_params, 20)
        return envelope(
            {"conversations": [_conversation_out(c, shop) for c in page], "next_page_token": nxt}
        )

    def _conv_of(shop: Shop, conversation_id: str) -> dict[str, Any] | None:
        conv = world.conversations.get(conversation_id)
        return conv if conv is not None and conv["shop_id"] == shop.shop_id else None

    @app.get(API + "/conversations/{conversation_id}/messages")
    async def list_messages(request: Request, conversation_id: str) -> Response:
        bad, shop = await common(request)
        if bad is not None or shop is None:
            return bad or refusal(INVALID_TOKEN, "no shop")
        conv = _conv_of(shop, conversation_id)
        if conv is None:
            return refusal(INVALID_PARAM, "Conversation not found")
        messages = list(conv["messages"])
        if (request.query_params.get("sort_order") or "DESC").upper() == "DESC":
            messages.reverse()
        page, nxt = _page(messages, request.query_params, 10)
        return envelope(
            {
                "messages": [_public(m) for m in page],
                "next_page_token": nxt,
                "unsupported_msg_tips": "Tin nhắn không được hỗ trợ",
            }
        )

    @app.post(API + "/conversations/{conversation_id}/messages")
    async def send(request: Request, conversation_id: str) -> Response:
        bad, shop = await common(request)
        if bad is not None or shop is None:
            return bad or refusal(INVALID_TOKEN, "no shop")
        conv = _conv_of(shop, conversation_id)
        if conv is None:
            return refusal(INVALID_PARAM, "Conversation not found")
        try:
            body = orjson.loads(await request.body())
            kind = body["type"]
            content = orjson.loads(body["content"])  # a JSON *string*, as TikTok wants
            assert isinstance(body["content"], str) and isinstance(content, dict)
        except (orjson.JSONDecodeError, KeyError, TypeError, AssertionError):
            return refusal(INVALID_PARAM, "content must be a JSON string")
        if kind not in SEND_TYPES:
            return refusal(INVALID_PARAM, f"Unsupported type {kind}")
        if kind == "TEXT" and len(str(content.get("content") or "")) > 2000:
            return refusal(INVALID_PARAM, "Text longer than 2000 characters")
        if not conv["can_send_message"]:
            return refusal(CONVERSATION_RULE, "The buyer cannot receive messages now")
        cfg = world.config
        if cfg.fail_next_sends > 0:
            cfg.fail_next_sends -= 1
            return refusal(cfg.fail_send_code, "Please try again")
        message = _message(conv, shop, "SHOP", kind, content)
        world.sent.append(
            {
                "shop_id": shop.shop_id,
                "conversation_id": conv["id"],
                "type": kind,
                "content": content,
                "message_id": message["id"],
            }
        )
        if cfg.echo_api_sends:  # after this answer, as TikTok's own notification would come
            echo = asyncio.get_running_loop().create_task(notify_message(shop, conv, message))
            echoes.add(echo)
            echo.add_done_callback(echoes.discard)
        return envelope({"message_id": message["id"]})

    @app.post(API + "/images/upload")
    async def upload(request: Request) -> Response:
        bad, shop = await common(request)
        if bad is not None or shop is None:
            return bad or refusal(INVALID_TOKEN, "no shop")
        form = await request.form()
        data = form.get("data")
        if data is None or isinstance(data, str):
            return refusal(INVALID_PARAM, "multipart field `data` is required")
        raw = await data.read()
        if not raw or len(raw) > 10 * 1024 * 1024:
            return refusal(INVALID_PARAM, "Image empty or over 10 MB")
        key = secrets.token_hex(8)
        world.images[key] = raw
        url = f"{str(request.base_url).rstrip('/')}/_sim/images/{key}"
        return envelope({"url": url, "width": 1, "height": 1})

    @app.post(API + "/conversations/{conversation_id}/messages/read")
    async def read(request: Request, conversation_id: str) -> Response:
        bad, shop = await common(request)
        if bad is not None or shop is None:
            return bad or refusal(INVALID_TOKEN, "no shop")
        conv = _conv_of(shop, conversation_id)
        if conv is None:
            return refusal(INVALID_PARAM, "Conversation not found")
        conv["read_by_shop"] = conv["messages"][-1]["_seq"] if conv["messages"] else 0
        return envelope({})

    # -- messages and webhooks -------------------------------------------------------------
    def _message(
        conv: dict[str, Any],
        shop: Shop,
        role: str,
        kind: str,
        content: dict[str, Any],
        *,
        at: float | None = None,
        visible: bool = True,
    ) -> dict[str, Any]:
        seq = len(conv["messages"]) + 1
        buyer = role == "BUYER"
        message = {
            "id": world.new_id(),
            "index": str(int((at or world.now()) * 1000) * 100 + seq),
            "type": kind,
            "content": orjson.dumps(content).decode(),
            "create_time": int(at if at is not None else world.now()),
            "is_visible": visible,
            "sender": {
                "im_user_id": f"im{conv['buyer_id']}" if buyer else f"im{shop.shop_id}",
                "nickname": conv["buyer_name"] if buyer else shop.name,
                "avatar": "",
                "role": role,
            },
            "_seq": seq,
        }
        conv["messages"].append(message)
        conv["messages"].sort(key=lambda m: (m["create_time"], m["_seq"]))
        return message

    async def notify_message(shop: Shop, conv: dict[str, Any], message: dict[str, Any]) -> str:
        data = {
            "conversation_id": conv["id"],
            "message_id": message["id"],
            "index": message["index"],
            "type": message["type"],
            "content": message["content"],
            "create_time": message["create_time"],
            "is_visible": message["is_visible"],
            "sender": {
                "im_user_id": message["sender"]["im_user_id"],
                "role": message["sender"]["role"],
                "nickname": message["sender"]["nickname"],
            },
        }
        return await deliver(shop.shop_id, 14, data)

    async def deliver(shop_id: str, kind: int, data: dict[str, Any]) -> str:
        cfg = world.config
        body = {
            "type": kind,
            "tts_notification_id": world.new_id(),
            "shop_id": shop_id,
            "timestamp": int(world.now()),
            "data": data,
        }
        raw = orjson.dumps(body)
        entry: dict[str, Any] = {"body": body, "status": None}
        world.notifications.append(entry)
        if not cfg.webhook_url:
            entry["status"] = "no-url"
            return "no-url"
        headers = {"Content-Type": "application/json"}
        if cfg.signature_mode != "missing":
            sig = _hmac(cfg.app_secret, cfg.app_key.encode() + raw)
            headers["Authorization"] = sig if cfg.signature_mode == "ok" else "0" * 64
        delivered = await post_with_retries(
            http,
            cfg.webhook_url,
            raw,
            headers,
            entry,
            retries=cfg.webhook_retries,
            delay=cfg.webhook_retry_delay,
        )
        return "delivered" if delivered else "failed"

    # -- control API -----------------------------------------------------------------------
    @app.get("/_sim/images/{key}")
    async def image(key: str) -> Response:
        data = world.images.get(key)
        return Response(data or b"", media_type="image/png", status_code=200 if data else 404)

    @app.post("/_sim/shops")
    async def create_shop(request: Request) -> dict[str, Any]:
        body = await request.json()
        shop_id = str(body.get("shop_id") or world.new_id())
        shop = Shop(
            shop_id, str(body.get("name") or f"Shop {shop_id}"), f"ROW_{secrets.token_hex(6)}"
        )
        world.shops[shop_id] = shop
        return {"shop_id": shop_id, "name": shop.name, "cipher": shop.cipher}

    @app.post("/_sim/shops/{shop_id}/expire_token")
    async def expire_token(shop_id: str, refresh: bool = False) -> dict[str, int]:
        """The access token expires (and with `refresh`, the refresh token too)."""
        shop = world.shops[shop_id]
        for token in shop.access:
            shop.access[token] = 0
        if refresh:
            for token in shop.refresh:
                shop.refresh[token] = 0
        return {"expired": len(shop.access)}

    @app.post("/_sim/shops/{shop_id}/revoke")
    async def revoke(shop_id: str, notify: bool = True) -> dict[str, str]:
        """The seller deauthorises the app: tokens die, a type-6 webhook is sent."""
        shop = world.shops[shop_id]
        shop.revoked = True
        shop.access.clear()
        shop.refresh.clear()
        if notify:
            await deliver(shop_id, 6, {"shop_id": shop_id})
        return {"status": "revoked"}

    @app.post("/_sim/shops/{shop_id}/expiring")
    async def expiring(shop_id: str) -> dict[str, str]:
        """UPCOMING_AUTHORIZATION_EXPIRATION (type 7), sent daily from 30 days before."""
        at = int(world.now() + 30 * 86400)
        return {"notify": await deliver(shop_id, 7, {"expire_time": at})}

    @app.post("/_sim/buyer_writes")
    async def buyer_writes(request: Request) -> dict[str, Any]:
        """`{shop_id, buyer_id?, name?, text?, type?, content?, ago_seconds?, notify?,
        visible?}`; answers once the webhook was delivered (or failed)."""
        body = await request.json()
        shop = world.shops[str(body["shop_id"])]
        buyer_id = str(body.get("buyer_id") or world.new_id())
        conv = world.conversation(shop, buyer_id, str(body.get("name") or f"buyer_{buyer_id}"))
        kind = body.get("type") or "TEXT"
        content = body.get("content") or {"content": body.get("text") or ""}
        at = world.now() - float(body.get("ago_seconds") or 0)
        visible = body.get("visible") is not False
        message = _message(conv, shop, "BUYER", kind, content, at=at, visible=visible)
        if body.get("ago_seconds", 0) < 30 * 86400:
            conv["can_send_message"] = True
        outcome = (
            "silent" if body.get("notify") is False else await notify_message(shop, conv, message)
        )
        return {"message": _public(message), "conversation_id": conv["id"], "notify": outcome}

    @app.post("/_sim/shop_writes")
    async def shop_writes(request: Request) -> dict[str, Any]:
        """The seller answers in TikTok Seller Center: a type-14 webhook with role SHOP."""
        body = await request.json()
        shop = world.shops[str(body["shop_id"])]
        conv = world.conversations[str(body["conversation_id"])]
        message = _message(conv, shop, "SHOP", "TEXT", {"content": body["text"]})
        return {"message": _public(message), "notify": await notify_message(shop, conv, message)}

    @app.post("/_sim/conversations/{conversation_id}")
    async def set_conversation(conversation_id: str, request: Request) -> dict[str, Any]:
        """`{can_send_message?: bool, notify_change?: bool}`: the rule changes (30 days passed,
        the order window closed...), optionally with a type-13 NEW_CONVERSATION webhook."""
        body = await request.json()
        conv = world.conversations[conversation_id]
        if "can_send_message" in body:
            conv["can_send_message"] = bool(body["can_send_message"])
        outcome = None
        if body.get("notify_change"):
            outcome = await deliver(conv["shop_id"], 13, {"conversation_id": conversation_id})
        return {
            "id": conversation_id,
            "can_send_message": conv["can_send_message"],
            "notify": outcome,
        }

    @app.post("/_sim/notify_raw")
    async def notify_raw(request: Request) -> dict[str, str]:
        body = await request.json()
        return {
            "notify": await deliver(str(body["shop_id"]), int(body["type"]), body.get("data") or {})
        }

    add_push_routes(app, world, "shop_id")

    @app.get("/_sim/state")
    async def state() -> dict[str, Any]:
        return {
            "notifications": [
                {"type": n["body"]["type"], "status": n["status"]} for n in world.notifications
            ],
            "conversations": [
                {
                    "id": c["id"],
                    "shop_id": c["shop_id"],
                    "buyer_id": c["buyer_id"],
                    "messages": len(c["messages"]),
                    "can_send_message": c["can_send_message"],
                    "read_by_shop": c["read_by_shop"],
                }
                for c in world.conversations.values()
            ],
            "shops": {
                s.shop_id: {"name": s.name, "revoked": s.revoked, "tokens": len(s.access)}
                for s in world.shops.values()
            },
        }

    @app.post("/_sim/scenario")
    async def start_scenario(request: Request) -> dict[str, str]:
        """`{shop_id, interval_seconds}`: buyers keep writing (the demo of `make run`)."""
        body = await request.json()
        shop = world.shops[str(body["shop_id"])]
        buyers = [
            (
                "8101",
                "minhthu.decor",
                "TEXT",
                {"content": "Shop ơi đèn ngủ này còn màu trắng không?"},
            ),
            ("8102", "tuan.anh.9x", "PRODUCT_CARD", {"product_id": "1729384756"}),
            (
                "8103",
                "bichngoc_hn",
                "TEXT",
                {"content": "Mình đặt rồi, giao về Cầu Giấy mất mấy ngày ạ?"},
            ),
            (
                "8104",
                "khanhlinh",
                "TEXT",
                {"content": "Xem live thấy đẹp quá, sđt mình 0987654321 nhé"},
            ),
            ("8103", "bichngoc_hn", "ORDER_CARD", {"order_id": "578123456789012345"}),
        ]

        async def write(i: int) -> None:
            buyer_id, name, kind, content = buyers[i % len(buyers)]
            conv = world.conversation(shop, buyer_id, name)
            message = _message(conv, shop, "BUYER", kind, content)
            await notify_message(shop, conv, message)

        scenario.repeat(write, float(body.get("interval_seconds") or 10))
        return {"status": "running"}

    return app
