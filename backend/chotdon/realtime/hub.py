"""Per-process fan-out of realtime events to the WebSockets connected to this process.

One Redis pub/sub subscription per API process feeds a bounded queue per socket.
(Filled in by the realtime module: see realtime/README in the issue.)
"""

from __future__ import annotations


async def start() -> None:
    """Start the process-wide subscriber (called from the app lifespan)."""


async def stop() -> None:
    """Close every socket gracefully and stop the subscriber."""
