"""`python -m chotdon.channels.facebook.simulator [--port 8001]`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    from chotdon.channels.facebook.simulator.app import create_simulator_app

    parser = argparse.ArgumentParser(prog="chotdon.channels.facebook.simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    uvicorn.run(create_simulator_app(), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
