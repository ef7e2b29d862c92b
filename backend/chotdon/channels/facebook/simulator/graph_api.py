"""The Graph API endpoints Chotdon calls, with Facebook's shapes, paging, errors and rules."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from chotdon.channels.facebook.simulator.state import (
    DAY_MS,
    Comment,
    GraphFailure,
    Msg,
    Page,
    Post,
    decode_cursor,
    encode_cursor,
    iso,
)
from chotdon.channels.facebook.simulator.world import World

SEND_PATH = re.compile(r"/messages$")


def graph_router(world: World) -> APIRouter:
    router = APIRouter()
    state = world.state

    def respond(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        usage = {"call_count": min(100, state.calls % 50), "total_cputime": 1, "total_time": 1}
        base = {"X-App-Usage": json.dumps(usage), "Content-Type": "application/json"}
        content = json.dumps(body, ensure_ascii=True).replace("/", "\\/")
        return Response(content, status_code=status, headers={**base, **(headers or {})})

    def failure(exc: GraphFailure) -> Response:
        headers = {
            "WWW-Authenticate": f'OAuth "Facebook Platform" "{exc.type}" "{exc.message[:80]}"',
            **exc.headers,
        }
        return respond(exc.body(), exc.status, headers)

    async def params_of(request: Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query_params)
        if request.method in ("POST", "DELETE"):
            ctype = request.headers.get("content-type", "")
            if ctype.startswith("application/json"):
                raw = await request.body()
                if raw:
                    try:
                        body = orjson.loads(raw)
                    except orjson.JSONDecodeError as exc:
                        raise GraphFailure(100, "Invalid JSON for postData", 1357046) from exc
                    if isinstance(body, dict):
                        params.update(body)
            elif ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
                form = await request.form()
                for key, value in form.multi_items():
                    if isinstance(value, str):
                        params[key] = value
                    else:
                        params[key] = {
                            "filename": value.filename,
                            "content_type": value.content_type,
                            "size": len(await value.read()),
                        }
        for key in ("recipient", "message"):  # form-encoded Send API calls carry JSON strings
            if isinstance(params.get(key), str):
                try:
                    params[key] = orjson.loads(params[key])
                except orjson.JSONDecodeError:
                    pass
        return params

    def token_of(request: Request, params: dict[str, Any]) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        token = params.get("access_token")
        return str(token) if token else None

    def check_failures(path: str, is_send: bool) -> None:
        for rule in list(state.fail_rules):
            if rule.remaining <= 0:
                state.fail_rules.remove(rule)
                continue
            matches = (
                rule.match == "any"
                or (rule.match == "send" and is_send)
                or (rule.match not in ("any", "send") and rule.match in path)
            )
            if not matches:
                continue
            rule.remaining -= 1
            if rule.remaining <= 0:
                state.fail_rules.remove(rule)
            headers: dict[str, str] = {}
            if rule.usage_headers:
                headers["X-App-Usage"] = json.dumps(
                    {"call_count": 100, "total_cputime": 40, "total_time": 60}
                )
                headers["X-Business-Use-Case-Usage"] = json.dumps(
                    {
                        "0": [
                            {
                                "type": "pages",
                                "call_count": 100,
                                "total_cputime": 10,
                                "total_time": 10,
                                "estimated_time_to_regain_access": rule.regain_minutes,
                            }
                        ]
                    }
                )
            raise GraphFailure(
                rule.code,
                rule.message,
                rule.subcode,
                status=rule.status,
                transient=rule.code in (1, 2, 4, 17, 32, 613),
                headers=headers,
            )

    def auth_page(token: str | None, page: Page | None = None) -> Page:
        if not token:
            raise GraphFailure(104, "An access token is required to request this resource.")
        owner = state.page_by_token(token)
        if owner is None:
            if token in state.user_tokens:
                if page is not None and page.id in state.user_tokens[token]:
                    raise GraphFailure(
                        190, "A page access token is required to request this resource.", None
                    )
                raise GraphFailure(200, "(#200) Permissions error", None)
            raise GraphFailure(190, "Invalid OAuth access token - Cannot parse access token", None)
        if owner.token_error is not None:
            code, subcode = owner.token_error
            raise GraphFailure(
                code,
                "Error validating access token: Session has expired on Tuesday, "
                "24-Nov-26 01:00:00 PST.",
                subcode,
            )
        if page is not None and owner.id != page.id:
            raise GraphFailure(200, "(#200) Permissions error: the token is for another page")
        return owner

    def paged(
        request: Request, items: list[Any], params: dict[str, Any], default: int = 25
    ) -> dict[str, Any]:
        limit = max(1, min(int(params.get("limit") or default), 100))
        offset = decode_cursor(params.get("after"))
        chunk = items[offset : offset + limit]
        body: dict[str, Any] = {"data": chunk}
        if items:
            paging: dict[str, Any] = {
                "cursors": {
                    "before": encode_cursor(offset),
                    "after": encode_cursor(offset + len(chunk)),
                }
            }
            if offset + limit < len(items):
                query = {k: v for k, v in params.items() if k not in ("after", "access_token")}
                query["after"] = paging["cursors"]["after"]
                paging["next"] = f"{str(request.url).split('?')[0]}?{urlencode(query)}"
            body["paging"] = paging
        return body

    # -- node views ------------------------------------------------------------------------
    def msg_node(page: Page, msg: Msg) -> dict[str, Any]:
        def person(pid: str) -> dict[str, Any]:
            if pid == page.id:
                return {"name": page.name, "email": f"{pid}@facebook.com", "id": pid}
            customer = page.customers.get(pid)
            return {
                "name": customer.name if customer else pid,
                "email": f"{pid}@facebook.com",
                "id": pid,
            }

        node: dict[str, Any] = {
            "id": msg.mid,
            "created_time": iso(msg.created),
            "from": person(msg.from_id),
            "to": {"data": [person(msg.to_id)]},
            "message": msg.text or "",
        }
        if msg.attachments:
            data = []
            for i, att in enumerate(msg.attachments):
                payload = att.get("payload") or {}
                kind = att.get("type")
                item: dict[str, Any] = {
                    "id": f"{msg.mid}-{i}",
                    "mime_type": "application/octet-stream",
                }
                if kind in ("image", "sticker"):
                    item["mime_type"] = "image/jpeg"
                    item["image_data"] = {
                        "url": payload.get("url"),
                        "width": 512,
                        "height": 512,
                        "render_as_sticker": kind == "sticker",
                    }
                elif kind == "video":
                    item["mime_type"] = "video/mp4"
                    item["video_data"] = {"url": payload.get("url")}
                else:
                    item["file_url"] = payload.get("url")
                    item["name"] = payload.get("name") or "file"
                data.append(item)
            node["attachments"] = {"data": data}
        return node

    def comment_node(comment: Comment) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": comment.id,
            "created_time": iso(comment.created),
            "from": {"name": comment.from_name, "id": comment.from_id},
            "message": comment.message or "",
            "is_hidden": comment.is_hidden,
            "can_reply_privately": not comment.private_replied,
        }
        if comment.parent_id:
            node["parent"] = {"id": comment.parent_id}
        if comment.photo:
            node["attachment"] = {
                "type": "photo",
                "media": {"image": {"src": comment.photo}},
                "url": comment.photo,
            }
        return node

    def post_node(post: Post) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": post.id,
            "created_time": iso(post.created),
            "permalink_url": post.permalink,
            "status_type": post.status_type,
        }
        if post.message:
            node["message"] = post.message
        if post.picture:
            node["full_picture"] = post.picture
        return node

    def thread_node(page: Page, thread: Any, fields: str) -> dict[str, Any]:
        customer = page.customers.get(thread.psid)
        node: dict[str, Any] = {
            "id": thread.id,
            "updated_time": iso(thread.updated or state.now_ms()),
            "unread_count": thread.unread,
            "message_count": len(thread.messages),
            "can_reply": True,
            "participants": {
                "data": [
                    {
                        "name": customer.name if customer else thread.psid,
                        "email": f"{thread.psid}@facebook.com",
                        "id": thread.psid,
                    },
                    {"name": page.name, "email": f"{page.id}@facebook.com", "id": page.id},
                ]
            },
        }
        match = re.search(r"messages(?:\.limit\((\d+)\))?", fields or "")
        if match:
            limit = min(int(match.group(1) or 25), 20)  # only the 20 most recent are readable
            newest = list(reversed(thread.messages))
            data = [msg_node(page, m) for m in newest[:limit]]
            messages: dict[str, Any] = {"data": data}
            if data:
                messages["paging"] = {
                    "cursors": {"before": encode_cursor(0), "after": encode_cursor(len(data))}
                }
            node["messages"] = messages
        return node

    def live_node(live: Any) -> dict[str, Any]:
        page_id = state.live_index.get(live.id, "")
        return {
            "id": live.id,
            "status": live.status.upper(),
            "title": live.title,
            "creation_time": iso(live.created),
            "permalink_url": f"https://www.facebook.com/{page_id}/videos/{live.video_id}/",
            "video": {"id": live.video_id},
        }

    # -- Send API --------------------------------------------------------------------------
    def send(page: Page, params: dict[str, Any]) -> dict[str, Any]:
        recipient = params.get("recipient") or {}
        message = params.get("message")
        if not isinstance(recipient, dict):
            raise GraphFailure(100, "(#100) param recipient must be a JSON object")
        if params.get("sender_action"):
            return {"recipient_id": recipient.get("id")}
        if not isinstance(message, dict) or not (message.get("text") or message.get("attachment")):
            raise GraphFailure(100, "(#100) Must send either message or sender action")
        text = message.get("text")
        if text is not None and len(text) > 2000:
            raise GraphFailure(
                100, "(#100) Length of param message[text] must be less than or equal to 2000"
            )
        attachments: list[dict[str, Any]] = []
        if message.get("attachment"):
            att = message["attachment"]
            payload = dict(att.get("payload") or {})
            if att.get("type") == "template":
                if not payload.get("elements") and not payload.get("text"):
                    raise GraphFailure(100, "(#100) Invalid template payload")
                attachments.append({"type": "template", "payload": payload})
            else:
                if payload.get("attachment_id"):
                    stored = page.attachments.get(str(payload["attachment_id"]))
                    if stored is None:
                        raise GraphFailure(100, "(#100) Upload attachment failure.", 2018047)
                    payload = {"url": stored["url"]}
                elif not payload.get("url"):
                    raise GraphFailure(100, "(#100) Upload attachment failure.", 2018047)
                attachments.append(
                    {"type": att.get("type") or "file", "payload": {"url": payload["url"]}}
                )
        now = state.now_ms()
        if recipient.get("comment_id"):
            comment_id = str(recipient["comment_id"])
            _, post_id = state.comment_index.get(comment_id, (None, None))
            post = page.posts.get(post_id or "")
            comment = post.comments.get(comment_id) if post else None
            if comment is None or comment.deleted:
                raise GraphFailure(100, "(#100) No matching user found", 2018001)
            if comment.from_id == page.id:
                raise GraphFailure(10903, "(#10903) This activity can't be replied to")
            if comment.private_replied:
                raise GraphFailure(10900, "(#10900) Activity already replied to")
            if now - comment.created > 7 * DAY_MS:
                raise GraphFailure(10903, "(#10903) This activity can't be replied to")
            if post is not None and post.media_product_type == "LIVE" and post.live_ended:
                # Instagram Live: private replies only while the broadcast is on.
                raise GraphFailure(10903, "(#10903) This activity can't be replied to")
            comment.private_replied = True
            psid = comment.from_id
        else:
            psid = str(recipient.get("id") or "")
            customer = page.customers.get(psid)
            thread = page.threads.get(psid)
            if customer is None or thread is None:
                raise GraphFailure(100, "(#100) No matching user found", 2018001)
            if customer.blocked:
                raise GraphFailure(551, "(#551) This person isn't available right now.", 1545041)
            last = thread.last_customer_at
            age = now - last if last else None
            window_msg = (
                "(#10) This message is sent outside of allowed window. Learn more about the new "
                "policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview"
            )
            if age is None or age > 7 * DAY_MS:
                raise GraphFailure(10, window_msg, 2018278)
            if age > DAY_MS and not (
                params.get("messaging_type") == "MESSAGE_TAG" and params.get("tag") == "HUMAN_AGENT"
            ):
                raise GraphFailure(10, window_msg, 2018278)
        msg = world.page_sends(
            page,
            psid,
            text,
            attachments=attachments,
            app_id=state.app_id,
            metadata=message.get("metadata"),
        )
        page.sent.append(
            {
                "message_id": msg.mid,
                "recipient": recipient,
                "text": text,
                "attachments": attachments,
                "messaging_type": params.get("messaging_type"),
                "tag": params.get("tag"),
                "metadata": message.get("metadata"),
                "at": now,
            }
        )
        return {"recipient_id": psid, "message_id": msg.mid}

    # -- dispatch --------------------------------------------------------------------------
    async def handle(request: Request, node: str, edge: str | None) -> Response:
        try:
            params = await params_of(request)
            token = token_of(request, params)
            state.calls += 1
            path = f"/{node}" + (f"/{edge}" if edge else "")
            is_send = edge == "messages" and request.method == "POST"
            check_failures(path, is_send)
            return respond(await route(request, request.method, node, edge, params, token))
        except GraphFailure as exc:
            return failure(exc)

    async def route(
        request: Request,
        method: str,
        node: str,
        edge: str | None,
        params: dict[str, Any],
        token: str | None,
    ) -> Any:
        fields = str(params.get("fields") or "")
        # /me/... : with a user token, /me/accounts; with a page token, the page itself.
        if node == "me":
            if edge == "accounts" and token in state.user_tokens:
                pages = [state.pages[p] for p in state.user_tokens[token] if p in state.pages]
                return paged(request, [account_node(p) for p in pages], params)
            if edge == "permissions" and token in state.user_tokens:
                granted = state.user_permissions.get(token, set())
                return {
                    "data": [
                        {"permission": name, "status": "granted" if name in granted else "declined"}
                        for name in sorted(granted | state.declined_permissions)
                    ]
                }
            page = auth_page(token)
            node = page.id
        if node in state.pages:
            page = state.pages[node]
            if page.is_instagram:
                return instagram_node(request, page, auth_page(token), edge, params)
            auth_page(token, page)
            return await page_edge(request, method, page, edge, params, fields)
        owner = auth_page(token)
        if node in state.comment_index:
            account = account_of(owner, state.comment_index[node][0])
            return comment_ops(method, account, node, edge, params)
        if node in state.label_index:
            return label_ops(method, owner, node, edge, params)
        if node in state.live_index:
            live = owner.live_videos.get(node)
            if live is None:
                raise GraphFailure(100, f"Object with ID '{node}' does not exist", 33)
            if edge == "comments":
                post = owner.posts[live.post_id]
                return comments_of(request, post, params)
            return live_node(live)
        if node in owner.posts:
            post = owner.posts[node]
            if edge == "comments":
                if method == "POST":
                    return {
                        "id": world.page_comments(owner, node, str(params.get("message") or "")).id
                    }
                return comments_of(request, post, params)
            return post_node(post)
        for thread in owner.threads.values():
            if thread.id == node:
                return thread_node(owner, thread, fields or "messages")
        if node in state.mid_index:
            _, psid = state.mid_index[node]
            for msg in owner.threads[psid].messages:
                if msg.mid == node:
                    return msg_node(owner, msg)
        linked = state.instagram_of(owner)
        if linked is not None and node in linked.customers:
            customer = linked.customers[node]
            return {
                "name": customer.name,
                "username": customer.username,
                "profile_pic": customer.profile_pic,
                "id": customer.psid,
            }
        if node in owner.customers:
            customer = owner.customers[node]
            if edge == "custom_labels":
                items = [
                    {"id": lid, "page_label_name": owner.labels[lid]}
                    for lid, users in owner.label_users.items()
                    if node in users
                ]
                return paged(request, items, params, 100)
            if customer.no_profile:
                raise GraphFailure(100, "(#100) No profile available for this user.", 2018218)
            return {
                "first_name": customer.first_name,
                "last_name": customer.last_name,
                "name": customer.name,
                "profile_pic": customer.profile_pic,
                "id": customer.psid,
            }
        raise GraphFailure(
            100,
            f"Unsupported {method.lower()} request. Object with ID '{node}' does not exist, "
            "cannot be loaded due to missing permissions, or does not support this operation.",
            33,
        )

    def account_node(page: Page) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": page.id,
            "name": page.name,
            "access_token": page.token,
            "category": "Shopping & retail",
            "tasks": list(page.tasks),
            "picture": {"data": {"url": page.picture}},
        }
        linked = state.instagram_of(page)
        if linked is not None:
            node["instagram_business_account"] = {
                "id": linked.id,
                "username": linked.username,
                "name": linked.name,
                "profile_picture_url": linked.picture,
            }
        return node

    def account_of(owner: Page, account_id: str) -> Page:
        """`owner` (a page its token reads) or the Instagram account linked to it."""
        account = state.pages.get(account_id)
        if account is None or not (
            account.id == owner.id or (account.is_instagram and account.linked_page_id == owner.id)
        ):
            raise GraphFailure(200, "(#200) Permissions error")
        return account

    def instagram_node(
        request: Request, account: Page, owner: Page, edge: str | None, params: dict[str, Any]
    ) -> Any:
        account_of(owner, account.id)
        if edge is None:
            return {
                "id": account.id,
                "username": account.username,
                "name": account.name,
                "profile_picture_url": account.picture,
            }
        if edge == "media":
            posts = sorted(account.posts.values(), key=lambda p: p.created, reverse=True)
            return paged(request, [media_node(p) for p in posts], params)
        raise GraphFailure(100, f"(#100) Tried accessing nonexisting field ({edge})")

    def media_node(post: Post) -> dict[str, Any]:
        return {
            "id": post.id,
            "caption": post.message or "",
            "media_product_type": post.media_product_type,
            "media_type": "VIDEO" if post.status_type == "added_video" else "IMAGE",
            "permalink": post.permalink,
            "media_url": post.picture,
            "timestamp": iso(post.created),
            "comments_count": len([c for c in post.comments.values() if not c.deleted]),
        }

    def messaging_account(page: Page, params: dict[str, Any]) -> Page:
        """The Send API on a page also reaches its Instagram account's users and comments."""
        linked = state.instagram_of(page)
        recipient = params.get("recipient")
        if linked is None or not isinstance(recipient, dict):
            return page
        if str(recipient.get("id") or "") in linked.customers:
            return linked
        owner_id, _ = state.comment_index.get(str(recipient.get("comment_id") or ""), ("", ""))
        return linked if owner_id == linked.id else page

    async def page_edge(
        request: Request,
        method: str,
        page: Page,
        edge: str | None,
        params: dict[str, Any],
        fields: str,
    ) -> Any:
        if edge is None:
            return {
                "id": page.id,
                "name": page.name,
                "picture": {"data": {"url": page.picture}},
                "category": "Shopping & retail",
            }
        if edge == "subscribed_apps":
            if method == "POST":
                fields_param = params.get("subscribed_fields") or ""
                names = (
                    fields_param if isinstance(fields_param, list) else str(fields_param).split(",")
                )
                names = [n.strip() for n in names if n.strip()]
                if not names:
                    raise GraphFailure(100, "(#100) The parameter subscribed_fields is required.")
                page.subscribed_fields = set(names)
                return {"success": True}
            if method == "DELETE":
                page.subscribed_fields = set()
                return {"success": True}
            data = []
            if page.subscribed_fields:
                data.append(
                    {
                        "category": "Business",
                        "link": "https://chotdon.vn",
                        "name": "Chotdon",
                        "id": state.app_id,
                        "subscribed_fields": sorted(page.subscribed_fields),
                    }
                )
            return {"data": data}
        if edge == "messages" and method == "POST":
            if not state.check_rate(f"send:{page.id}", state.send_per_second):
                raise GraphFailure(613, "(#613) Calls to this api have exceeded the rate limit.")
            return send(messaging_account(page, params), params)
        if edge == "message_attachments" and method == "POST":
            message = params.get("message") or {}
            if isinstance(message, str):
                message = orjson.loads(message)
            att = (message or {}).get("attachment") or {}
            payload = att.get("payload") or {}
            url = payload.get("url")
            upload: Any = params.get("filedata")
            if upload and not (isinstance(upload, dict) and upload.get("content_type")):
                raise GraphFailure(100, "(#100) Upload attachment failure.", 2018047)
            if not url and not upload:
                raise GraphFailure(100, "(#100) Upload attachment failure.", 2018047)
            attachment_id = state.new_id(16)
            page.attachments[attachment_id] = {
                "type": att.get("type") or "file",
                "url": url
                or f"https://scontent.xx.fbcdn.net/v/upload/{attachment_id}/{upload['filename']}",
            }
            return {"attachment_id": attachment_id}
        if edge == "conversations":
            if not state.check_rate(f"conv:{page.id}", state.conversations_per_second):
                raise GraphFailure(32, "(#32) Page request limit reached")
            if params.get("platform") == "instagram":
                linked = state.instagram_of(page)
                if linked is None:
                    raise GraphFailure(100, "(#100) The page has no linked Instagram account")
                page = linked
            threads = sorted(page.threads.values(), key=lambda t: t.updated, reverse=True)
            if params.get("user_id"):
                threads = [t for t in threads if t.psid == str(params["user_id"])]
            threads = [t for t in threads if t.messages]
            items = [thread_node(page, t, fields) for t in threads]
            return paged(request, items, params)
        if edge in ("posts", "feed", "published_posts"):
            posts = sorted(page.posts.values(), key=lambda p: p.created, reverse=True)
            if params.get("since"):
                since = int(float(params["since"])) * 1000
                posts = [p for p in posts if p.created >= since]
            return paged(request, [post_node(p) for p in posts], params)
        if edge == "live_videos":
            lives = sorted(page.live_videos.values(), key=lambda lv: lv.created, reverse=True)
            return paged(request, [live_node(lv) for lv in lives], params)
        if edge == "custom_labels":
            if method == "POST":
                name = params.get("page_label_name") or params.get("name")
                if not name:
                    raise GraphFailure(100, "(#100) The parameter page_label_name is required")
                return {"id": world.create_label(page, str(name))}
            items = [{"id": lid, "page_label_name": name} for lid, name in page.labels.items()]
            return paged(request, items, params)
        raise GraphFailure(100, f"(#100) Tried accessing nonexisting field ({edge})")

    def comments_of(request: Request, post: Post, params: dict[str, Any]) -> dict[str, Any]:
        comments = [c for c in post.comments.values() if not c.deleted]
        if params.get("filter", "toplevel") != "stream":
            comments = [c for c in comments if c.parent_id is None]
        comments.sort(
            key=lambda c: c.created, reverse=params.get("order") == "reverse_chronological"
        )
        body = paged(request, [comment_node(c) for c in comments], params)
        if params.get("summary"):
            body["summary"] = {
                "order": params.get("order") or "chronological",
                "total_count": len(comments),
                "can_comment": True,
            }
        return body

    def comment_ops(
        method: str, page: Page, comment_id: str, edge: str | None, params: dict[str, Any]
    ) -> Any:
        page_id, post_id = state.comment_index[comment_id]
        if page_id != page.id:
            raise GraphFailure(200, "(#200) Permissions error")
        comment = page.posts[post_id].comments[comment_id]
        if comment.deleted:
            raise GraphFailure(100, f"Object with ID '{comment_id}' does not exist", 33)
        if edge == "likes":
            comment.liked = method != "DELETE"
            return {"success": True}
        if edge == "comments" or (edge == "replies" and page.is_instagram):
            if method == "POST":
                text = params.get("message") or params.get("attachment_url")
                if not text:
                    raise GraphFailure(100, "(#100) Missing message or attachment")
                return {
                    "id": world.page_comments(page, comment_id, str(params.get("message") or "")).id
                }
            replies = [
                c
                for c in page.posts[post_id].comments.values()
                if c.parent_id == comment_id and not c.deleted
            ]
            return {"data": [comment_node(c) for c in replies]}
        if edge is None and method == "DELETE":
            world.comment_change(page, comment_id, "remove", by_page=True)
            return {"success": True}
        if edge is None and method == "POST":
            hide_param = "hide" if page.is_instagram else "is_hidden"
            if hide_param in params:
                hidden = str(params[hide_param]).lower() in ("true", "1")
                if hidden != comment.is_hidden:
                    world.comment_change(
                        page, comment_id, "hide" if hidden else "unhide", by_page=True
                    )
                return {"success": True}
            if "message" in params:
                if comment.from_id != page.id:
                    raise GraphFailure(200, "(#200) Permissions error")
                world.comment_change(
                    page, comment_id, "edited", by_page=True, text=str(params["message"])
                )
                return {"success": True}
            raise GraphFailure(100, "(#100) Nothing to update")
        if edge is None:
            return comment_node(comment)
        raise GraphFailure(100, f"(#100) Tried accessing nonexisting field ({edge})")

    def label_ops(
        method: str, page: Page, label_id: str, edge: str | None, params: dict[str, Any]
    ) -> Any:
        if label_id not in page.labels:
            raise GraphFailure(100, f"Object with ID '{label_id}' does not exist", 33)
        if edge == "label":
            psid = str(params.get("user") or "")
            if psid not in page.customers:
                raise GraphFailure(100, "(#100) No matching user found", 2018001)
            world.label_user(
                page, label_id, psid, "remove" if method == "DELETE" else "add", notify=False
            )
            return {"success": True}
        if edge is None and method == "DELETE":
            page.labels.pop(label_id, None)
            page.label_users.pop(label_id, None)
            state.label_index.pop(label_id, None)
            return {"success": True}
        if edge is None:
            return {"id": label_id, "page_label_name": page.labels[label_id]}
        raise GraphFailure(100, f"(#100) Tried accessing nonexisting field ({edge})")

    @router.api_route(
        "/{version}/{node}", methods=["GET", "POST", "DELETE"], include_in_schema=False
    )
    async def graph_node(request: Request, version: str, node: str) -> Response:
        return await handle(request, node, None)

    @router.api_route(
        "/{version}/{node}/{edge}", methods=["GET", "POST", "DELETE"], include_in_schema=False
    )
    async def graph_edge(request: Request, version: str, node: str, edge: str) -> Response:
        return await handle(request, node, edge)

    return router


__all__ = ["JSONResponse", "graph_router"]
