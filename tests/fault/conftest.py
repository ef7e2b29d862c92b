"""Fault-injection tests. Those marked `soak` take more than a few seconds: they run with
`make soak` (`pytest -m soak`) or SOAK=1, and are skipped by a plain `make test`."""

from __future__ import annotations

from support.processes import processes  # noqa: F401  (fixtures)
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401
