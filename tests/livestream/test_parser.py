"""Table-driven tests of the livestream comment parser: real comments, decoys, phone formats.

Each row: the comment, the items expected (``"A01"`` one unit, ``"A01*2"`` two units,
``"A01*2=A01-M-DO"`` with the variant resolved, ``"A01?"`` variant missing or ambiguous), the
phone expected (``"0912345678"`` national digits, None when none) and whether it is an order.
"""

from __future__ import annotations

import pytest

from chotdon.livestream.parser import (
    KeywordConfig,
    KeywordIndex,
    ParseOptions,
    VariantChoice,
    parse_live_comment,
)


def _v(sku: str, *values: str) -> VariantChoice:
    return VariantChoice(sku=sku, name=" / ".join(values), values=values)


CATALOGUE = KeywordIndex(
    [
        # T-shirt sold as a whole product: size and colour come from the comment.
        KeywordConfig(
            "A01",
            key=1,
            variants=(
                _v("A01-M-DO", "M", "Đỏ"),
                _v("A01-L-DO", "L", "Đỏ"),
                _v("A01-M-DEN", "M", "Đen"),
                _v("A01-L-DEN", "L", "Đen"),
                _v("A01-XL-TRANG", "XL", "Trắng"),
            ),
        ),
        KeywordConfig("A02", key=2),  # jeans, one variant chosen in the configuration
        KeywordConfig("A03", key=3),
        # Shoes with numeric sizes: "39" is a size here, never a quantity.
        KeywordConfig(
            "G39", key=4, variants=(_v("G-38", "38"), _v("G-39", "39"), _v("G-40", "40"))
        ),
        KeywordConfig("Váy hoa", key=5),  # a keyword of two words, with diacritics
        KeywordConfig("MS12", key=6),
        # Colour-only variants with a two-word colour.
        KeywordConfig(
            "T5",
            key=7,
            variants=(_v("T5-XD", "Xanh dương"), _v("T5-XL", "Xanh lá"), _v("T5-H", "Hồng")),
        ),
    ]
)

P = "0912345678"
P2 = "0987654321"

