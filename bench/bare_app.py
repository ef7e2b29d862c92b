"""The baseline server: a bare FastAPI app with the same uvicorn settings as Chotdon's API.

The webhook figures are compared with POST /echo (read the raw body, answer 200), so the
ratio shows what Chotdon adds (signature check, durable insert, enqueue) on top of the
framework and the machine.
"""

from __future__ import annotations

import asyncio
import os

from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse

app = FastAPI()
_sockets: set[WebSocket] = set()


@app.get("/ping")
async def ping() -> JSONResponse:
    return JSONResponse({"ok": True})


@app.post("/echo")
async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"ok": True, "bytes": len(body)})


@app.websocket("/ws")
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
    _sockets.add(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        _sockets.discard(websocket)


@app.post("/broadcast")
async def broadcast(request: Request) -> JSONResponse:
    """Send the body to every connected socket: the bare cost of a WebSocket fan-out."""
    text = (await request.body()).decode()
    await asyncio.gather(*(s.send_text(text) for s in list(_sockets)), return_exceptions=True)
    return JSONResponse({"sent": len(_sockets), "pid": os.getpid()})
