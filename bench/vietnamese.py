"""Vietnamese names and shop-chat text, weighted like the real thing, for generated data."""

from __future__ import annotations

import random

from chotdon.customers.phones import MOBILE_PREFIXES

# Family names with their approximate share of the population (Nguyễn ~38%).
FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Võ", 3.5),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Trịnh", 0.6),
    ("Mai", 0.5),
    ("Trương", 0.7),
    ("Lâm", 0.4),
    ("Tạ", 0.2),
    ("Cao", 0.3),
    ("Lương", 0.3),
]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Kim", "Bảo", "Hồng", "Mỹ", "Khánh"]
MIDDLE_M = ["Văn", "Minh", "Đức", "Quốc", "Hoàng", "Thanh", "Công", "Hữu", "Gia", "Anh", "Tuấn"]
GIVEN_F = [
    "Anh",
    "Linh",
    "Hương",
    "Trang",
    "Hà",
    "Ngọc",
    "Thảo",
    "Hằng",
    "Lan",
    "Mai",
    "Phương",
    "Huyền",
    "Vy",
    "Nhung",
    "Yến",
    "Trâm",
    "Quỳnh",
    "Hạnh",
    "Nhi",
    "Tâm",
    "Duyên",
    "Giang",
]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Nam",
    "Long",
    "Minh",
    "Huy",
    "Khoa",
    "Phúc",
    "Sơn",
    "Thắng",
    "Quân",
    "Đạt",
    "Hải",
    "Tùng",
    "Bảo",
    "Khang",
    "Vinh",
    "Trung",
    "Hiếu",
]
# Facebook display names are often informal.
NICK_SUFFIX = ["", "", "", "", "", " Shop", " Bé", " Mẹ Bin", " Official", " 🌸", " Nguyễn"]

PRODUCTS = [
    "áo thun",
    "áo khoác",
    "áo sơ mi",
    "váy hoa",
    "quần jean",
    "quần tây",
    "đầm maxi",
    "chân váy",
    "túi xách",
    "giày sneaker",
    "dép sandal",
    "son môi",
    "kem chống nắng",
    "serum",
    "nón bảo hiểm",
    "ốp điện thoại",
    "tai nghe",
    "bình giữ nhiệt",
    "khẩu trang",
    "set đồ bộ",
    "áo len",
    "khăn choàng",
]
COLORS = ["đỏ", "đen", "trắng", "xanh", "hồng", "be", "nâu", "tím", "vàng", "xám"]
SIZES = ["S", "M", "L", "XL", "XXL", "36", "37", "38", "39", "40"]
PLACES = [
    "Hà Nội",
    "TP HCM",
    "Sài Gòn",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Biên Hòa",
    "Nha Trang",
    "Huế",
    "Vinh",
    "Quy Nhơn",
    "Thủ Đức",
    "Gò Vấp",
    "Bình Thạnh",
    "Cầu Giấy",
    "Hoàng Mai",
]
STREETS = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Phan Đình Phùng",
    "Điện Biên Phủ",
    "Cách Mạng Tháng 8",
]

