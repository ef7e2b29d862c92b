"""Pure customer rules: phone formats, addresses found in chats, the risk badge."""

from __future__ import annotations

import pytest

from chotdon.customers.addresses import find_address, find_province
from chotdon.customers.phones import display_phone, find_phones, normalize_phone
from chotdon.customers.risk import risk_level


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0912345678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912 345 678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("(+84) 912345678", "+84912345678"),
        ("0387654321", "+84387654321"),
        ("024 3825 1234", "+842438251234"),
        ("12345", None),
        ("", None),
        ("abc", None),
    ],
)
def test_normalize_phone(typed, e164):
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("sđt em 0912.345.678 nha shop", ["+84912345678"]),
        ("gọi 0912345678 hoặc 0987 654 321", ["+84912345678", "+84987654321"]),
        ("áo 150k size 39 mã A010", []),
        ("hotline 1900 1234", []),
        ("+84912345678 và 0912345678", ["+84912345678"]),
        # Where the inbox's finder and the livestream's disagreed (one finder now): a number in
        # a digit run libphonenumber gives up on.
        ("A01 size 39 0912 345 678", ["+84912345678"]),
        ("A02 2 098 765 4321", ["+84987654321"]),
        ("lấy 2 cái 0912.345.678 nhé", ["+84912345678"]),
        ("sdt0912345678", ["+84912345678"]),
        ("A02 091234567", []),
        ("A02 19001234", []),
    ],
)
def test_find_phones(text, phones):
    assert [p.e164 for p in find_phones(text)] == phones


@pytest.mark.parametrize(
    "text",
    [
        "A01 size 39 0912 345 678",
        "A02 2 098 765 4321",
        "A02 09 12 34 56 78",
        "sdt 0912345678 A02 x2",
        "A02 0912345678/0987654321",
        "A02 091234567",
        "size 39",
        "hotline 1900 1234",
    ],
)
def test_inbox_and_livestream_find_the_same_phones(text):
    from chotdon.livestream.parser import extract_phones

    assert [p.e164 for p in find_phones(text)] == extract_phones(text, "VN")[0]


def test_display_phone():
    assert display_phone("+84912345678") == "0912 345 678"


@pytest.mark.parametrize(
    ("text", "address", "province", "district", "ward"),
    [
        (
            "đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM 0912345678",
            "12 Lê Lợi, P. Bến Nghé, Q1, HCM",
            "Hồ Chí Minh",
            "Quận 1",
            "Bến Nghé",
        ),
        (
            "Em lấy 2 áo, sđt 0912 345 678, đc: 12 Lê Lợi, P. Bến Nghé, Q1, HCM",
            "12 Lê Lợi, P. Bến Nghé, Q1, HCM",
            "Hồ Chí Minh",
            "Quận 1",
            "Bến Nghé",
        ),
        (
            "Địa chỉ 25 ngõ 4 Phạm Ngọc Thạch, phường Kim Liên, quận Đống Đa, Hà Nội",
            "25 ngõ 4 Phạm Ngọc Thạch, phường Kim Liên, quận Đống Đa, Hà Nội",
            "Hà Nội",
            "Đống Đa",
            "Kim Liên",
        ),
        (
            "số 5 đường Trần Phú, xã Hòa Hải, huyện Hòa Vang, Đà Nẵng",
            "số 5 đường Trần Phú, xã Hòa Hải, huyện Hòa Vang, Đà Nẵng",
            "Đà Nẵng",
            "Hòa Vang",
            "Hòa Hải",
        ),
        ("chào shop\nd/c 7 Hùng Vương, Huế", "7 Hùng Vương, Huế", "Huế", None, None),
        (
            "giao về 45 Nguyễn Trãi, Thanh Xuân, Hà Nội nhé",
            "giao về 45 Nguyễn Trãi, Thanh Xuân, Hà Nội nhé",
            "Hà Nội",
            None,
            None,
        ),
        ("Shop ơi áo này còn size M không?", None, None, None, None),
        ("lấy 2 cái, 1 đỏ, 1 xanh ship hà nội", None, None, None, None),
        ("0912345678, 2 áo, Hà Nội", None, None, None, None),
        ("size M đc không shop", None, None, None, None),
        ("shop gửi địa chỉ cửa hàng với", None, None, None, None),
        ("em ở quận 7 ạ", None, None, None, None),
        ("sđt 0912345678", None, None, None, None),
    ],
)
def test_find_address(text, address, province, district, ward):
    found = find_address(text)
    if address is None:
        assert found is None
    else:
        assert (found.text, found.province, found.district, found.ward) == (
            address,
            province,
            district,
            ward,
        )


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("tp hcm", "Hồ Chí Minh"),
        ("Hà Nội", "Hà Nội"),
        ("ha noi", "Hà Nội"),
        ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Sao Hỏa", None),
    ],
)
def test_find_province(text, province):
    assert find_province(text) == province


@pytest.mark.parametrize(
    ("completed", "cancelled", "blacklisted", "level"),
    [
        (0, 0, False, "new"),
        (3, 0, False, "trusted"),
        (3, 1, False, "watch"),
        (0, 1, False, "watch"),
        (2, 2, False, "high"),
        (0, 2, False, "high"),
        (5, 2, False, "watch"),
        (9, 0, True, "blacklisted"),
    ],
)
def test_risk_level(completed, cancelled, blacklisted, level):
    assert risk_level(completed=completed, cancelled=cancelled, blacklisted=blacklisted) == level
