"""The DEMO workspace of `make run`: a shop whose simulated page is alive at once.

`python -m chotdon run` (DEMO=true) starts the Facebook simulator, points the app's Graph client
at it (`FACEBOOK_GRAPH_URL`) and the simulator's webhooks at the app, then calls `seed()`:

1. log in as the demo owner (registering the account and its workspace the first time);
2. create the demo page in the simulator and connect it through the public API, exactly as a
   shop connects a real page (the simulator forgets everything when it restarts, so the page
   gets a new token on every start and the existing channel is simply reconnected);
3. create a few page labels and switch label sync on, and `auto_livestream`: every live video
   of the page (the scenario goes live every few minutes) takes orders like the last one;
4. a catalogue (sizes as variants "Size M"...) and a livestream prepared with its keywords:
   the scenario goes live within seconds and its comments ("A01 M 0912...", "a1 l", "B01 x2")
   turn into orders on the board while you watch;
5. customers with a history: orders in every status, two of them "bùng" (cancelled);
6. start the scenario: customers write, comment with phone numbers, and a livestream with
   "keyword + phone" comments runs every few minutes;
7. link an Instagram account to the page and connect it through Facebook Login (the owner's
   "Kết nối Facebook": the simulated dialog, the callback, ticking the account); its followers
   write and comment in the scenario beside the page's customers;
8. with the Shopee simulator (`SHOPEE_API_URL` pointing at it): create the demo shop, connect it
   through the real OAuth flow (authorize → consent page → callback) and let its buyers write;
9. with the Zalo OA simulator (`ZALO_API_URL`): the demo Official Account, connected by OAuth v4
   with PKCE the same way, and its followers write (one of them leaves a phone number).
9. the same with the TikTok Shop simulator (`TIKTOK_API_URL`): a shop whose buyers write texts,
   product cards and order cards;
10. the same with the Lazada simulator (`LAZADA_AUTH_URL` / `LAZADA_API_URL`): a Lazada shop
   whose buyers write.

Idempotent: every step reuses what exists (same account, same page id, same customers).
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import httpx

log = logging.getLogger(__name__)

DEMO_EMAIL = "demo@chotdon.vn"
DEMO_PASSWORD = "chotdon-demo-2026"
DEMO_PAGE_ID = "108203417756201"
DEMO_PAGE_NAME = "Thời Trang Chốt Đơn (demo)"
DEMO_LABELS = ("Khách VIP", "Đã chốt đơn", "Bùng hàng", "Hỏi size")
DEMO_INSTAGRAM_ID = "17841400000000001"
DEMO_INSTAGRAM_USERNAME = "thoitrang.chotdon"


LIVE_TITLE = "Livestream xả hàng - chốt đơn giá sốc 🔴"
# (sku, name, price, variants): the keywords of the demo livestream are the SKUs.
PRODUCTS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("A01", "Áo khoác dù 2 lớp", 299_000, ("Size M", "Size L", "Size XL")),
    ("A02", "Váy hoa nhí", 259_000, ("Size S", "Size M", "Size L")),
    ("B01", "Quần jean ống rộng", 349_000, ()),
    ("V03", "Túi xách mini", 199_000, ()),
)
# Customers with a history: (psid, name, phone, address, statuses of their past orders).
HISTORY: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "9001",
        "Nguyễn Thị Lan",
        "0912345678",
        "12 Nguyễn Trãi, Thanh Xuân, Hà Nội",
        ("completed", "completed", "closed"),
    ),
    (
        "9002",
        "Trần Văn Hùng",
        "0987654321",
        "45 Lê Lợi, Quận 1, TP.HCM",
        ("cancelled", "cancelled", "draft"),
    ),
    ("9003", "Lê Thu Trang", "0903123456", "7 Hùng Vương, Phú Hội, Huế", ("confirmed",)),
    (
        "9004",
        "Phạm Minh Tuấn",
        "0938111222",
        "88 Trần Phú, Hải Châu, Đà Nẵng",
        ("completed", "cancelled"),
    ),
)
_PATHS = {
    "draft": (),
    "confirmed": ("confirmed",),
    "closed": ("confirmed", "closed"),
    "completed": ("confirmed", "closed", "completed"),
    "cancelled": ("cancelled",),
}


def simulator_url() -> str | None:
    """The simulator's base URL, derived from FACEBOOK_GRAPH_URL (`http://host:port/v25.0`)."""
    graph = os.environ.get("FACEBOOK_GRAPH_URL", "")
    if not graph or "graph.facebook.com" in graph:
        return None
    return graph.rstrip("/").rsplit("/", 1)[0]


