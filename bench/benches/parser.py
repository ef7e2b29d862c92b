"""The livestream comment parser alone: comments/s on one core.

Target: the burst target (20,000 comments drained in 60 s) needs at least 333 comments/s with
everything else included, so the parser alone must do at least that on one core — and should
do far more. Baseline: `find_phones` (the phonenumbers library) over the same comments, the
single most expensive step a parser cannot skip.
"""

from __future__ import annotations

import random
import time

from bench import vietnamese as vi
from bench.context import Ctx
from bench.results import Figure, skipped

NAME = "parser"
TARGET = 20_000 / 60

FORMS = [
    "{kw} {phone}",
    "{kwl} - {phone}",
    "chốt {kw} size {size} màu {color} {phone}",
    "{kw} x{q} {phone}",
    "{kw} {kw2} {phone}",
    "{phone} {kw}",
    "{kw} sl {q}",
    "mình lấy {q} cái {kw} nha {phone}",
    "{kw}",
    "ib",
    "giá {kw} bao nhiêu vậy shop?",
    "đẹp quá shop ơi 😍😍",
    "{kw} size {size}",
    "{kw} {size} {color} sdt {phone}",
    "hủy {kw}",
    "{kw} 150k hả shop",
    "A0{q}0 {phone}",
    "{phone}",
]


def comments(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        kw = f"A{rng.randint(1, 30):02d}"
        out.append(
            rng.choice(FORMS).format(
                kw=kw,
                kwl=kw.lower(),
                kw2=f"A{rng.randint(1, 30):02d}",
                phone=vi.phone(rng)[0],
                size=rng.choice(["S", "M", "L", "XL", "39"]),
                color=rng.choice(["đỏ", "den", "trắng", "xanh"]),
                q=rng.randint(1, 5),
            )
        )
    return out


def keyword_index():  # type: ignore[no-untyped-def]
    from chotdon.livestream.parser import KeywordConfig, KeywordIndex, VariantChoice

    configs = []
    for i in range(1, 31):
        variants = ()
        if i % 3 == 0:
            variants = tuple(
                VariantChoice(sku=f"A{i:02d}-{s}-{c}", name=f"{s} / {c}", values=(s, c))
                for s in ("S", "M", "L", "XL")
                for c in ("Đỏ", "Đen", "Trắng")
            )
        configs.append(KeywordConfig(keyword=f"A{i:02d}", key=i, variants=variants))
    return KeywordIndex(configs)


async def run(ctx: Ctx) -> list[Figure]:
    label = "parser, comments/s on one core"
    try:
        from chotdon.customers.phones import find_phones
        from chotdon.livestream.parser import parse_live_comment
    except ImportError as exc:
        return [skipped(NAME, label, "comments/s", TARGET, f"parser missing: {exc}")]
    sample = comments(ctx.size["parser_comments"], ctx.seed)
    index = keyword_index()
    for text in sample[:500]:  # warm caches (phonenumbers metadata, regexes)
        parse_live_comment(text, index)
    t = time.process_time()
    orders = 0
    for text in sample:
        if parse_live_comment(text, index).is_order:
            orders += 1
    rate = len(sample) / (time.process_time() - t)
    t = time.process_time()
    for text in sample:
        find_phones(text)
    base = len(sample) / (time.process_time() - t)
    ctx.baselines["find_phones_rate"] = base
    return [
        Figure(
            NAME,
            label,
            rate,
            "comments/s",
            target=TARGET,
            higher_is_better=True,
            baseline_name="find_phones alone",
            baseline=base,
            note="CPU time of this process",
            details={"comments": len(sample), "understood_as_orders": orders},
        )
    ]
