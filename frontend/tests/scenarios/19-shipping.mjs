// Shipping as a shop meets it: carriers set up in Settings, a closed order compared across
// GHN / GHTK / Viettel Post, booked, its label printed, and followed live until delivered.
import { API, TIMEOUT, api, expect, http, loginInBrowser, makeShop, scenario, screenshot, until } from "../lib.mjs";

const CARRIERS = JSON.parse(process.env.CARRIER_SIM_URLS || "{}");
const carrierSim = (carrier, p, body) => http("POST", `${CARRIERS[carrier]}/_sim${p}`, body);
const PICKUP = { name: "Shop Ship", phone: "0901234567", address: "12 Lê Lợi, Phường Sài Gòn, TP.HCM" };

let shop;
let page;
let order;

async function aim(account) {
  const path = account.webhook_url.split("/webhooks/")[1];
  await carrierSim(account.carrier, "/webhook", { url: `${API}/webhooks/${path}`, secret: account.webhook_secret });
}

scenario("shipping: the owner sets up carriers in Settings", async ({ context }) => {
  shop = await makeShop("ship");
  page = await context.newPage();
  await loginInBrowser(page, shop);
  await page.goto(`${API}/settings/shipping`);
  const ghn = page.locator('[data-testid="carrier-settings"] form[data-carrier="ghn"]');
  await ghn.waitFor({ timeout: TIMEOUT });
  await ghn.locator('input[type="checkbox"]').check();
  await ghn.locator('input[name="token"]').fill("token-ghn-browser");
  await ghn.locator('input[name="shop_id"]').fill("885");
  await ghn.locator('input[name="pickup_address"]').fill(PICKUP.address);
  // the pickup is read into official codes as orders are (quotes and bookings use the codes)
  await ghn.locator('[data-testid="address-structured"]', { hasText: "Phường Sài Gòn, Thành phố Hồ Chí Minh" }).waitFor({ timeout: TIMEOUT });
  await ghn.locator('button[type="submit"]').click();
  await ghn.locator('[data-testid="carrier-saved"]').waitFor({ timeout: TIMEOUT });
  const saved = await api("GET", "/carriers/ghn", undefined, shop.token);
  expect(saved.pickup.structured_address?.ward_code === "26740", "the pickup is stored with its ward's code");
  await ghn.getByText("/webhooks/ghn?token=").waitFor();
  expect(!(await page.content()).includes("token-ghn-browser"), "the token is never shown again");
  await screenshot(page, "shipping-settings");
  for (const carrier of ["ghtk", "viettelpost"]) {
    await api("PUT", `/carriers/${carrier}`, { enabled: true, credentials: { token: `token-${carrier}-${shop.email}` }, pickup: PICKUP }, shop.token);
  }
  const accounts = await api("GET", "/carriers", undefined, shop.token);
  for (const account of accounts.items) await aim(account);
});

scenario("shipping: the address is read into official units, corrected with the pickers", async () => {
  const product = await api("POST", "/products", { sku: "SHIP1", name: "Váy hoa", price: 250000, stock: 50, weight_grams: 400, variants: [] }, shop.token);
  order = await api(
    "POST",
    "/orders",
    { customer_name: "Nguyễn Thị Lan", phone: "0912345678", address: "59 Nguyễn Sỹ Sách, P. 10, Q. Tân Bình, TP.HCM", items: [{ product_id: product.id, quantity: 2 }] },
    shop.token,
  );
  expect(order.structured_address?.ward === "Phường 10" && order.structured_address.scheme === "legacy", "the typed text was read as an old-form address");
  await api("POST", `/orders/${order.id}/transition`, { to: "confirmed" }, shop.token);
  await page.goto(`${API}/orders/${order.id}`);
  await page.locator('[data-testid="order-address-units"]', { hasText: "Phường 10, Quận Tân Bình" }).waitFor({ timeout: TIMEOUT });
  await page.locator('[data-testid="edit-order"]').click();
  const editor = page.locator('[data-testid="order-editor"]');
  await editor.locator('[data-testid="address-structured"]', { hasText: "Phường Bảy Hiền" }).waitFor({ timeout: TIMEOUT });
  // The customer says it is really in Phường Tân Sơn: staff pick it (no diacritics typed).
  await editor.locator('[data-testid="address-ward-search"]').fill("tan son");
  await editor.locator('[data-testid="address-wards"] button', { hasText: "Phường Tân Sơn" }).first().click();
  await editor.locator('[data-testid="address-structured"]', { hasText: "Phường Tân Sơn, Thành phố Hồ Chí Minh" }).waitFor();
  await screenshot(page, "shipping-address-pickers");
  await editor.locator('button[type="submit"]').click();
  await page.locator('[data-testid="order-address-units"]', { hasText: "Phường Tân Sơn" }).waitFor({ timeout: TIMEOUT });
  const saved = await api("GET", `/orders/${order.id}`, undefined, shop.token);
  expect(saved.structured_address.scheme === "2025" && saved.structured_address.ward_code === "27007", "the picked ward is stored as its official code");
  await page.locator('[data-transition="closed"]').click();
  await page.locator('[data-testid="order-status"]', { hasText: "Đã chốt" }).waitFor({ timeout: TIMEOUT });
});

