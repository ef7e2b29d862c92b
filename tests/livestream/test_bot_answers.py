"""The confirmation bot's pure parts: templates and understanding a customer's answer."""

from __future__ import annotations

import pytest

from chotdon.core.errors import ValidationFailed
from chotdon.livestream import bot


@pytest.mark.parametrize(
    ("text", "confirm", "address", "phone"),
    [
        ("ok", True, None, None),
        ("OK shop", True, None, None),
        ("oke ạ", True, None, None),
        ("Okie", True, None, None),
        ("đồng ý", True, None, None),
        ("dong y nha", True, None, None),
        ("xác nhận", True, None, None),
        ("Xác nhận đơn giúp em", True, None, None),
        ("chốt", True, None, None),
        ("chốt đơn nha shop", True, None, None),
        ("không ok", False, None, None),
        ("chưa xác nhận", False, None, None),
        ("shop ơi", False, None, None),
        ("size M còn không", False, None, None),
        (
            "địa chỉ: 12 Lê Lợi, phường Bến Nghé, Quận 1, TP HCM",
            False,
            "12 Lê Lợi, phường Bến Nghé, Quận 1, TP HCM",
            None,
        ),
        (
            "đc 45 ngõ 12 Láng Hạ, Đống Đa, Hà Nội",
            False,
            "45 ngõ 12 Láng Hạ, Đống Đa, Hà Nội",
            None,
        ),
        (
            "ok, 7 đường Trần Phú, phường 4, quận 5, TPHCM",
            True,
            "7 đường Trần Phú, phường 4, quận 5, TPHCM",
            None,
        ),
        (
            "Số 3 hẻm 45 Nguyễn Trãi, Thanh Xuân, Hà Nội 0912345678",
            False,
            "Số 3 hẻm 45 Nguyễn Trãi, Thanh Xuân, Hà Nội",
            "+84912345678",
        ),
        ("sdt em 0987654321", False, None, "+84987654321"),
        (
            "thôn Đông, xã Yên Sở, huyện Hoài Đức",
            False,
            "thôn Đông, xã Yên Sở, huyện Hoài Đức",
            None,
        ),
    ],
)
def test_understand_answer(text, confirm, address, phone):
    answer = bot.understand_answer(text)
    assert answer.confirm is confirm
    assert answer.address == address
    assert answer.phone == phone


def test_confirm_button_payload_names_the_order():
    answer = bot.understand_answer("Xác nhận", f"{bot.CONFIRM_PAYLOAD_PREFIX}42")
    assert answer.confirm and answer.order_id == 42
    assert bot.understand_answer(None, f"{bot.CONFIRM_PAYLOAD_PREFIX}7").order_id == 7
    assert not bot.understand_answer(None, "OTHER_PAYLOAD").confirm


def test_render_fills_placeholders_and_fits_one_message():
    text = bot.render(
        None,
        {
            "customer_name": "Lan",
            "page_name": "Shop A",
            "livestream": "Live tối",
            "code": "DH000001",
            "items": bot.item_lines([("Quần jean", 2, 250_000)]),
            "total": "500.000đ",
            "missing": bot.missing_sentence(["address"]),
        },
    )
    assert "Chào Lan" in text and "DH000001" in text and "Quần jean x2" in text
    assert "địa chỉ nhận hàng" in text
    assert "{" not in text
    long = bot.render("{items}", {"items": "x" * 5000})
    assert len(long) == bot.MAX_MESSAGE_CHARS


def test_missing_sentence():
    assert bot.missing_sentence([]) == "Shop đã có đủ thông tin giao hàng của bạn."
    both = bot.missing_sentence(["phone", "address"])
    assert both.startswith("Bạn gửi giúp shop số điện thoại") and " và địa chỉ" in both


def test_template_with_an_unknown_placeholder_is_refused():
    bot.check_template("Chào {customer_name}, đơn {code}")
    with pytest.raises(ValidationFailed):
        bot.check_template("Chào {ten_khach}")


def test_hourly_cap_setting():
    assert bot.hourly_cap(None) == 550
    assert bot.hourly_cap({"private_reply_hourly_cap": 10}) == 10
    assert bot.hourly_cap({"private_reply_hourly_cap": "x"}) == 550
