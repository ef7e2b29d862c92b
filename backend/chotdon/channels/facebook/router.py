from __future__ import annotations

from fastapi import APIRouter

# Mounted under /api/v1 (connect a page) ...
router = APIRouter(tags=["facebook"])
# ... and at the root: /webhooks/facebook (verification GET and signed deliveries).
webhook_router = APIRouter(tags=["webhooks"])