CASES: list[tuple[str, list[str], str | None, bool]] = [
    # --- the forms named in the issue
    ("A02 0912345678", ["A02"], P, True),
    ("a02 - 0912.345.678", ["A02"], P, True),
    ("chốt A01 size M màu đỏ 0912 345 678", ["A01=A01-M-DO"], P, True),
    ("A02 x2 +84 912 345 678", ["A02*2"], P, True),
    ("A02 A03 0912345678", ["A02", "A03"], P, True),
    ("0912345678 A02", ["A02"], P, True),
    ("A02 sl 3", ["A02*3"], None, True),
    ("mình lấy 2 cái A02 nha 0912345678", ["A02*2"], P, True),
    # --- case, diacritics, spacing, punctuation
    ("a02 0912345678", ["A02"], P, True),
    ("  A02    0912345678  ", ["A02"], P, True),
    ("A02,0912345678", ["A02"], P, True),
    ("A02.0912345678", ["A02"], P, True),
    ("A02-0912345678", ["A02"], P, True),
    ("A02_ 0912345678", [], P, False),
    ("#A02 0912345678", ["A02"], P, True),
    ("(A02) 0912345678", ["A02"], P, True),
    ("A02!!! 0912345678", ["A02"], P, True),
    ("A02\n0912345678", ["A02"], P, True),
    ("A02\t0912345678", ["A02"], P, True),
    ("[A02] sđt: 0912345678", ["A02"], P, True),
    ("ms12 0912345678", ["MS12"], P, True),
    ("Ms12 0912345678", ["MS12"], P, True),
    ("váy hoa 0912345678", ["Váy hoa"], P, True),
    ("vay hoa 0912345678", ["Váy hoa"], P, True),
    ("VÁY HOA 0912345678", ["Váy hoa"], P, True),
    ("Váy   hoa 0912345678", ["Váy hoa"], P, True),
    ("lấy váy hoa x2 nhé 0912345678", ["Váy hoa*2"], P, True),
    ("A02 😍 0912345678", ["A02"], P, True),
    ("❤️A02❤️ 0912345678", ["A02"], P, True),
    ("A02 sdt 0912345678 ạ", ["A02"], P, True),
    ("A02 sđt0912345678", ["A02"], P, True),
    ("A02 SĐT:0912345678", ["A02"], P, True),
    ("em chốt A02 ạ 0912345678", ["A02"], P, True),
    ("chot a02 0912345678", ["A02"], P, True),
    ("Chốt đơn A02 cho em 0912345678", ["A02"], P, True),
    ("A02 nhé shop ơi 0912345678", ["A02"], P, True),
    ("A02 ib e nha 0912345678", ["A02"], P, True),
    # --- whole-token keywords and decoys
    ("A010 0912345678", [], P, False),
    ("XA02 0912345678", [], P, False),
    ("A020 0912345678", [], P, False),
    ("A2 0912345678", ["A02"], P, True),  # the zero customers leave out
    ("a3 x2 0912345678", ["A03*2"], P, True),
    ("a3x2 0912345678", ["A03*2"], P, True),
    ("ms012 0912345678", [], P, False),
    ("A 02 0912345678", [], P, False),
    ("A002 0912345678", [], P, False),
    ("MS1 0912345678", [], P, False),
    ("MS123 0912345678", [], P, False),
    ("BA02 0912345678", [], P, False),
    ("A02A03 0912345678", [], P, False),
    ("váy 0912345678", [], P, False),
    ("hoa 0912345678", [], P, False),
    ("vay hoaa 0912345678", [], P, False),
    ("A02 150k 0912345678", ["A02"], P, True),
    ("A02 giá 150k mình lấy 0912345678", ["A02"], P, True),
    ("A02 150.000đ 0912345678", ["A02"], P, True),
    ("A02 150000 0912345678", ["A02"], P, True),
    ("A02 1tr2 0912345678", ["A02"], P, True),
    ("A02 150 0912345678", ["A02"], P, True),
    ("A02 size 39 0912345678", ["A02"], P, True),
    ("A02 size 39 0912 345 678", ["A02"], P, True),
    ("A02 cao 1m60 nặng 50kg 0912345678", ["A02"], P, True),
    ("A02 50 kg 0912345678", ["A02"], P, True),
    ("A02 2k 0912345678", ["A02"], P, True),
    ("A02 ship 30k 0912345678", ["A02"], P, True),
    ("A02 5 tuổi 0912345678", ["A02"], P, True),
    ("A02 0912345678 giá 250k", ["A02"], P, True),
    ("A02 sn 1995 0912345678", ["A02"], P, True),
    # --- quantities
    ("A02 x2 0912345678", ["A02*2"], P, True),
    ("A02 X2 0912345678", ["A02*2"], P, True),
    ("A02 x 2 0912345678", ["A02*2"], P, True),
    ("A02x2 0912345678", ["A02*2"], P, True),
    ("a02X3 0912345678", ["A02*3"], P, True),
    ("A02*2 0912345678", ["A02*2"], P, True),
    ("A02 * 2 0912345678", ["A02*2"], P, True),
    ("A02 sl 2 0912345678", ["A02*2"], P, True),
    ("A02 sl2 0912345678", ["A02*2"], P, True),
    ("A02 SL:2 0912345678", ["A02*2"], P, True),
    ("A02 slg 2 0912345678", ["A02*2"], P, True),
    ("A02 số lượng 2 0912345678", ["A02*2"], P, True),
    ("A02 so luong 2 0912345678", ["A02*2"], P, True),
    ("A02 số lượng: 4 sđt 0987.654.321", ["A02*4"], P2, True),
    ("A02 2 cái 0912345678", ["A02*2"], P, True),
    ("A02 2 cai 0912345678", ["A02*2"], P, True),
    ("A02 2c 0912345678", ["A02*2"], P, True),
    ("A02 2 chiếc 0912345678", ["A02*2"], P, True),
    ("A02 3 bộ 0912345678", ["A02*3"], P, True),
    ("A02 2 đôi 0912345678", ["A02*2"], P, True),
    ("A02 hai cái 0912345678", ["A02*2"], P, True),
    ("A02 ba cái 0912345678", ["A02*3"], P, True),
    ("A02 một cái 0912345678", ["A02"], P, True),
    ("2 cái A02 0912345678", ["A02*2"], P, True),
    ("lấy 2 cái A02 0912345678", ["A02*2"], P, True),
    ("lấy 3 A02 0912345678", ["A02*3"], P, True),
    ("lay 2 A02 0912345678", ["A02*2"], P, True),
    ("sl 2 A02 0912345678", ["A02*2"], P, True),
    ("x2 A02 0912345678", ["A02*2"], P, True),
    ("A02 2 0912345678", ["A02*2"], P, True),
    ("A02 : 2 0912345678", ["A02*2"], P, True),
    ("A02 0912345678 x2", ["A02*2"], P, True),
    ("A02 0912345678 sl 3", ["A02*3"], P, True),
    ("A02 x0 0912345678", ["A02"], P, True),
    ("A02 x100 0912345678", ["A02"], P, True),
    ("A02 25 0912345678", ["A02"], P, True),
    ("A02 10 cái 0912345678", ["A02*10"], P, True),
    ("A02 x12 0912345678", ["A02*12"], P, True),
    ("A02 x2 A03 x3 0912345678", ["A02*2", "A03*3"], P, True),
    ("A02x2 a03*3 0912345678", ["A02*2", "A03*3"], P, True),
    ("A02 2 cái A03 1 cái 0912345678", ["A02*2", "A03"], P, True),
    ("A02 sl 2, A03 sl 4 0912345678", ["A02*2", "A03*4"], P, True),
    ("2 cái A02 và 3 cái A03 0912345678", ["A02*2", "A03*3"], P, True),
    ("A02 x2 A03 0912345678", ["A02*2", "A03"], P, True),
    ("A02 A03 x2 0912345678", ["A02", "A03*2"], P, True),
    ("A02, A03, MS12 0912345678", ["A02", "A03", "MS12"], P, True),
    ("A02 + A03 0912345678", ["A02", "A03"], P, True),
    ("A02 và váy hoa 0912345678", ["A02", "Váy hoa"], P, True),
    ("A02 A02 0912345678", ["A02"], P, True),
    ("A02 x2 A02 x1 0912345678", ["A02*3"], P, True),
    # --- variants
    ("A01 M đỏ 0912345678", ["A01=A01-M-DO"], P, True),
    ("A01 m do 0912345678", ["A01=A01-M-DO"], P, True),
    ("A01 size L màu đen 0912345678", ["A01=A01-L-DEN"], P, True),
    ("A01 sz L den 0912345678", ["A01=A01-L-DEN"], P, True),
    ("A01 đen size M 0912345678", ["A01=A01-M-DEN"], P, True),
    ("A01 L đỏ x2 0912345678", ["A01*2=A01-L-DO"], P, True),
    ("A01 x2 L đỏ 0912345678", ["A01*2=A01-L-DO"], P, True),
    ("A01 M đỏ 2 0912345678", ["A01*2=A01-M-DO"], P, True),
    ("A01 XL 0912345678", ["A01=A01-XL-TRANG"], P, True),
    ("A01 trắng 0912345678", ["A01=A01-XL-TRANG"], P, True),
    ("A01 xl trang 0912345678", ["A01=A01-XL-TRANG"], P, True),
    ("A01 size M 0912345678", ["A01?"], P, True),
    ("A01 đỏ 0912345678", ["A01?"], P, True),
    ("A01 0912345678", ["A01?"], P, True),
    ("A01 size S 0912345678", ["A01?"], P, True),
    ("size M đỏ A01 0912345678", ["A01=A01-M-DO"], P, True),
    ("A01 M đỏ A01 L đen 0912345678", ["A01=A01-M-DO", "A01=A01-L-DEN"], P, True),
    ("A01 M đỏ A02 0912345678", ["A01=A01-M-DO", "A02"], P, True),
    ("G39 size 39 0912345678", ["G39=G-39"], P, True),
    ("G39 39 0912345678", ["G39=G-39"], P, True),
    ("G39 size 40 x2 0912345678", ["G39*2=G-40"], P, True),
    ("G39 size 38 2 đôi 0912345678", ["G39*2=G-38"], P, True),
    ("G39 0912345678", ["G39?"], P, True),
    ("G39 size 41 0912345678", ["G39?"], P, True),
    ("T5 xanh dương 0912345678", ["T5=T5-XD"], P, True),
    ("T5 xanh duong 0912345678", ["T5=T5-XD"], P, True),
    ("T5 xanh lá 0912345678", ["T5=T5-XL"], P, True),
    ("T5 hồng x2 0912345678", ["T5*2=T5-H"], P, True),
    ("T5 xanh 0912345678", ["T5?"], P, True),
    ("T5 màu hong 0912345678", ["T5=T5-H"], P, True),
    # --- phone formats
    ("A02 0912 345 678", ["A02"], P, True),
    ("A02 0912.345.678", ["A02"], P, True),
    ("A02 0912-345-678", ["A02"], P, True),
    ("A02 091 234 5678", ["A02"], P, True),
    ("A02 09 12 34 56 78", ["A02"], P, True),
    ("A02 +84912345678", ["A02"], P, True),
    ("A02 +84 912 345 678", ["A02"], P, True),
    ("A02 +84 912.345.678", ["A02"], P, True),
    ("A02 84912345678", ["A02"], P, True),
    ("A02 (+84)912345678", ["A02"], P, True),
    ("A02 0084912345678", ["A02"], P, True),
    ("A02 0 912 345 678", ["A02"], P, True),
    ("A02 098.765.4321", ["A02"], P2, True),
    ("A02 0383.222.111", ["A02"], "0383222111", True),
    ("A02 03 88 88 88 88", ["A02"], "0388888888", True),
    ("A02 0862123456", ["A02"], "0862123456", True),
    ("A02 0703 123 456", ["A02"], "0703123456", True),
    ("A02 0562123456", ["A02"], "0562123456", True),
    ("A02 0812345678", ["A02"], "0812345678", True),
    ("A02 028 3823 4567", ["A02"], "02838234567", True),
    ("A02 sdt 0912345678 hoặc 0987654321", ["A02"], P, True),
    ("A02 0912345678/0987654321", ["A02"], P, True),
    ("sdt 0912345678 A02 x2", ["A02*2"], P, True),
    ("0912345678 lấy A02 size 39", ["A02"], P, True),
    ("A02 x 2 098.765.4321", ["A02*2"], P2, True),
    ("A02 2 098 765 4321", ["A02*2"], P2, True),
    ("A02 sl 3 0912345678", ["A02*3"], P, True),
    # --- invalid or missing phones
    ("A02", ["A02"], None, True),
    ("A02 x2", ["A02*2"], None, True),
    ("A02 091234567", ["A02"], None, True),
    ("A02 09123456789", ["A02"], None, True),
    ("A02 1900 1234", ["A02"], None, True),
    ("A02 19001234", ["A02"], None, True),
    ("A02 0123456789", ["A02"], None, True),
    ("A02 12345678", ["A02"], None, True),
    ("A02 ib", ["A02"], None, True),
    ("A02 inbox em nhé", ["A02"], None, True),
    ("chốt A02", ["A02"], None, True),
    # --- not orders: questions without a phone, cancellations, chatter
    ("A02 còn không ạ?", ["A02"], None, False),
    ("A02 giá bao nhiêu", ["A02"], None, False),
    ("A02 bn vậy shop", ["A02"], None, False),
    ("A02 còn ko", ["A02"], None, False),
    ("A02 size M có không", ["A02"], None, False),
    ("A02 giá?", ["A02"], None, False),
    ("A02 còn size 39 không shop ơi", ["A02"], None, False),
    ("hủy A02", ["A02"], None, False),
    ("huy A02 0912345678", ["A02"], P, False),
    ("em không lấy A02 nữa", ["A02"], None, False),
    ("A02 ko lấy nữa ạ", ["A02"], None, False),
    ("A02 còn không? 0912345678", ["A02"], P, True),
    ("đẹp quá", [], None, False),
    ("shop ơi", [], None, False),
    ("", [], None, False),
    ("   ", [], None, False),
    ("0912345678", [], P, False),
    ("xin giá", [], None, False),
    ("150k", [], None, False),
    ("size 39", [], None, False),
    ("ib giá em với", [], None, False),
    ("🥰🥰🥰", [], None, False),
    ("chốt", [], None, False),
    ("A", [], None, False),
    ("x2", [], None, False),
    ("A02?0912345678", ["A02"], P, True),
    ("A02 0912345678 anh Huy", ["A02"], P, True),
    ("A02 0912345678 giao giờ hành chính", ["A02"], P, True),
    ("em hủy đơn A02 nhé", ["A02"], None, False),
    ("A02 ok 0912345678", ["A02"], P, True),
]

