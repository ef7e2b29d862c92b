"""The control API (`/_sim/...`): tests, the demo and benchmarks say what happens on Facebook.

Every call returns at once; webhooks go out in the background. `POST /_sim/flush` waits until
every queued webhook was acknowledged by the target (or given up), which makes tests exact.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any, Literal

import orjson
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from chotdon.channels.facebook.simulator.scenario import Scenario
from chotdon.channels.facebook.simulator.state import (
    PAGE_INBOX_APP_ID,
    FailRule,
    GraphFailure,
    SimState,
)
from chotdon.channels.facebook.simulator.world import World


class ConfigIn(BaseModel):
    webhook_url: str | None = None
    app_id: str | None = None
    app_secret: str | None = None
    signature_mode: Literal["valid", "wrong", "missing"] | None = None
    max_entries_per_post: int | None = Field(default=None, ge=1, le=1000)
    concurrency: int | None = Field(default=None, ge=1, le=64)
    retry_delays: list[float] | None = None
    duplicate_deliveries: bool | None = None
    send_per_second: int | None = Field(default=None, ge=0)
    conversations_per_second: int | None = Field(default=None, ge=0)
    # Seconds of continuous webhook failures before the app is unsubscribed (0 = never).
    unsubscribe_after_seconds: float | None = Field(default=None, ge=0)


class PageIn(BaseModel):
    page_id: str | None = None
    name: str | None = None
    # Pre-subscribe all webhook fields (a page some other app already installed).
    subscribed: bool = False


class UserIn(BaseModel):
    page_ids: list[str]


class InstagramIn(BaseModel):
    page_id: str  # the Facebook page the Instagram professional account is linked to
    username: str = Field(min_length=1, max_length=30)
    instagram_id: str | None = None


class LoginIn(BaseModel):
    """Who is logged in to the simulated facebook.com when the OAuth dialog opens."""

    page_ids: list[str] | None = None  # None: every page
    declined_permissions: list[str] = []


class TasksIn(BaseModel):
    tasks: list[str]


class CustomerIn(BaseModel):
    page_id: str
    psid: str | None = None
    name: str | None = None
    no_profile: bool = False
    blocked: bool = False


class MessageIn(BaseModel):
    page_id: str
    psid: str | None = None
    name: str | None = None
    text: str | None = None
    attachments: list[dict[str, Any]] | None = None
    quick_reply: str | None = None
    reply_to: str | None = None
    reply_to_story: dict[str, str] | None = None  # Instagram: {"id", "url"} of the story
    standby: bool = False
    ago_seconds: float | None = None


class PageMessageIn(BaseModel):
    page_id: str
    psid: str
    text: str | None = None
    attachments: list[dict[str, Any]] | None = None
    app_id: str | None = None


class PostbackIn(BaseModel):
    page_id: str
    psid: str
    title: str
    payload: str = ""


class ReactionIn(BaseModel):
    page_id: str
    psid: str
    mid: str
    reaction: str = "love"
    emoji: str = "\u2764\ufe0f"
    action: Literal["react", "unreact"] = "react"


class StatusIn(BaseModel):
    page_id: str
    psid: str
    kind: Literal["delivery", "read"]
    watermark: int | None = None


class EditIn(BaseModel):
    page_id: str
    psid: str
    mid: str
    text: str


class PostIn(BaseModel):
    page_id: str
    message: str | None = None
    picture: str | None = None
    ago_seconds: float | None = None
    # Instagram accounts: FEED (a post), REELS or AD.
    media_product_type: Literal["FEED", "REELS", "AD"] = "FEED"


class CommentIn(BaseModel):
    page_id: str
    post_id: str
    psid: str | None = None
    name: str | None = None
    text: str | None = None
    photo: str | None = None
    parent_id: str | None = None
    ago_seconds: float | None = None


class CommentChangeIn(BaseModel):
    page_id: str
    verb: Literal["edited", "remove", "hide", "unhide"]
    text: str | None = None
    by_page: bool = False


class PageCommentIn(BaseModel):
    page_id: str
    target_id: str
    text: str


class LiveIn(BaseModel):
    page_id: str
    title: str = "Livestream"


class LiveStatusIn(BaseModel):
    page_id: str
    status: str


class LabelIn(BaseModel):
    page_id: str
    name: str


class LabelAssignIn(BaseModel):
    page_id: str
    psid: str
    action: Literal["add", "remove"] = "add"
    notify: bool = True


class FailIn(BaseModel):
    count: int = Field(default=1, ge=1)
    code: int = 2
    subcode: int | None = None
    message: str | None = None
    match: str = "send"
    http_status: int | None = None


class RateLimitIn(BaseModel):
    count: int = Field(default=1, ge=1)
    code: int = 4
    match: str = "any"
    regain_minutes: int = 0


class ExpireIn(BaseModel):
    page_id: str
    subcode: int = 463


class RawIn(BaseModel):
    body: Any = None
    raw: str | None = None
    signature_mode: Literal["valid", "wrong", "missing"] = "valid"
    ascii_escape: bool = True


class BulkIn(BaseModel):
    page_id: str
    count: int = Field(ge=1, le=100_000)
    customers: int = Field(default=100, ge=1)
    text: str = "Shop ơi còn hàng không ạ? 😍"


class ClockIn(BaseModel):
    advance_seconds: float


class ScenarioIn(BaseModel):
    page_id: str
    interval_seconds: float = Field(default=8.0, gt=0)
    live_every_seconds: float = Field(default=600.0, gt=0)


_RATE_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account.",
    80006: "(#80006) There have been too many messages sent to this Messenger account.",
}


def _ago(state: SimState, seconds: float | None) -> int | None:
    return state.now_ms() - int(seconds * 1000) if seconds else None


def control_router(world: World) -> APIRouter:
    router = APIRouter(prefix="/_sim", include_in_schema=True, tags=["simulator control"])
    state = world.state
    hooks = world.webhooks
    scenario = Scenario(world)

    def page(page_id: str):
        try:
            return state.page(page_id)
        except GraphFailure as exc:
            raise _NotFound(exc.message) from exc

    @router.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @router.post("/reset")
    async def reset() -> dict[str, bool]:
        await scenario.stop()
        fresh = SimState(app_id=state.app_id, app_secret=state.app_secret)
        for key in state.__dataclass_fields__:
            setattr(state, key, getattr(fresh, key))
        hooks.reset()
        return {"ok": True}

    @router.get("/config")
    async def get_config() -> dict[str, Any]:
        return {
            "webhook_url": hooks.url,
            "app_id": state.app_id,
            "signature_mode": hooks.signature_mode,
            "max_entries_per_post": hooks.max_entries,
            "retry_delays": hooks.retry_delays,
            "duplicate_deliveries": hooks.duplicate,
            "clock_offset_ms": state.clock_offset_ms,
            "unsubscribe_after_seconds": hooks.unsubscribe_after,
        }

    @router.post("/config")
    async def set_config(body: ConfigIn) -> dict[str, Any]:
        if body.webhook_url is not None:
            hooks.url = body.webhook_url or None
        if body.app_id is not None:
            state.app_id = body.app_id
        if body.app_secret is not None:
            state.app_secret = hooks.secret = body.app_secret
        if body.signature_mode is not None:
            hooks.signature_mode = body.signature_mode
        if body.max_entries_per_post is not None:
            hooks.max_entries = body.max_entries_per_post
        if body.concurrency is not None:
            hooks.concurrency = body.concurrency
            hooks._sem = asyncio.Semaphore(body.concurrency)
        if body.retry_delays is not None:
            hooks.retry_delays = body.retry_delays or [0.0]
        if body.duplicate_deliveries is not None:
            hooks.duplicate = body.duplicate_deliveries
        if body.send_per_second is not None:
            state.send_per_second = body.send_per_second
        if body.conversations_per_second is not None:
            state.conversations_per_second = body.conversations_per_second
        if body.unsubscribe_after_seconds is not None:
            hooks.unsubscribe_after = body.unsubscribe_after_seconds or None
        return await get_config()

    @router.post("/pages", status_code=201)
    async def create_page(body: PageIn) -> dict[str, Any]:
        if body.page_id and body.page_id in state.pages:
            p = state.pages[body.page_id]
        else:
            p = state.add_page(body.page_id, body.name)
        if body.subscribed:
            p.subscribed_fields = {
                "messages",
                "message_echoes",
                "message_reads",
                "message_deliveries",
                "message_reactions",
                "messaging_postbacks",
                "message_edits",
                "feed",
                "live_videos",
                "inbox_labels",
            }
        return {"page_id": p.id, "name": p.name, "access_token": p.token}

    @router.get("/pages/{page_id}")
    async def get_page(page_id: str) -> dict[str, Any]:
        p = page(page_id)
        return {
            "page_id": p.id,
            "name": p.name,
            "access_token": p.token,
            "subscribed_fields": sorted(p.subscribed_fields),
            "customers": len(p.customers),
            "threads": len(p.threads),
            "posts": len(p.posts),
            "labels": p.labels,
            "attachments": len(p.attachments),
            "label_users": {k: sorted(v) for k, v in p.label_users.items()},
            "live_videos": [asdict(lv) for lv in p.live_videos.values()],
        }

    @router.post("/users", status_code=201)
    async def create_user(body: UserIn) -> dict[str, Any]:
        import secrets

        token = "EAAU" + secrets.token_urlsafe(32)
        state.user_tokens[token] = list(body.page_ids)
        return {"user_access_token": token}

    @router.post("/instagram", status_code=201)
    async def link_instagram(body: InstagramIn) -> dict[str, Any]:
        account = state.add_instagram(page(body.page_id), body.username, body.instagram_id)
        return {"instagram_id": account.id, "username": account.username, "page_id": body.page_id}

    @router.post("/login", status_code=201)
    async def login(body: LoginIn) -> dict[str, bool]:
        state.login_page_ids = body.page_ids
        state.declined_permissions = set(body.declined_permissions)
        return {"ok": True}

    @router.post("/pages/{page_id}/tasks", status_code=201)
    async def page_tasks(page_id: str, body: TasksIn) -> dict[str, Any]:
        page(page_id).tasks = list(body.tasks)
        return {"page_id": page_id, "tasks": body.tasks}

    @router.post("/customers", status_code=201)
    async def create_customer(body: CustomerIn) -> dict[str, Any]:
        c = state.customer(page(body.page_id), body.psid, body.name)
        c.no_profile = body.no_profile
        c.blocked = body.blocked
        return {"psid": c.psid, "name": c.name}

    @router.post("/messages", status_code=201)
    async def customer_writes(body: MessageIn) -> dict[str, Any]:
        p = page(body.page_id)
        msg = world.customer_writes(
            p,
            body.psid,
            name=body.name,
            text=body.text,
            attachments=body.attachments,
            quick_reply=body.quick_reply,
            reply_to=body.reply_to,
            reply_to_story=body.reply_to_story,
            standby=body.standby,
            at_ms=_ago(state, body.ago_seconds),
        )
        return {"mid": msg.mid, "psid": msg.from_id, "timestamp": msg.created}

    @router.post("/page_messages", status_code=201)
    async def page_writes(body: PageMessageIn) -> dict[str, Any]:
        msg = world.page_sends(
            page(body.page_id),
            body.psid,
            body.text,
            attachments=body.attachments,
            app_id=body.app_id or PAGE_INBOX_APP_ID,
        )
        return {"mid": msg.mid}

    @router.post("/postbacks", status_code=201)
    async def postback(body: PostbackIn) -> dict[str, Any]:
        return {
            "mid": world.customer_postback(page(body.page_id), body.psid, body.title, body.payload)
        }

    @router.post("/reactions", status_code=201)
    async def reaction(body: ReactionIn) -> dict[str, bool]:
        world.customer_reacts(
            page(body.page_id), body.psid, body.mid, body.reaction, body.emoji, body.action
        )
        return {"ok": True}

    @router.post("/statuses", status_code=201)
    async def status(body: StatusIn) -> dict[str, bool]:
        world.customer_status(page(body.page_id), body.psid, body.kind, body.watermark)
        return {"ok": True}

    @router.post("/message_edits", status_code=201)
    async def edit(body: EditIn) -> dict[str, bool]:
        world.customer_edits(page(body.page_id), body.psid, body.mid, body.text)
        return {"ok": True}

    @router.post("/posts", status_code=201)
    async def create_post(body: PostIn) -> dict[str, Any]:
        target, at_ms = page(body.page_id), _ago(state, body.ago_seconds)
        if target.is_instagram:
            post = world.add_media(
                target, body.message, body.media_product_type, body.picture, at_ms=at_ms
            )
        else:
            post = world.add_post(target, body.message, body.picture, at_ms=at_ms)
        return {"post_id": post.id, "permalink_url": post.permalink}

    @router.post("/comments", status_code=201)
    async def comment(body: CommentIn) -> dict[str, Any]:
        try:
            c = world.customer_comments(
                page(body.page_id),
                body.post_id,
                body.psid,
                name=body.name,
                text=body.text,
                photo=body.photo,
                parent_id=body.parent_id,
                at_ms=_ago(state, body.ago_seconds),
            )
        except GraphFailure as exc:
            raise _NotFound(exc.message) from exc
        return {"comment_id": c.id, "psid": c.from_id, "post_id": c.post_id}

    @router.get("/comments/{comment_id}")
    async def get_comment(comment_id: str) -> dict[str, Any]:
        if comment_id not in state.comment_index:
            raise _NotFound("no such comment")
        page_id, post_id = state.comment_index[comment_id]
        post = state.pages[page_id].posts[post_id]
        c = post.comments[comment_id]
        replies = [asdict(r) for r in post.comments.values() if r.parent_id == comment_id]
        return {**asdict(c), "replies": replies}

    @router.post("/comments/{comment_id}/change", status_code=201)
    async def change_comment(comment_id: str, body: CommentChangeIn) -> dict[str, bool]:
        try:
            world.comment_change(
                page(body.page_id), comment_id, body.verb, by_page=body.by_page, text=body.text
            )
        except GraphFailure as exc:
            raise _NotFound(exc.message) from exc
        return {"ok": True}

    @router.post("/page_comments", status_code=201)
    async def page_comment(body: PageCommentIn) -> dict[str, Any]:
        try:
            c = world.page_comments(page(body.page_id), body.target_id, body.text)
        except GraphFailure as exc:
            raise _NotFound(exc.message) from exc
        return {"comment_id": c.id}

    @router.post("/live", status_code=201)
    async def go_live(body: LiveIn) -> dict[str, Any]:
        live = world.go_live(page(body.page_id), body.title)
        return {"live_video_id": live.id, "video_id": live.video_id, "post_id": live.post_id}

    @router.post("/live/{live_id}/status", status_code=201)
    async def live_status(live_id: str, body: LiveStatusIn) -> dict[str, Any]:
        try:
            live = world.live_status(page(body.page_id), live_id, body.status)
        except GraphFailure as exc:
            raise _NotFound(exc.message) from exc
        return {"live_video_id": live.id, "status": live.status}

    @router.post("/labels", status_code=201)
    async def create_label(body: LabelIn) -> dict[str, Any]:
        return {"label_id": world.create_label(page(body.page_id), body.name)}

    @router.post("/labels/{label_id}/rename")
    async def rename_label(label_id: str, body: LabelIn) -> dict[str, bool]:
        p = page(body.page_id)
        if label_id not in p.labels:
            raise _NotFound("no such label")
        p.labels[label_id] = body.name
        return {"ok": True}

    @router.delete("/labels/{label_id}")
    async def delete_label(label_id: str, page_id: str) -> dict[str, bool]:
        p = page(page_id)
        p.labels.pop(label_id, None)
        p.label_users.pop(label_id, None)
        return {"ok": True}

    @router.post("/labels/{label_id}/assign", status_code=201)
    async def assign_label(label_id: str, body: LabelAssignIn) -> dict[str, bool]:
        try:
            world.label_user(
                page(body.page_id), label_id, body.psid, body.action, notify=body.notify
            )
        except GraphFailure as exc:
            raise _NotFound(exc.message) from exc
        return {"ok": True}

    @router.post("/failures", status_code=201)
    async def fail_next(body: FailIn) -> dict[str, bool]:
        message = body.message or _RATE_MESSAGES.get(body.code) or f"(#{body.code}) Simulated error"
        state.fail_rules.append(
            FailRule(body.count, body.code, body.subcode, message, body.match, body.http_status)
        )
        return {"ok": True}

    @router.post("/rate_limit", status_code=201)
    async def rate_limit(body: RateLimitIn) -> dict[str, bool]:
        state.fail_rules.append(
            FailRule(
                body.count,
                body.code,
                None,
                _RATE_MESSAGES.get(body.code, "rate limited"),
                body.match,
                usage_headers=True,
                regain_minutes=body.regain_minutes,
            )
        )
        return {"ok": True}

    @router.delete("/failures")
    async def clear_failures() -> dict[str, bool]:
        state.fail_rules.clear()
        return {"ok": True}

    @router.post("/tokens/expire", status_code=201)
    async def expire(body: ExpireIn) -> dict[str, bool]:
        page(body.page_id).token_error = (190, body.subcode)
        return {"ok": True}

    @router.post("/tokens/renew", status_code=201)
    async def renew(body: ExpireIn) -> dict[str, Any]:
        import secrets

        p = page(body.page_id)
        p.token_error = None
        p.token = "EAAG" + secrets.token_urlsafe(32)
        return {"access_token": p.token}

    @router.get("/sent")
    async def sent(page_id: str) -> dict[str, Any]:
        return {"items": page(page_id).sent}

    @router.get("/threads/{page_id}/{psid}")
    async def thread(page_id: str, psid: str) -> dict[str, Any]:
        t = page(page_id).threads.get(psid)
        if t is None:
            raise _NotFound("no such thread")
        return {"id": t.id, "messages": [asdict(m) for m in t.messages]}

    @router.get("/deliveries")
    async def deliveries() -> dict[str, Any]:
        return {"items": [asdict(d) for d in hooks.log], "queued": len(hooks.queue)}

    @router.post("/flush")
    async def flush(wait_seconds: float = 10.0) -> dict[str, bool]:
        return {"idle": await hooks.flush(wait_seconds)}

    @router.post("/webhooks/pause")
    async def pause() -> dict[str, bool]:
        hooks.paused = True
        return {"ok": True}

    @router.post("/webhooks/resume")
    async def resume() -> dict[str, bool]:
        hooks.resume()
        return {"ok": True}

    @router.post("/webhooks/raw")
    async def raw(body: RawIn) -> dict[str, Any]:
        """POST exactly these bytes to the webhook target (signature and parsing tests)."""
        if body.raw is not None:
            data = body.raw.encode()
        elif body.ascii_escape:
            from chotdon.channels.facebook.signature import facebook_json

            data = facebook_json(body.body)
        else:
            data = orjson.dumps(body.body)
        return {"status": await hooks.post_raw(data, body.signature_mode)}

    @router.post("/clock")
    async def clock(body: ClockIn) -> dict[str, int]:
        state.clock_offset_ms += int(body.advance_seconds * 1000)
        return {"clock_offset_ms": state.clock_offset_ms, "now_ms": state.now_ms()}

    @router.post("/bulk_messages", status_code=201)
    async def bulk(body: BulkIn) -> dict[str, int]:
        """Many customer messages at once (benchmarks)."""
        p = page(body.page_id)
        for i in range(body.count):
            world.customer_writes(p, f"9{i % body.customers:015d}", text=f"{body.text} #{i}")
        return {"queued": body.count}

    @router.post("/scenario", status_code=201)
    async def start_scenario(body: ScenarioIn) -> dict[str, Any]:
        page(body.page_id)
        await scenario.start(body.page_id, body.interval_seconds, body.live_every_seconds)
        return {"running": True}

    @router.delete("/scenario")
    async def stop_scenario() -> dict[str, bool]:
        await scenario.stop()
        return {"running": False}

    @router.get("/scenario")
    async def scenario_status() -> dict[str, Any]:
        return {"running": scenario.running, "page_id": scenario.page_id}

    return router


class _NotFound(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def not_found_handler(_: Any, exc: _NotFound) -> JSONResponse:
    return JSONResponse({"error": {"code": "not_found", "message": exc.message}}, status_code=404)
