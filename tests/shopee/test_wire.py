"""Shopee wire formats, pure: signatures and push/message parsing (channels-api.md §1)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import orjson
import pytest

from chotdon.channels.shopee import parse, signing

# The push captured in production (channels-api.md §1.4), reproduced as captured.
CAPTURED = {
    "msg_id": "",
    "data": {
        "type": "message",
        "region": "ID",
        "content": {
            "message_id": "2302748948493123953",
            "shop_id": 165103149,
            "request_id": "35f9478b-7482-46eb-a268-8f828fedb673",
            "from_id": 165105353,
            "from_user_name": "vn_cstoreponorogo",
            "to_id": 947151379,
            "to_user_name": "keelatofficial",
            "message_type": "text",
            "content": {"text": "Baik kak .. 🤗"},
            "conversation_id": "709122092476686867",
            "created_timestamp": 1726044721,
            "region": "ID",
            "is_in_chatbot_session": False,
            "source_content": {},
            "quoted_msg": {"message_id": ""},
            "sub_account_id": 0,
            "sub_account_name": 0,
        },
    },
    "shop_id": 947042923,
    "code": 10,
    "timestamp": 1726044722,
}


def test_api_sign_is_hmac_over_partner_path_timestamp_token_shop() -> None:
    key, path = "k3y", "/api/v2/sellerchat/send_message"
    expected = hmac.new(
        key.encode(), f"2001{path}1700000000tok42".encode(), hashlib.sha256
    ).hexdigest()
    assert signing.api_sign(key, 2001, path, 1700000000, "tok", 42) == expected
    public = hmac.new(key.encode(), f"2001{path}1700000000".encode(), hashlib.sha256).hexdigest()
    assert signing.api_sign(key, 2001, path, 1700000000) == public


@pytest.mark.parametrize(
    ("header", "url", "ok"),
    [
        ("good", "https://shop.example/webhooks/shopee", True),
        ("good-upper", "https://shop.example/webhooks/shopee", True),
        ("good", "https://other.example/webhooks/shopee", False),  # signed for another URL
        ("zeros", "https://shop.example/webhooks/shopee", False),
        (None, "https://shop.example/webhooks/shopee", False),
        ("", "https://shop.example/webhooks/shopee", False),
    ],
)
def test_push_signature_covers_url_and_body(header: str | None, url: str, ok: bool) -> None:
    body = orjson.dumps(CAPTURED)
    good = signing.push_sign("k3y", "https://shop.example/webhooks/shopee", body)
    value = {"good": good, "good-upper": good.upper(), "zeros": "0" * 64}.get(header or "", header)
    assert signing.verify_push("k3y", url, body, value) is ok
    assert signing.verify_push("k3y", url, body + b" ", good) is False


def test_the_captured_push_is_a_buyer_message() -> None:
    pushed = parse.parse_push(CAPTURED)
    assert pushed is not None and pushed.shop_id == "947042923" and pushed.code == 10
    [event] = pushed.events
    assert event.direction == "in"
    assert event.customer.external_id == "165105353"
    assert event.customer.name == "vn_cstoreponorogo"
    assert event.text == "Baik kak .. 🤗"
    assert event.thread_external_id == "709122092476686867"
    assert event.created_at == datetime.fromtimestamp(1726044721, UTC)
    # Lost pushes carry `data` as a JSON string.
    lost = {**CAPTURED, "data": orjson.dumps(CAPTURED["data"]).decode()}
    assert parse.parse_push(lost).events[0].external_id == "2302748948493123953"  # type: ignore[union-attr]


def _message(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "message_id": "m1",
        "message_type": "text",
        "from_id": 7,
        "from_shop_id": 0,
        "to_id": 9,
        "content": {"text": "hi"},
        "created_timestamp": 1726044721,
    }
    return {**base, **over}


@pytest.mark.parametrize(
    ("message", "direction", "customer", "text", "attachment"),
    [
        (_message(), "in", "7", "hi", None),
        (_message(from_shop_id=42, from_id=3, to_id=7), "out", "7", "hi", None),
        (
            _message(message_type="image", content={"url": "https://x/1.jpg"}),
            "in",
            "7",
            None,
            "image",
        ),
        (_message(message_type="sticker", content={"sticker_id": "1"}), "in", "7", None, "sticker"),
        (_message(message_type="item", content={"item_id": 5}), "in", "7", None, "product"),
        (_message(message_type="order", content={"order_sn": "SN1"}), "in", "7", None, "order"),
        (
            _message(message_type="video", content={"video_url": "https://x/v"}),
            "in",
            "7",
            None,
            "video",
        ),
        (_message(message_type="bundle_deal", content={}), "in", "7", "[bundle_deal]", None),
    ],
)
def test_message_types_and_directions(message, direction, customer, text, attachment) -> None:
    event = parse.message_event(message, "42")
    assert event is not None
    assert (event.direction, event.customer.external_id, event.text) == (direction, customer, text)
    assert (event.attachments[0]["type"] if event.attachments else None) == attachment


@pytest.mark.parametrize(
    "bad",
    [
        _message(from_id="https://evil.example/x"),
        _message(message_id="../../me"),
        _message(to_id=None),
        _message(message_id=None),
        "not a message",
    ],
)
def test_messages_with_unsafe_or_missing_ids_are_skipped(bad: object) -> None:
    assert parse.message_event(bad, "42") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1726044721, 1726044721),
        (1726044721123, 1726044721.123),
        (1726044721123456789, 1726044721.123456789),
    ],
)
def test_timestamps_in_seconds_milliseconds_or_nanoseconds(value: int, expected: float) -> None:
    assert abs(parse.from_timestamp(value).timestamp() - expected) < 0.001


@pytest.mark.parametrize(
    "body", [None, [], {"code": 10}, {"shop_id": "../x", "code": 10}, {"shop_id": 1}]
)
def test_pushes_we_do_not_understand(body: object) -> None:
    assert parse.parse_push(body) is None
