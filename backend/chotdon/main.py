"""The FastAPI application: API under /api/v1, provider webhooks, the SPA at /."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from sqlalchemy import text

from chotdon import __version__
from chotdon.accounts.router import router as accounts_router
from chotdon.addresses import parser as address_parser
from chotdon.addresses.router import router as addresses_router
from chotdon.automations.router import router as automations_router
from chotdon.channels.facebook.router import router as facebook_router
from chotdon.channels.facebook.router import webhook_router as facebook_webhook_router
from chotdon.channels.lazada.router import webhook_router as lazada_webhook_router
from chotdon.channels.router import callback_router as channels_callback_router
from chotdon.channels.router import router as channels_router
from chotdon.channels.shopee.router import webhook_router as shopee_webhook_router
from chotdon.channels.tiktok.router import webhook_router as tiktok_webhook_router
from chotdon.channels.zalo.router import webhook_router as zalo_webhook_router
from chotdon.core.db import dispose_engine, get_engine
from chotdon.core.errors import error_response, install_error_handlers
from chotdon.core.logging import configure_logging
from chotdon.core.metrics import MetricsMiddleware
from chotdon.core.metrics import router as metrics_router
from chotdon.core.middleware import DOCS_ASSETS, RequestContextMiddleware
from chotdon.core.redis import close_redis, get_redis
from chotdon.core.settings import get_settings
from chotdon.customers.router import router as customers_router
from chotdon.inbox.router import router as inbox_router
from chotdon.integrations.router import router as integrations_router
from chotdon.livestream.router import router as livestream_router
from chotdon.orders.router import router as orders_router
from chotdon.realtime import hub
from chotdon.realtime.router import router as realtime_router
from chotdon.reports.router import router as reports_router
from chotdon.shipping.router import router as shipping_router
from chotdon.shipping.webhooks import webhook_router as carrier_webhook_router
from chotdon.working_hours.router import router as working_hours_router

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Also here, for a server started without `python -m chotdon api` (uvicorn chotdon.main:app).
    get_settings().refuse_default_secrets()
    await hub.start()
    # The address data (addresses/) loads in a thread while the first requests are served.
    warming = asyncio.get_running_loop().run_in_executor(None, address_parser.warm)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a failed warm-up only costs the first parse
            await warming
        await hub.stop()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    # Swagger UI's script and style come from the fastapi-offline package, served by us at
    # DOCS_ASSETS (no CDN); the middleware gives exactly the docs pages a CSP that lets its
    # inline start-up script run.
    app = FastAPIOffline(
        static_url=DOCS_ASSETS,
        favicon_url=f"{DOCS_ASSETS}/favicon.png",
        title="Chotdon API",
        version=__version__,
        description=(
            "Social-commerce inbox for Vietnamese online sellers: Messenger and comments of every "
            "connected page in one live inbox, orders in the chat, livestream orders from comments."
        ),
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "X-Api-Key",
                "X-Request-Id",
                "Idempotency-Key",
            ],
        )
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
    )

    # First: Facebook's deliveries are the hottest path, and routes are matched in order.
    app.include_router(facebook_webhook_router)
    app.include_router(shopee_webhook_router)
    app.include_router(zalo_webhook_router)
    app.include_router(tiktok_webhook_router)
    app.include_router(lazada_webhook_router)
    app.include_router(carrier_webhook_router)  # /webhooks/{carrier}: after the providers'
    for router in (
        accounts_router,
        addresses_router,
        channels_router,
        facebook_router,
        inbox_router,
        customers_router,
        orders_router,
        livestream_router,
        realtime_router,
        working_hours_router,
        reports_router,
        shipping_router,
        integrations_router,
        automations_router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(channels_callback_router)
    app.include_router(metrics_router)

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> JSONResponse:
        checks: dict[str, str] = {}
        try:
            async with get_engine().connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:  # report, never raise: this is the health check
            checks["database"] = f"error: {type(exc).__name__}"
        try:
            await get_redis().ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
        healthy = all(v == "ok" for v in checks.values())
        body = {"status": "ok" if healthy else "degraded", "version": __version__, **checks}
        return JSONResponse(body, status_code=200 if healthy else 503)

    _mount_spa(app, settings.frontend_dist)
    return app


_SPA_MISSING = """<!doctype html><html lang="vi"><meta charset="utf-8"><title>Chotdon</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Chotdon</h1><p>Giao diện chưa được build. Chạy <code>make run</code> (hoặc
<code>npm --prefix frontend run build</code>) rồi tải lại trang.</p>
<p>The SPA is not built yet: run <code>make run</code>. The API is at <a href="/docs">/docs</a>.</p>
</body></html>"""


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA: real files as they are, any other page path as index.html.

    Done in the 404 handler rather than a catch-all route so that API paths keep their proper
    404 / 405 answers in the error shape.
    """
    assets = dist / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="assets")
    root = dist.resolve()

    async def not_found(request: Request, exc: Exception) -> Response:
        path = request.url.path
        is_page = request.method in ("GET", "HEAD") and not path.startswith(
            (API_PREFIX, "/webhooks", "/healthz", "/metrics", "/assets", DOCS_ASSETS)
        )
        if not is_page:
            message = getattr(exc, "detail", None)
            if not isinstance(message, str) or message == "Not Found":
                message = "No such resource or route"
            return error_response(404, "not_found", message)
        try:
            candidate = (root / path.lstrip("/")).resolve()
            is_file = candidate.is_file() and root in candidate.parents
        except (ValueError, OSError):  # a NUL byte or a name the file system refuses
            return error_response(404, "not_found", "No such resource or route")
        if is_file:
            return FileResponse(candidate)
        index = root / "index.html"
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(_SPA_MISSING)

    app.add_exception_handler(404, not_found)


app = create_app()
