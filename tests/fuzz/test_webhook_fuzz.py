"""Fuzzed webhook bodies: random JSON, huge, deeply nested, wrong types, mutated real deliveries.

Each body is signed correctly (so it reaches storage and the worker, the part worth fuzzing).
Promises checked:
- the endpoint answers 200 (stored), 400 (not JSON) or 413 (too large): never a 5xx;
- the worker never crashes: after the queue drains, no stored delivery is left `pending`
  (each is `processed`, `ignored` or `failed` and kept for inspection);
- a valid delivery sent after all the garbage is ingested: bad input never blocks later input.
The generator is seeded (reproducible); FUZZ_WEBHOOK_CASES sets how many bodies (default 150).
"""

from __future__ import annotations

import copy
import json
import os
import random
import time
from typing import Any

import pytest
from sqlalchemy import select

from chotdon.channels.models import WebhookDelivery
from chotdon.core.db import unit_of_work
from fault.helpers import message_counts, messenger_body, new_mid, signed_headers
from security.report import record

CASES = int(os.environ.get("FUZZ_WEBHOOK_CASES", "150"))


def _random_scalar(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            0,
            -1,
            2**63,
            -(2**70),
            1.5e308,
            "",
            "x" * rng.randint(1, 5000),
            "Ḿ\u0000\ud7ff😍\u202e",
            "<script>alert(1)</script>",
            '=HYPERLINK("http://evil")',
            "../../etc/passwd",
            "' OR 1=1 --",
            str(rng.randint(0, 10**20)),
        ]
    )


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return _random_scalar(rng)
    if roll < 0.7:
        return [_random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return {
        rng.choice(
            [
                "id",
                "entry",
                "messaging",
                "changes",
                "value",
                "sender",
                "message",
                "mid",
                "text",
                "field",
                "object",
                str(rng.random()),
            ]
        ): _random_json(rng, depth + 1)
        for _ in range(rng.randint(0, 5))
    }


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(rng: random.Random, valid: dict) -> Any:
    body = copy.deepcopy(valid)
    for _ in range(rng.randint(1, 4)):
        paths = [p for p in _paths(body) if p]
        if not paths:
            return _random_json(rng)
        path = rng.choice(paths)
        parent = body
        for key in path[:-1]:
            parent = parent[key]
        action = rng.random()
        if action < 0.6:
            parent[path[-1]] = _random_json(rng)
        elif isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif isinstance(parent, list) and parent:
            parent.append(copy.deepcopy(parent[0]))
    return body


def _deep(depth: int) -> bytes:
    return b'{"entry":[' * depth + b'"bottom"' + b"]}" * depth


def _valid_feed(page_id: str, n: int) -> dict:
    return {
        "object": "page",
        "entry": [
            {
                "id": page_id,
                "time": int(time.time()),
                "changes": [
                    {
                        "field": "feed",
                        "value": {
                            "from": {"id": f"fuzz-user-{n}", "name": "Khách Fuzz"},
                            "post": {"id": f"{page_id}_999", "status_type": "added_photos"},
                            "message": "A01 0912345678",
                            "post_id": f"{page_id}_999",
                            "comment_id": f"{page_id}_999_{n}",
                            "created_time": int(time.time()),
                            "item": "comment",
                            "parent_id": f"{page_id}_999",
                            "verb": "add",
                        },
                    }
                ],
            }
        ],
    }


def _cases(page_id: str, n: int, seed: int = 8) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    valid_msg = json.loads(messenger_body(page_id, [("fuzz-psid", "m_fuzz_base", "xin chào")]))
    out: list[tuple[str, bytes]] = [
        ("not json", b"{not json"),
        ("empty", b""),
        ("json null", b"null"),
        ("array", b"[1,2,3]"),
        ("deep nesting 5000", _deep(5000)),
        ("deep arrays", b"[" * 50_000 + b"]" * 50_000),
        (
            "huge string",
            json.dumps(
                {
                    "object": "page",
                    "entry": [
                        {"id": page_id, "messaging": [{"message": {"text": "a" * 1_900_000}}]}
                    ],
                }
            ).encode(),
        ),
        ("too large", b'{"x":"' + b"a" * 3_000_000 + b'"}'),
        ("unicode escapes", b'{"object":"page","entry":[{"id":"\\ud800","messaging":"\\u0000"}]}'),
        ("duplicate keys", b'{"object":"page","object":"user","entry":[],"entry":{}}'),
        ("NaN", b'{"object":"page","entry":[{"id":NaN}]}'),
    ]
    for i in range(n):
        kind = rng.random()
        if kind < 0.45:
            body: Any = _mutate(rng, valid_msg)
            label = "mutated messenger"
        elif kind < 0.8:
            body = _mutate(rng, _valid_feed(page_id, i))
            label = "mutated feed"
        else:
            body = _random_json(rng)
            label = "random json"
        out.append((label, json.dumps(body, ensure_ascii=rng.random() < 0.5).encode()))
    return out


async def _last_delivery_id() -> int:
    async with unit_of_work() as session:
        last = await session.execute(
            select(WebhookDelivery.id).order_by(WebhookDelivery.id.desc()).limit(1)
        )
        return last.scalar_one_or_none() or 0


async def _post_cases(client: Any, cases: list[tuple[str, bytes]]) -> tuple[dict[int, int], list]:
    statuses: dict[int, int] = {}
    bad = []
    for label, body in cases:
        r = await client.post("/webhooks/facebook", content=body, headers=signed_headers(body))
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        if r.status_code not in (200, 400, 413):
            bad.append(f"{label}: {r.status_code} {r.text[:100]}")
    return statuses, bad


async def _discard_deliveries_after(delivery_id: int) -> None:
    """Keep the garbage out of the next tests' queue: jobs dropped, deliveries `ignored`."""
    from sqlalchemy import update

    from chotdon.core.redis import QUEUE_NAME, get_redis

    async with unit_of_work() as session:
        ids = list(
            (
                await session.execute(
                    update(WebhookDelivery)
                    .where(WebhookDelivery.id > delivery_id, WebhookDelivery.status == "pending")
                    .values(status="ignored", error="fuzz case (test cleanup)")
                    .returning(WebhookDelivery.id)
                )
            ).scalars()
        )
    redis = get_redis()
    for i in ids:
        for job_id in (f"fbwh:{i}", f"fbwh:{i}:sweep", f"fbwh:{i}:own"):
            await redis.zrem(QUEUE_NAME, job_id)
            await redis.delete(f"arq:job:{job_id}", f"arq:retry:{job_id}")


async def test_fuzzed_webhook_bodies_are_answered_without_5xx(
    fb: Any, client: Any, run_jobs: Any
) -> None:
    page = await fb.connect()
    first_id = await _last_delivery_id()
    cases = _cases(page.page_id, CASES)
    try:
        statuses, bad = await _post_cases(client, cases)
    finally:
        await _discard_deliveries_after(first_id)
    record("fuzz: webhook bodies sent", len(cases))
    for code, n in sorted(statuses.items()):
        record(f"fuzz: webhook bodies answered {code}", n)
    assert not bad, bad


@pytest.mark.soak
async def test_fuzzed_webhook_bodies_never_crash_the_worker_or_block(
    fb: Any, client: Any, run_jobs: Any
) -> None:
    page = await fb.connect()
    channel_id = int(fb.channel["id"])
    await run_jobs()
    first_id = await _last_delivery_id()
    cases = _cases(page.page_id, CASES)
    try:
        _, bad = await _post_cases(client, cases)
        # Then a perfectly normal message: it must get through.
        mid = new_mid("after-fuzz")
        good = messenger_body(page.page_id, [("psid-after-fuzz", mid, "Còn hàng không shop?")])
        r = await client.post("/webhooks/facebook", content=good, headers=signed_headers(good))
        assert r.status_code == 200
        await run_jobs(max_rounds=40)
        async with unit_of_work() as session:
            rows = (
                await session.execute(
                    select(WebhookDelivery.status, WebhookDelivery.id).where(
                        WebhookDelivery.id > first_id
                    )
                )
            ).all()
        stored, _ = await message_counts(channel_id, [mid])
    finally:
        await _discard_deliveries_after(first_id)
    by_status: dict[str, int] = {}
    for status, _ in rows:
        by_status[status] = by_status.get(status, 0) + 1
    record("fuzz (soak): webhook bodies through the worker", len(cases))
    for status, n in sorted(by_status.items()):
        record(f"fuzz (soak): stored deliveries ended {status}", n)
    assert not bad, bad
    assert stored == 1, "a valid delivery after the fuzzed ones was not ingested"
    assert by_status.get("pending", 0) == 0, by_status
