"""Which adapter speaks for which carrier, at which base URL (settings)."""

from __future__ import annotations

from chotdon.core.settings import get_settings
from chotdon.shipping.carrier import Carrier, Credentials
from chotdon.shipping.ghn.client import GhnCarrier
from chotdon.shipping.ghn.client import parse_webhook as ghn_webhook
from chotdon.shipping.ghtk.client import GhtkCarrier
from chotdon.shipping.ghtk.client import parse_webhook as ghtk_webhook
from chotdon.shipping.viettelpost.client import ViettelPostCarrier
from chotdon.shipping.viettelpost.client import parse_webhook as viettelpost_webhook

DISPLAY_NAMES = {"ghn": "GHN", "ghtk": "GHTK", "viettelpost": "Viettel Post"}
WEBHOOK_PARSERS = {"ghn": ghn_webhook, "ghtk": ghtk_webhook, "viettelpost": viettelpost_webhook}


def carrier_for(name: str, credentials: Credentials) -> Carrier:
    settings = get_settings()
    if name == "ghn":
        return GhnCarrier(settings.ghn_api_url, credentials)
    if name == "ghtk":
        return GhtkCarrier(settings.ghtk_api_url, credentials)
    if name == "viettelpost":
        return ViettelPostCarrier(settings.viettelpost_api_url, credentials)
    raise ValueError(name)
