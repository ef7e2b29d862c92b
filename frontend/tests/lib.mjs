// Shared by every browser scenario: HTTP helpers for the API and the simulator, waiting, shops,
// logging in, screenshots, and the scenario registry that browser.mjs runs in file order.
import { mkdirSync } from "node:fs";
import path from "node:path";

export const API = process.env.CHOTDON_URL;
export const SIM = process.env.SIMULATOR_URL;
export const OUT = path.resolve(import.meta.dirname, "..", "test-output");
export const TIMEOUT = 15_000;
/** The one password test accounts use: strong enough for the registration rule. */
export const STRONG_PASSWORD = "Chotdon-Test-9vQ#2xLm";
mkdirSync(OUT, { recursive: true });

export async function http(method, url, body, token) {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}
export const api = (method, p, body, token) => http(method, `${API}/api/v1${p}`, body, token);
export const sim = (p, body) => http("POST", `${SIM}/_sim${p}`, body);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function until(what, fn, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

export const RUN = Date.now().toString(36);
let shot = 0;
export async function screenshot(page, name) {
  shot += 1;
  await page.screenshot({ path: path.join(OUT, `${String(shot).padStart(2, "0")}-${name}.png`) });
}

/** A workspace with the simulator's page connected, a product, a tag and a quick reply. */
export async function makeShop(label) {
  const email = `${label}-${RUN}@example.com`;
  const password = STRONG_PASSWORD;
  const auth = await api("POST", "/auth/register", { email, password, name: `Chủ ${label}`, workspace_name: `Shop ${label}` });
  const token = auth.access_token;
  const pageInfo = await sim("/pages", { name: `Trang ${label} ${RUN}` });
  const channel = await api("POST", "/channels/facebook", { page_id: pageInfo.page_id, access_token: pageInfo.access_token }, token);
  return { email, password, token, pageId: pageInfo.page_id, channel, user: auth.user };
}

/** Staff of `shop`: invited by the owner, joined with STRONG_PASSWORD; returns { email, password, token, user, user_id }. */
export async function addStaff(shop, { email, name, role = "agent" }) {
  const invitation = await api("POST", "/members", { email, name, role }, shop.token);
  const auth = await api("POST", "/auth/join", { token: invitation.token, password: STRONG_PASSWORD });
  return { email, password: STRONG_PASSWORD, token: auth.access_token, user: auth.user, user_id: auth.user.id };
}

export async function loginInBrowser(page, shop) {
  // Tabs of one browser context share localStorage: a token another scenario left there would
  // open that shop instead of the login form.
  await page.goto(`${API}/login`);
  await page.evaluate(() => localStorage.removeItem("chotdon.token"));
  await page.goto(`${API}/login`);
  await page.fill('input[name="email"]', shop.email);
  await page.fill('input[name="password"]', shop.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-testid="conversation-list"]', { timeout: TIMEOUT });
}

export const row = (page, name) => page.locator(`[data-contact="${name}"]`);

/** The element is inside the viewport and is what a tap at its centre reaches (not covered). */
export async function reachable(p, selector) {
  const el = p.locator(selector).first();
  await el.waitFor({ state: "visible", timeout: TIMEOUT });
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const inside = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inside && !!hit && (node === hit || node.contains(hit) || (node instanceof HTMLLabelElement && node.control === hit));
  });
}

export async function mustReach(p, selector, what) {
  expect(await reachable(p, selector), `${what} is visible and can be tapped at 390x844`);
}



// ---------------------------------------------------------------- registry
export const scenarios = [];
/** Registers a scenario; scenarios run in the order of their files (sorted) and of this call. */
export const scenario = (name, fn) => scenarios.push({ name, fn });
/** Figures a scenario measured, written to test-output/results.json. */
export const results = { measured: {} };