# The same order written with every phone format customers use.
PHONE_FORMATS = [
    ("0912345678", P),
    ("0912 345 678", P),
    ("0912.345.678", P),
    ("0912-345-678", P),
    ("+84 912 345 678", P),
    ("+84912345678", P),
    ("84912345678", P),
    ("098 765 4321", P2),
    ("098.765.4321", P2),
    ("+84 98 765 43 21", P2),
]
TEMPLATES = [
    ("A02 {p}", ["A02"]),
    ("{p} A02", ["A02"]),
    ("A02 x2 {p}", ["A02*2"]),
    ("chốt a03 sl 3 sđt {p}", ["A03*3"]),
    ("A01 M đỏ {p}", ["A01=A01-M-DO"]),
    ("mình lấy 2 cái ms12 nha {p}", ["MS12*2"]),
    ("G39 size 39 {p}", ["G39=G-39"]),
]
_SEEN = {c[0] for c in CASES}
CASES += [
    (template.format(p=raw), items, phone, True)
    for template, items in TEMPLATES
    for raw, phone in PHONE_FORMATS
    if template.format(p=raw) not in _SEEN
]


def _describe(result) -> list[str]:
    out = []
    for item in result.items:
        text = item.keyword
        if item.quantity != 1:
            text += f"*{item.quantity}"
        if item.variant is not None:
            text += f"={item.variant.sku}"
        elif item.variant_status in ("missing", "ambiguous"):
            text += "?"
        out.append(text)
    return out


