"""A Zalo Official Account simulator, faithful to channels-api.md §4 (OA API v3, OAuth v4).

Serves what our client calls: the consent page (`/v4/oa/permission`, PKCE S256 checked at the
token call), `POST /v4/oa/access_token` (authorization code + `code_verifier`, single-use
refresh tokens, `secret_key` header), the OA API with the `access_token` header (`getoa`,
`listrecentchat`, `conversation`, `message/cs`, `upload/image`, `upload/file`) with Zalo's
`{error, message, data}` envelope (-216 for a bad token), and signed webhook events to our
`/webhooks/zalo` (`X-ZEvent-Signature: mac=sha256(app_id + body + timestamp + OA secret key)`).

The send API applies Zalo's rules as configured (`POST /_sim/config`, the sources disagree):
`free_reply_hours` (48), `free_replies` (8), `proactive_days` (7), `proactive_quota` (monthly
proactive messages of a verified OA; 0 = not verified). Unknown error codes are the
simulator's own, flagged so: -230 (no interaction within 7 days), -224 (quota used: unknown),
-32 (rate limit: unknown).

Control API under `/_sim`: create OAs, follower writes (every `user_send_*` event), the OA
writes from Zalo's tools (`oa_send_*`), seen/received receipts, follow/unfollow, shared info,
token expiry and revocation, dropped or unsigned deliveries, what was sent, and a send's echo
delivered before its answer with the answer held (`echo_before_answer`, `hold_answers`,
`/_sim/release_answers`).

Run alone: `python -m chotdon.channels.zalo.simulator --port 8003 --webhook-url URL`.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
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

ACCESS_TTL = 25 * 3600
REFRESH_TTL = 90 * 86400
MAX_IMAGE = 1024 * 1024
MAX_FILE = 5 * 1024 * 1024
FILE_TYPES = (".pdf", ".doc", ".docx", ".csv")


@dataclass
class OA:
    oa_id: str
    name: str
    access: dict[str, float] = field(default_factory=dict)  # token -> expiry (sim clock)
    refresh: dict[str, float] = field(default_factory=dict)  # token -> expiry; single use
    revoked: bool = False
    proactive_used: int = 0


@dataclass
class Config:
    webhook_url: str | None = None
    app_id: str = "1163843031413526746"
    app_secret: str = "zalo-dev-app-secret-change-me"
    oa_secret_key: str = "zalo-dev-oa-secret-key-change-me"
    signature_mode: str = "ok"  # ok | wrong | missing
    push_retries: int = 2
    push_retry_delay: float = 0.05
    drop_next_pushes: int = 0
    lose_next_refresh_answers: int = 0
    rate_limit_next: int = 0
    echo_api_sends: bool = True  # Zalo sends oa_send_* for the OA's API sends too
    # The race of a send: the echo is delivered before the answer (else after, as a task);
    # `hold_answers` keeps each send's answer until `POST /_sim/release_answers`.
    echo_before_answer: bool = False
    hold_answers: bool = False
    free_reply_hours: float = 48
    free_replies: int = 8
    proactive_days: float = 7
    proactive_quota: int = 0


def challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def signature(config: Config, body: bytes, timestamp: str) -> str:
    data = config.app_id.encode() + body + timestamp.encode() + config.oa_secret_key.encode()
    return "mac=" + hashlib.sha256(data).hexdigest()


def ok(data: Any = None) -> JSONResponse:
    return JSONResponse(
        {"error": 0, "message": "Success", "data": data if data is not None else {}}
    )


def fail(error: int, message: str) -> JSONResponse:
    return JSONResponse({"error": error, "message": message})  # Zalo answers 200 with an error


def oauth_fail(error: int, name: str, description: str) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_name": name, "error_description": description}, status_code=400
    )


class World:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.ids = itertools.count(int(time.time() * 1000) * 1000)
        self.reset()

    def reset(self) -> None:
        self.clock_offset = 0.0
        self.oas: dict[str, OA] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.users: dict[tuple[str, str], dict[str, Any]] = {}  # (oa, user) -> profile
        self.messages: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # The follower's last interaction that is not a message (follow, shared info).
        self.interactions: dict[tuple[str, str], float] = {}
        self.deliveries: list[dict[str, Any]] = []
        self.uploads: dict[str, bytes] = {}
        self.sent: list[dict[str, Any]] = []
        released = getattr(self, "released", None)
        if released is not None:
            released.set()  # a held answer of the previous test goes out
        self.released = asyncio.Event()
        self.held = 0

    def now(self) -> float:
        return time.time() + self.clock_offset

    def new_id(self) -> str:
        return str(next(self.ids))

    def issue(self, oa: OA) -> dict[str, Any]:
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        oa.access[access] = self.now() + ACCESS_TTL
        oa.refresh[refresh] = self.now() + REFRESH_TTL
        return {"access_token": access, "refresh_token": refresh, "expires_in": str(ACCESS_TTL)}

    def user(self, oa: OA, user_id: str | None, name: str | None = None) -> str:
        uid = user_id or str(next(self.ids) % 10**19)
        profile = self.users.setdefault(
            (oa.oa_id, uid), {"display_name": name or f"Zalo {uid[-4:]}", "avatar": ""}
        )
        if name:
            profile["display_name"] = name
        self.messages.setdefault((oa.oa_id, uid), [])
        return uid


def create_simulator_app(config: Config | None = None) -> FastAPI:
    world = World(config or Config())
    app = FastAPI(title="Zalo OA simulator")
    app.state.world = world
    http = httpx.AsyncClient(timeout=10)

    def oa_of(request: Request) -> tuple[JSONResponse | None, OA | None]:
        """The checks Zalo makes on an OA call: rate limit, the `access_token` header."""
        cfg = world.config
        if cfg.rate_limit_next > 0:
            cfg.rate_limit_next -= 1
            return fail(-32, "Request is rate limited (simulator: code unknown)"), None
        token = request.headers.get("access_token") or ""
        for oa in world.oas.values():
            expires = oa.access.get(token)
            if expires is not None and not oa.revoked:
                if expires < world.now():
                    break
                return None, oa
        return fail(-216, "Access token is invalid"), None

    def data_param(request: Request) -> dict[str, Any]:
        try:
            value = orjson.loads(request.query_params.get("data") or "{}")
        except orjson.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}

    # -- OAuth v4 --------------------------------------------------------------------------
    @app.get("/v4/oa/permission", response_class=HTMLResponse)
    async def permission(request: Request) -> Response:
        q = request.query_params
        if q.get("app_id") != world.config.app_id:
            return HTMLResponse("<h1>Ứng dụng không tồn tại</h1>", status_code=400)
        query = {
            "redirect_uri": q.get("redirect_uri") or "",
            "state": q.get("state") or "",
            "code_challenge": q.get("code_challenge") or "",
        }
        return consent_page(
            title="Zalo Official Account (simulator)",
            heading="Zalo: cấp quyền cho ứng dụng Chotdon",
            prompt="Chọn Official Account để cho phép quản lý tin nhắn:",
            verb="Cho phép",
            accounts=[
                ConsentChoice("oa", oa.oa_id, oa.name, {"oa_id": oa.oa_id, **query})
                for oa in world.oas.values()
            ],
        )

    @app.get("/_sim/approve")
    async def approve(
        oa_id: str, redirect_uri: str, state: str, code_challenge: str = ""
    ) -> Response:
        if oa_id not in world.oas:
            return JSONResponse({"error": "no such OA"}, status_code=404)
        code = secrets.token_urlsafe(32)
        world.codes[code] = {
            "oa_id": oa_id,
            "challenge": code_challenge,
            "expires": world.now() + 600,
        }
        return redirect_back(redirect_uri, {"oa_id": oa_id, "code": code, "state": state})

    @app.post("/v4/oa/access_token")
    async def access_token(request: Request) -> Response:
        cfg = world.config
        form = await request.form()
        if request.headers.get("secret_key") != cfg.app_secret:
            return oauth_fail(-14001, "Invalid secret key", "secret_key header is wrong")
        if form.get("app_id") != cfg.app_id:
            return oauth_fail(-14002, "Invalid app id", "app_id is wrong")
        grant = form.get("grant_type")
        if grant == "authorization_code":
            entry = world.codes.pop(str(form.get("code") or ""), None)  # single use
            if entry is None or entry["expires"] < world.now():
                return oauth_fail(-14019, "Invalid authorization code", "code is invalid")
            verifier = str(form.get("code_verifier") or "")
            if entry["challenge"] and challenge_of(verifier) != entry["challenge"]:
                return oauth_fail(-14016, "Invalid code verifier", "code_verifier mismatch")
            granted = world.oas[entry["oa_id"]]
            granted.revoked = False
            return JSONResponse(world.issue(granted))
        if grant == "refresh_token":
            token = str(form.get("refresh_token") or "")
            oa = next((o for o in world.oas.values() if token in o.refresh), None)
            if oa is None or oa.revoked:
                return oauth_fail(-14014, "Invalid refresh token", "refresh_token is invalid")
            expires = oa.refresh.pop(token)  # single use, even when the answer is lost
            if expires < world.now():
                return oauth_fail(-14020, "Refresh token expired", "refresh_token expired")
            pair = world.issue(oa)
            if cfg.lose_next_refresh_answers > 0:
                cfg.lose_next_refresh_answers -= 1
                return Response("upstream timeout", status_code=504)
            return JSONResponse(pair)
        return oauth_fail(-14003, "Invalid grant type", "grant_type is wrong")

    # -- OA API ----------------------------------------------------------------------------
    @app.get("/v2.0/oa/getoa")
    async def getoa(request: Request) -> Response:
        bad, oa = oa_of(request)
        if bad is not None or oa is None:
            return bad or fail(-216, "Access token is invalid")
        return ok(
            {
                "oa_id": oa.oa_id,
                "name": oa.name,
                "description": "",
                "avatar": "",
                "is_verified": world.config.proactive_quota > 0,
            }
        )

    def _item(oa: OA, uid: str, m: dict[str, Any]) -> dict[str, Any]:
        profile = world.users[(oa.oa_id, uid)]
        from_oa = m["src"] == 0
        return {
            "src": m["src"],
            "time": int(m["at"] * 1000),
            "sent_time": time.strftime("%H:%M:%S %d/%m/%Y", time.localtime(m["at"])),
            "from_id": oa.oa_id if from_oa else uid,
            "from_display_name": oa.name if from_oa else profile["display_name"],
            "from_avatar": "" if from_oa else profile["avatar"],
            "to_id": uid if from_oa else oa.oa_id,
            "to_display_name": profile["display_name"] if from_oa else oa.name,
            "to_avatar": profile["avatar"] if from_oa else "",
            "message_id": m["msg_id"],
            "type": m["type"],
            "message": m.get("text"),
            "url": m.get("url"),
            "thumb": m.get("url"),
        }

    @app.get("/v2.0/oa/listrecentchat")
    async def listrecentchat(request: Request) -> Response:
        bad, oa = oa_of(request)
        if bad is not None or oa is None:
            return bad or fail(-216, "Access token is invalid")
        data = data_param(request)
        offset, count = int(data.get("offset") or 0), int(data.get("count") or 5)
        if count > 10:
            return fail(-201, "count must be at most 10")
        latest = [
            _item(oa, uid, msgs[-1])
            for (oa_id, uid), msgs in world.messages.items()
            if oa_id == oa.oa_id and msgs
        ]
        latest.sort(key=lambda i: i["time"], reverse=True)
        return ok(latest[offset : offset + count])

    @app.get("/v2.0/oa/conversation")
    async def conversation(request: Request) -> Response:
        bad, oa = oa_of(request)
        if bad is not None or oa is None:
            return bad or fail(-216, "Access token is invalid")
        data = data_param(request)
        uid = str(data.get("user_id") or "")
        offset, count = int(data.get("offset") or 0), int(data.get("count") or 5)
        if count > 10:
            return fail(-201, "count must be at most 10")
        if (oa.oa_id, uid) not in world.users:
            return fail(-201, "user_id is invalid")
        newest_first = list(reversed(world.messages[(oa.oa_id, uid)]))
        return ok([_item(oa, uid, m) for m in newest_first[offset : offset + count]])

    @app.get("/v3.0/oa/user/detail")
    async def user_detail(request: Request) -> Response:
        bad, oa = oa_of(request)
        if bad is not None or oa is None:
            return bad or fail(-216, "Access token is invalid")
        uid = str(data_param(request).get("user_id") or "")
        profile = world.users.get((oa.oa_id, uid))
        if profile is None:
            return fail(-213, "User has not followed the OA or does not exist")
        avatar = profile["avatar"]
        return ok(
            {
                "user_id": uid,
                "user_id_by_app": f"9{uid[-10:]}",
                "display_name": profile["display_name"],
                "avatar": avatar,
                "avatars": {"120": avatar, "240": avatar},
                "user_is_follower": True,
            }
        )

    def _rule(oa: OA, uid: str) -> JSONResponse | None:
        """Zalo's sending rules for the next CS message to `uid` (None: allowed)."""
        cfg = world.config
        msgs = world.messages.get((oa.oa_id, uid), [])
        times = [m["at"] for m in msgs if m["src"] == 1]
        times += [world.interactions.get((oa.oa_id, uid), 0.0)]
        last_in = max(times)
        if not last_in:
            return fail(-230, "User has not interacted with the OA in the last 7 days")
        age = world.now() - last_in
        replies = sum(1 for m in msgs if m["src"] == 0 and m["at"] >= last_in)
        if age <= cfg.free_reply_hours * 3600 and replies < cfg.free_replies:
            return None
        if age > cfg.proactive_days * 86400:
            return fail(-230, "User has not interacted with the OA in the last 7 days")
        if oa.proactive_used >= cfg.proactive_quota:
            return fail(-224, "OA has reached the quota of messages (simulator: code unknown)")
        oa.proactive_used += 1
        return None

    @app.post("/v3.0/oa/message/cs")
    async def message_cs(request: Request) -> Response:
        bad, oa = oa_of(request)
        if bad is not None or oa is None:
            return bad or fail(-216, "Access token is invalid")
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return fail(-201, "body is not JSON")
        uid = str((body.get("recipient") or {}).get("user_id") or "")
        message = body.get("message") or {}
        if (oa.oa_id, uid) not in world.users:
            return fail(-201, "user_id is invalid")
        kind, fields = _outgoing(message)
        if kind is None:
            return fail(-201, "message is invalid")
        refused = _rule(oa, uid)
        if refused is not None:
            return refused
        m = _record(oa, uid, src=0, type_=kind, **fields)
        world.sent.append({"oa_id": oa.oa_id, "user_id": uid, "message": message, **m})
        if world.config.echo_api_sends:
            echo = _event(oa, uid, m, f"oa_send_{_event_kind(kind)}")
            if world.config.echo_before_answer:
                await deliver(echo)
            else:
                asyncio.get_running_loop().create_task(deliver(echo))
        if world.config.hold_answers:
            world.held += 1
            await world.released.wait()
        return ok({"message_id": m["msg_id"], "user_id": uid})

    def _outgoing(message: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
        if isinstance(message.get("text"), str) and message["text"].strip():
            return "text", {"text": message["text"]}
        attachment = message.get("attachment") or {}
        payload = attachment.get("payload") or {}
        if attachment.get("type") == "file":
            token = payload.get("token")
            return (
                ("file", {"url": f"/_sim/uploads/{token}"})
                if token in world.uploads
                else (None, {})
            )
        if attachment.get("type") != "template":
            return None, {}
        elements = payload.get("elements") or []
        if payload.get("template_type") == "media" and elements:
            element = elements[0]
            key = element.get("attachment_id")
            if key and key in world.uploads:
                return "photo", {"url": f"/_sim/uploads/{key}"}
            if isinstance(element.get("url"), str):
                return "photo", {"url": element["url"]}
            return None, {}
        if payload.get("template_type") == "list" and elements and elements[0].get("title"):
            return "list", {"text": elements[0]["title"], "elements": elements}
        return None, {}

    async def _upload(request: Request, file: UploadFile, *, image: bool) -> Response:
        bad, oa = oa_of(request)
        if bad is not None or oa is None:
            return bad or fail(-216, "Access token is invalid")
        data = await file.read()
        name = (file.filename or "").lower()
        if image and len(data) > MAX_IMAGE:
            return fail(-210, "The image is larger than 1 MB")
        if not image and (len(data) > MAX_FILE or not name.endswith(FILE_TYPES)):
            return fail(-210, "Only pdf, doc, docx, csv files up to 5 MB")
        key = secrets.token_hex(12)
        world.uploads[key] = data
        return ok({"attachment_id": key} if image else {"token": key})

    @app.post("/v2.0/oa/upload/image")
    async def upload_image(request: Request, file: UploadFile) -> Response:
        return await _upload(request, file, image=True)

    @app.post("/v2.0/oa/upload/file")
    async def upload_file(request: Request, file: UploadFile) -> Response:
        return await _upload(request, file, image=False)

    # -- events ----------------------------------------------------------------------------
    def _record(
        oa: OA, uid: str, *, src: int, type_: str, at: float | None = None, **fields: Any
    ) -> dict[str, Any]:
        m = {"msg_id": world.new_id(), "src": src, "type": type_, "at": at or world.now(), **fields}
        world.messages[(oa.oa_id, uid)].append(m)
        world.messages[(oa.oa_id, uid)].sort(key=lambda x: x["at"])
        return m

    def _event_kind(kind: str) -> str:
        return {"photo": "image", "list": "list", "file": "file"}.get(kind, "text")

    def _event(oa: OA, uid: str, m: dict[str, Any], event_name: str) -> dict[str, Any]:
        from_oa = m["src"] == 0
        message: dict[str, Any] = {"msg_id": m["msg_id"]}
        if m.get("text") is not None:
            message["text"] = m["text"]
        if m.get("attachments"):
            message["attachments"] = m["attachments"]
        elif m.get("url"):
            message["attachments"] = [{"type": "image", "payload": {"url": m["url"]}}]
        return {
            "app_id": world.config.app_id,
            "user_id_by_app": f"9{uid[-10:]}",
            "event_name": event_name,
            "timestamp": str(int(m["at"] * 1000)),
            "sender": {"id": oa.oa_id if from_oa else uid},
            "recipient": {"id": uid if from_oa else oa.oa_id},
            "message": message,
        }

    async def deliver(body: dict[str, Any]) -> str:
        cfg = world.config
        raw = orjson.dumps(body)
        entry: dict[str, Any] = {"event_name": body.get("event_name"), "status": None}
        world.deliveries.append(entry)
        if cfg.drop_next_pushes > 0 or not cfg.webhook_url:
            cfg.drop_next_pushes = max(0, cfg.drop_next_pushes - 1)
            entry["status"] = "dropped"
            return "dropped"
        headers = {"Content-Type": "application/json"}
        if cfg.signature_mode != "missing":
            good = signature(cfg, raw, str(body.get("timestamp") or ""))
            headers["X-ZEvent-Signature"] = (
                good if cfg.signature_mode == "ok" else "mac=" + "0" * 64
            )
        delivered = await post_with_retries(
            http,
            cfg.webhook_url,
            raw,
            headers,
            entry,
            retries=cfg.push_retries,
            delay=cfg.push_retry_delay,
        )
        return "delivered" if delivered else "lost"

    USER_KINDS = {
        "user_send_text": "text",
        "user_send_image": "photo",
        "user_send_gif": "gif",
        "user_send_sticker": "sticker",
        "user_send_file": "file",
        "user_send_location": "location",
        "user_send_link": "link",
        "user_send_audio": "voice",
        "user_send_video": "video",
        "user_send_business_card": "text",
    }

    # -- control API -----------------------------------------------------------------------
    @app.get("/_sim/uploads/{key}")
    async def uploaded(key: str) -> Response:
        data = world.uploads.get(key)
        return Response(
            data or b"", media_type="application/octet-stream", status_code=200 if data else 404
        )

    @app.post("/_sim/clock")
    async def clock(request: Request) -> dict[str, float]:
        """`{advance_seconds}`: move the simulator's clock (token expiry, sending rules)."""
        world.clock_offset += float((await request.json()).get("advance_seconds") or 0)
        return {"offset": world.clock_offset}

    @app.post("/_sim/oas")
    async def create_oa(request: Request) -> dict[str, Any]:
        body = await request.json()
        oa_id = str(body.get("oa_id") or world.new_id()[-19:])
        world.oas[oa_id] = OA(oa_id, str(body.get("name") or f"OA {oa_id}"))
        return {"oa_id": oa_id, "name": world.oas[oa_id].name}

    @app.post("/_sim/oas/{oa_id}/expire_token")
    async def expire_token(oa_id: str) -> dict[str, int]:
        oa = world.oas[oa_id]
        for token in oa.access:
            oa.access[token] = 0
        return {"expired": len(oa.access)}

    @app.post("/_sim/oas/{oa_id}/revoke")
    async def revoke(oa_id: str) -> dict[str, str]:
        """The OA admin removes the app: every token dies, refresh is refused."""
        oa = world.oas[oa_id]
        oa.revoked = True
        oa.access.clear()
        oa.refresh.clear()
        return {"status": "revoked"}

    @app.post("/_sim/user_writes")
    async def user_writes(request: Request) -> dict[str, Any]:
        """`{oa_id, user_id?, name?, event_name?, text?, attachments?, ago_seconds?, push?}`;
        answers once the event was delivered (or dropped / lost)."""
        body = await request.json()
        oa = world.oas[str(body["oa_id"])]
        uid = world.user(oa, body.get("user_id"), body.get("name"))
        event_name = str(body.get("event_name") or "user_send_text")
        attachments = body.get("attachments") or []
        first = attachments[0].get("payload", {}) if attachments else {}
        m = _record(
            oa,
            uid,
            src=1,
            type_=USER_KINDS.get(event_name, "text"),
            at=world.now() - float(body.get("ago_seconds") or 0),
            text=body.get("text"),
            url=first.get("url"),
            attachments=attachments,
        )
        event = _event(oa, uid, m, event_name)
        outcome = "silent" if body.get("push") is False else await deliver(event)
        return {"user_id": uid, "msg_id": m["msg_id"], "event": event, "push": outcome}

    @app.post("/_sim/oa_writes")
    async def oa_writes(request: Request) -> dict[str, Any]:
        """The OA answers from Zalo's own tools (OA Manager): an `oa_send_text` event."""
        body = await request.json()
        oa = world.oas[str(body["oa_id"])]
        uid = world.user(oa, str(body["user_id"]))
        m = _record(oa, uid, src=0, type_="text", text=body["text"])
        event = _event(oa, uid, m, "oa_send_text")
        return {"msg_id": m["msg_id"], "event": event, "push": await deliver(event)}

    @app.post("/_sim/user_event")
    async def user_event(request: Request) -> dict[str, Any]:
        """`{oa_id, user_id, event_name: follow|unfollow|user_seen_message|
        user_received_message|user_submit_info, msg_ids?, info?}`."""
        body = await request.json()
        oa = world.oas[str(body["oa_id"])]
        uid = world.user(oa, str(body["user_id"]), body.get("name"))
        name = str(body["event_name"])
        stamp = str(int(world.now() * 1000))
        base = {"app_id": world.config.app_id, "event_name": name, "timestamp": stamp}
        if name in ("follow", "unfollow"):
            event = {**base, "oa_id": oa.oa_id, "follower": {"id": uid}, "source": "oa_profile"}
            if name == "follow":
                world.interactions[(oa.oa_id, uid)] = world.now()
        elif name in ("user_seen_message", "user_received_message"):
            event = {
                **base,
                "sender": {"id": oa.oa_id},
                "recipient": {"id": uid},
                "message": {"msg_ids": body.get("msg_ids") or []},
            }
        else:
            event = {
                **base,
                "sender": {"id": uid},
                "recipient": {"id": oa.oa_id},
                "info": body.get("info") or {},
            }
            world.interactions[(oa.oa_id, uid)] = world.now()
        return {"event": event, "push": await deliver(event)}

    add_push_routes(app, world, "oa_id", deliver)

    @app.post("/_sim/release_answers")
    async def release_answers() -> dict[str, int]:
        """The sends' answers held by `hold_answers` go out now."""
        world.released.set()
        world.released = asyncio.Event()
        held, world.held = world.held, 0
        return {"released": held}

    @app.get("/_sim/state")
    async def state() -> dict[str, Any]:
        return {
            "held_answers": world.held,
            "deliveries": world.deliveries,
            "oas": {
                o.oa_id: {
                    "name": o.name,
                    "revoked": o.revoked,
                    "tokens": len(o.access),
                    "refresh_tokens": len(o.refresh),
                    "proactive_used": o.proactive_used,
                }
                for o in world.oas.values()
            },
        }

    scenario = add_control_routes(app, world, http)

    @app.post("/_sim/scenario")
    async def start_scenario(request: Request) -> dict[str, str]:
        """`{oa_id, interval_seconds}`: followers keep writing (the demo of `make run`)."""
        body = await request.json()
        oa = world.oas[str(body["oa_id"])]
        lines = [
            ("8101", "Phạm Thu Hà", "Chào shop, váy maxi hoa nhí còn size M không ạ?"),
            ("8102", "Nguyễn Quốc Bảo", "Shop ship COD về Đà Nẵng mất mấy ngày vậy?"),
            ("8103", "Lê Mai Anh", "Em lấy 2 áo, sđt em 0987 654 321 nhé shop"),
            ("8104", "Trần Gia Huy", "Cho mình xem thêm ảnh thật sản phẩm với"),
        ]

        async def write(i: int) -> None:
            user_id, name, text = lines[i % len(lines)]
            uid = world.user(oa, f"{oa.oa_id[-6:]}{user_id}", name)
            m = _record(oa, uid, src=1, type_="text", text=text)
            await deliver(_event(oa, uid, m, "user_send_text"))

        scenario.repeat(write, float(body.get("interval_seconds") or 10))
        return {"status": "running"}

    return app
