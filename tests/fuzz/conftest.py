from __future__ import annotations

from support.processes import processes  # noqa: F401
from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401