def _e164(national: str | None) -> str | None:
    return None if national is None else "+84" + national[1:]


def _n(sku: str, name: str) -> VariantChoice:
    """A variant with a name only, as the product form makes them ("Size M")."""
    return VariantChoice(sku=sku, name=name)


# Variants named the way shops type them in the product form, without attributes.
NAMED = KeywordIndex(
    [
        KeywordConfig(
            "A01",
            key=1,
            variants=(_n("A01-M", "Size M"), _n("A01-L", "Size L"), _n("A01-XL", "Size XL")),
        ),
        KeywordConfig("B01", key=2, variants=(_n("B01-M", "Size M"), _n("B01-L", "Size L"))),
        KeywordConfig("C01", key=3),
        KeywordConfig(
            "D01",
            key=4,
            variants=(_n("D01-DO-M", "Áo thun đỏ M"), _n("D01-DO-L", "Áo thun đỏ L")),
        ),
        KeywordConfig(
            "E01",
            key=5,
            variants=(
                _n("E01-M-DO", "Size M - Màu đỏ"),
                _n("E01-M-DEN", "Size M - Màu đen"),
                _n("E01-L-DO", "Size L - Màu đỏ"),
            ),
        ),
        KeywordConfig("F01", key=6, variants=(_n("F01-FREE", "Freesize"),)),
        KeywordConfig("G01", key=7, variants=(_n("G-38", "Cỡ 38"), _n("G-39", "Cỡ 39"))),
        KeywordConfig("H01", key=8),
        KeywordConfig("H001", key=9),
    ]
)

