"""Order tests use the Facebook simulator for the end-to-end receipt and automatic drafts."""

from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401
