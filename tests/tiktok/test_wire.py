"""TikTok Shop wire format, pure: signatures, notifications → events, the reply rule, sends."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import orjson
import pytest

from chotdon.channels.tiktok import parse, send, signing
from chotdon.channels.tiktok.provider import NOT_ALLOWED, reply_window

SECRET = "s3cret"


def test_api_sign_wraps_path_sorted_params_and_body_in_the_secret():
    params = {
        "timestamp": 1700000000,
        "app_key": "k",
        "shop_cipher": "C",
        "sign": "x",
        "access_token": "t",
        "ids": ["a", "b"],
    }
    body = b'{"type":"TEXT"}'
    expected_base = (
        f"{SECRET}/p/x" + "app_keykshop_cipherCtimestamp1700000000" + body.decode() + SECRET
    )
    expected = hmac.new(SECRET.encode(), expected_base.encode(), hashlib.sha256).hexdigest()
    assert signing.api_sign(SECRET, "/p/x", params, body) == expected
    assert signing.api_sign(SECRET, "/p/x", params) != expected  # the body counts


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        (None, False),
        ("", False),
        ("0" * 64, False),
        ("SIGNED", True),
        ("  SIGNED_UPPER ", True),
    ],
)
def test_webhook_signature_is_hmac_of_app_key_and_body(header, ok):
    body = b'{"type":14}'
    good = hmac.new(SECRET.encode(), b"key" + body, hashlib.sha256).hexdigest()
    if header == "SIGNED":
        header = good
    elif header and "SIGNED_UPPER" in header:
        header = f"  {good.upper()} "
    assert signing.verify_webhook("key", SECRET, body, header) is ok


def _data(kind: str, content: dict, role: str = "BUYER", **extra) -> dict:
    return {
        "conversation_id": "777",
        "message_id": "9001",
        "index": "5",
        "type": kind,
        "content": orjson.dumps(content).decode(),
        "create_time": 1700000000,
        "is_visible": True,
        "sender": {"im_user_id": "im1", "role": role, "nickname": "ngoc"},
        **extra,
    }


@pytest.mark.parametrize(
    ("kind", "content", "text", "attachment"),
    [
        ("TEXT", {"content": "Còn size M không shop?"}, "Còn size M không shop?", None),
        (
            "IMAGE",
            {"url": "https://p16.tiktokcdn.com/a.jpg", "width": 10, "height": 9},
            None,
            "image",
        ),
        ("VIDEO", {"url": "https://v.tiktokcdn.com/v.mp4", "cover": "c"}, None, "video"),
        ("PRODUCT_CARD", {"product_id": "1729"}, None, "product"),
        ("ORDER_CARD", {"order_id": "5781"}, None, "order"),
        ("LOGISTICS_CARD", {"order_id": "5781"}, None, "order"),
        (
            "RETURN_REFUND_CARD",
            {"order_id": "5781", "sku_id": "1"},
            "Yêu cầu trả hàng / hoàn tiền",
            "order",
        ),
        ("COUPON_CARD", {"coupon_id": "C9"}, "Mã giảm giá C9", None),
        (
            "BUYER_ENTER_FROM_PRODUCT",
            {"product_id": "1729"},
            "Khách vào chat từ trang sản phẩm",
            "product",
        ),
        ("EMOTICONS", {}, "[emoticon]", None),
        ("OTHER", {}, "[other]", None),
    ],
)
def test_every_message_type_becomes_text_or_an_attachment(kind, content, text, attachment):
    [event] = parse.parse_notification(
        {"type": 14, "shop_id": "123", "tts_notification_id": "1", "data": _data(kind, content)}
    ).events
    assert event.text == text
    assert (event.attachments[0]["type"] if event.attachments else None) == attachment
    assert event.direction == "in" and event.customer.external_id == "777"
    assert event.customer.name == "ngoc" and event.meta["tiktok_index"] == "5"


@pytest.mark.parametrize(
    ("role", "visible", "direction"),
    [
        ("SHOP", True, "out"),
        ("CUSTOMER_SERVICE", True, "out"),
        ("ROBOT", True, "out"),
        ("SYSTEM", True, None),
        ("BUYER", False, None),
    ],
)
def test_shop_echoes_are_outgoing_and_system_or_invisible_messages_are_skipped(
    role, visible, direction
):
    payload = {
        "type": 14,
        "shop_id": "123",
        "data": _data("TEXT", {"content": "x"}, role, is_visible=visible),
    }
    notification = parse.parse_notification(payload)
    assert [e.direction for e in notification.events] == ([direction] if direction else [])


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"type": 14},
        {"shop_id": "1"},
        {"type": True, "shop_id": "1"},
        {"type": 14, "shop_id": "../x"},
    ],
)
def test_what_is_not_a_notification(payload):
    assert parse.parse_notification(payload) is None


def test_a_message_with_a_hostile_id_is_skipped():
    data = {**_data("TEXT", {"content": "x"}), "conversation_id": "../../admin"}
    notification = parse.parse_notification({"type": 14, "shop_id": "1", "data": data})
    assert notification.events == [] and notification.skipped == 1


NOW = datetime(2026, 12, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("last_incoming", "state", "expected"),
    [
        (NOW - timedelta(days=2), None, "open"),
        (NOW - timedelta(days=31), None, "closed"),
        (None, None, "closed"),
        (
            None,
            {"can_send_message": True, "checked_at": (NOW - timedelta(hours=1)).isoformat()},
            "open",
        ),
        (
            None,
            {"can_send_message": True, "checked_at": (NOW - timedelta(days=3)).isoformat()},
            "closed",
        ),
        (
            NOW - timedelta(days=2),
            {"can_send_message": False, "checked_at": (NOW - timedelta(days=1)).isoformat()},
            "closed",
        ),
        (
            NOW - timedelta(hours=1),
            {"can_send_message": False, "checked_at": (NOW - timedelta(days=1)).isoformat()},
            "open",
        ),
    ],
)
def test_can_send_message_rule(last_incoming, state, expected):
    window = reply_window(last_incoming, NOW, state)
    assert window.state == expected
    if expected == "closed":
        assert window.reason == NOT_ALLOWED and "30 ngày" in window.reason


def _message(text=None, attachments=()):
    return SimpleNamespace(text=text, attachments=list(attachments))


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        (_message("chào"), [("TEXT", {"content": "chào"})]),
        (
            _message("a" * 2500),
            [("TEXT", {"content": "a" * 2000}), ("TEXT", {"content": "a" * 500})],
        ),
        (
            _message(attachments=[{"type": "product", "tiktok_product_id": "1729"}]),
            [("PRODUCT_CARD", {"product_id": "1729"})],
        ),
        (
            _message(attachments=[{"type": "product", "product_id": 5, "listing_id": "1729"}]),
            [("PRODUCT_CARD", {"product_id": "1729"})],
        ),
        (
            _message(attachments=[{"type": "product", "product_id": "1729", "name": "x"}]),
            [("PRODUCT_CARD", {"product_id": "1729"})],
        ),
        (
            _message(
                attachments=[{"type": "product", "product_id": 5, "name": "Áo", "price": 150000}]
            ),
            [("TEXT", {"content": "🛍 Áo — 150.000đ"})],
        ),
        (
            _message(attachments=[{"type": "order", "order_sn": "5781"}]),
            [("ORDER_CARD", {"order_id": "5781"})],
        ),
        (
            _message(
                attachments=[{"type": "image", "url": "https://x/a.png", "width": 2, "height": 3}]
            ),
            [("IMAGE", {"url": "https://x/a.png", "width": 2, "height": 3})],
        ),
    ],
)
def test_what_goes_out_for_a_message(message, parts):
    assert [(p.type, p.content) for p in send.parts_of(message, {})] == parts


def test_an_uploaded_image_is_uploaded_first():
    [part] = send.parts_of(
        _message(attachments=[{"type": "image", "media_id": 3}]), {3: Path("/x.png")}
    )
    assert part.type == "IMAGE" and part.upload == Path("/x.png")