NAMED_CASES: list[tuple[str, list[str], str | None]] = [
    # the walk's comments: sizes as customers write them
    ("A01 M 0912345678", ["A01=A01-M"], P),
    ("a01 l 0912345678", ["A01=A01-L"], P),
    ("chốt A01 sz L 0912345678", ["A01=A01-L"], P),
    ("A01 L, 0912 345 678", ["A01=A01-L"], P),
    ("A01 size XL 0912345678", ["A01=A01-XL"], P),
    ("A01 xl 0912345678", ["A01=A01-XL"], P),
    ("A01 Size L 0912345678", ["A01=A01-L"], P),
    ("A01 sai L 0912345678", ["A01=A01-L"], P),
    ("A01 size m x2 0912345678", ["A01*2=A01-M"], P),
    ("A01 M 2 0912345678", ["A01*2=A01-M"], P),
    ("A01 2 cái size L 0912345678", ["A01*2=A01-L"], P),
    ("A01 0912345678", ["A01?"], P),
    ("A01 size 0912345678", ["A01?"], P),
    ("A01 S 0912345678", ["A01?"], P),
    ("0912345678 A01 L", ["A01=A01-L"], P),
    ("A01 L", ["A01=A01-L"], None),
    # "A1" is A01 when only one keyword reads that way
    ("A1 M 0912345678", ["A01=A01-M"], P),
    ("a1 l 0912345678", ["A01=A01-L"], P),
    ("b1 size L 0912345678", ["B01=B01-L"], P),
    ("c1 0912345678", ["C01"], P),
    ("H01 0912345678", ["H01"], P),
    ("H001 0912345678", ["H001"], P),
    ("H1 0912345678", [], P),  # H01 or H001: ambiguous, not guessed
    ("A001 0912345678", [], P),
    ("A10 0912345678", [], P),
    ("AA1 0912345678", [], P),
    # several products in one comment keep every product
    ("B01 A01 L 0912345678", ["B01=B01-L", "A01=A01-L"], P),
    ("A01 M B01 L 0912345678", ["A01=A01-M", "B01=B01-L"], P),
    ("A01 L C01 0912345678", ["A01=A01-L", "C01"], P),
    ("C01 A01 M 0912345678", ["C01", "A01=A01-M"], P),
    ("A01 M, C01 x2 0912345678", ["A01=A01-M", "C01*2"], P),
    ("B01 A01 0912345678", ["B01?", "A01?"], P),
    ("A01 M A01 L 0912345678", ["A01=A01-M", "A01=A01-L"], P),
    ("a1 m b1 l c1 0912345678", ["A01=A01-M", "B01=B01-L", "C01"], P),
    # words every variant shares say nothing
    ("D01 M 0912345678", ["D01=D01-DO-M"], P),
    ("D01 đỏ L 0912345678", ["D01=D01-DO-L"], P),
    ("D01 đỏ 0912345678", ["D01?"], P),
    # two attributes in one name
    ("E01 M đỏ 0912345678", ["E01=E01-M-DO"], P),
    ("E01 size M màu đen 0912345678", ["E01=E01-M-DEN"], P),
    ("E01 L 0912345678", ["E01=E01-L-DO"], P),
    ("E01 M 0912345678", ["E01?"], P),
    ("E01 đỏ 0912345678", ["E01?"], P),
    # one variant: nothing to choose
    ("F01 0912345678", ["F01=F01-FREE"], P),
    ("F1 x3 0912345678", ["F01*3=F01-FREE"], P),
    # numeric sizes behind a label
    ("G01 39 0912345678", ["G01=G-39"], P),
    ("G01 size 38 0912345678", ["G01=G-38"], P),
    ("G01 cỡ 38 x2 0912345678", ["G01*2=G-38"], P),
    ("G01 40 0912345678", ["G01?"], P),
]


