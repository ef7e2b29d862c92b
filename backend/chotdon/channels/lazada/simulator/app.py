"""A Lazada Open Platform simulator (IM chat), faithful to channels-api.md §3.

Serves what our client calls under `/rest` (signed: `sign` = upper-case hex HMAC-SHA256 of the
API path + sorted `name+value` params): the token service (`/auth/token/create`,
`/auth/token/refresh`), `/seller/get`, IM sessions and messages (list / get / send / read),
`/image/upload`; the seller's consent page (`/oauth/authorize`); signed pushes (LPM: header
`Authorization` = hex HMAC-SHA256(app_secret, app_key + body)) to our `/webhooks/lazada`,
retried `push_retries` times `push_retry_interval` seconds apart (Lazada: 12 × 30 min; tests
scale the interval down); and a control API under `/_sim`.

Envelopes: success `{"code": "0", "data": …, "request_id"}` (the token service answers at the
top level); errors `{"type": "ISV", "code", "message", "request_id"}` with HTTP 200. Paging:
newest first, `start_time` (ms) + `last_session_id` / `last_message_id` for ties, `has_more`,
`next_start_time`. What §3 marks as not found or low-trust is a setting (`POST /_sim/config`):
`push_retries`, `push_retry_interval`, `echo_api_sends`, `access_ttl`, `refresh_ttl`,
`enforce_initiated_rules`, `initiated_daily_limit`, `initiated_order_days`, `rate_limit_next`,
`lose_next_refresh_answers`, `fail_next_deliveries`, `signature_mode`.

Run alone: `python -m chotdon.channels.lazada.simulator --port 8003 --webhook-url URL`.
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
    redirect_back,
)

TEXT, PICTURE, ITEM, ORDER = 1, 3, 10006, 10007
SEND_TEMPLATES = {1, 3, 4, 6, 10006, 10007, 10008}


def api_sign(secret: str, path: str, params: dict[str, str]) -> str:
    base = path + "".join(f"{k}{params[k]}" for k in sorted(params) if k != "sign")
    return hmac.new(secret.encode(), base.encode(), hashlib.sha256).hexdigest().upper()


@dataclass
class Seller:
    seller_id: int
    name: str
    user_id: int  # the seller's IM account id
    access: dict[str, float] = field(default_factory=dict)  # token -> expiry (sim clock)
    refresh: dict[str, float] = field(default_factory=dict)
    revoked: bool = False


@dataclass
class Config:
    webhook_url: str | None = None
    app_key: str = "100001"
    app_secret: str = "lazada-dev-app-secret-change-me"
    signature_mode: str = "ok"  # ok | wrong | missing
    push_retries: int = 12
    push_retry_interval: float = 1800.0
    fail_next_deliveries: int = 0  # attempts that never reach us (network), then retried
    echo_api_sends: bool = True  # type-2 pushes also fire for the shop's own sends
    access_ttl: int = 7 * 86400  # an app in test status (30 d online)
    refresh_ttl: int = 14 * 86400  # (180 d online)
    rate_limit_next: int = 0
    lose_next_refresh_answers: int = 0
    enforce_initiated_rules: bool = True
    initiated_daily_limit: int = 5
    initiated_order_days: int = 30


class World:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.ids = itertools.count(int(time.time()) * 1000)
        self.reset()

    def reset(self) -> None:
        for task in getattr(self, "retries", set()):
            task.cancel()
        self.clock_offset = 0.0
        self.sellers: dict[int, Seller] = {}
        self.codes: dict[str, int] = {}
        self.sessions: dict[tuple[int, int], dict[str, Any]] = {}
        self.buyers: dict[int, str] = {}
        self.orders: dict[tuple[int, int], float] = {}  # (seller, buyer) -> last order time
        self.pushes: list[dict[str, Any]] = []
        self.images: dict[str, bytes] = {}
        self.sent: list[dict[str, Any]] = []
        self.retries: set[asyncio.Task[None]] = set()

    def now(self) -> float:
        return time.time() + self.clock_offset

    def new_id(self) -> int:
        return next(self.ids)

    def session(self, seller: Seller, buyer_id: int) -> dict[str, Any]:
        key = (seller.seller_id, buyer_id)
        found = self.sessions.get(key)
        if found is None:
            found = self.sessions[key] = {
                "session_id": f"{seller.user_id}_2_{buyer_id}_1_103",
                "seller_id": seller.seller_id,
                "buyer_id": buyer_id,
                "messages": [],
                "buyer_read_ms": 0,
                "seller_read_message_id": "",
            }
        return found

    def issue(self, seller: Seller) -> dict[str, Any]:
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        seller.access[access] = self.now() + self.config.access_ttl
        seller.refresh[refresh] = self.now() + self.config.refresh_ttl
        return {
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": self.config.access_ttl,
            "refresh_expires_in": self.config.refresh_ttl,
            "country": "vn",
            "account_platform": "seller_center",
            "account": f"seller{seller.seller_id}@example.vn",
            "country_user_info": [
                {
                    "country": "vn",
                    "seller_id": str(seller.seller_id),
                    "user_id": str(seller.user_id),
                    "short_code": f"VN{seller.seller_id % 100000}",
                }
            ],
        }


def _rid() -> str:
    return secrets.token_hex(8)


def ok(data: Any = None, **top: Any) -> JSONResponse:
    body: dict[str, Any] = {"code": "0", "request_id": _rid(), **top}
    if data is not None:
        body["data"] = data
    return JSONResponse(body)


def refusal(code: str, message: str, kind: str = "ISV") -> JSONResponse:
    """Lazada's error envelope: HTTP 200 with a non-zero `code`."""
    return JSONResponse({"type": kind, "code": code, "message": message, "request_id": _rid()})


