"""Inbox list and search on generated data (1M conversations / 10M messages in full mode).

Each query is a real `GET /api/v1/conversations` against a uvicorn process, sent one at a time
(latency, not throughput), 50 rows a page. Targets (issue 4): p95 < 50 ms for any single
filter, < 150 ms for search. Baseline: the bare FastAPI endpoint's p50 on the same machine
(what an HTTP round trip costs without any query).

Every query is also run once in-process with its SQL captured and `EXPLAIN`ed: a sequential
scan of a big table (conversations, messages, contacts, conversation_tags) is reported.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from typing import Any
from urllib.parse import urlencode

import asyncpg
import httpx

from bench import fixtures
from bench.context import Ctx
from bench.datagen import generate
from bench.results import Figure, skipped
from bench.stats import summary_ms

NAME = "inbox"
LIST_TARGET_MS = 50.0
SEARCH_TARGET_MS = 150.0
BIG_TABLES = {"conversations", "messages", "contacts", "conversation_tags", "contact_phones"}


async def _queries(conn: asyncpg.Connection, info: dict[str, Any], seed: int) -> list[dict]:
    rng = random.Random(seed)
    ws = info["workspace_id"]
    agent = info["agent_ids"][0]
    tag_hot, tag_cold = info["tag_ids"][0], info["tag_ids"][-1]
    post = await conn.fetchval(
        "SELECT post_id FROM conversations WHERE workspace_id = $1 AND post_id IS NOT NULL "
        "GROUP BY post_id ORDER BY count(*) DESC LIMIT 1",
        ws,
    )
    contact = await conn.fetchval(
        "SELECT contact_id FROM conversations WHERE workspace_id = $1 GROUP BY contact_id "
        "HAVING count(*) > 1 LIMIT 1",
        ws,
    )
    phone = await conn.fetchval(
        "SELECT raw FROM contact_phones WHERE workspace_id = $1 ORDER BY id LIMIT 1 OFFSET $2",
        ws,
        rng.randrange(100),
    )
    name = await conn.fetchval(
        "SELECT name FROM contacts WHERE workspace_id = $1 ORDER BY id LIMIT 1 OFFSET $2",
        ws,
        rng.randrange(1000),
    )
    ch = info["channel_ids"]
    single: list[tuple[str, dict[str, Any]]] = [
        ("all (no filter)", {}),
        ("channel_id", {"channel_id": ch[1]}),
        ("kind=message", {"kind": "message"}),
        ("kind=comment", {"kind": "comment"}),
        ("post_id", {"post_id": post}),
        ("unread", {"unread": "true"}),
        ("unreplied", {"unreplied": "true"}),
        ("has_phone=true", {"has_phone": "true"}),
        ("has_phone=false", {"has_phone": "false"}),
        ("tag_id (popular)", {"tag_id": tag_hot}),
        ("tag_id (rare)", {"tag_id": tag_cold}),
        ("assignee=<agent>", {"assignee": agent}),
        ("assignee=none", {"assignee": "none"}),
        ("assignee=me (none assigned)", {"assignee": "me"}),
        ("status=open", {"status": "open"}),
        ("status=done", {"status": "done"}),
        ("has_order=true", {"has_order": "true"}),
        ("contact_id", {"contact_id": contact}),
        ("since 3 days", {"since": "__since3d__"}),
        ("sort=unread_first", {"sort": "unread_first"}),
    ]
    combined: list[tuple[str, dict[str, Any]]] = [
        ("unread + kind=message", {"unread": "true", "kind": "message"}),
        (
            "unreplied + channel + open",
            {"unreplied": "true", "channel_id": ch[0], "status": "open"},
        ),
        (
            "tag_id×2 all + has_phone",
            {
                "tag_id": [info["tag_ids"][0], info["tag_ids"][1]],
                "tag_mode": "all",
                "has_phone": "true",
            },
        ),
        ("assignee + unreplied", {"assignee": agent, "unreplied": "true"}),
        ("comment + post + unread", {"kind": "comment", "post_id": post, "unread": "true"}),
    ]
    search: list[tuple[str, dict[str, Any]]] = [
        ("q=customer name", {"q": name}),
        ("q=phone as typed", {"q": phone}),
        ("q='ao khoac do' (folded)", {"q": "ao khoac do"}),
        ("q='Áo khoác ĐỎ'", {"q": "Áo khoác ĐỎ"}),
        ("q=prefix 'ngu'", {"q": "ngu"}),
        ("q=rare word", {"q": "freeship"}),
        ("q=no match", {"q": "zzqxw"}),
        ("q + unread", {"q": "size", "unread": "true"}),
    ]
    out = []
    for group, items in (("single", single), ("combined", combined), ("search", search)):
        for label, params in items:
            out.append({"group": group, "label": label, "params": params})
    return out


def _url(params: dict[str, Any], cursor: str | None = None) -> str:
    flat: list[tuple[str, Any]] = [("limit", PAGE_SIZE)]
    for k, v in params.items():
        if v == "__since3d__":
            v = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3 * 86400))
        if isinstance(v, list):
            flat += [(k, x) for x in v]
        else:
            flat.append((k, v))
    if cursor:
        flat.append(("cursor", cursor))
    return "/api/v1/conversations?" + urlencode(flat)


PAGE_SIZE = 50


def _walk(plan: dict, found: list[tuple[str, str | None, str | None]]) -> None:
    found.append((plan.get("Node Type", ""), plan.get("Relation Name"), plan.get("Index Name")))
    if "to_tsvector" in str(plan.get("Filter", "")) and plan.get("Relation Name") in BIG_TABLES:
        # The text search evaluated row by row instead of through its GIN index.
        found.append(("tsvector filter", plan.get("Relation Name"), None))
    for child in plan.get("Plans", []) or []:
        _walk(child, found)


async def _explain(ctx: Ctx, token: str, queries: list[dict]) -> dict[str, dict]:
    """Run each query in-process, capture its SQL and EXPLAIN it on the bench database."""
    from sqlalchemy import event

    from chotdon.core.db import get_engine
    from chotdon.main import create_app

    captured: list[tuple[str, Any]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        captured.append((statement, parameters))

    app = create_app()
    engine = get_engine()
    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    reports: dict[str, dict] = {}
    db = await ctx.env.connect()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for q in queries:
                captured.clear()
                r = await client.get(
                    _url(q["params"]), headers={"Authorization": f"Bearer {token}"}
                )
                if r.status_code != 200:
                    reports[q["label"]] = {"status": r.status_code, "error": r.text[:300]}
                    continue
                nodes: list[tuple[str, str | None, str | None]] = []
                statements = 0
                for statement, params in list(captured):
                    if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                        continue
                    if not any(t in statement for t in BIG_TABLES):
                        continue
                    statements += 1
                    sql = statement
                    try:
                        plan = await db.fetchval("EXPLAIN (FORMAT JSON) " + sql, *(params or ()))
                    except (asyncpg.PostgresError, TypeError, ValueError) as exc:
                        nodes.append(("explain failed", str(exc)[:80], None))
                        continue
                    _walk(json.loads(plan)[0]["Plan"], nodes)
                seq = sorted(
                    {rel for node, rel, _ in nodes if node == "Seq Scan" and rel in BIG_TABLES}
                )
                # A text filter evaluated row by row along the recency index is the right plan
                # for a common term (the page fills early) and a full scan for a rare one: it
                # is flagged when the page did not fill, i.e. the walk went to the end.
                walks = sorted(
                    {
                        rel
                        for node, rel, _ in nodes
                        if node == "tsvector filter" and rel in BIG_TABLES
                    }
                )
                page_filled = len(r.json().get("items", [])) >= PAGE_SIZE
                if walks and not page_filled:
                    seq = sorted({*seq, *walks})
                indexes = sorted({idx for _, _, idx in nodes if idx})
                reports[q["label"]] = {
                    "statements": statements,
                    "seq_scans_of_big_tables": seq,
                    "indexes": indexes,
                }
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
        await db.close()
        from chotdon.core.db import dispose_engine

        await dispose_engine()
    return reports


async def run(ctx: Ctx) -> list[Figure]:
    base = ctx.baselines.get("bare_p50_ms")
    if not fixtures.has_route("/api/v1/conversations"):
        return [
            skipped(
                NAME,
                "list p95, worst single filter",
                "ms",
                LIST_TARGET_MS,
                "no GET /api/v1/conversations yet",
            )
        ]
    n_conv, n_msg = ctx.size["conversations"], ctx.size["messages"]
    print(f"  data: {n_conv:,} conversations / {n_msg:,} messages (seed {ctx.seed})", flush=True)
    t = time.perf_counter()
    info = await generate(ctx.env.database_url, n_conv, n_msg, ctx.seed)
    print(
        f"  data ready in {time.perf_counter() - t:.0f} s "
        f"({'reused' if info.get('reused') else 'generated'})",
        flush=True,
    )
    token = await fixtures.token_for(ctx.env.database_url, info["owner_id"], info["workspace_id"])
    db = await ctx.env.connect()
    try:
        queries = await _queries(db, info, ctx.seed)
    finally:
        await db.close()
    plans = await _explain(ctx, token, queries)

    proc, url = await ctx.env.start_api()
    samples = ctx.size["list_samples"]
    rows: list[dict] = []
    try:
        async with httpx.AsyncClient(
            base_url=url, timeout=60, headers={"Authorization": f"Bearer {token}"}
        ) as client:
            for q in queries:
                path = _url(q["params"])
                for _ in range(2):
                    await client.get(path)
                latencies = []
                count = 0
                status = 0
                for _ in range(samples):
                    t = time.perf_counter()
                    r = await client.get(path)
                    latencies.append(time.perf_counter() - t)
                    status = r.status_code
                    if r.status_code == 200:
                        count = len(r.json()["items"])
                # the second page, through the cursor
                first = await client.get(path)
                page2 = None
                cursor = first.json().get("next_cursor") if first.status_code == 200 else None
                if cursor:
                    t = time.perf_counter()
                    await client.get(_url(q["params"], cursor))
                    page2 = round((time.perf_counter() - t) * 1000, 2)
                s = summary_ms(latencies)
                rows.append(
                    {
                        **q,
                        **s,
                        "status": status,
                        "rows": count,
                        "page2_ms": page2,
                        "plan": plans.get(q["label"], {}),
                    }
                )
                plan = plans.get(q["label"], {})
                flag = (
                    " ROW-BY-ROW SCAN " + ",".join(plan.get("seq_scans_of_big_tables", []))
                    if plan.get("seq_scans_of_big_tables")
                    else ""
                )
                print(
                    f"   {q['group']:8} {q['label']:32} p50 {s['p50_ms']:7.1f} ms  "
                    f"p95 {s['p95_ms']:7.1f} ms  rows {count:3}  [{status}]{flag}",
                    flush=True,
                )
            counts_lat = []
            for _ in range(max(5, samples // 3)):
                t = time.perf_counter()
                await client.get("/api/v1/conversations/counts")
                counts_lat.append(time.perf_counter() - t)
    finally:
        ctx.env.stop(proc)

    def worst(group: str) -> dict:
        return max((r for r in rows if r["group"] == group), key=lambda r: r["p95_ms"])

    failures = [r["label"] for r in rows if r["status"] != 200]
    seq = [r["label"] for r in rows if r["plan"].get("seq_scans_of_big_tables")]
    ws, wc, wq = worst("single"), worst("combined"), worst("search")
    default = next(r for r in rows if r["label"] == "all (no filter)")
    counts = summary_ms(counts_lat)
    size_note = f"{n_conv:,} conv / {n_msg:,} msg"
    figures = [
        Figure(
            NAME,
            "list p50, no filter",
            default["p50_ms"],
            "ms",
            baseline_name="bare p50",
            baseline=base,
            note=size_note,
        ),
        Figure(
            NAME,
            f"list p95, worst single filter ({ws['label']})",
            ws["p95_ms"],
            "ms",
            target=LIST_TARGET_MS,
            baseline_name="bare p50",
            baseline=base,
            note=size_note,
        ),
        Figure(
            NAME,
            f"list p95, worst combination ({wc['label']})",
            wc["p95_ms"],
            "ms",
            target=LIST_TARGET_MS,
            baseline_name="bare p50",
            baseline=base,
            note=size_note,
        ),
        Figure(
            NAME,
            f"search p95, worst ({wq['label']})",
            wq["p95_ms"],
            "ms",
            target=SEARCH_TARGET_MS,
            baseline_name="bare p50",
            baseline=base,
            note=size_note,
        ),
        Figure(
            NAME,
            "counts (all quick filters) p95",
            counts["p95_ms"],
            "ms",
            baseline_name="bare p50",
            baseline=base,
            details=counts,
        ),
        Figure(
            NAME,
            "queries scanning a big table row by row (seq scan, or text filter walking to the end)",
            float(len(seq)),
            "queries",
            target=1,
            note=", ".join(seq)[:100],
            details={"queries": seq},
        ),
    ]
    if failures:
        figures.append(
            Figure(
                NAME,
                "queries answering non-200",
                float(len(failures)),
                "queries",
                target=1,
                note=", ".join(failures)[:100],
            )
        )
    for f in figures:
        f.details.setdefault("queries", rows) if f is figures[1] else None
    figures[1].details = {"dataset": info, "queries": rows}
    return figures


_ = asyncio  # the module is imported by the runner inside its event loop