@pytest.mark.parametrize(("text", "items", "phone"), NAMED_CASES, ids=[c[0] for c in NAMED_CASES])
def test_variants_named_in_the_product_form(text, items, phone):
    result = parse_live_comment(text, NAMED)
    assert _describe(result) == items
    assert result.phone == _e164(phone)


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("Size M", [("m",)]),
        ("Màu đỏ", [("do",)]),
        ("M / Đỏ", [("m",), ("do",)]),
        ("Size M - Màu Xanh dương", [("m",), ("xanh", "duong")]),
        ("Cỡ 39", [("39",)]),
        ("Size", [("size",)]),
        ("Freesize", [("freesize",)]),
    ],
)
def test_variant_values_drop_their_labels(name, values):
    assert VariantChoice(sku="x", name=name).folded_values() == values


def test_the_table_is_big_enough():
    assert len(CASES) >= 200
    assert len({c[0] for c in CASES}) == len(CASES), "duplicate rows"
    assert len({c[0] for c in NAMED_CASES}) == len(NAMED_CASES), "duplicate rows"


@pytest.mark.parametrize(("text", "items", "phone", "is_order"), CASES, ids=[c[0] for c in CASES])
def test_parse_live_comment(text, items, phone, is_order):
    result = parse_live_comment(text, CATALOGUE)
    assert _describe(result) == items
    assert result.phone == _e164(phone)
    assert result.is_order is is_order


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("A02 0912345678", []),
        ("A02", ["phone"]),
        ("A01 0912345678", ["variant"]),
        ("A01 size M", ["phone", "variant"]),
        ("0912345678", ["keyword"]),
        ("đẹp quá", ["keyword", "phone"]),
    ],
)
def test_missing(text, missing):
    assert parse_live_comment(text, CATALOGUE).missing == missing


