"""Pure logic of the Facebook channel: payload parsing, signatures, Graph error typing."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from chotdon.channels.events import (
    InboundComment,
    InboundMessage,
    MessageStatusUpdate,
    Reaction,
)
from chotdon.channels.facebook import graph, signature
from chotdon.channels.facebook.parse import (
    LabelChange,
    LiveVideoChange,
    MessageEdit,
    PostChange,
    attachments_of,
    from_iso,
    page_ids,
    parse_delivery,
)

PAGE = "370873143344730"
PSID = "6780462125377510"
APP = "100000000000001"


def messaging(event: dict, key: str = "messaging") -> dict:
    return {"object": "page", "entry": [{"id": PAGE, "time": 1701427705708, key: [event]}]}


def feed(value: dict, field: str = "feed") -> dict:
    return {
        "object": "page",
        "entry": [{"id": PAGE, "time": 1707211879, "changes": [{"field": field, "value": value}]}],
    }


def one(payload: dict):
    [group] = parse_delivery(payload, app_id=APP)
    assert group.page_id == PAGE
    [event] = group.events
    return event


def base(extra: dict) -> dict:
    return {"sender": {"id": PSID}, "recipient": {"id": PAGE}, "timestamp": 1701427704837, **extra}


@pytest.mark.parametrize(
    ("message", "check"),
    [
        (
            {"mid": "m_1", "text": "测试私信"},
            lambda e: e.text == "测试私信" and e.direction == "in",
        ),
        (
            {"mid": "m_2", "text": "M", "quick_reply": {"payload": "SIZE_M"}},
            lambda e: e.meta["quick_reply"] == "SIZE_M",
        ),
        (
            {"mid": "m_3", "text": "ok", "reply_to": {"mid": "m_0", "is_self_reply": False}},
            lambda e: e.reply_to_external_id == "m_0",
        ),
        (
            {
                "mid": "m_4",
                "attachments": [{"type": "image", "payload": {"url": "https://x/a.jpg"}}],
            },
            lambda e: e.attachments == [{"type": "image", "url": "https://x/a.jpg"}] and not e.text,
        ),
        (
            {
                "mid": "m_5",
                "attachments": [
                    {"type": "sticker", "payload": {"url": "https://x/s.png", "sticker_id": 369}},
                    {"type": "image", "payload": {"url": "https://x/s.png", "sticker_id": 369}},
                ],
            },
            lambda e: (
                e.attachments
                == [{"type": "sticker", "url": "https://x/s.png", "sticker_id": "369"}]
            ),
        ),
        (
            {"mid": "m_6", "attachments": [{"type": "fallback", "title": "Link"}]},
            lambda e: e.attachments[0]["type"] == "fallback",
        ),
    ],
)
def test_customer_messages(message, check):
    event = one(messaging(base({"message": message})))
    assert isinstance(event, InboundMessage)
    assert event.customer.external_id == PSID
    assert event.created_at == datetime.fromtimestamp(1701427704.837, UTC)
    assert check(event)


def test_echo_of_our_send_and_of_facebook_inbox():
    ours = one(
        messaging(
            {
                "sender": {"id": PAGE},
                "recipient": {"id": PSID},
                "timestamp": 1457764197627,
                "message": {
                    "is_echo": True,
                    "app_id": int(APP),
                    "metadata": "chotdon:42",
                    "mid": "mid.1457764197618:41d102a3e1ae206a38",
                    "text": "Dạ",
                },
            }
        )
    )
    assert ours.direction == "out" and ours.sender_type == "page"
    assert ours.customer.external_id == PSID
    assert ours.metadata == "chotdon:42" and ours.app_id == APP
    human = one(
        messaging(
            {
                "sender": {"id": PAGE},
                "recipient": {"id": PSID},
                "timestamp": 1457764197627,
                "message": {"is_echo": True, "app_id": 263902037430900, "mid": "m_x", "text": "Hi"},
            }
        )
    )
    assert human.app_id == "263902037430900" and human.metadata is None


def test_standby_postback_reaction_status_edit():
    standby = one(messaging(base({"message": {"mid": "m_s", "text": "hi"}}), key="standby"))
    assert standby.meta == {"standby": True}
    postback = one(
        messaging(base({"postback": {"mid": "m_p", "title": "Mua ngay", "payload": "BUY"}}))
    )
    assert postback.text == "Mua ngay" and postback.meta["postback"]["payload"] == "BUY"
    reaction = one(
        messaging(
            base(
                {
                    "reaction": {
                        "mid": "m_1",
                        "action": "react",
                        "emoji": "\u2764",
                        "reaction": "love",
                    }
                }
            )
        )
    )
    assert isinstance(reaction, Reaction) and reaction.emoji == "\u2764"
    delivery = one(messaging(base({"delivery": {"mids": ["m_9"], "watermark": 1698636946713}})))
    assert isinstance(delivery, MessageStatusUpdate) and delivery.status == "delivered"
    assert delivery.external_ids == ["m_9"]
    read = one(messaging(base({"read": {"watermark": 1698636960806}})))
    assert read.status == "read" and read.watermark == datetime.fromtimestamp(1698636960.806, UTC)
    edit = one(messaging(base({"message_edit": {"mid": "m_1", "text": "new", "num_edit": 1}})))
    assert isinstance(edit, MessageEdit) and edit.text == "new"


COMMENT = {
    "from": {"id": "24266381753005180", "name": "Wong Tsun-Lok Frank"},
    "post": {
        "status_type": "added_photos",
        "id": f"{PAGE}_712750021053074",
        "permalink_url": "https://www.facebook.com/x/posts/1",
    },
    "message": "+1",
    "post_id": f"{PAGE}_712750021053074",
    "comment_id": "712750021053074_1063824911537852",
    "created_time": 1707211876,
    "item": "comment",
    "parent_id": f"{PAGE}_712750021053074",
    "verb": "add",
}


@pytest.mark.parametrize(
    ("changes", "expect"),
    [
        ({}, {"direction": "in", "verb": "add", "parent_external_id": None, "text": "+1"}),
        ({"parent_id": "712750021053074_1"}, {"parent_external_id": "712750021053074_1"}),
        ({"verb": "edited", "message": "+2"}, {"verb": "edited", "text": "+2"}),
        ({"verb": "remove", "message": None}, {"verb": "remove"}),
        (
            {"verb": "hide", "from": {"id": PAGE, "name": "Shop"}},
            {"verb": "hide", "direction": "in"},
        ),
        (
            {"from": {"id": PAGE, "name": "Shop"}, "parent_id": "712750021053074_1"},
            {"direction": "out", "sender_type": "page"},
        ),
        (
            {"message": None, "photo": "https://x/p.jpg"},
            {"attachments": [{"type": "image", "url": "https://x/p.jpg"}], "text": None},
        ),
    ],
)
def test_feed_comments(changes, expect):
    value = {**COMMENT, **changes}
    event = one(feed({k: v for k, v in value.items() if v is not None}))
    assert isinstance(event, InboundComment)
    assert event.post.external_id == f"{PAGE}_712750021053074"
    assert event.post.permalink_url == "https://www.facebook.com/x/posts/1"
    assert event.created_at == datetime.fromtimestamp(1707211876, UTC)
    for key, value in expect.items():
        assert getattr(event, key) == value, key


def test_posts_live_labels_and_junk():
    post = one(
        feed(
            {
                "item": "status",
                "verb": "add",
                "post_id": f"{PAGE}_1",
                "message": "Sale",
                "created_time": 1707211876,
            }
        )
    )
    assert isinstance(post, PostChange) and post.post.message == "Sale"
    live = one(feed({"id": "10159659015335730", "status": "vod"}, field="live_videos"))
    assert live == LiveVideoChange("10159659015335730", "vod")
    label = one(
        feed(
            {
                "user": {"id": PSID},
                "action": "add",
                "label": {"id": "17", "page_label_name": "VIP"},
            },
            field="inbox_labels",
        )
    )
    assert label == LabelChange(PSID, "17", "VIP", "add")
    legacy = one(
        feed(
            {"user": {"id": PSID}, "action": "remove", "label": {"id": "17", "name": "VIP"}},
            field="inbox_labels",
        )
    )
    assert legacy.label_name == "VIP" and legacy.action == "remove"
    [group] = parse_delivery(
        {
            "object": "page",
            "entry": [
                {
                    "id": PAGE,
                    "messaging": [{"x": 1}, "junk"],
                    "changes": [{"field": "feed", "value": {"item": "reaction"}}],
                }
            ],
        },
        app_id=APP,
    )
    assert group.events == [] and group.skipped == 3
    assert parse_delivery({"object": "instagram", "entry": []}, app_id=APP) == []
    assert parse_delivery([1, 2], app_id=APP) == []


def test_several_pages_in_one_delivery():
    payload = {
        "object": "page",
        "entry": [
            {"id": "1", "time": 1, "messaging": [base({"message": {"mid": "a", "text": "x"}})]},
            {"id": "2", "time": 1, "messaging": [base({"message": {"mid": "b", "text": "y"}})]},
            {"id": "1", "time": 2, "messaging": [base({"message": {"mid": "c", "text": "z"}})]},
        ],
    }
    groups = parse_delivery(payload, app_id=APP)
    assert [(g.page_id, [e.external_id for e in g.events]) for g in groups] == [
        ("1", ["a", "c"]),
        ("2", ["b"]),
    ]
    assert page_ids(payload) == ["1", "2"]


def test_attachments_and_times():
    assert attachments_of(None) == []
    assert attachments_of([{"type": "video", "payload": {"url": "u"}}]) == [
        {"type": "video", "url": "u"}
    ]
    assert from_iso("2018-08-30T18:47:02+0000") == datetime(2018, 8, 30, 18, 47, 2, tzinfo=UTC)
    assert from_iso("nonsense") is None


@pytest.mark.parametrize(
    ("body", "header", "ok"),
    [
        (b'{"a":"\\u00e4"}', "valid", True),
        (b'{"a":"\\u00e4"}', None, False),
        (b'{"a":"\\u00e4"}', "sha256=" + "0" * 64, False),
        (b'{"a":"\\u00e4"}', "sha1=abc", False),
        (b'{"a":"\\u00e4"}', "sha256=zz\u00e4", False),
    ],
)
def test_signature(body, header, ok):
    if header == "valid":
        header = signature.sign(body, "secret")
    assert signature.verify(body, header, "secret") is ok


def test_facebook_json_is_ascii_escaped():
    body = signature.facebook_json({"text": "Áo khoác ❤️ 😍", "url": "https://x/y"})
    assert body.isascii()
    assert b"\\u00c1o kho\\u00e1c \\u2764\\ufe0f \\ud83d\\ude0d" in body
    assert b"https:\\/\\/x\\/y" in body


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        (400, {"code": 4, "message": "(#4) Application request limit reached"}, graph.RateLimited),
        (400, {"code": 17}, graph.RateLimited),
        (400, {"code": 32}, graph.RateLimited),
        (400, {"code": 613}, graph.RateLimited),
        (400, {"code": 80006}, graph.RateLimited),
        (400, {"code": 190, "error_subcode": 463}, graph.TokenInvalid),
        (400, {"code": 10, "error_subcode": 2018278}, graph.OutsideWindow),
        (400, {"code": 551, "error_subcode": 1545041}, graph.RecipientUnavailable),
        (400, {"code": 10900}, graph.PrivateReplyNotAllowed),
        (400, {"code": 10903}, graph.PrivateReplyNotAllowed),
        (500, {"code": 2, "message": "Service temporarily unavailable"}, graph.TransientError),
        (400, {"code": 1, "error_subcode": 99}, graph.TransientError),
        (403, {"code": 200}, graph.PermissionDenied),
        (400, {"code": 100, "error_subcode": 2018001}, graph.InvalidParameter),
        (400, {"code": 12345, "is_transient": True}, graph.TransientError),
        (400, {"code": 12345}, graph.GraphError),
    ],
)
def test_graph_errors_are_typed_by_code(status, error, kind):
    exc = graph.error_from_response(status, {"error": {"message": "m", **error}}, None)
    assert type(exc) is kind
    assert exc.code == error["code"]


def test_usage_headers():
    headers = httpx.Headers(
        {
            "x-app-usage": '{"call_count":28,"total_cputime":25,"total_time":25}',
            "x-business-use-case-usage": '{"1":[{"type":"pages","call_count":95,"total_cputime":20,'
            '"total_time":20,"estimated_time_to_regain_access":2}]}',
        }
    )
    assert graph.usage_percent(headers) == 95
    exc = graph.error_from_response(400, {"error": {"code": 32, "message": "x"}}, headers)
    assert exc.retry_after == 120
    assert graph.usage_percent(httpx.Headers({"x-app-usage": "garbage"})) == 0
