"""Schemathesis against the app's OpenAPI description, every operation, with a valid token.

A real API process (uvicorn) is fuzzed over HTTP; the Graph API is the simulator. For every
generated request: no 5xx, every 4xx in the documented error shape, and responses matching the
documented schema. The number of examples per operation is bounded so that the run takes about
a minute (SCHEMATHESIS_EXAMPLES, default 6; `make soak` runs the `soak` variant with 40).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks as st_checks

from security.report import record

# Operations that start work outside the API (Graph calls, backfills) are fuzzed too: the
# simulator answers them. Only the auth endpoints are left out (they would log us out).
SKIP = {("POST", "/api/v1/auth/switch-workspace")}

# Defects found by this suite and reported to their owners (QA report, issue 8). They are
# counted and printed, not failed on, so that the suite guards against NEW defects meanwhile.
# Remove an entry once it is fixed (the summary says "known failure now passing").
KNOWN: dict[tuple[str, str], str] = {}


def _error_shape_problem(response: Any) -> str | None:
    if response.status_code < 400:
        return None
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code} body is not JSON"
    err = body.get("error") if isinstance(body, dict) else None
    if not (isinstance(err, dict) and isinstance(err.get("code"), str) and "message" in err):
        return f"{response.status_code} not in the error shape: {str(body)[:120]}"
    return None


def _fuzz(base_url: str, headers: dict[str, str], examples: int) -> tuple[int, int, list[str]]:
    raw = httpx.get(f"{base_url}/api/v1/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(raw)
    cases = 0
    operations = 0
    failures: list[str] = []
    checks = [
        st_checks.not_a_server_error,
        st_checks.response_schema_conformance,
        st_checks.content_type_conformance,
    ]
    for result in schema.get_all_operations():
        op = result.ok()
        if not op.path.startswith("/api/v1") or (op.method.upper(), op.path) in SKIP:
            continue
        if op.path.startswith("/api/v1/auth"):
            continue
        operations += 1
        seen: list[str] = []

        @given(case=op.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal cases
            cases += 1
            response = case.call(base_url=base_url, headers=headers, timeout=30)
            try:
                case.validate_response(response, checks=checks)
            except BaseException as exc:  # a FailureGroup: collect, keep fuzzing the others
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                first = [ln for ln in str(exc).strip().splitlines() if ln.strip()][:3]
                seen.append(" | ".join(first)[:300])
            problem = _error_shape_problem(response)
            if problem:
                seen.append(problem)

        try:
            run()
        except BaseException as exc:  # generation errors of an operation are failures too
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            seen.append(f"generation: {type(exc).__name__}: {str(exc)[:200]}")
        key = (op.method.upper(), op.path)
        if seen and key in KNOWN:
            record("fuzz: schemathesis known failures (reported)", 1, f"{key}: {KNOWN[key]}")
        elif seen:
            failures.append(f"{op.method.upper()} {op.path}: {seen[0]} ({len(seen)} cases)")
        elif key in KNOWN:
            record("fuzz: schemathesis known failure now passing", 1, f"{key}: remove from KNOWN")
    return operations, cases, failures


async def _target(processes: Any, tenant: Any) -> tuple[str, dict[str, str]]:
    from inbox.helpers import Seeder

    api = await processes.start_api()
    seed = Seeder(tenant.workspace_id)
    channel = await seed.channel()
    await seed.message(channel, "psid-schemathesis", "Shop ơi áo này còn size M không ạ")
    return api.url, tenant.headers


async def _run(processes: Any, tenant: Any, examples: int) -> None:
    base_url, headers = await _target(processes, tenant)
    operations, cases, failures = await asyncio.to_thread(_fuzz, base_url, headers, examples)
    record("fuzz: schemathesis operations", operations)
    record("fuzz: schemathesis cases", cases)
    record("fuzz: schemathesis operations failing", len(failures))
    assert cases > 0
    assert not failures, "\n".join(failures)


@pytest.mark.e2e
async def test_schemathesis_every_operation(processes: Any, tenant: Any, fb: Any) -> None:
    await _run(processes, tenant, int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6")))


@pytest.mark.soak
async def test_schemathesis_every_operation_long(processes: Any, tenant: Any, fb: Any) -> None:
    await _run(processes, tenant, 40)