def test_ambiguous_variant_keeps_the_words_it_understood():
    [item] = parse_live_comment("A01 size M 0912345678", CATALOGUE).items
    assert item.variant_status == "ambiguous"
    assert item.variant_words == ["m"]
    [item] = parse_live_comment("A01 0912345678", CATALOGUE).items
    assert item.variant_status == "missing"


def test_invalid_phone_is_reported():
    result = parse_live_comment("A02 091234567", CATALOGUE)
    assert result.phone is None
    assert result.invalid_phone == "091234567"


def test_phone_alone_orders_the_only_product_in_single_product_mode():
    single = KeywordIndex([KeywordConfig("A02", key=2)])
    on = ParseOptions(phone_only_single_product=True)
    result = parse_live_comment("0912345678", single, on)
    assert _describe(result) == ["A02"] and result.phone_only and result.is_order
    assert _describe(parse_live_comment("lấy 2 cái 0912345678", single, on)) == ["A02*2"]
    # Off, or several products on sale: a bare phone is not an order.
    assert parse_live_comment("0912345678", single).items == []
    assert parse_live_comment("0912345678", CATALOGUE, on).items == []
    # No phone: nothing to order with.
    assert parse_live_comment("đẹp quá", single, on).items == []


def test_result_serialises_for_storage():
    data = parse_live_comment("A01 M đỏ x2 0912345678", CATALOGUE).as_dict()
    assert data["items"][0]["variant_sku"] == "A01-M-DO"
    assert data["items"][0]["quantity"] == 2
    assert data["phone"] == "+84912345678"
    assert data["missing"] == []
    assert data["is_order"] is True


def test_plain_list_of_keywords_is_accepted():
    result = parse_live_comment("b7 x2 0912345678", [KeywordConfig("B7", key="x")])
    assert _describe(result) == ["B7*2"]
    assert result.items[0].key == "x"
