"""Generated inbox data: a shop with N conversations and M messages, loaded with COPY.

`python -m bench.datagen --conversations 1000000 --messages 10000000` (also called by the
inbox benchmark). Reproducible: the same seed and sizes give the same rows. Realistic enough
for query plans: Vietnamese names and shop chat, phones typed in several formats, activity
skewed (a few busy conversations, a long tail, recent activity dense and old activity sparse),
several pages, comment threads under posts, tags with a Zipf-like popularity, a second
workspace so that the tenant filter matters.

Speed: rows are built in two worker processes (one per core) and sent with binary COPY while
the secondary indexes and unique constraints of the big tables are dropped; they are rebuilt
afterwards and the tables analysed. A data set already present (same seed, sizes and schema) is
kept.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from bench import vietnamese as vi

BIG_TABLES = (
    "contacts",
    "contact_identities",
    "contact_phones",
    "conversations",
    "messages",
    "conversation_tags",
)
CHUNK = 25_000  # conversations per unit of work
N_AGENTS = 9
N_TAGS = 40
OTHER_WORKSPACE_SHARE = 0.05
BENCH_PASSWORD = "bench-pass-123"


@dataclass
class Chunk:
    database_url: str
    seed: int
    workspace_id: int
    channel_ids: list[int]
    channel_pages: list[str]
    post_ids: list[int]  # per channel, flattened: post_ids[channel_index::len(channels)]
    post_external: list[str]
    tag_ids: list[int]
    agent_ids: list[int]
    first_conversation: int  # global conversation id of this chunk's first conversation
    counts: list[int]  # messages per conversation
    first_message: int
    now: float


@functools.lru_cache(maxsize=200_000)
def _doc(text: str) -> str:
    from chotdon.core.text import search_document

    return search_document(text)


def _message_counts(rng: random.Random, conversations: int, messages: int) -> list[int]:
    """A heavy-tailed count per conversation that adds up to exactly `messages`."""
    mean = messages / conversations
    raw = [max(1.0, rng.lognormvariate(0, 1.1)) for _ in range(conversations)]
    scale = mean / (sum(raw) / conversations)
    counts = [max(1, round(x * scale)) for x in raw]
    diff = messages - sum(counts)
    i = 0
    while diff != 0:
        j = rng.randrange(conversations) if diff > 0 else i % conversations
        if diff > 0:
            counts[j] += 1
            diff -= 1
        elif counts[j] > 1:
            counts[j] -= 1
            diff += 1
        i += 1
    return counts


def _build_chunk(chunk: Chunk) -> dict[str, list[tuple]]:
    rng = random.Random(f"{chunk.seed}:{chunk.workspace_id}:{chunk.first_conversation}")
    now = datetime.fromtimestamp(chunk.now, UTC)
    n_channels = len(chunk.channel_ids)
    rows: dict[str, list[tuple]] = {t: [] for t in BIG_TABLES}
    contacts: list[tuple[int, str, list[tuple[str, str]]]] = []  # (id, name, phones)
    identities: set[tuple[int, int]] = set()
    comment_threads: set[tuple[int, int]] = set()
    msg_id = chunk.first_message
    tag_weights = [1 / (k + 1) for k in range(len(chunk.tag_ids))]
    agent_weights = [1 / (k + 1) ** 0.7 for k in range(len(chunk.agent_ids))]

    for k, n_msgs in enumerate(chunk.counts):
        conv_id = chunk.first_conversation + k
        # ~15% of conversations belong to a customer who already has one (message + comments).
        if contacts and rng.random() < 0.15:
            contact_id, name, phones = contacts[rng.randrange(len(contacts))]
        else:
            contact_id = conv_id
            name = vi.person_name(rng)
            phones = [vi.phone(rng)] if rng.random() < 0.3 else []
            if phones and rng.random() < 0.1:
                phones.append(vi.phone(rng))
            contacts.append((contact_id, name, phones))
            rows["contacts"].append(
                (
                    contact_id,
                    chunk.workspace_id,
                    name,
                    phones[0][1] if phones else None,
                    _doc(
                        " ".join([name] + [p for t, e in phones for p in (e, e[3:], "0" + e[3:])])
                    ),
                    now,
                    now,
                )
            )
            for typed, e164 in phones:
                rows["contact_phones"].append((chunk.workspace_id, contact_id, e164, typed, now))
        ch = min(int(rng.paretovariate(1.5)) - 1, n_channels - 1)  # page 0 is the busy one
        channel_id = chunk.channel_ids[ch]
        if (contact_id, channel_id) not in identities:
            identities.add((contact_id, channel_id))
            rows["contact_identities"].append(
                (
                    chunk.workspace_id,
                    contact_id,
                    channel_id,
                    f"{6000000 + contact_id}{ch}",
                    name,
                    now,
                )
            )
        is_comment = rng.random() < 0.35
        if is_comment:
            per_channel = chunk.post_ids[ch::n_channels]
            p = min(int(rng.expovariate(1 / 8)), len(per_channel) - 1)  # recent posts busier
            # One comment conversation per (post, customer).
            if (per_channel[p], contact_id) in comment_threads:
                is_comment = False
            comment_threads.add((per_channel[p], contact_id))
        kind = "comment" if is_comment else "message"
        post_id = None
        if is_comment:
            externals = chunk.post_external[ch::n_channels]
            post_id = per_channel[p]
            external_id = f"{externals[p]}:{6000000 + contact_id}{ch}"
        else:
            external_id = f"t_{conv_id}"
        age_days = min(rng.expovariate(1 / 20), 365)
        last_at = now - timedelta(days=age_days)
        # Messages walk backwards from the last one: bursts of minutes, sometimes days apart.
        times = [last_at]
        for _ in range(n_msgs - 1):
            gap = rng.expovariate(1 / 240) if rng.random() < 0.9 else rng.expovariate(1 / 86400)
            times.append(times[-1] - timedelta(seconds=gap))
        times.reverse()
        direction = "in"
        texts: list[str] = []
        last = None
        for i, at in enumerate(times):
            if i == 0:
                direction = "in"
            elif rng.random() < 0.45:
                direction = "out" if direction == "in" else "in"
            phone_typed = phones[0][0] if phones and rng.random() < 0.1 else None
            if direction == "in":
                text = (
                    vi.comment_text(rng, phone_typed)
                    if is_comment
                    else vi.customer_text(rng, phone_typed)
                )
                sender_type, sender = "contact", f"{6000000 + contact_id}{ch}"
            else:
                text = vi.page_text(rng, name)
                sender_type, sender = ("page", chunk.channel_pages[ch])
            rows["messages"].append(
                (
                    msg_id,
                    chunk.workspace_id,
                    conv_id,
                    channel_id,
                    kind,
                    direction,
                    sender_type,
                    sender,
                    text,
                    "read" if direction == "out" else "sent",
                    f"m_{msg_id}",
                    _doc(text),
                    at,
                    at,
                    at,
                )
            )
            texts.append(text)
            last = (msg_id, text, direction, sender_type, at)
            msg_id += 1
        assert last is not None
        replied = last[2] == "out"
        unread = (not replied) and rng.random() < 0.35
        last_incoming = max(
            (r[-3] for r in rows["messages"][-n_msgs:] if r[5] == "in"), default=None
        )
        assignee = rng.choices(chunk.agent_ids, agent_weights)[0] if rng.random() < 0.6 else None
        phones_doc = [p for t, e in phones for p in (e, e[3:], "0" + e[3:])]
        rows["conversations"].append(
            (
                conv_id,
                chunk.workspace_id,
                channel_id,
                kind,
                external_id,
                post_id,
                contact_id,
                "done" if (replied and rng.random() < 0.6) else "open",
                assignee,
                unread,
                replied,
                bool(phones),
                rng.random() < 0.08,
                last[4],
                last_incoming,
                None if unread else last[4],
                last[0],
                last[1][:300],
                last[2],
                last[3],
                _doc(" ".join([name, *phones_doc, *texts[-5:]])),
                times[0],
                last[4],
            )
        )
        if rng.random() < 0.35:
            for tag_id in set(rng.choices(chunk.tag_ids, tag_weights, k=rng.randint(1, 3))):
                rows["conversation_tags"].append((conv_id, tag_id, chunk.workspace_id, now))
    return rows


COLUMNS = {
    "contacts": (
        "id",
        "workspace_id",
        "name",
        "primary_phone",
        "search_text",
        "created_at",
        "updated_at",
    ),
    "contact_phones": ("workspace_id", "contact_id", "phone", "raw", "created_at"),
    "contact_identities": (
        "workspace_id",
        "contact_id",
        "channel_id",
        "external_id",
        "name",
        "created_at",
    ),
    "messages": (
        "id",
        "workspace_id",
        "conversation_id",
        "channel_id",
        "kind",
        "direction",
        "sender_type",
        "sender_external_id",
        "text",
        "status",
        "external_id",
        "search_text",
        "created_at",
        "received_at",
        "updated_at",
    ),
    "conversations": (
        "id",
        "workspace_id",
        "channel_id",
        "kind",
        "external_id",
        "post_id",
        "contact_id",
        "status",
        "assignee_id",
        "unread",
        "replied",
        "has_phone",
        "has_order",
        "last_message_at",
        "last_incoming_at",
        "last_read_at",
        "last_message_id",
        "last_message_preview",
        "last_message_direction",
        "last_message_sender_type",
        "search_text",
        "created_at",
        "updated_at",
    ),
    "conversation_tags": ("conversation_id", "tag_id", "workspace_id", "created_at"),
}
LOAD_ORDER = (
    "contacts",
    "contact_phones",
    "contact_identities",
    "conversations",
    "messages",
    "conversation_tags",
)


async def _load_chunk(chunk: Chunk) -> int:
    rows = _build_chunk(chunk)
    conn = await asyncpg.connect(chunk.database_url)
    try:
        await conn.execute("SET session_replication_role = replica")  # no FK triggers
        async with conn.transaction():
            for table in LOAD_ORDER:
                if rows[table]:
                    await conn.copy_records_to_table(
                        table, records=rows[table], columns=COLUMNS[table]
                    )
    finally:
        await conn.close()
    return len(rows["messages"])


def _load_chunk_sync(chunk_dict: dict) -> int:
    return asyncio.run(_load_chunk(Chunk(**chunk_dict)))


async def _drop_secondary(conn: asyncpg.Connection) -> list[str]:
    """Drop unique constraints and indexes (not PKs, not FKs) of the big tables; return DDL."""
    restore: list[str] = []
    for table in BIG_TABLES:
        for name, definition in await conn.fetch(
            """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE conrelid = $1::regclass AND contype = 'u'""",
            table,
        ):
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            await conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, definition in await conn.fetch(
            """SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid
               WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)""",
            table,
        ):
            restore.append(definition)
            await conn.execute(f'DROP INDEX "{name}"')
    return restore


async def _rebuild(database_url: str, ddl: list[str]) -> None:
    """Rebuild indexes two at a time (one connection per core)."""
    queue = list(ddl)

    async def worker() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute("SET maintenance_work_mem = '256MB'")
            while queue:
                await conn.execute(queue.pop(0))
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(min(2, os.cpu_count() or 1))))


async def _small_rows(
    conn: asyncpg.Connection,
    rng: random.Random,
    workspace: str,
    n_channels: int,
    n_posts: int,
    now: datetime,
) -> dict:
    """Workspace, owner + agents, pages, posts, tags: a few rows through plain INSERTs."""
    from chotdon.core.security import encrypt_secret, hash_password

    ws = await conn.fetchval(
        "INSERT INTO workspaces (name, settings, order_seq, created_at) "
        "VALUES ($1, '{}', 0, now()) RETURNING id",
        workspace,
    )
    pw = hash_password(BENCH_PASSWORD)
    users = []
    for i in range(1 + N_AGENTS):
        role = "owner" if i == 0 else "agent"
        uid = await conn.fetchval(
            "INSERT INTO users (email, name, password_hash, locale, created_at) "
            "VALUES ($1, $2, $3, 'vi', now()) RETURNING id",
            f"{role}{i}-ws{ws}@bench.chotdon.vn",
            vi.person_name(rng),
            pw,
        )
        await conn.execute(
            "INSERT INTO memberships (workspace_id, user_id, role, is_active, created_at) "
            "VALUES ($1, $2, $3, true, now())",
            ws,
            uid,
            role,
        )
        users.append(uid)
    channel_ids, pages = [], []
    for c in range(n_channels):
        page = f"{1000000000 + ws * 100 + c}"
        cid = await conn.fetchval(
            """INSERT INTO channels (workspace_id, provider, external_id, name,
               access_token_encrypted, status, settings, sync_state, connected_at, created_at,
               updated_at)
               VALUES ($1, 'facebook', $2, $3, $4, 'connected', '{}', '{}', now(), now(), now())
               RETURNING id""",
            ws,
            page,
            f"{workspace} – trang {c + 1}",
            encrypt_secret(f"PAGE-TOKEN-{page}"),
        )
        channel_ids.append(cid)
        pages.append(page)
    post_ids, post_external = [], []
    for p in range(n_posts):
        for c in range(n_channels):
            ext = f"{pages[c]}_{700000 + p}"
            pid = await conn.fetchval(
                """INSERT INTO posts (workspace_id, channel_id, external_id, kind, message,
                   posted_at, created_at) VALUES ($1, $2, $3, 'post', $4, $5, now()) RETURNING id""",
                ws,
                channel_ids[c],
                ext,
                f"🔥 Hàng mới về: {rng.choice(vi.PRODUCTS)} chỉ {rng.choice([99, 149, 199])}k",
                now - timedelta(days=p),
            )
            post_ids.append(pid)
            post_external.append(ext)
    tag_ids = []
    for t in range(N_TAGS):
        tag_ids.append(
            await conn.fetchval(
                "INSERT INTO tags (workspace_id, name, color, visible, position, source, "
                "created_at) VALUES ($1, $2, $3, true, $4, 'manual', now()) RETURNING id",
                ws,
                ["Khách quen", "Đã chốt", "Bom hàng", "Hỏi giá", "VIP", "Chờ CK", "Sỉ"][t % 7]
                + (f" {t // 7 + 1}" if t >= 7 else ""),
                f"#{rng.randrange(0x1000000):06x}",
                t,
            )
        )
    return {
        "workspace_id": ws,
        "owner_id": users[0],
        "agent_ids": users[1:],
        "channel_ids": channel_ids,
        "channel_pages": pages,
        "post_ids": post_ids,
        "post_external": post_external,
        "tag_ids": tag_ids,
    }


async def generate(
    database_url: str,
    conversations: int,
    messages: int,
    seed: int = 20261124,
    progress: bool = True,
) -> dict:
    """Fill the database (wiping tenant data) unless this exact data set is already there."""
    key = f"{seed}:{conversations}:{messages}:v1"
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)"
        )
        if await conn.fetchval("SELECT value FROM bench_meta WHERE key = 'dataset'") == key:
            info = await conn.fetchval("SELECT value FROM bench_meta WHERE key = 'dataset_info'")
            import json

            return {**json.loads(info), "reused": True}
        t0 = time.perf_counter()
        await conn.execute("DELETE FROM bench_meta WHERE key LIKE 'dataset%'")
        await conn.execute(
            "TRUNCATE workspaces, users, webhook_deliveries RESTART IDENTITY CASCADE"
        )
        rng = random.Random(seed)
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        n_posts = max(20, conversations // 2000)
        main = await _small_rows(conn, rng, "Shop Thời Trang Bench", 3, n_posts, now)
        other_n = max(100, int(conversations * OTHER_WORKSPACE_SHARE))
        other = await _small_rows(conn, rng, "Shop Khác", 2, max(5, n_posts // 10), now)
        ddl = await _drop_secondary(conn)
    finally:
        await conn.close()

    plan: list[dict] = []
    next_conv, next_msg = 1, 1
    for spec, n_conv in ((main, conversations), (other, other_n)):
        n_msg = messages if spec is main else other_n * max(1, messages // conversations)
        counts = _message_counts(
            random.Random(f"{seed}:counts:{spec['workspace_id']}"), n_conv, n_msg
        )
        for start in range(0, n_conv, CHUNK):
            part = counts[start : start + CHUNK]
            plan.append(
                asdict(
                    Chunk(
                        database_url=database_url,
                        seed=seed,
                        workspace_id=spec["workspace_id"],
                        channel_ids=spec["channel_ids"],
                        channel_pages=spec["channel_pages"],
                        post_ids=spec["post_ids"],
                        post_external=spec["post_external"],
                        tag_ids=spec["tag_ids"],
                        agent_ids=spec["agent_ids"],
                        first_conversation=next_conv,
                        counts=part,
                        first_message=next_msg,
                        now=now.timestamp(),
                    )
                )
            )
            next_conv += len(part)
            next_msg += sum(part)
    try:
        return await _load(
            database_url,
            plan,
            ddl,
            t0,
            main,
            other_n,
            key,
            seed,
            conversations,
            messages,
            progress,
            next_conv,
            next_msg,
        )
    except BaseException:
        # Indexes may be missing now: make the next run rebuild the database from scratch.
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute("DELETE FROM bench_meta")
        finally:
            await conn.close()
        raise


async def _load(
    database_url: str,
    plan: list[dict],
    ddl: list[str],
    t0: float,
    main: dict,
    other_n: int,
    key: str,
    seed: int,
    conversations: int,
    messages: int,
    progress: bool,
    next_conv: int,
    next_msg: int,
) -> dict:
    loaded = 0
    workers = max(1, min(2, os.cpu_count() or 1))
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(workers) as pool:
        futures = [loop.run_in_executor(pool, _load_chunk_sync, c) for c in plan]
        for n, fut in enumerate(asyncio.as_completed(futures), 1):
            loaded += await fut
            if progress and (n % max(1, len(plan) // 10) == 0 or n == len(plan)):
                rate = loaded / (time.perf_counter() - t0)
                print(
                    f"  datagen: {n}/{len(plan)} chunks, {loaded:,} messages ({rate:,.0f} msg/s)",
                    flush=True,
                )
    t_load = time.perf_counter() - t0
    await _rebuild(database_url, ddl)
    conn = await asyncpg.connect(database_url)
    try:
        for table in BIG_TABLES:
            if await conn.fetchval(
                "SELECT 1 FROM information_schema.columns WHERE table_name = $1 "
                "AND column_name = 'id'",
                table,
            ):
                await conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
        await conn.execute("ANALYZE")
        t_total = time.perf_counter() - t0
        info = {
            "seed": seed,
            "conversations": conversations,
            "messages": messages,
            "other_workspace_conversations": other_n,
            "workspace_id": main["workspace_id"],
            "owner_id": main["owner_id"],
            "agent_ids": main["agent_ids"],
            "channel_ids": main["channel_ids"],
            "tag_ids": main["tag_ids"],
            "post_ids": main["post_ids"][:10],
            "load_seconds": round(t_load, 1),
            "total_seconds": round(t_total, 1),
            "rows_per_second": round((next_msg - 1 + next_conv - 1) / t_load),
        }
        import json

        await conn.execute(
            "INSERT INTO bench_meta VALUES ('dataset', $1), ('dataset_info', $2) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            key,
            json.dumps(info),
        )
    finally:
        await conn.close()
    return {**info, "reused": False}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=50_000)
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=20261124)
    args = parser.parse_args(argv)

    async def _run() -> None:
        from bench import env as bench_env

        env = await bench_env.prepare()
        info = await generate(env.database_url, args.conversations, args.messages, args.seed)
        print(info)

    asyncio.run(_run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
