"""Livestream tests drive real signed webhooks through the Facebook simulator."""

from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401
