"""What every benchmark receives: the servers, the mode and its sizes, the baselines so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.env import BenchEnv

SIZES: dict[str, dict[str, Any]] = {
    # quick: a few minutes on 2 shared cores; full: the sizes the issues name.
    "quick": {
        "conversations": 50_000,
        "messages": 500_000,
        "http_seconds": 5,
        "webhook_rate": 500,
        "ingest_messages": 3_000,
        "list_samples": 30,
        "ws_clients": 1_000,
        "ws_events": 20,
        "burst_comments": 4_000,
        "burst_customers": 1_000,
        "steady_seconds": 10,
        "live_workers": 1,
        "parser_comments": 20_000,
        "report_conversations": 1_000_000,
    },
    "full": {
        "conversations": 1_000_000,
        "messages": 10_000_000,
        "http_seconds": 20,
        "webhook_rate": 500,
        "ingest_messages": 20_000,
        "list_samples": 100,
        "ws_clients": 1_000,
        "ws_events": 100,
        "burst_comments": 20_000,
        "burst_customers": 5_000,
        "steady_seconds": 60,
        "live_workers": 1,
        "parser_comments": 200_000,
        "report_conversations": 1_000_000,
    },
}


@dataclass
class Ctx:
    env: BenchEnv
    mode: str
    size: dict[str, Any]
    seed: int = 20261124
    baselines: dict[str, float] = field(default_factory=dict)
