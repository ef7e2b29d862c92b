"""`python -m bench [--mode quick|full] [--only NAME ...]`: run the benchmarks, print the table.

Each benchmark writes `bench/results/<name>.json`; `bench/results/summary.json` holds every
figure of the run. A benchmark whose feature is not in the app yet reports "skipped" with the
reason instead of failing the run; a benchmark that crashes is reported as such and the others
still run (exit status 1 at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import sys
import time
import traceback
from datetime import UTC, datetime

from bench import results
from bench.context import SIZES, Ctx

ORDER = [
    "baselines",
    "parser",
    "webhook",
    "instagram",
    "shopee",
    "zalo",
    "tiktok",
    "lazada",
    "inbox",
    "realtime",
    "livestream",
    "reports",
    "shipping",
    "outgoing",
]


async def _main(args: argparse.Namespace) -> int:
    from bench import env as bench_env

    size = dict(SIZES[args.mode])
    for item in args.set:
        key, _, value = item.partition("=")
        if key not in size:
            raise SystemExit(f"unknown size {key!r}; known: {', '.join(size)}")
        size[key] = type(size[key])(value)
    if args.conversations:
        size["conversations"] = args.conversations
        size["messages"] = args.messages or args.conversations * 10
    print(
        f"chotdon bench — mode {args.mode}, {os.cpu_count()} CPUs, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        flush=True,
    )
    env = await bench_env.prepare()
    print(
        f"  servers: {'embedded' if env.embedded else 'DATABASE_URL'} PostgreSQL "
        f"(database {bench_env.BENCH_DB}), Redis {env.redis_url}",
        flush=True,
    )
    ctx = Ctx(env=env, mode=args.mode, size=size, seed=args.seed)
    names = args.only or ORDER
    if args.only and "baselines" not in args.only and not args.no_baselines:
        names = ["baselines", *names]  # ratios need the baselines of the same run
    figures: list[results.Figure] = []
    crashed = []
    try:
        for name in names:
            module = importlib.import_module(f"bench.benches.{name}")
            print(f"\n== {name}", flush=True)
            t = time.perf_counter()
            try:
                got = await module.run(ctx)
            except Exception as exc:
                traceback.print_exc()
                crashed.append(name)
                got = [
                    results.skipped(
                        name, "(benchmark crashed)", "", None, f"{type(exc).__name__}: {exc}"[:120]
                    )
                ]
            finally:
                env.stop_all()
            for f in got:
                shown = "-" if f.value is None else f"{f.value:,.2f}"
                print(f"   {f.name}: {shown} {f.unit} [{f.status}] {f.note}", flush=True)
            results.write(
                name,
                got,
                {"mode": args.mode, "size": size, "seconds": round(time.perf_counter() - t, 1)},
            )
            figures += got
    finally:
        env.stop_all()
    results.write("summary", figures, {"mode": args.mode, "size": size})
    print("\n" + results.table(figures))
    met = sum(f.status == "met" for f in figures)
    missed = sum(f.status == "MISSED" for f in figures)
    skipped = sum(f.status == "skipped" for f in figures)
    print(
        f"\ntargets: {met} met, {missed} missed, {skipped} skipped"
        f"{'; crashed: ' + ', '.join(crashed) if crashed else ''}"
    )
    print(f"results: {results.RESULTS_DIR}/<name>.json")
    return 1 if crashed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=sorted(SIZES), default="quick")
    parser.add_argument("--only", nargs="*", choices=ORDER, help="run only these benchmarks")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--conversations", type=int, help="inbox data size (default per mode)")
    parser.add_argument("--messages", type=int, help="inbox data size (default 10 × conv.)")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="KEY=N",
        help="override a size of the mode, e.g. --set burst_comments=20000",
    )
    args = parser.parse_args(argv)
    return asyncio.run(_main(args))


if __name__ == "__main__":
    sys.exit(main())