CUSTOMER = [
    "Shop ơi {p} này còn size {s} không ạ",
    "{p} màu {c} giá bao nhiêu vậy shop",
    "Cho mình xin giá {p} với ạ",
    "ib giá {p} {c} nha shop",
    "Ship về {place} mất mấy ngày shop?",
    "Mình lấy 1 {p} size {s} màu {c} nhé",
    "chốt {p} {c} size {s} giúp em",
    "sđt của mình {phone}",
    "Số điện thoại: {phone} giao giờ hành chính nha",
    "Địa chỉ: {n} {street}, {place}",
    "{p} có freeship không shop",
    "Có ảnh thật không ạ",
    "Hàng có sẵn không hay phải đặt",
    "ok shop",
    "dạ em cảm ơn",
    "Bao giờ có hàng lại vậy ạ?",
    "cho em đổi sang size {s} được không",
    "đã nhận hàng, {p} đẹp lắm ạ 😍",
    "Mình chuyển khoản rồi nhé",
    "shop tư vấn giúp mình {p} cho người cao 1m6 nặng 50kg",
    "còn hàng k shop",
    "{phone}",
    "Giá sỉ {p} thế nào shop",
    "👍",
]
PAGE = [
    "Dạ chào {name}, {p} màu {c} còn size {s} ạ",
    "Dạ {p} giá {price}k ạ, freeship đơn từ 300k",
    "Shop đã lên đơn cho mình rồi nha, dự kiến 2-3 ngày nhận hàng ạ",
    "Dạ bạn cho shop xin SĐT và địa chỉ nhận hàng nhé",
    "Cảm ơn {name} đã ủng hộ shop ạ ❤️",
    "Dạ hàng sẵn kho ạ, bạn chốt size nào ạ?",
    "Dạ {p} bên em chất liệu cotton 100% ạ",
]
COMMENT = [
    "{kw} {phone}",
    "ib",
    "giá?",
    "chốt {kw}",
    "{kw} size {s} {phone}",
    "còn không shop",
    "xin giá {p}",
    "đẹp quá",
    "{kw} x2",
    ".",
    "ib em nhé",
]


def weighted_family(rng: random.Random) -> str:
    names, weights = zip(*FAMILY, strict=True)
    return rng.choices(names, weights)[0]


def person_name(rng: random.Random) -> str:
    female = rng.random() < 0.7  # most online shoppers who write to these shops are women
    family = weighted_family(rng)
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    style = rng.random()
    if style < 0.5:
        return f"{family} {middle} {given}"
    if style < 0.8:
        return f"{given} {family}{rng.choice(NICK_SUFFIX)}"
    return f"{middle} {given}{rng.choice(NICK_SUFFIX)}"


def phone(rng: random.Random) -> tuple[str, str]:
    """(as typed, E.164) for a mobile number with a real Vietnamese prefix."""
    prefix = rng.choice(MOBILE_PREFIXES)
    rest = f"{rng.randrange(10**7):07d}"
    e164 = f"+84{prefix}{rest}"
    style = rng.random()
    if style < 0.5:
        typed = f"0{prefix}{rest}"
    elif style < 0.7:
        typed = f"0{prefix}{rest[:1]}.{rest[1:4]}.{rest[4:]}"
    elif style < 0.85:
        typed = f"0{prefix}{rest[:1]} {rest[1:4]} {rest[4:]}"
    else:
        typed = f"+84 {prefix}{rest[:1]} {rest[1:4]} {rest[4:]}"
    return typed, e164


def customer_text(rng: random.Random, phone_typed: str | None) -> str:
    template = rng.choice(CUSTOMER)
    if "{phone}" in template and phone_typed is None:
        template = "Shop ơi {p} này còn không ạ"
    return template.format(
        p=rng.choice(PRODUCTS),
        s=rng.choice(SIZES),
        c=rng.choice(COLORS),
        place=rng.choice(PLACES),
        phone=phone_typed,
        n=rng.randint(1, 300),
        street=rng.choice(STREETS),
    )


def page_text(rng: random.Random, name: str) -> str:
    return rng.choice(PAGE).format(
        name=name.split()[-1],
        p=rng.choice(PRODUCTS),
        c=rng.choice(COLORS),
        s=rng.choice(SIZES),
        price=rng.choice([89, 129, 150, 199, 250, 320, 450]),
    )


def comment_text(rng: random.Random, phone_typed: str | None) -> str:
    template = rng.choice(COMMENT)
    return (
        template.format(
            kw=f"A{rng.randint(1, 30):02d}",
            phone=phone_typed or "",
            s=rng.choice(SIZES),
            p=rng.choice(PRODUCTS),
        ).strip()
        or "ib"
    )
