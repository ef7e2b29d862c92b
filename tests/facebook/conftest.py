"""Facebook channel tests: the simulator as a real HTTP server, the app behind real uvicorn."""

from support.simulator import app_server, fb, simulator, simulator_server  # noqa: F401
