"""A Shopee Open Platform simulator (seller chat), faithful to channels-api.md §1.

Serves the partner API our client calls (signed `/api/v2/...`: auth, token get/refresh with
single-use refresh tokens, shop info, sellerchat list/messages/send/upload/read, lost pushes),
a consent page, signed pushes (code 10 `webchat_push`) to our `/webhooks/shopee` with retries,
and a control API under `/_sim` ("buyer B writes X", "expire the token", "drop the next N
pushes"...). Unknowns of the real platform are settings (`POST /_sim/config`):
`push_retries`, `refresh_reuse_grace_seconds` (may a refresh token whose answer was lost be
presented again?), `lose_next_refresh_answers`, `rate_limit_next`, `signature_mode`,
`echo_api_sends`.

Run alone: `python -m chotdon.channels.shopee.simulator --port 8002 --webhook-url URL`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from fastapi import FastAPI, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response

from chotdon.channels.simkit import (
    ConsentChoice,
    add_control_routes,
    add_push_routes,
    consent_page,
    post_with_retries,
    redirect_back,
)

ACCESS_TTL = 4 * 3600
REFRESH_TTL = 30 * 86400


def _sign(key: str, base: str) -> str:
    return hmac.new(key.encode(), base.encode(), hashlib.sha256).hexdigest()


@dataclass
class Shop:
    shop_id: int
    name: str
    user_id: int  # the shop's chat user id (from_id of its own messages)
    access: dict[str, float] = field(default_factory=dict)  # token -> expiry (sim clock)
    refresh: dict[str, dict[str, Any]] = field(default_factory=dict)
    revoked: bool = False


@dataclass
class Config:
    webhook_url: str | None = None
    partner_id: int = 2000001
    partner_key: str = "shopee-dev-partner-key-change-me"
    signature_mode: str = "ok"  # ok | wrong | missing
    push_retries: int = 2
    push_retry_delay: float = 0.05
    drop_next_pushes: int = 0  # dropped pushes go to the lost-push store
    refresh_reuse_grace_seconds: float = 300.0
    lose_next_refresh_answers: int = 0
    rate_limit_next: int = 0
    echo_api_sends: bool = False  # push the shop's own API sends back (unknown on Shopee)


class World:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.ids = itertools.count(int(time.time()) * 1000)
        self.reset()

    def reset(self) -> None:
        self.clock_offset = 0.0
        self.shops: dict[int, Shop] = {}
        self.codes: dict[str, int] = {}
        self.conversations: dict[tuple[int, int], dict[str, Any]] = {}
        self.buyers: dict[int, str] = {}
        self.lost: list[dict[str, Any]] = []
        self.lost_confirmed = 0
        self.pushes: list[dict[str, Any]] = []
        self.images: dict[str, bytes] = {}
        self.sent: list[dict[str, Any]] = []

    def now(self) -> float:
        return time.time() + self.clock_offset

    def new_id(self) -> int:
        return next(self.ids)

    def conversation(self, shop: Shop, buyer_id: int) -> dict[str, Any]:
        key = (shop.shop_id, buyer_id)
        conv = self.conversations.get(key)
        if conv is None:
            conv = self.conversations[key] = {
                "conversation_id": self.new_id() * 1000 + 7,
                "shop_id": shop.shop_id,
                "buyer_id": buyer_id,
                "messages": [],
                "last_read_message_id": "",
                "shop_read_message_id": "",
            }
        return conv

    def issue(self, shop: Shop) -> dict[str, Any]:
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        shop.access[access] = self.now() + ACCESS_TTL
        shop.refresh[refresh] = {"expires": self.now() + REFRESH_TTL, "used_at": None, "next": None}
        return {"access_token": access, "refresh_token": refresh, "expire_in": ACCESS_TTL}


def _ok(**fields: Any) -> JSONResponse:
    return JSONResponse({"request_id": secrets.token_hex(8), "error": "", "message": "", **fields})


def envelope(response: Any) -> JSONResponse:
    return _ok(response=response)


def refusal(error: str, message: str, status: int = 403) -> JSONResponse:
    body = {"request_id": secrets.token_hex(8), "error": error, "message": message}
    return JSONResponse(body, status_code=status)


def create_simulator_app(config: Config | None = None) -> FastAPI:
    world = World(config or Config())
    app = FastAPI(title="Shopee simulator")
    app.state.world = world
    http = httpx.AsyncClient(timeout=10)

    def common(request: Request, *, shop_call: bool) -> tuple[JSONResponse | None, Shop | None]:
        """The checks Shopee makes on every call: rate limit, timestamp, partner, sign, token."""
        cfg = world.config
        q = request.query_params
        if cfg.rate_limit_next > 0:
            cfg.rate_limit_next -= 1
            return refusal("error_rate_limit", "Too many requests, try later", 429), None
        if not q.get("sign"):
            return refusal("error_param", "There is no sign in query", 400), None
        try:
            ts = int(q.get("timestamp") or 0)
        except ValueError:
            return refusal("error_param", "Invalid timestamp", 400), None
        if abs(time.time() - ts) > 300:
            return refusal("error_param", "Timestamp is expired", 400), None
        if q.get("partner_id") != str(cfg.partner_id):
            return refusal("error_param", "Invalid partner_id", 400), None
        base = f"{cfg.partner_id}{request.url.path}{ts}"
        if shop_call:
            token, shop_id = q.get("access_token"), q.get("shop_id")
            if not token or not shop_id or not shop_id.isdigit():
                return refusal("error_param", "access_token and shop_id are required", 400), None
            base += f"{token}{shop_id}"
        if not hmac.compare_digest(_sign(cfg.partner_key, base), q["sign"]):
            return refusal("error_sign", "Wrong sign."), None
        if not shop_call:
            return None, None
        shop = world.shops.get(int(q["shop_id"]))
        if shop is None or shop.revoked:
            return refusal("error_auth", "No permission to current api"), None
        expires = shop.access.get(q["access_token"])
        if expires is None or expires < world.now():
            return refusal("invalid_acceess_token", "Invalid access_token."), None
        return None, shop

    # -- auth ------------------------------------------------------------------------------
    @app.get("/api/v2/shop/auth_partner", response_class=HTMLResponse)
    async def auth_partner(request: Request) -> Response:
        bad, _ = common(request, shop_call=False)
        if bad is not None:
            return bad
        redirect = request.query_params.get("redirect") or ""
        return consent_page(
            title="Shopee Open Platform (simulator)",
            heading="Shopee: ủy quyền ứng dụng Chotdon",
            prompt="Chọn shop để cho phép trò chuyện với người mua:",
            verb="Ủy quyền cho",
            accounts=[
                ConsentChoice(
                    "shop", s.shop_id, s.name, {"shop_id": s.shop_id, "redirect": redirect}
                )
                for s in world.shops.values()
            ],
        )

    @app.get("/_sim/approve")
    async def approve(shop_id: int, redirect: str) -> Response:
        shop = world.shops.get(shop_id)
        if shop is None:
            return JSONResponse({"error": "no such shop"}, status_code=404)
        code = secrets.token_hex(16)
        world.codes[code] = shop_id
        return redirect_back(redirect, {"code": code, "shop_id": shop_id})

    @app.post("/api/v2/auth/token/get")
    async def token_get(request: Request) -> Response:
        bad, _ = common(request, shop_call=False)
        if bad is not None:
            return bad
        body = await request.json()
        shop_id = world.codes.pop(str(body.get("code")), None)  # single use
        if shop_id is None or shop_id != body.get("shop_id"):
            return refusal("error_auth", "Invalid code")
        shop = world.shops[shop_id]
        shop.revoked = False
        return _ok(**world.issue(shop), shop_id_list=[shop_id], merchant_id_list=[])

    @app.post("/api/v2/auth/access_token/get")
    async def token_refresh(request: Request) -> Response:
        bad, _ = common(request, shop_call=False)
        if bad is not None:
            return bad
        body = await request.json()
        shop = world.shops.get(int(body.get("shop_id") or 0))
        if shop is None or shop.revoked:
            return refusal("shop_access_expired", "The shop's authorisation was withdrawn")
        entry = shop.refresh.get(str(body.get("refresh_token")))
        now = world.now()
        if entry is None or entry["expires"] < now:
            return refusal("refresh_token_expired", "Invalid refresh_token.")
        if entry["used_at"] is not None:
            # Single use; within the grace period the same answer is given again (a client
            # whose answer was lost may ask again), after it the token is refused.
            if now - entry["used_at"] > world.config.refresh_reuse_grace_seconds:
                return refusal("error_shop_refresh_token", "refresh_token has been used.")
            pair = entry["next"]
        else:
            pair = world.issue(shop)
            entry["used_at"], entry["next"] = now, pair
        if world.config.lose_next_refresh_answers > 0:
            world.config.lose_next_refresh_answers -= 1
            return Response("upstream timeout", status_code=504)
        return _ok(**pair, partner_id=world.config.partner_id, shop_id=shop.shop_id)

    # -- shop + sellerchat -----------------------------------------------------------------
    @app.get("/api/v2/shop/get_shop_info")
    async def shop_info(request: Request) -> Response:
        bad, shop = common(request, shop_call=True)
        if bad is not None or shop is None:
            return bad or refusal("error_auth", "no shop")
        return _ok(shop_name=shop.name, region="VN", status="NORMAL", shop_logo=None)

    def _conv_out(conv: dict[str, Any]) -> dict[str, Any]:
        last = conv["messages"][-1] if conv["messages"] else None
        return {
            "conversation_id": str(conv["conversation_id"]),
            "to_id": conv["buyer_id"],
            "to_name": world.buyers.get(conv["buyer_id"], ""),
            "to_avatar": "",
            "shop_id": conv["shop_id"],
            "unread_count": sum(
                1
                for m in conv["messages"]
                if m["from_id"] == conv["buyer_id"]
                and m["message_id"] > conv["shop_read_message_id"]
            ),
            "pinned": False,
            "last_read_message_id": conv["last_read_message_id"],
            "latest_message_id": last["message_id"] if last else "",
            "latest_message_type": last["message_type"] if last else "",
            "latest_message_content": last["content"] if last else {},
            "latest_message_from_id": last["from_id"] if last else 0,
            "last_message_timestamp": int(last["created_timestamp"] * 10**9) if last else 0,
        }

    @app.get("/api/v2/sellerchat/get_conversation_list")
    async def conversation_list(request: Request) -> Response:
        bad, shop = common(request, shop_call=True)
        if bad is not None or shop is None:
            return bad or refusal("error_auth", "no shop")
        q = request.query_params
        size = max(1, min(int(q.get("page_size") or 25), 100))
        before = int(q.get("next_timestamp_nano") or 0)
        convs = [
            _conv_out(c)
            for c in world.conversations.values()
            if c["shop_id"] == shop.shop_id and c["messages"]
        ]
        convs.sort(key=lambda c: c["last_message_timestamp"], reverse=True)
        if before:
            convs = [c for c in convs if c["last_message_timestamp"] < before]
        page, more = convs[:size], len(convs) > size
        cursor = {
            "next_message_time_nano": str(page[-1]["last_message_timestamp"]) if page else "0",
            "conversation_id": page[-1]["conversation_id"] if page else "",
        }
        return envelope(
            {
                "conversations": page,
                "page_result": {"page_size": len(page), "more": more, "next_cursor": cursor},
            }
        )

    def _find_conv(shop: Shop, conversation_id: Any) -> dict[str, Any] | None:
        return next(
            (
                c
                for c in world.conversations.values()
                if c["shop_id"] == shop.shop_id
                and str(c["conversation_id"]) == str(conversation_id)
            ),
            None,
        )

    @app.get("/api/v2/sellerchat/get_message")
    async def get_message(request: Request) -> Response:
        bad, shop = common(request, shop_call=True)
        if bad is not None or shop is None:
            return bad or refusal("error_auth", "no shop")
        q = request.query_params
        conv = _find_conv(shop, q.get("conversation_id"))
        if conv is None:
            return refusal("error_param", "conversation not found", 400)
        size = max(1, min(int(q.get("page_size") or 25), 60))
        offset = int(q.get("offset") or 0)
        newest_first = list(reversed(conv["messages"]))
        page = newest_first[offset : offset + size]
        nxt = str(offset + size) if offset + size < len(newest_first) else ""
        return envelope(
            {"messages": page, "page_result": {"page_size": len(page), "next_offset": nxt}}
        )

    @app.post("/api/v2/sellerchat/send_message")
    async def send_message(request: Request) -> Response:
        bad, shop = common(request, shop_call=True)
        if bad is not None or shop is None:
            return bad or refusal("error_auth", "no shop")
        body = await request.json()
        kind = body.get("message_type")
        content = body.get("content") or {}
        if kind not in ("text", "image", "sticker", "item", "order"):
            return refusal("error_param", f"unsupported message_type {kind}", 400)
        if kind == "text" and not content.get("text"):
            return refusal("error_param", "text is empty", 400)
        if kind == "image" and not content.get("image_url"):
            return refusal("error_param", "image_url is required", 400)
        try:
            buyer_id = int(body.get("to_id"))
        except (TypeError, ValueError):
            return refusal("error_param", "to_id is required", 400)
        if buyer_id not in world.buyers:
            return refusal("error_param", "The buyer does not exist", 400)
        conv = world.conversation(shop, buyer_id)
        message = _message(shop, conv, from_shop=True, kind=kind, content=content)
        world.sent.append({"shop_id": shop.shop_id, **message})
        if world.config.echo_api_sends:
            await push(shop, message)
        # conversation_id as a bare number (above 2^53 in real life, channels-api.md §1.3)
        answer = {**message, "conversation_id": conv["conversation_id"]}
        raw = orjson.dumps(
            {"request_id": secrets.token_hex(8), "error": "", "message": "", "response": answer}
        )
        return Response(raw, media_type="application/json")

    @app.post("/api/v2/sellerchat/upload_image")
    async def upload_image(request: Request, file: UploadFile) -> Response:
        bad, shop = common(request, shop_call=True)
        if bad is not None or shop is None:
            return bad or refusal("error_auth", "no shop")
        data = await file.read()
        if len(data) > 2 * 1024 * 1024:
            return refusal("error_param", "The image is larger than 2 MB", 400)
        key = secrets.token_hex(8)
        world.images[key] = data
        url = f"{str(request.base_url).rstrip('/')}/_sim/images/{key}"
        return envelope(
            {
                "url": url,
                "thumbnail": url,
                "thumb_height": 100,
                "thumb_width": 100,
                "url_hash": key,
                "file_server_id": key,
            }
        )

    @app.post("/api/v2/sellerchat/read_conversation")
    async def read_conversation(request: Request) -> Response:
        bad, shop = common(request, shop_call=True)
        if bad is not None or shop is None:
            return bad or refusal("error_auth", "no shop")
        body = await request.json()
        conv = _find_conv(shop, body.get("conversation_id"))
        if conv is None:
            return refusal("error_param", "conversation not found", 400)
        conv["shop_read_message_id"] = str(body.get("last_read_message_id") or "")
        return envelope({})

    @app.get("/api/v2/push/get_lost_push_message")
    async def lost_pushes(request: Request) -> Response:
        bad, _ = common(request, shop_call=False)
        if bad is not None:
            return bad
        page = world.lost[:100]
        return envelope(
            {
                "push_message_list": [{k: v for k, v in p.items() if k != "id"} for p in page],
                "has_next_page": len(world.lost) > 100,
                "last_message_id": page[-1]["id"] if page else None,
            }
        )

    @app.post("/api/v2/push/confirm_consumed_lost_push_message")
    async def confirm_lost(request: Request) -> Response:
        bad, _ = common(request, shop_call=False)
        if bad is not None:
            return bad
        last = int((await request.json()).get("last_message_id") or 0)
        before = len(world.lost)
        world.lost = [p for p in world.lost if p["id"] > last]
        world.lost_confirmed += before - len(world.lost)
        return envelope({})

    # -- messages and pushes ---------------------------------------------------------------
    def _message(
        shop: Shop,
        conv: dict[str, Any],
        *,
        from_shop: bool,
        kind: str,
        content: dict[str, Any],
        at: float | None = None,
    ) -> dict[str, Any]:
        buyer_id = conv["buyer_id"]
        buyer_name = world.buyers.get(buyer_id, "")
        message = {
            "message_id": str(world.new_id()),
            "message_type": kind,
            "from_id": shop.user_id if from_shop else buyer_id,
            "from_shop_id": shop.shop_id if from_shop else 0,
            "from_user_name": shop.name if from_shop else buyer_name,
            "to_id": buyer_id if from_shop else shop.user_id,
            "to_shop_id": 0 if from_shop else shop.shop_id,
            "to_user_name": buyer_name if from_shop else shop.name,
            "conversation_id": str(conv["conversation_id"]),
            "created_timestamp": int(at if at is not None else world.now()),
            "region": "VN",
            "status": "normal",
            "source": "web",
            "content": content,
            "source_content": {k: content[k] for k in ("order_sn", "item_id") if k in content},
            "message_option": 0,
        }
        conv["messages"].append(message)
        return message

    async def push(shop: Shop, message: dict[str, Any]) -> str:
        content = {**message, "shop_id": message["from_shop_id"]}
        body = {
            "msg_id": "",
            "data": {"type": "message", "region": "VN", "content": content},
            "shop_id": shop.shop_id,
            "code": 10,
            "timestamp": int(world.now()),
        }
        return await deliver(body)

    async def deliver(body: dict[str, Any]) -> str:
        cfg = world.config
        raw = orjson.dumps(body)
        entry: dict[str, Any] = {"body": body, "status": None}
        world.pushes.append(entry)
        if cfg.drop_next_pushes > 0 or not cfg.webhook_url:
            cfg.drop_next_pushes = max(0, cfg.drop_next_pushes - 1)
            _to_lost(body)
            entry["status"] = "dropped"
            return "dropped"
        headers = {"Content-Type": "application/json"}
        if cfg.signature_mode != "missing":
            signed = cfg.webhook_url.encode() + b"|" + raw
            sig = hmac.new(cfg.partner_key.encode(), signed, hashlib.sha256).hexdigest()
            headers["Authorization"] = sig if cfg.signature_mode == "ok" else "0" * 64
        if await post_with_retries(
            http,
            cfg.webhook_url,
            raw,
            headers,
            entry,
            retries=cfg.push_retries,
            delay=cfg.push_retry_delay,
        ):
            return "delivered"
        _to_lost(body)
        return "lost"

    def _to_lost(body: dict[str, Any]) -> None:
        world.lost.append(
            {
                "id": world.new_id(),
                "shop_id": body["shop_id"],
                "code": body["code"],
                "timestamp": body["timestamp"],
                "data": orjson.dumps(body["data"]).decode(),  # a JSON string, as on Shopee
            }
        )

    # -- control API -----------------------------------------------------------------------
    @app.get("/_sim/images/{key}")
    async def image(key: str) -> Response:
        data = world.images.get(key)
        return Response(data or b"", media_type="image/png", status_code=200 if data else 404)

    @app.post("/_sim/shops")
    async def create_shop(request: Request) -> dict[str, Any]:
        body = await request.json()
        shop_id = int(body.get("shop_id") or world.new_id() % 10**9)
        shop = Shop(shop_id, str(body.get("name") or f"Shop {shop_id}"), world.new_id() % 10**9)
        world.shops[shop_id] = shop
        return {"shop_id": shop_id, "name": shop.name, "user_id": shop.user_id}

    @app.post("/_sim/shops/{shop_id}/expire_token")
    async def expire_token(shop_id: int) -> dict[str, int]:
        shop = world.shops[shop_id]
        for token in shop.access:
            shop.access[token] = 0
        return {"expired": len(shop.access)}

    @app.post("/_sim/shops/{shop_id}/revoke")
    async def revoke(shop_id: int, notify: bool = True) -> dict[str, str]:
        """The seller withdraws the authorisation: tokens die, a code-2 push is sent."""
        shop = world.shops[shop_id]
        shop.revoked = True
        shop.access.clear()
        if notify:
            data = {"shop_id": shop_id}
            now = int(world.now())
            await deliver(
                {"msg_id": "", "data": data, "shop_id": shop_id, "code": 2, "timestamp": now}
            )
        return {"status": "revoked"}

    @app.post("/_sim/buyer_writes")
    async def buyer_writes(request: Request) -> dict[str, Any]:
        """`{shop_id, buyer_id?, name?, text?, message_type?, content?, ago_seconds?, push?}`;
        answers once the push was delivered (or dropped / lost)."""
        body = await request.json()
        shop = world.shops[int(body["shop_id"])]
        buyer_id = int(body.get("buyer_id") or world.new_id() % 10**9)
        world.buyers.setdefault(buyer_id, str(body.get("name") or f"buyer_{buyer_id}"))
        kind = body.get("message_type") or "text"
        content = body.get("content") or {"text": body.get("text") or ""}
        conv = world.conversation(shop, buyer_id)
        at = world.now() - float(body.get("ago_seconds") or 0)
        message = _message(shop, conv, from_shop=False, kind=kind, content=content, at=at)
        outcome = "silent" if body.get("push") is False else await push(shop, message)
        return {
            "message": message,
            "buyer_id": buyer_id,
            "push": outcome,
            "conversation_id": str(conv["conversation_id"]),
        }

    @app.post("/_sim/shop_writes")
    async def shop_writes(request: Request) -> dict[str, Any]:
        """The seller answers in Shopee's own Seller Centre: an echo push."""
        body = await request.json()
        shop = world.shops[int(body["shop_id"])]
        conv = world.conversation(shop, int(body["buyer_id"]))
        content = {"text": body["text"]}
        message = _message(shop, conv, from_shop=True, kind="text", content=content)
        return {"message": message, "push": await push(shop, message)}

    add_push_routes(app, world, "shop_id", deliver)

    @app.get("/_sim/state")
    async def state() -> dict[str, Any]:
        return {
            "lost": len(world.lost),
            "lost_confirmed": world.lost_confirmed,
            "pushes": [{"code": p["body"]["code"], "status": p["status"]} for p in world.pushes],
            "conversations": [
                {
                    "conversation_id": str(c["conversation_id"]),
                    "shop_id": c["shop_id"],
                    "buyer_id": c["buyer_id"],
                    "messages": len(c["messages"]),
                    "shop_read_message_id": c["shop_read_message_id"],
                }
                for c in world.conversations.values()
            ],
            "shops": {
                str(s.shop_id): {"name": s.name, "revoked": s.revoked, "tokens": len(s.access)}
                for s in world.shops.values()
            },
        }

    scenario = add_control_routes(app, world, http)

    @app.post("/_sim/scenario")
    async def start_scenario(request: Request) -> dict[str, str]:
        """`{shop_id, interval_seconds}`: buyers keep writing (the demo of `make run`)."""
        body = await request.json()
        shop = world.shops[int(body["shop_id"])]
        buyers = [
            (7001, "ngoc.anh98", "Shop ơi mẫu này còn size S không ạ?"),
            (7002, "hoangminh_hcm", "Đơn của mình bao giờ giao vậy shop?"),
            (7003, "thu.trang", "Cho mình xin bảng màu với ạ"),
            (7004, "lan.nguyen", "Shop có freeship không, sđt mình 0912345678"),
        ]

        async def write(i: int) -> None:
            buyer_id, name, text = buyers[i % len(buyers)]
            world.buyers.setdefault(buyer_id, name)
            conv = world.conversation(shop, buyer_id)
            message = _message(shop, conv, from_shop=False, kind="text", content={"text": text})
            await push(shop, message)

        scenario.repeat(write, float(body.get("interval_seconds") or 8))
        return {"status": "running"}

    return app
