"""The demo page's life: customers who write, comment with phone numbers and a scheduled live
(and, when the page has a linked Instagram account, its followers' DMs and comments).

Started through `POST /_sim/scenario` (by `chotdon.demo.seed`); runs until stopped. Random but
plausible: Vietnamese names, questions about sizes and prices, phone numbers in several
formats, a few emoji, and a livestream every `live_every_seconds` with "keyword + phone" orders.
"""

from __future__ import annotations

import asyncio
import logging
import random

from chotdon.channels.facebook.simulator.state import GraphFailure

log = logging.getLogger(__name__)

NAMES = [
    "Nguyễn Thị Lan",
    "Trần Văn Hùng",
    "Lê Thu Trang",
    "Phạm Minh Tuấn",
    "Hoàng Thị Mai",
    "Vũ Đức Anh",
    "Đặng Ngọc Hân",
    "Bùi Quang Huy",
    "Đỗ Thị Hương",
    "Ngô Thanh Tâm",
    "Dương Mỹ Linh",
    "Lý Gia Bảo",
    "Phan Thảo Vy",
    "Trịnh Khánh Linh",
    "Hồ Văn Nam",
]
QUESTIONS = [
    "Shop ơi áo khoác này còn size M không ạ?",
    "Giá bao nhiêu vậy shop?",
    "Có ship COD về Hà Nội không shop?",
    "Mình lấy 2 cái màu đen nhé 😍",
    "Chất vải có dày không ạ?",
    "Shop tư vấn giúp em với, em cao 1m60 nặng 50kg",
    "Còn màu be không shop ơi",
    "Bao lâu thì nhận được hàng ạ?",
]
ORDERS = [
    "Chốt đơn cho mình nhé, sđt {phone}, địa chỉ 12 Nguyễn Trãi, Thanh Xuân, Hà Nội",
    "Lấy 1 cái size L, số điện thoại {phone}",
    "{phone} ship về 45 Lê Lợi, Quận 1, TP.HCM giúp em",
]
POSTS = [
    (
        "Áo khoác dù 2 lớp chống nước - chỉ 299k 🔥 Inbox ngay để được tư vấn size!",
        "https://scontent.xx.fbcdn.net/v/demo/ao-khoac.jpg",
    ),
    (
        "Váy hoa nhí mùa hè, đủ size S-XL, freeship đơn từ 500k 🌸",
        "https://scontent.xx.fbcdn.net/v/demo/vay-hoa.jpg",
    ),
    ("Quần jean ống rộng hot trend - giảm 20% hôm nay!", None),
]
# Live comments as customers write them: sizes after the keyword, "A1" for A01, two products.
LIVE_COMMENTS = [
    "A01 M {phone}",
    "a01 l {phone}",
    "chốt A01 sz XL {phone}",
    "A1 m {phone}",
    "A02 size S {phone}",
    "B01 x2 {phone}",
    "B01 A01 L {phone}",
    "V03 {phone}",
    "A01 {phone}",
    "A02 M",
    "+1",
    "A01 còn size L không shop?",
]


def random_phone(rng: random.Random) -> str:
    prefix = rng.choice(["090", "091", "098", "097", "086", "083", "070", "035"])
    digits = f"{prefix}{rng.randrange(10**7):07d}"
    style = rng.randrange(3)
    if style == 0:
        return digits
    if style == 1:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return "+84" + digits[1:]


class Scenario:
    def __init__(self, world, seed: int | None = None) -> None:
        self.world = world
        self.rng = random.Random(seed)  # noqa: S311 - a demo, not cryptography
        self.task: asyncio.Task[None] | None = None
        self.page_id: str | None = None

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    async def start(self, page_id: str, interval: float, live_every: float) -> None:
        await self.stop()
        self.page_id = page_id
        self.task = asyncio.create_task(self._run(page_id, interval, live_every))

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("demo scenario ended with an error")
            self.task = None

    def _customer(self, page) -> tuple[str, str]:
        index = self.rng.randrange(len(NAMES))
        return f"7{page.id[-4:]}{index:011d}", NAMES[index]

    def burst(self, page) -> None:
        """One round: a few messages and comments right now (also used at start)."""
        world, rng = self.world, self.rng
        if not page.posts:
            for text, picture in POSTS:
                if page.is_instagram:
                    world.add_media(page, text, "FEED", picture)
                else:
                    world.add_post(page, text, picture)
        posts = [p for p in page.posts.values() if p.status_type != "added_video"]
        for _ in range(rng.randint(1, 3)):
            psid, name = self._customer(page)
            if rng.random() < 0.6:
                text = rng.choice(QUESTIONS)
                if rng.random() < 0.3:
                    text = rng.choice(ORDERS).format(phone=random_phone(rng))
                world.customer_writes(page, psid, name=name, text=text)
            elif posts:
                post = rng.choice(posts)
                text = rng.choice(["Giá sao shop?", "Ib em ạ", "Còn không shop", "Xin giá"])
                if rng.random() < 0.4:
                    text = f"Lấy 1 cái, {random_phone(rng)}"
                world.customer_comments(page, post.id, psid, name=name, text=text)

    async def _run(self, page_id: str, interval: float, live_every: float) -> None:
        world, rng = self.world, self.rng
        live = None
        live_started = 0.0
        loop = asyncio.get_running_loop()
        # The demo's headline at once: the first live starts within seconds.
        next_live = loop.time() + min(5.0, live_every)
        while True:
            try:
                page = world.state.pages.get(page_id)
                if page is None:
                    return
                self.burst(page)
                account = world.state.instagram_of(page)
                if account is not None:  # its Instagram followers write and comment too
                    self.burst(account)
                now = loop.time()
                if live is None and now >= next_live:
                    live = world.go_live(page, "Livestream xả hàng - chốt đơn giá sốc 🔴")
                    live_started = now
                elif live is not None:
                    for _ in range(rng.randint(2, 6)):
                        psid, name = self._customer(page)
                        text = rng.choice(LIVE_COMMENTS).format(phone=random_phone(rng))
                        world.customer_comments(page, live.post_id, psid, name=name, text=text)
                    if now - live_started > min(300.0, live_every / 2):
                        world.live_status(page, live.id, "live_stopped")
                        live = None
                        next_live = now + live_every
            except GraphFailure as exc:
                log.warning("demo scenario: %s", exc.message)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("demo scenario step failed")
            await asyncio.sleep(interval * rng.uniform(0.5, 1.5))
