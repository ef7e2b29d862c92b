"""ASGI middleware: request ids, body size limit and security headers."""

from __future__ import annotations

import contextvars
import secrets

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chotdon.core.errors import error_body

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: blob: https:; media-src 'self' blob: https:; "
        b"style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'",
    ),
]


# Swagger UI (FastAPI's docs pages) starts with an inline script: exactly these paths get a CSP
# that allows it; everything else, the SPA included, gets SECURITY_HEADERS.
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect"})
DOCS_ASSETS = "/docs-assets"
DOCS_HEADERS = [
    *(header for header in SECURITY_HEADERS if header[0] != b"content-security-policy"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; frame-ancestors 'none'",
    ),
]


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    return DOCS_HEADERS if path in DOCS_PATHS else SECURITY_HEADERS


class _BodyTooLarge(Exception):
    pass


class RequestContextMiddleware:
    """Give every request an id (echoed as X-Request-Id), cap body size, add security headers."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_upload = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or secrets.token_hex(
            8
        )
        token = request_id_var.set(request_id)
        limit = self.max_upload if scope["path"].endswith("/media") else self.max_body
        try:
            declared = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            await self._reject(send, request_id, limit)
            request_id_var.reset(token)
            return

        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                extra = [(b"x-request-id", request_id.encode("latin-1"))]
                extra += security_headers(scope["path"])
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _BodyTooLarge:
            if not response_started:
                await self._reject(send, request_id, limit)
        finally:
            request_id_var.reset(token)

    @staticmethod
    async def _reject(send: Send, request_id: str, limit: int) -> None:
        body = orjson.dumps(
            error_body(
                "payload_too_large",
                f"Request body larger than {limit} bytes",
                {"max_bytes": limit},
            )
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", request_id.encode("latin-1")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
