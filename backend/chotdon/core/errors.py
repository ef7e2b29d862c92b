"""One error family and one JSON shape for every 4xx/5xx answer.

`{"error": {"code": "snake_case_code", "message": "human text", "details": ...}}`
"""

from __future__ import annotations

import logging
from typing import Any

from asyncpg.exceptions import DataError as AsyncpgDataError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class AppError(Exception):
    status_code = 400
    code = "bad_request"
    message = "Bad request"

    def __init__(
        self, message: str | None = None, *, code: str | None = None, details: Any = None
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.details = details
        super().__init__(self.message)


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"
    message = "Authentication required"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"
    message = "You do not have permission to do this"


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    message = "Not found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    message = "Conflict"


class ValidationFailed(AppError):
    status_code = 422
    code = "validation_error"
    message = "Invalid input"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"
    message = "Request body too large"


class TooManyRequests(AppError):
    status_code = 429
    code = "rate_limited"
    message = "Too many requests, try again later"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"
    message = "Service temporarily unavailable"


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or (str(loc[0]) if loc else "")


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def is_bad_value(exc: DBAPIError) -> bool:
    """A data error: raised by PostgreSQL (SQLSTATE class 22) or by asyncpg encoding a value."""
    if isinstance(exc, DataError):
        return True
    cause = getattr(exc.orig, "__cause__", None)
    return isinstance(cause, AsyncpgDataError) or str(getattr(exc.orig, "sqlstate", "")).startswith(
        "22"
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "malformed_json", "The request body is not valid JSON")
        details = [
            {"field": _field_path(e.get("loc", ())), "message": e.get("msg", "invalid")}
            for e in errors
        ]
        return error_response(422, "validation_error", "Invalid input", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(
            exc.status_code, "error" if exc.status_code >= 500 else "bad_request"
        )
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = "No such resource or route"
        headers = dict(exc.headers) if exc.headers else None
        return error_response(exc.status_code, code, message, headers=headers)

    @app.exception_handler(DBAPIError)
    async def _db_error(request: Request, exc: DBAPIError) -> JSONResponse:
        # A value the database cannot hold (an id beyond 64 bits, a malformed number...) that
        # slipped past validation is the caller's mistake, not a server error.
        if is_bad_value(exc):
            log.warning(
                "database refused a value on %s %s: %s", request.method, request.url.path, exc.orig
            )
            return error_response(
                422, "invalid_value", "A value in the request is out of range or malformed"
            )
        if exc.connection_invalidated or isinstance(exc, (OperationalError, InterfaceError)):
            log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
            return error_response(
                503, "service_unavailable", "The database is unavailable, try again shortly"
            )
        log.exception("database error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "Something went wrong on our side")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "Something went wrong on our side")
