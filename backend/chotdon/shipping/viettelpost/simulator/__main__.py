from __future__ import annotations

import sys

from chotdon.shipping.simcore import run
from chotdon.shipping.viettelpost.simulator.app import create_app

if __name__ == "__main__":
    sys.exit(run(create_app, "chotdon.shipping.viettelpost.simulator", 8013))
