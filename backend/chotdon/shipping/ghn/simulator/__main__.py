from __future__ import annotations

import sys

from chotdon.shipping.ghn.simulator.app import create_app
from chotdon.shipping.simcore import run

if __name__ == "__main__":
    sys.exit(run(create_app, "chotdon.shipping.ghn.simulator", 8011))