scenario("shipping: quotes side by side, book the cheapest, print its label", async () => {
  const panel = page.locator('[data-testid="shipping-panel"]');
  await panel.waitFor({ timeout: TIMEOUT });
  await panel.locator('[data-testid="quote"]').click();
  const quotes = panel.locator('[data-testid="quotes"]');
  await quotes.locator("tr[data-carrier]").nth(2).waitFor({ timeout: TIMEOUT });
  expect((await quotes.locator("tr[data-carrier]").count()) >= 3, "a quote from each of the three carriers");
  await quotes.getByText("Rẻ nhất").waitFor();
  await quotes.getByText("Nhanh nhất").waitFor();
  await screenshot(page, "shipping-quotes");
  const cheapest = await quotes.locator("tr[data-carrier]").first().getAttribute("data-carrier");
  await quotes.locator(`[data-testid="book-${cheapest}"]`).first().click();
  const code = panel.locator('[data-testid="tracking-code"]');
  await code.waitFor({ timeout: TIMEOUT });
  order.carrier = cheapest;
  order.tracking = (await code.textContent()).trim();
  expect(order.tracking.length > 3, "the carrier's tracking code is shown");
  await panel.locator('[data-testid="ship-status"]', { hasText: "Chờ lấy hàng" }).waitFor();
  await panel.locator('[data-testid="print-label"]').click();
  await panel.locator('[data-testid="label-link"]').waitFor({ timeout: TIMEOUT });
  const shipments = await api("GET", `/orders/${order.id}/shipments`, undefined, shop.token);
  expect(shipments.items.length === 1 && shipments.items[0].tracking_code === order.tracking, "booked once");
});

scenario("shipping: the carrier's updates arrive live until delivered (phone width)", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const path = { ghn: ["picking", "delivering", "delivered"], ghtk: ["12", "4", "5"], viettelpost: ["105", "500", "501"] }[order.carrier];
  for (const status of path) await carrierSim(order.carrier, `/shipments/${order.tracking}/status`, { status });
  const panel = page.locator('[data-testid="shipping-panel"]');
  await panel.locator('[data-testid="ship-status"]', { hasText: "Đã giao" }).waitFor({ timeout: TIMEOUT });
  await page.locator('[data-testid="order-status"]', { hasText: "Hoàn thành" }).waitFor({ timeout: TIMEOUT });
  await until("the history to list every step", async () => (await panel.locator('[data-testid="ship-history"] li').count()) >= 4);
  await screenshot(page, "shipping-delivered-phone");
  await page.setViewportSize({ width: 1280, height: 720 });
});

scenario("shipping: the orders list filters by shipping status", async () => {
  await page.goto(`${API}/orders`);
  const filter = page.locator('[data-testid="shipping-filter"]');
  await filter.waitFor({ timeout: TIMEOUT });
  await filter.selectOption("delivered");
  await page.locator(".orders-list", { hasText: order.code }).waitFor({ timeout: TIMEOUT });
  await filter.selectOption("none");
  await until("the delivered order to leave the 'not shipped' list", async () => (await page.locator(".orders-list").textContent()).includes(order.code) === false);
});