async def _login(client: httpx.AsyncClient) -> str:
    credentials = {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    response = await client.post("/api/v1/auth/login", json=credentials)
    if response.status_code != 200:
        response = await client.post(
            "/api/v1/auth/register",
            json={
                **credentials,
                "name": "Chủ shop Demo",
                "workspace_name": "Shop Demo",
            },
        )
        response.raise_for_status()
    return str(response.json()["access_token"])


DEMO_SHOP_ID = 880011223
DEMO_SHOP_NAME = "Chốt Đơn Official (Shopee demo)"


async def _connect_instagram(
    client: httpx.AsyncClient, headers: dict[str, str], simulator: httpx.AsyncClient
) -> None:
    """The page's Instagram account, connected the way an owner does it (Facebook Login)."""
    await simulator.post(
        "/_sim/instagram",
        json={
            "page_id": DEMO_PAGE_ID,
            "username": DEMO_INSTAGRAM_USERNAME,
            "instagram_id": DEMO_INSTAGRAM_ID,
        },
    )
    await connect_through_facebook_login(
        client, headers, simulator, DEMO_PAGE_ID, [DEMO_PAGE_ID, DEMO_INSTAGRAM_ID]
    )


async def connect_through_facebook_login(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    simulator: httpx.AsyncClient,
    page_id: str,
    external_ids: list[str],
) -> list[dict[str, Any]]:
    """ "Kết nối Facebook" against the simulator: its dialog (every permission asked granted,
    page `page_id` shared), our callback, then the accounts ticked; the channels connected."""
    from urllib.parse import parse_qs, urlencode, urlsplit

    await simulator.post("/_sim/login", json={"page_ids": [page_id]})
    r = await client.post("/api/v1/channels/facebook/authorize", headers=headers)
    if r.status_code != 200:
        log.error("no Facebook Login: %s %s", r.status_code, r.text)
        return []
    asked = parse_qs(urlsplit(r.json()["url"]).query)
    consent = [
        ("redirect_uri", asked["redirect_uri"][0]),
        ("state", asked["state"][0]),
        *(("permission", p) for p in asked["scope"][0].split(",")),
        ("page", page_id),
    ]
    dialog = await simulator.get(f"/dialog/oauth/confirm?{urlencode(consent)}")
    callback = urlsplit(dialog.headers.get("location", ""))
    back = await client.get(f"{callback.path}?{callback.query}")
    selection = parse_qs(urlsplit(back.headers.get("location", "")).query).get("select")
    if not selection:
        log.error("the Facebook login came back without a choice: %s", back.headers)
        return []
    r = await client.post(
        f"/api/v1/channels/facebook/selections/{selection[0]}",
        json={"external_ids": external_ids},
        headers=headers,
    )
    if r.status_code != 200:
        log.error("accounts not connected through Facebook Login: %s %s", r.status_code, r.text)
        return []
    return list(r.json()["items"])


async def _connect_by_consent(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    sim: httpx.AsyncClient,
    provider: str,
    marker: str,
) -> bool:
    """Connect a simulated channel as its owner would: our authorize, the provider's consent
    page (the link with `marker`, e.g. `shop_id=…`), then our callback."""
    import re

    authorize = await client.post(f"/api/v1/channels/{provider}/authorize", headers=headers)
    authorize.raise_for_status()
    page = await sim.get(authorize.json()["url"])
    [approve] = [
        link.replace("&amp;", "&")
        for link in re.findall(r'href="([^"]+)"', page.text)
        if marker in link
    ]
    callback = (await sim.get(approve)).headers["location"]
    answer = await client.get("/" + callback.split("/", 3)[3])
    if answer.status_code != 303 or "connected=" not in answer.headers.get("location", ""):
        log.error("demo %s not connected: %s", provider, answer.headers.get("location"))
        return False
    return True


async def _seed_shopee(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    """The demo Shopee shop, connected as a seller would: consent page, then our callback."""
    sim = os.environ.get("SHOPEE_API_URL", "")
    if not sim or "shopeemobile.com" in sim:
        return
    try:
        async with httpx.AsyncClient(base_url=sim, timeout=30) as shopee:
            await shopee.post("/_sim/shops", json={"shop_id": DEMO_SHOP_ID, "name": DEMO_SHOP_NAME})
            if not await _connect_by_consent(
                client, headers, shopee, "shopee", f"shop_id={DEMO_SHOP_ID}"
            ):
                return
            interval = float(os.environ.get("DEMO_SHOPEE_INTERVAL_SECONDS", "15"))
            await shopee.post(
                "/_sim/scenario", json={"shop_id": DEMO_SHOP_ID, "interval_seconds": interval}
            )
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        log.error("demo Shopee shop not connected: %s", exc)


DEMO_OA_ID = "4318260781943017001"
DEMO_OA_NAME = "Chốt Đơn Official (Zalo OA demo)"


async def _seed_zalo(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    """The demo Zalo Official Account, connected by OAuth v4 + PKCE; its followers write."""
    sim = os.environ.get("ZALO_API_URL", "")
    if not sim or "openapi.zalo.me" in sim:
        return
    try:
        async with httpx.AsyncClient(base_url=sim, timeout=30) as zalo:
            await zalo.post("/_sim/oas", json={"oa_id": DEMO_OA_ID, "name": DEMO_OA_NAME})
            if not await _connect_by_consent(client, headers, zalo, "zalo", f"oa_id={DEMO_OA_ID}"):
                return
            interval = float(os.environ.get("DEMO_ZALO_INTERVAL_SECONDS", "20"))
            await zalo.post(
                "/_sim/scenario", json={"oa_id": DEMO_OA_ID, "interval_seconds": interval}
            )
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        log.error("demo Zalo OA not connected: %s", exc)


DEMO_TIKTOK_SHOP_ID = "7494049642642441621"
DEMO_TIKTOK_SHOP_NAME = "Chốt Đơn Decor (TikTok Shop demo)"


async def _seed_tiktok(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    """The demo TikTok shop, connected by OAuth the same way; its buyers write texts, product
    cards and order cards."""
    sim = os.environ.get("TIKTOK_API_URL", "")
    if not sim or "tiktokglobalshop.com" in sim:
        return
    try:
        async with httpx.AsyncClient(base_url=sim, timeout=30) as tiktok:
            shop = {"shop_id": DEMO_TIKTOK_SHOP_ID, "name": DEMO_TIKTOK_SHOP_NAME}
            await tiktok.post("/_sim/shops", json=shop)
            marker = f"shop_id={DEMO_TIKTOK_SHOP_ID}"
            if not await _connect_by_consent(client, headers, tiktok, "tiktok", marker):
                return
            interval = float(os.environ.get("DEMO_TIKTOK_INTERVAL_SECONDS", "20"))
            await tiktok.post(
                "/_sim/scenario",
                json={"shop_id": DEMO_TIKTOK_SHOP_ID, "interval_seconds": interval},
            )
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        log.error("demo TikTok shop not connected: %s", exc)


DEMO_LAZADA_SELLER_ID = 200240305
DEMO_LAZADA_NAME = "Chốt Đơn Fashion (Lazada demo)"


async def _seed_lazada(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    """The demo Lazada shop (the Lazada simulator at `LAZADA_AUTH_URL`), then its buyers write."""
    sim = os.environ.get("LAZADA_AUTH_URL", "")
    if not sim or "lazada.com" in sim:
        return
    seller = {"seller_id": DEMO_LAZADA_SELLER_ID, "name": DEMO_LAZADA_NAME}
    try:
        async with httpx.AsyncClient(base_url=sim, timeout=30) as lazada:
            await lazada.post("/_sim/sellers", json=seller)
            marker = f"seller_id={DEMO_LAZADA_SELLER_ID}"
            if not await _connect_by_consent(client, headers, lazada, "lazada", marker):
                return
            interval = float(os.environ.get("DEMO_LAZADA_INTERVAL_SECONDS", "18"))
            await lazada.post(
                "/_sim/scenario",
                json={"seller_id": DEMO_LAZADA_SELLER_ID, "interval_seconds": interval},
            )
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        log.error("demo Lazada shop not connected: %s", exc)


async def seed(api_url: str) -> tuple[str, str]:
    """Create (or reuse) the demo owner, connect the simulated page, start the scenario."""
    async with httpx.AsyncClient(base_url=api_url, timeout=30) as client:
        token = await _login(client)
        sim = simulator_url()
        if sim is None:
            log.warning("DEMO without the Facebook simulator: no page connected")
            return DEMO_EMAIL, DEMO_PASSWORD
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=sim, timeout=30) as simulator:
            page = (
                await simulator.post(
                    "/_sim/pages", json={"page_id": DEMO_PAGE_ID, "name": DEMO_PAGE_NAME}
                )
            ).json()
            for name in DEMO_LABELS:
                await simulator.post("/_sim/labels", json={"page_id": DEMO_PAGE_ID, "name": name})
            response = await client.post(
                "/api/v1/channels/facebook",
                json={"page_id": DEMO_PAGE_ID, "access_token": page["access_token"]},
                headers=headers,
            )
            if response.status_code not in (200, 201):
                log.error("demo page not connected: %s %s", response.status_code, response.text)
                return DEMO_EMAIL, DEMO_PASSWORD
            channel = response.json()
            # Labels synced; every live video of the scenario (one every DEMO_LIVE_EVERY_SECONDS)
            # takes orders with the catalogue's keywords, not only the first.
            wanted = {"label_sync": True, "auto_livestream": True}
            if any(not channel["settings"].get(k) for k in wanted):
                await client.patch(
                    f"/api/v1/channels/{channel['id']}", json={"settings": wanted}, headers=headers
                )
            await _connect_instagram(client, headers, simulator)
            from chotdon.shipping import demo as shipping_demo

            await shipping_demo.seed(client, headers, api_url)
            products = await _catalogue(client, headers)
            await _livestream(client, headers, channel["id"], products)
            await seed_history(
                client,
                headers,
                simulator,
                products,
                wait_seconds=float(os.environ.get("DEMO_HISTORY_WAIT_SECONDS", "20")),
            )
            await _seed_shopee(client, headers)
            await _seed_zalo(client, headers)
            await _seed_tiktok(client, headers)
            await _seed_lazada(client, headers)
            await simulator.post(
                "/_sim/scenario",
                json={
                    "page_id": DEMO_PAGE_ID,
                    "interval_seconds": float(os.environ.get("DEMO_INTERVAL_SECONDS", "6")),
                    "live_every_seconds": float(os.environ.get("DEMO_LIVE_EVERY_SECONDS", "300")),
                },
            )
    return DEMO_EMAIL, DEMO_PASSWORD


async def _catalogue(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    """The demo products by SKU (created the first time)."""
    out: dict[str, Any] = {}
    for sku, name, price, variants in PRODUCTS:
        found = (await client.get("/api/v1/products", params={"sku": sku}, headers=headers)).json()
        if found["items"]:
            out[sku] = found["items"][0]
            continue
        body = {
            "sku": sku,
            "name": name,
            "price": price,
            "stock": 0 if variants else 50,
            "variants": [
                {"sku": f"{sku}-{v.split()[-1]}", "name": v, "price": price, "stock": 30}
                for v in variants
            ],
        }
        r = await client.post("/api/v1/products", json=body, headers=headers)
        if r.status_code == 201:
            out[sku] = r.json()
        else:
            log.error("demo product %s not created: %s", sku, r.text)
    return out


async def _livestream(
    client: httpx.AsyncClient, headers: dict[str, str], channel_id: int, products: dict[str, Any]
) -> None:
    """A livestream prepared with its keywords: it attaches to the page's next live video."""
    r = await client.get(
        "/api/v1/livestreams",
        params={"status": "scheduled", "channel_id": channel_id},
        headers=headers,
    )
    if r.status_code == 200 and r.json()["items"]:
        return
    r = await client.post(
        "/api/v1/livestreams",
        json={"channel_id": channel_id, "title": LIVE_TITLE},
        headers=headers,
    )
    if r.status_code != 201:
        log.error("demo livestream not created: %s", r.text)
        return
    items = [{"keyword": sku, "product_id": p["id"]} for sku, p in products.items()]
    await client.put(
        f"/api/v1/livestreams/{r.json()['id']}/config",
        json={"items": items, "confirm_by_message": True, "hide_phone_comments": True},
        headers=headers,
    )


async def seed_history(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    simulator: httpx.AsyncClient,
    products: dict[str, Any],
    *,
    wait_seconds: float = 20.0,
) -> int:
    """Customers who wrote before, with orders in every status ("bùng": cancelled twice).
    Once per workspace; the customers come from Messenger conversations (the worker records
    them), so their orders wait up to `wait_seconds` for those. Returns orders created."""
    existing = (await client.get("/api/v1/orders", params={"limit": 1}, headers=headers)).json()
    if existing["items"] or not products:
        return 0
    for psid, name, phone, address, _ in HISTORY:
        await simulator.post(
            "/_sim/messages",
            json={
                "page_id": DEMO_PAGE_ID,
                "psid": f"7{DEMO_PAGE_ID[-4:]}{psid}",
                "name": name,
                "text": f"Shop ơi mình đặt hàng nhé, sđt {phone}, địa chỉ {address}",
            },
        )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_seconds
    # Found by the phone each history customer wrote: the simulator's scenario customers share
    # these names, so a name could pick another person's conversation.
    conversations: dict[str, Any] = {}
    wanted = {_phone_key(h[2]) for h in HISTORY}
    while not wanted <= conversations.keys() and loop.time() < deadline:
        r = await client.get("/api/v1/conversations", params={"limit": 100}, headers=headers)
        for c in r.json().get("items", []):
            for phone in (c.get("contact") or {}).get("phones", []):
                conversations.setdefault(_phone_key(phone), c)
        if not wanted <= conversations.keys():
            await asyncio.sleep(0.5)
    skus = list(products)
    created = 0
    for n, (_psid, _name, phone, address, statuses) in enumerate(HISTORY):
        conversation = conversations.get(_phone_key(phone))
        if conversation is None:
            continue
        for k, status in enumerate(statuses):
            product = products[skus[(n + k) % len(skus)]]
            item: dict[str, Any] = {"product_id": product["id"], "quantity": 1 + k % 2}
            if product["variants"]:
                item["variant_sku"] = product["variants"][k % len(product["variants"])]["sku"]
            r = await client.post(
                "/api/v1/orders",
                json={
                    "conversation_id": conversation["id"],
                    "phone": phone,
                    "address": address,
                    "items": [item],
                    "shipping_fee": 30_000,
                },
                headers=headers,
            )
            if r.status_code != 201:
                log.error("demo order not created: %s", r.text)
                continue
            created += 1
            for to in _PATHS[status]:
                body: dict[str, Any] = {"to": to}
                if to == "cancelled":
                    body["reason"] = "Khách bùng hàng, không nhận"
                await client.post(
                    f"/api/v1/orders/{r.json()['id']}/transition", json=body, headers=headers
                )
    return created


def _phone_key(phone: str) -> str:
    """The national number's last nine digits (`+84 987…` and `0987…` meet)."""
    return "".join(ch for ch in phone if ch.isdigit())[-9:]
