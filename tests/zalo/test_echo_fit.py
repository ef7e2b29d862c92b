"""Which part in flight an early echo can be (`zalo.echoes.fits_part`, pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chotdon.channels.events import InboundMessage, Person
from chotdon.channels.zalo.echoes import fits_part
from chotdon.inbox.models import Message


def _echo(text: str | None, event: str = "oa_send_text") -> InboundMessage:
    return InboundMessage(
        external_id="m1",
        customer=Person("5001"),
        direction="out",
        created_at=datetime.now(UTC),
        text=text,
        meta={"zalo_event": event},
    )


IMAGE = {"type": "image", "media_id": 7}
CARD = {"type": "product", "product_id": 3, "name": "Váy"}
LINK = {"type": "file", "url": "https://shop.vn/bang-gia.pdf"}


@pytest.mark.parametrize(
    ("text", "attachments", "index", "echo", "fits"),
    [
        ("Dạ còn ạ", [], 0, _echo("Dạ còn ạ"), True),
        ("Dạ còn ạ", [], 0, _echo("Shop gửi thêm ảnh nhé"), False),
        ("Dạ còn ạ", [IMAGE], 1, _echo(None, "oa_send_image"), True),
        ("Dạ còn ạ", [IMAGE], 1, _echo("Dạ còn ạ"), False),
        (None, [IMAGE], 0, _echo(None, "oa_send_image"), True),
        (None, [CARD], 0, _echo("Váy", "oa_send_list"), True),
        (None, [LINK], 0, _echo("https://shop.vn/bang-gia.pdf"), True),
        (None, [LINK], 0, _echo("khác"), False),
        ("Dạ", [], 3, _echo(None, "oa_send_image"), False),
    ],
)
def test_an_echo_fits_the_part_in_flight(text, attachments, index, echo, fits):
    message = Message(direction="out", text=text, attachments=attachments)
    assert fits_part(message, index, echo) is fits
