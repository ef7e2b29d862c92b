"""What happens in the simulated Facebook, and the webhooks each happening sends.

`World` is used by the control API (tests say "customer U writes X"), by the demo scenario and
by the Graph endpoints (a Send API call appends to the thread and sends the echo webhook).
"""

from __future__ import annotations

from typing import Any

from chotdon.channels.facebook.simulator.state import (
    PAGE_INBOX_APP_ID,
    Comment,
    Customer,
    GraphFailure,
    LiveVideo,
    Msg,
    Page,
    Post,
    SimState,
)
from chotdon.channels.facebook.simulator.webhooks import WebhookSender


class World:
    def __init__(self) -> None:
        self.state = SimState()
        self.webhooks = WebhookSender()
        self.webhooks.on_unsubscribe = self.unsubscribe_all

    def unsubscribe_all(self) -> None:
        """What Facebook does after webhooks failed for too long: the app must re-subscribe."""
        for page in self.state.pages.values():
            page.subscribed_fields = set()

    # -- webhooks ------------------------------------------------------------------------
    def _subscribed(self, page: Page, field: str) -> bool:
        if page.is_instagram:
            # Instagram webhooks reach an app installed on the linked page (Facebook Login).
            linked = self.state.pages.get(page.linked_page_id or "")
            return linked is not None and bool(linked.subscribed_fields)
        return field in page.subscribed_fields

    def _messaging(
        self, page: Page, field: str, event: dict[str, Any], standby: bool = False
    ) -> None:
        if not self._subscribed(page, field):
            return
        key = "standby" if standby else "messaging"
        self.webhooks.push(
            _object(page), {"id": page.id, "time": self.state.now_ms(), key: [event]}
        )

    def _change(self, page: Page, field: str, value: dict[str, Any]) -> None:
        if not self._subscribed(page, field):
            return
        self.webhooks.push(
            _object(page),
            {
                "id": page.id,
                "time": self.state.now_ms() // 1000,
                "changes": [{"field": field, "value": value}],
            },
        )

    # -- Messenger -----------------------------------------------------------------------
    def customer_writes(
        self,
        page: Page,
        psid: str | None,
        *,
        name: str | None = None,
        text: str | None = None,
        attachments: list[dict[str, Any]] | None = None,
        quick_reply: str | None = None,
        reply_to: str | None = None,
        reply_to_story: dict[str, str] | None = None,
        standby: bool = False,
        at_ms: int | None = None,
    ) -> Msg:
        state = self.state
        customer = state.customer(page, psid, name)
        thread = state.thread(page, customer.psid)
        at = at_ms or state.now_ms()
        msg = Msg(
            mid=state.new_mid(),
            from_id=customer.psid,
            to_id=page.id,
            created=at,
            text=text,
            attachments=list(attachments or []),
        )
        thread.messages.append(msg)
        thread.last_customer_at = max(thread.last_customer_at or 0, at)
        thread.updated = max(thread.updated, at)
        thread.unread += 1
        state.mid_index[msg.mid] = (page.id, customer.psid)
        message: dict[str, Any] = {"mid": msg.mid}
        if text is not None:
            message["text"] = text
        if attachments:
            message["attachments"] = attachments
        if quick_reply:
            message["quick_reply"] = {"payload": quick_reply}
        if reply_to:
            message["reply_to"] = {"mid": reply_to, "is_self_reply": False}
        if reply_to_story:
            message["reply_to"] = {"story": dict(reply_to_story)}
        self._messaging(
            page,
            "messages",
            {
                "sender": {"id": customer.psid},
                "recipient": {"id": page.id},
                "timestamp": at,
                "message": message,
            },
            standby=standby,
        )
        return msg

    def customer_postback(self, page: Page, psid: str, title: str, payload: str) -> str:
        customer = self.state.customer(page, psid)
        thread = self.state.thread(page, customer.psid)
        at = self.state.now_ms()
        thread.last_customer_at = at
        mid = self.state.new_mid()
        self._messaging(
            page,
            "messaging_postbacks",
            {
                "sender": {"id": customer.psid},
                "recipient": {"id": page.id},
                "timestamp": at,
                "postback": {"mid": mid, "title": title, "payload": payload},
            },
        )
        return mid

    def customer_reacts(
        self,
        page: Page,
        psid: str,
        mid: str,
        reaction: str = "love",
        emoji: str = "\u2764",
        action: str = "react",
    ) -> None:
        thread = self.state.thread(page, psid)
        at = self.state.now_ms()
        thread.last_customer_at = at  # a reaction opens the 24 h window
        body: dict[str, Any] = {"mid": mid, "action": action}
        if action == "react":
            body.update(reaction=reaction, emoji=emoji)
        self._messaging(
            page,
            "message_reactions",
            {
                "sender": {"id": psid},
                "recipient": {"id": page.id},
                "timestamp": at,
                "reaction": body,
            },
        )

    def customer_status(
        self, page: Page, psid: str, kind: str, watermark: int | None = None
    ) -> None:
        """`delivery` or `read`: everything the page sent up to `watermark` (default now)."""
        at = self.state.now_ms()
        thread = self.state.thread(page, psid)
        body: dict[str, Any] = {"watermark": watermark or at}
        if page.is_instagram:  # Instagram: `read.mid` (the last message seen), no deliveries
            ours = [m.mid for m in thread.messages if m.from_id == page.id]
            if kind != "read" or not ours:
                return
            body = {"mid": ours[-1]}
            self._messaging(
                page,
                "messaging_seen",
                {
                    "sender": {"id": psid},
                    "recipient": {"id": page.id},
                    "timestamp": at,
                    "read": body,
                },
            )
            return
        if kind == "delivery":
            body["mids"] = [m.mid for m in thread.messages if m.from_id == page.id][-3:]
        field = "message_deliveries" if kind == "delivery" else "message_reads"
        self._messaging(
            page,
            field,
            {"sender": {"id": psid}, "recipient": {"id": page.id}, "timestamp": at, kind: body},
        )

    def page_sends(
        self,
        page: Page,
        psid: str,
        text: str | None,
        *,
        attachments: list[dict[str, Any]] | None = None,
        app_id: str | None = None,
        metadata: str | None = None,
    ) -> Msg:
        """The page sends a message (Send API, FB inbox or another tool) and the echo goes out."""
        state = self.state
        thread = state.thread(page, psid)
        at = state.now_ms()
        msg = Msg(
            mid=state.new_mid(),
            from_id=page.id,
            to_id=psid,
            created=at,
            text=text,
            attachments=list(attachments or []),
            metadata=metadata,
            app_id=app_id or PAGE_INBOX_APP_ID,
        )
        thread.messages.append(msg)
        thread.updated = at
        thread.unread = 0
        state.mid_index[msg.mid] = (page.id, psid)
        message: dict[str, Any] = {
            "mid": msg.mid,
            "is_echo": True,
            "app_id": int(msg.app_id or PAGE_INBOX_APP_ID),
        }
        if metadata is not None:
            message["metadata"] = metadata
        if text is not None:
            message["text"] = text
        if attachments:
            message["attachments"] = attachments
        self._messaging(
            page,
            "message_echoes",
            {
                "sender": {"id": page.id},
                "recipient": {"id": psid},
                "timestamp": at,
                "message": message,
            },
        )
        return msg

    def customer_edits(self, page: Page, psid: str, mid: str, text: str) -> None:
        for msg in self.state.thread(page, psid).messages:
            if msg.mid == mid:
                msg.text = text
        self._messaging(
            page,
            "message_edits",
            {
                "sender": {"id": psid},
                "recipient": {"id": page.id},
                "timestamp": self.state.now_ms(),
                "message_edit": {"mid": mid, "text": text, "num_edit": 1},
            },
        )

    # -- feed ----------------------------------------------------------------------------
    def add_post(
        self,
        page: Page,
        message: str | None,
        picture: str | None = None,
        status_type: str | None = None,
        at_ms: int | None = None,
        fbid: str | None = None,
    ) -> Post:
        at = at_ms or self.state.now_ms()
        post = Post(
            id=f"{page.id}_{fbid or self.state.new_id()}",
            created=at,
            message=message,
            picture=picture,
            status_type=status_type or ("added_photos" if picture else "mobile_status_update"),
        )
        page.posts[post.id] = post
        value: dict[str, Any] = {
            "item": "photo" if picture else "status",
            "verb": "add",
            "post_id": post.id,
            "published": 1,
            "created_time": at // 1000,
            "from": {"id": page.id, "name": page.name},
        }
        if message:
            value["message"] = message
        if picture:
            value["link"] = picture
        self._change(page, "feed", value)
        return post

    def _post_value(self, post: Post) -> dict[str, Any]:
        return {
            "status_type": post.status_type,
            "is_published": True,
            "updated_time": _iso_now(self.state),
            "permalink_url": post.permalink,
            "promotion_status": "inactive",
            "id": post.id,
        }

    def _comment_value(
        self, post: Post, comment: Comment, verb: str, actor: tuple[str, str]
    ) -> dict[str, Any]:
        value: dict[str, Any] = {
            "from": {"id": actor[0], "name": actor[1]},
            "post": self._post_value(post),
            "post_id": post.id,
            "comment_id": comment.id,
            "created_time": comment.created // 1000,
            "item": "comment",
            "parent_id": comment.parent_id or post.id,
            "verb": verb,
        }
        if comment.message is not None and verb != "remove":
            value["message"] = comment.message
        if comment.photo:
            value["photo"] = comment.photo
        return value

    def _comment_id(self, page: Page, post: Post) -> str:
        # Facebook: {post fbid}_{n}; Instagram comment ids are plain numbers.
        return self.state.new_id(17) if page.is_instagram else f"{post.fbid}_{self.state.new_id()}"

    def _comment_webhook(
        self, page: Page, post: Post, comment: Comment, verb: str, actor: tuple[str, str]
    ) -> None:
        if not page.is_instagram:
            self._change(page, "feed", self._comment_value(post, comment, verb, actor))
            return
        if verb != "add":
            return  # Instagram notifies new comments only (hide/delete are the app's own calls)
        author = page if comment.from_id == page.id else page.customers.get(comment.from_id)
        value: dict[str, Any] = {
            "from": {"id": comment.from_id, "username": getattr(author, "username", None)},
            "media": {"id": post.id, "media_product_type": post.media_product_type or "FEED"},
            "id": comment.id,
            "text": comment.message or "",
        }
        if comment.parent_id:
            value["parent_id"] = comment.parent_id
        field = "live_comments" if post.media_product_type == "LIVE" else "comments"
        self._change(page, field, value)

    def customer_comments(
        self,
        page: Page,
        post_id: str,
        psid: str | None,
        *,
        name: str | None = None,
        text: str | None = None,
        photo: str | None = None,
        parent_id: str | None = None,
        at_ms: int | None = None,
    ) -> Comment:
        state = self.state
        post = page.posts.get(post_id)
        if post is None:
            raise GraphFailure(100, f"Object with ID '{post_id}' does not exist", 33)
        customer = state.customer(page, psid, name)
        at = at_ms or state.now_ms()
        comment = Comment(
            id=self._comment_id(page, post),
            post_id=post.id,
            from_id=customer.psid,
            from_name=customer.name,
            created=at,
            message=text,
            parent_id=parent_id,
            photo=photo,
        )
        post.comments[comment.id] = comment
        state.comment_index[comment.id] = (page.id, post.id)
        self._comment_webhook(page, post, comment, "add", (customer.psid, customer.name))
        return comment

    def page_comments(self, page: Page, target_id: str, text: str) -> Comment:
        """The page replies under a comment (or comments on its post)."""
        state = self.state
        if target_id in page.posts:
            post, parent = page.posts[target_id], None
        else:
            _, post_id = state.comment_index.get(target_id, (None, None))
            if post_id is None or post_id not in page.posts:
                raise GraphFailure(100, f"Object with ID '{target_id}' does not exist", 33)
            post, parent = page.posts[post_id], target_id
            if post.comments[target_id].deleted:
                raise GraphFailure(100, "The comment was deleted", 33)
        comment = Comment(
            id=self._comment_id(page, post),
            post_id=post.id,
            from_id=page.id,
            from_name=page.name,
            created=state.now_ms(),
            message=text,
            parent_id=parent,
        )
        post.comments[comment.id] = comment
        state.comment_index[comment.id] = (page.id, post.id)
        self._comment_webhook(page, post, comment, "add", (page.id, page.name))
        return comment

    def comment_change(
        self, page: Page, comment_id: str, verb: str, *, by_page: bool, text: str | None = None
    ) -> Comment:
        _, post_id = self.state.comment_index.get(comment_id, (None, None))
        post = page.posts.get(post_id or "")
        if post is None or comment_id not in post.comments:
            raise GraphFailure(100, f"Object with ID '{comment_id}' does not exist", 33)
        comment = post.comments[comment_id]
        if comment.deleted:
            raise GraphFailure(100, f"Object with ID '{comment_id}' does not exist", 33)
        if verb == "edited":
            comment.message = text
        elif verb == "remove":
            comment.deleted = True
        elif verb in ("hide", "unhide"):
            comment.is_hidden = verb == "hide"
        actor = (page.id, page.name) if by_page else (comment.from_id, comment.from_name)
        self._comment_webhook(page, post, comment, verb, actor)
        return comment

    def add_media(
        self,
        account: Page,
        caption: str | None,
        media_product_type: str = "FEED",
        picture: str | None = None,
        at_ms: int | None = None,
    ) -> Post:
        """An Instagram post, reel or live (no webhook: Instagram notifies comments only)."""
        post = Post(
            id=self.state.new_id(17),
            created=at_ms or self.state.now_ms(),
            message=caption,
            picture=picture,
            status_type="added_video"
            if media_product_type in ("REELS", "LIVE")
            else "added_photos",
            media_product_type=media_product_type,
        )
        account.posts[post.id] = post
        return post

    # -- live ----------------------------------------------------------------------------
    def go_live(self, page: Page, title: str) -> LiveVideo:
        state = self.state
        if page.is_instagram:
            post = self.add_media(page, title, "LIVE")
            live = LiveVideo(
                id=post.id, video_id=post.id, post_id=post.id, title=title, created=post.created
            )
            page.live_videos[live.id] = live
            state.live_index[live.id] = page.id
            return live
        video_id = state.new_id()
        post = self.add_post(page, title, status_type="added_video", fbid=video_id)
        live = LiveVideo(
            id=state.new_id(),
            video_id=video_id,
            post_id=post.id,
            title=title,
            created=state.now_ms(),
        )
        page.live_videos[live.id] = live
        state.live_index[live.id] = page.id
        self._change(page, "live_videos", {"id": live.id, "status": "live"})
        return live

    def live_status(self, page: Page, live_id: str, status: str) -> LiveVideo:
        live = page.live_videos.get(live_id)
        if live is None:
            raise GraphFailure(100, f"Object with ID '{live_id}' does not exist", 33)
        live.status = status
        if page.is_instagram:  # no webhook; private replies end with the broadcast
            page.posts[live.post_id].live_ended = status != "live"
            return live
        self._change(page, "live_videos", {"id": live.id, "status": status})
        return live

    # -- labels --------------------------------------------------------------------------
    def create_label(self, page: Page, name: str) -> str:
        for label_id, existing in page.labels.items():
            if existing == name:
                return label_id
        label_id = self.state.new_id(16)
        page.labels[label_id] = name
        page.label_users[label_id] = set()
        self.state.label_index[label_id] = page.id
        return label_id

    def label_user(
        self, page: Page, label_id: str, psid: str, action: str, *, notify: bool
    ) -> None:
        if label_id not in page.labels:
            raise GraphFailure(100, f"Object with ID '{label_id}' does not exist", 33)
        users = page.label_users.setdefault(label_id, set())
        if action == "add":
            users.add(psid)
        else:
            users.discard(psid)
        if notify:
            self._change(
                page,
                "inbox_labels",
                {
                    "user": {"id": psid},
                    "action": action,
                    "label": {"id": label_id, "page_label_name": page.labels[label_id]},
                },
            )


def _object(page: Page) -> str:
    return "instagram" if page.is_instagram else "page"


def _iso_now(state: SimState) -> str:
    from chotdon.channels.facebook.simulator.state import iso

    return iso(state.now_ms())


__all__ = ["Customer", "World"]
