from __future__ import annotations

import sys

from chotdon.shipping.ghtk.simulator.app import create_app
from chotdon.shipping.simcore import run

if __name__ == "__main__":
    sys.exit(run(create_app, "chotdon.shipping.ghtk.simulator", 8012))