def create_simulator_app(config: Config | None = None) -> FastAPI:
    world = World(config or Config())
    app = FastAPI(title="Lazada simulator")
    app.state.world = world
    http = httpx.AsyncClient(timeout=10)
    scenario = add_control_routes(app, world, http)

    async def params_of(request: Request) -> dict[str, str]:
        values = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            values.update({k: v for k, v in form.items() if isinstance(v, str)})
        return values

    async def common(
        request: Request, api_path: str, *, seller_call: bool
    ) -> tuple[JSONResponse | None, Seller | None, dict[str, str]]:
        """Lazada's checks on every call: rate limit, system params, sign, token."""
        cfg = world.config
        p = await params_of(request)
        if cfg.rate_limit_next > 0:
            cfg.rate_limit_next -= 1
            return refusal("ApiCallLimit", "The request has exceeded the limit"), None, p
        for name in ("app_key", "timestamp", "sign_method", "sign"):
            if not p.get(name):
                return refusal("MissingParameter", f"Missing parameter: {name}"), None, p
        if p["app_key"] != cfg.app_key:
            return refusal("InvalidAppKey", "The specified app key is invalid"), None, p
        if p["sign_method"] != "sha256":
            return refusal("InvalidSignMethod", "Unsupported sign_method"), None, p
        try:
            ts = int(p["timestamp"]) / 1000
        except ValueError:
            return refusal("InvalidTimestamp", "Invalid timestamp"), None, p
        if abs(time.time() - ts) > 7200:
            return refusal("InvalidTimestamp", "Timestamp is out of range"), None, p
        if not hmac.compare_digest(api_sign(cfg.app_secret, api_path, p), p["sign"]):
            return (
                refusal(
                    "IncompleteSignature",
                    "The request signature does not conform to platform standards",
                ),
                None,
                p,
            )
        if not seller_call:
            return None, None, p
        token = p.get("access_token") or ""
        seller = next((s for s in world.sellers.values() if token in s.access), None)
        if seller is None or seller.revoked or seller.access[token] < world.now():
            return (
                refusal("IllegalAccessToken", "The specified access token is invalid or expired"),
                None,
                p,
            )
        return None, seller, p

    # -- authorisation ---------------------------------------------------------------------
    @app.get("/oauth/authorize", response_class=HTMLResponse)
    async def authorize(
        client_id: str = "", redirect_uri: str = "", state: str = "", response_type: str = ""
    ) -> Response:
        if client_id != world.config.app_key or response_type != "code" or not redirect_uri:
            return HTMLResponse("<h1>Invalid authorisation request</h1>", status_code=400)
        return consent_page(
            title="Lazada Open Platform (simulator)",
            heading="Lazada: ủy quyền ứng dụng Chotdon",
            prompt="Đăng nhập Seller Center và chọn shop:",
            verb="Ủy quyền cho",
            accounts=[
                ConsentChoice(
                    "seller",
                    s.seller_id,
                    s.name,
                    {"seller_id": s.seller_id, "redirect_uri": redirect_uri, "state": state},
                )
                for s in world.sellers.values()
            ],
        )

    @app.get("/_sim/approve")
    async def approve(seller_id: int, redirect_uri: str, state: str = "") -> Response:
        if seller_id not in world.sellers:
            return JSONResponse({"error": "no such seller"}, status_code=404)
        code = secrets.token_hex(16)
        world.codes[code] = seller_id
        return redirect_back(redirect_uri, {"code": code, "state": state})

    @app.post("/rest/auth/token/create")
    async def token_create(request: Request) -> Response:
        bad, _, p = await common(request, "/auth/token/create", seller_call=False)
        if bad is not None:
            return bad
        seller_id = world.codes.pop(p.get("code") or "", None)  # single use
        if seller_id is None:
            return refusal("InvalidCode", "Invalid authorization code")
        seller = world.sellers[seller_id]
        seller.revoked = False
        return ok(**world.issue(seller))

    @app.post("/rest/auth/token/refresh")
    async def token_refresh(request: Request) -> Response:
        bad, _, p = await common(request, "/auth/token/refresh", seller_call=False)
        if bad is not None:
            return bad
        token = p.get("refresh_token") or ""
        seller = next((s for s in world.sellers.values() if token in s.refresh), None)
        if seller is None or seller.revoked or seller.refresh[token] < world.now():
            return refusal(
                "IllegalRefreshToken", "The specified refresh token is invalid or expired"
            )
        pair = world.issue(seller)
        if world.config.lose_next_refresh_answers > 0:
            world.config.lose_next_refresh_answers -= 1
            return Response("upstream timeout", status_code=504)
        return ok(**pair)

    @app.get("/rest/seller/get")
    async def seller_get(request: Request) -> Response:
        bad, seller, _ = await common(request, "/seller/get", seller_call=True)
        if bad is not None or seller is None:
            return bad or refusal("IllegalAccessToken", "no seller")
        return ok(
            {
                "name": seller.name,
                "seller_id": seller.seller_id,
                "location": "Hồ Chí Minh",
                "logo_url": None,
                "verified": True,
            }
        )

    # -- IM --------------------------------------------------------------------------------
    def session_out(s: dict[str, Any]) -> dict[str, Any]:
        last = s["messages"][-1] if s["messages"] else None
        content = orjson.loads(last["content"]) if last else {}
        return {
            "session_id": s["session_id"],
            "buyer_id": s["buyer_id"],
            "title": world.buyers.get(s["buyer_id"], ""),
            "summary": content.get("txt", ""),
            "unread_count": sum(
                1
                for m in s["messages"]
                if m["from_account_type"] == 1 and m["message_id"] > s["seller_read_message_id"]
            ),
            "last_message_id": last["message_id"] if last else "",
            "last_message_time": last["send_time"] if last else 0,
            "head_url": f"https://sim.lazcdn.example/avatar/{s['buyer_id']}.jpg",
            "site_id": "VN",
            "self_position": 0,
            "to_position": s["buyer_read_ms"],
            "tags": [],
        }

    def page_of(
        items: list[dict[str, Any]], time_key: str, id_key: str, p: dict[str, str], limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """Newest first; `start_time` (inclusive) with `last_<id>` telling ties apart."""
        items = sorted(items, key=lambda i: (i[time_key], i[id_key]), reverse=True)
        start = int(p.get("start_time") or 0) or int(world.now() * 1000) + 1
        last = p.get(f"last_{id_key}") or None

        def after_cursor(i: dict[str, Any]) -> bool:
            if i[time_key] < start:
                return True
            return i[time_key] == start and last is not None and str(i[id_key]) < last

        rest = [i for i in items if after_cursor(i)]
        return rest[:limit], len(rest) > limit

    def size(p: dict[str, str], default: int, most: int) -> int:
        try:
            return max(1, min(int(p.get("page_size") or default), most))
        except ValueError:
            return default

    @app.get("/rest/im/session/list")
    async def session_list(request: Request) -> Response:
        bad, seller, p = await common(request, "/im/session/list", seller_call=True)
        if bad is not None or seller is None:
            return bad or refusal("IllegalAccessToken", "no seller")
        if not p.get("start_time"):
            return refusal("MissingParameter", "Missing parameter: start_time")
        sessions = [
            session_out(s)
            for s in world.sessions.values()
            if s["seller_id"] == seller.seller_id and s["messages"]
        ]
        page, more = page_of(sessions, "last_message_time", "session_id", p, size(p, 20, 100))
        return ok(
            {
                "session_list": page,
                "has_more": more,
                "next_start_time": page[-1]["last_message_time"] if page else 0,
                "last_session_id": page[-1]["session_id"] if page else "",
            }
        )

    def find_session(seller: Seller, session_id: str | None) -> dict[str, Any] | None:
        return next(
            (
                s
                for s in world.sessions.values()
                if s["seller_id"] == seller.seller_id and s["session_id"] == session_id
            ),
            None,
        )

    @app.get("/rest/im/session/get")
    async def session_get(request: Request) -> Response:
        bad, seller, p = await common(request, "/im/session/get", seller_call=True)
        if bad is not None or seller is None:
            return bad or refusal("IllegalAccessToken", "no seller")
        found = find_session(seller, p.get("session_id"))
        if found is None:
            return refusal("SessionNotFound", "The session does not exist")
        return ok(session_out(found))

    @app.get("/rest/im/message/list")
    async def message_list(request: Request) -> Response:
        bad, seller, p = await common(request, "/im/message/list", seller_call=True)
        if bad is not None or seller is None:
            return bad or refusal("IllegalAccessToken", "no seller")
        found = find_session(seller, p.get("session_id"))
        if found is None:
            return refusal("SessionNotFound", "The session does not exist")
        page, more = page_of(found["messages"], "send_time", "message_id", p, size(p, 20, 50))
        return ok(
            {
                "message_list": page,
                "has_more": more,
                "next_start_time": page[-1]["send_time"] if page else 0,
                "last_message_id": page[-1]["message_id"] if page else "",
            }
        )

    def initiated_refusal(seller: Seller, s: dict[str, Any]) -> JSONResponse | None:
        """Lazada's seller-initiated rules (low-trust, configurable)."""
        cfg = world.config
        if not cfg.enforce_initiated_rules:
            return None
        if any(m["from_account_type"] == 1 for m in s["messages"]):
            return None  # the buyer wrote: unlimited
        ordered = world.orders.get((seller.seller_id, s["buyer_id"]))
        if ordered is None or world.now() - ordered > cfg.initiated_order_days * 86400:
            return refusal(
                "SellerInitiatedNotAllowed",
                "The seller may start a chat only "
                f"within {cfg.initiated_order_days} days of the buyer's order",
            )
        day_ago = (world.now() - 86400) * 1000
        today = sum(1 for m in s["messages"] if m["send_time"] > day_ago)
        if today >= cfg.initiated_daily_limit:
            return refusal(
                "MessageLimitExceeded",
                f"At most {cfg.initiated_daily_limit} messages a day until the buyer replies",
            )
        return None

    @app.post("/rest/im/message/send")
    async def message_send(request: Request) -> Response:
        bad, seller, p = await common(request, "/im/message/send", seller_call=True)
        if bad is not None or seller is None:
            return bad or refusal("IllegalAccessToken", "no seller")
        found = find_session(seller, p.get("session_id"))
        if found is None:
            return refusal("SessionNotFound", "The session does not exist")
        try:
            template = int(p.get("template_id") or 0)
        except ValueError:
            template = 0
        if template not in SEND_TEMPLATES:
            return refusal("InvalidParameter", f"Unsupported template_id {p.get('template_id')}")
        required = {
            1: ("txt",),
            3: ("img_url", "width", "height"),
            10006: ("item_id",),
            10007: ("order_id",),
            10008: ("promotion_id",),
            6: ("video_id",),
            4: ("txt",),
        }
        for name in required[template]:
            if not p.get(name):
                return refusal("MissingParameter", f"Missing parameter: {name}")
        refused = initiated_refusal(seller, found)
        if refused is not None:
            return refused
        content = {
            1: {"txt": p.get("txt")},
            4: {"txt": p.get("txt")},
            3: {"imgUrl": p.get("img_url"), "width": p.get("width"), "height": p.get("height")},
            10006: {"itemId": p.get("item_id"), "title": f"Sản phẩm {p.get('item_id')}"},
            10007: {"orderId": p.get("order_id")},
            10008: {"promotionId": p.get("promotion_id")},
            6: {"videoId": p.get("video_id")},
        }[template]
        message = add_message(seller, found, from_seller=True, template=template, content=content)
        world.sent.append({"seller_id": seller.seller_id, **message})
        if world.config.echo_api_sends:
            background(push(seller, message))
        return ok({"message_id": message["message_id"]})

    @app.post("/rest/im/session/read")
    async def session_read(request: Request) -> Response:
        bad, seller, p = await common(request, "/im/session/read", seller_call=True)
        if bad is not None or seller is None:
            return bad or refusal("IllegalAccessToken", "no seller")
        found = find_session(seller, p.get("session_id"))
        if found is None:
            return refusal("SessionNotFound", "The session does not exist")
        if not p.get("last_read_message_id"):
            return refusal("MissingParameter", "Missing parameter: last_read_message_id")
        found["seller_read_message_id"] = p["last_read_message_id"]
        return ok({})

    @app.post("/rest/image/upload")
    async def image_upload(request: Request) -> Response:
        bad, _, _ = await common(request, "/image/upload", seller_call=True)
        if bad is not None:
            return bad
        form = await request.form()
        upload = form.get("image")
        if upload is None or isinstance(upload, str):
            return refusal("MissingParameter", "Missing parameter: image")
        data = await upload.read()
        if len(data) > 3 * 1024 * 1024:
            return refusal("ImageTooLarge", "The image is larger than 3 MB")
        key = secrets.token_hex(8)
        world.images[key] = data
        url = f"{str(request.base_url).rstrip('/')}/_sim/images/{key}"
        return ok({"image": {"url": url, "hash_code": key}})

    # -- messages and pushes ---------------------------------------------------------------
    def add_message(
        seller: Seller,
        s: dict[str, Any],
        *,
        from_seller: bool,
        template: int,
        content: dict[str, Any],
        at: float | None = None,
    ) -> dict[str, Any]:
        buyer_id = s["buyer_id"]
        message = {
            "message_id": str(world.new_id()),
            "session_id": s["session_id"],
            "template_id": template,
            "type": 1,
            "content": orjson.dumps(content).decode(),  # a JSON string, as on Lazada
            "from_account_id": str(seller.user_id if from_seller else buyer_id),
            "from_account_type": 2 if from_seller else 1,
            "to_account_id": str(buyer_id if from_seller else seller.user_id),
            "to_account_type": 1 if from_seller else 2,
            "send_time": int((at if at is not None else world.now()) * 1000),
            "status": 0,
            "auto_reply": False,
            "process_msg": "",
            "site_id": "VN",
        }
        s["messages"].append(message)
        s["messages"].sort(key=lambda m: (m["send_time"], m["message_id"]))
        return message

    def envelope(seller: Seller, message_type: int, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "seller_id": str(seller.seller_id),
            "message_type": message_type,
            "data": data,
            "timestamp": int(world.now() * 1000),
            "site": "lazada_vn",
        }

    async def push(seller: Seller, message: dict[str, Any]) -> str:
        return await deliver(envelope(seller, 2, dict(message)))

    async def attempt(raw: bytes, entry: dict[str, Any]) -> bool:
        cfg = world.config
        entry["attempts"] += 1
        if cfg.fail_next_deliveries > 0:
            cfg.fail_next_deliveries -= 1
            entry["status"] = "network"
            return False
        if not cfg.webhook_url:
            entry["status"] = "no-webhook"
            return False
        headers = {"Content-Type": "application/json"}
        if cfg.signature_mode != "missing":
            sig = hmac.new(
                cfg.app_secret.encode(), cfg.app_key.encode() + raw, hashlib.sha256
            ).hexdigest()
            headers["Authorization"] = sig if cfg.signature_mode == "ok" else "0" * 64
        try:
            r = await http.post(cfg.webhook_url, content=raw, headers=headers)
        except httpx.HTTPError as exc:
            entry["status"] = type(exc).__name__
            return False
        entry["status"] = r.status_code
        return 200 <= r.status_code < 300

    async def deliver(body: dict[str, Any]) -> str:
        """First attempt now; then `push_retries` more, `push_retry_interval` apart, in the
        background (the answer says `retrying`)."""
        raw = orjson.dumps(body)
        entry: dict[str, Any] = {"body": body, "status": None, "attempts": 0}
        world.pushes.append(entry)
        if await attempt(raw, entry):
            return "delivered"
        if world.config.push_retries <= 0:
            return "lost"

        async def retry() -> None:
            for _ in range(world.config.push_retries):
                await asyncio.sleep(world.config.push_retry_interval)
                if await attempt(raw, entry):
                    return
            entry["status"] = f"gave up ({entry['status']})"

        background(retry())
        return "retrying"

    def background(coro: Any) -> None:
        task = asyncio.create_task(coro)
        world.retries.add(task)
        task.add_done_callback(world.retries.discard)

    # -- control API -----------------------------------------------------------------------
    @app.get("/_sim/images/{key}")
    async def image(key: str) -> Response:
        data = world.images.get(key)
        return Response(data or b"", media_type="image/png", status_code=200 if data else 404)

    @app.post("/_sim/sellers")
    async def create_seller(request: Request) -> dict[str, Any]:
        body = await request.json()
        seller_id = int(body.get("seller_id") or world.new_id() % 10**9)
        seller = Seller(
            seller_id, str(body.get("name") or f"Seller {seller_id}"), world.new_id() % 10**9
        )
        world.sellers[seller_id] = seller
        return {"seller_id": seller_id, "name": seller.name, "user_id": seller.user_id}

    @app.post("/_sim/sellers/{seller_id}/expire_token")
    async def expire_token(seller_id: int) -> dict[str, int]:
        seller = world.sellers[seller_id]
        for token in seller.access:
            seller.access[token] = 0
        return {"expired": len(seller.access)}

    @app.post("/_sim/sellers/{seller_id}/revoke")
    async def revoke(seller_id: int) -> dict[str, str]:
        """The subscription ends / the seller withdraws the app: every token dies."""
        seller = world.sellers[seller_id]
        seller.revoked = True
        seller.access.clear()
        seller.refresh.clear()
        return {"status": "revoked"}

    @app.post("/_sim/sellers/{seller_id}/token_expiring")
    async def token_expiring(seller_id: int) -> dict[str, str]:
        """Push type 8: the authorisation expires in 48 h."""
        seller = world.sellers[seller_id]
        data = {"expire_time": int((world.now() + 48 * 3600) * 1000)}
        return {"push": await deliver(envelope(seller, 8, data))}

    def buyer(body: dict[str, Any]) -> int:
        buyer_id = int(body.get("buyer_id") or world.new_id() % 10**9)
        world.buyers.setdefault(buyer_id, str(body.get("name") or f"b***{buyer_id % 100}"))
        return buyer_id

    @app.post("/_sim/buyer_writes")
    async def buyer_writes(request: Request) -> dict[str, Any]:
        """`{seller_id, buyer_id?, name?, text?, template_id?, content?, ago_seconds?, push?}`;
        answers once the first push attempt is done."""
        body = await request.json()
        seller = world.sellers[int(body["seller_id"])]
        buyer_id = buyer(body)
        template = int(body.get("template_id") or TEXT)
        content = body.get("content") or {"txt": body.get("text") or ""}
        s = world.session(seller, buyer_id)
        at = world.now() - float(body.get("ago_seconds") or 0)
        message = add_message(
            seller, s, from_seller=False, template=template, content=content, at=at
        )
        outcome = "silent" if body.get("push") is False else await push(seller, message)
        return {
            "message": message,
            "buyer_id": buyer_id,
            "push": outcome,
            "session_id": s["session_id"],
        }

    @app.post("/_sim/shop_writes")
    async def shop_writes(request: Request) -> dict[str, Any]:
        """The seller writes in Lazada Seller Center (to a new buyer too: seller-initiated)."""
        body = await request.json()
        seller = world.sellers[int(body["seller_id"])]
        buyer_id = buyer(body)
        s = world.session(seller, buyer_id)
        message = add_message(
            seller, s, from_seller=True, template=TEXT, content={"txt": body.get("text") or ""}
        )
        outcome = "silent" if body.get("push") is False else await push(seller, message)
        return {
            "message": message,
            "push": outcome,
            "session_id": s["session_id"],
            "buyer_id": buyer_id,
        }

    @app.post("/_sim/buyer_reads")
    async def buyer_reads(request: Request) -> dict[str, Any]:
        """The buyer opens the chat: a session update (type 19) with `to_position`."""
        body = await request.json()
        seller = world.sellers[int(body["seller_id"])]
        s = world.session(seller, int(body["buyer_id"]))
        s["buyer_read_ms"] = int(world.now() * 1000)
        data = {
            "sync_type": "SESSION_UPDATE",
            "user_account_id": str(seller.user_id),
            "user_account_type": 2,
            "session_id": s["session_id"],
            "unread_count": 0,
            "to_position": s["buyer_read_ms"],
            "self_position": s["buyer_read_ms"],
            "site_id": "VN",
        }
        return {"push": await deliver(envelope(seller, 19, data))}

    @app.post("/_sim/buyer_orders")
    async def buyer_orders(request: Request) -> dict[str, str]:
        body = await request.json()
        key = (int(body["seller_id"]), buyer(body))
        world.orders[key] = world.now() - float(body.get("ago_seconds") or 0)
        return {"status": "ok"}

    add_push_routes(app, world, "seller_id", deliver)

    @app.get("/_sim/state")
    async def state() -> dict[str, Any]:
        return {
            "pushes": [
                {
                    "message_type": p["body"]["message_type"],
                    "status": p["status"],
                    "attempts": p["attempts"],
                }
                for p in world.pushes
            ],
            "sessions": [
                {
                    "session_id": s["session_id"],
                    "seller_id": s["seller_id"],
                    "buyer_id": s["buyer_id"],
                    "messages": len(s["messages"]),
                    "seller_read_message_id": s["seller_read_message_id"],
                }
                for s in world.sessions.values()
            ],
            "sellers": {
                str(s.seller_id): {"name": s.name, "revoked": s.revoked, "tokens": len(s.access)}
                for s in world.sellers.values()
            },
        }

    @app.post("/_sim/scenario")
    async def start_scenario(request: Request) -> dict[str, str]:
        """`{seller_id, interval_seconds}`: buyers keep writing (the demo of `make run`)."""
        body = await request.json()
        seller = world.sellers[int(body["seller_id"])]
        lines = [
            (8101, "t***n", "Shop ơi áo này còn size M không ạ?"),
            (8102, "h***g", "Đơn mình đặt hôm qua khi nào giao vậy shop?"),
            (8103, "m***i", "Có màu xanh navy không shop"),
            (8104, "p***a", "Gửi giúp mình về số 0987654321 nhé"),
        ]

        async def write(i: int) -> None:
            buyer_id, name, text = lines[i % len(lines)]
            world.buyers.setdefault(buyer_id, name)
            s = world.session(seller, buyer_id)
            message = add_message(
                seller, s, from_seller=False, template=TEXT, content={"txt": text}
            )
            await push(seller, message)

        scenario.repeat(write, float(body.get("interval_seconds") or 10))
        return {"status": "running"}

    return app
