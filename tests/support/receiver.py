"""An integrator's webhook receiver: plain `http.server` in a thread, checking the HMAC itself.

It knows nothing of Chotdon's code: it verifies `X-Chotdon-Signature` as API.md documents it
(`sha256=` + hex HMAC-SHA256(secret, timestamp + "." + raw body)) and keeps what it received.
`plan` scripts the answers (status codes or "hang" for a timeout) of the next requests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    headers: dict[str, str]
    body: dict[str, Any]
    signature_ok: bool


@dataclass
class Receiver:
    url: str
    secret: str = ""
    received: list[Received] = field(default_factory=list)
    plan: list[int | str] = field(default_factory=list)
    hang_seconds: float = 3.0
    # Every answer takes this long (a slow receiver).
    delay_seconds: float = 0.0
    # False: any sender is answered by `plan` (a carrier simulator's retries, not our HMAC).
    check_signature: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def events(self) -> list[dict[str, Any]]:
        """Events answered with a 2xx, in arrival order."""
        with self.lock:
            return [r.body for r in self.received if r.headers.get("x-answer") == "2xx"]

    def wait_for(self, predicate: Any, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return
            time.sleep(0.02)
        raise AssertionError(f"receiver: condition not met; got {len(self.received)} requests")


def _body(raw: bytes) -> dict[str, Any]:
    """JSON, or anything else kept as text (a carrier's form-encoded webhook)."""
    try:
        data = json.loads(raw)
    except ValueError:
        return {"raw": raw.decode("utf-8", "replace")}
    return data if isinstance(data, dict) else {"raw": data}


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            timestamp = self.headers.get("X-Chotdon-Timestamp", "")
            expected = (
                "sha256="
                + hmac.new(
                    receiver.secret.encode(), timestamp.encode() + b"." + raw, hashlib.sha256
                ).hexdigest()
            )
            ok = not receiver.check_signature or hmac.compare_digest(
                expected, self.headers.get("X-Chotdon-Signature", "")
            )
            with receiver.lock:
                answer: int | str = receiver.plan.pop(0) if receiver.plan else 200
            headers = {k.lower(): v for k, v in self.headers.items()}
            if answer == "hang":  # the sender gives up first: a timeout on its side
                headers["x-answer"] = "timeout"
            else:
                headers["x-answer"] = "2xx" if 200 <= int(answer) < 300 and ok else str(answer)
            with receiver.lock:
                receiver.received.append(Received(headers, _body(raw), ok))
            if answer == "hang":
                time.sleep(receiver.hang_seconds)
                answer = 200
            elif receiver.delay_seconds:
                time.sleep(receiver.delay_seconds)
            code = int(answer) if ok else 401
            try:
                self.send_response(code)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if code < 300 else b"nope")
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@contextmanager
def receiver_server() -> Iterator[Receiver]:
    receiver = Receiver(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/chotdon"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
