"""Placeholder until the feature lands."""

from __future__ import annotations

from bench.context import Ctx
from bench.results import Figure, skipped

NAME = "webhook"


async def run(ctx: Ctx) -> list[Figure]:
    return [skipped(NAME, "webhook", "", None, "feature not in the app yet")]
