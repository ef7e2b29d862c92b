// Login sessions: the list in Settings → Tài khoản (device, IP, current), logging one device out,
// every other one, a reused refresh token ending the session, and the owner logging staff out.
// Whoever is logged out sees why on the login screen.
import { API, RUN, scenario, STRONG_PASSWORD, TIMEOUT, addStaff, api, expect, loginInBrowser, screenshot, until } from "../lib.mjs";

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

async function loginFrom(userAgent, email) {
  const res = await fetch(`${API}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": userAgent },
    body: JSON.stringify({ email, password: STRONG_PASSWORD }),
  });
  expect(res.ok, `login from ${userAgent}: ${res.status}`);
  return res.json();
}

const status = async (token) => (await fetch(`${API}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status;

async function newTab(browser, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, locale: "vi-VN" });
  context.setDefaultTimeout(TIMEOUT);
  return { context, page: await context.newPage() };
}

/** Reload a logged-in tab whose session ended elsewhere: it lands on the login screen saying why. */
async function expectLoggedOut(page, reason, text) {
  await page.reload();
  const notice = page.locator('[data-testid="session-ended"]');
  await notice.waitFor({ timeout: TIMEOUT });
  expect((await notice.getAttribute("data-reason")) === reason, `reason ${reason} (got ${await notice.getAttribute("data-reason")})`);
  expect((await notice.innerText()).includes(text), `the login screen says why: ${await notice.innerText()}`);
}

let owner;

scenario("sessions: the owner sees their devices, logs the phone out, then every other one", async ({ browser }) => {
  const email = `phien-${RUN}@example.com`;
  const auth = await api("POST", "/auth/register", { email, password: STRONG_PASSWORD, name: "Chủ phiên", workspace_name: "Shop phiên" });
  owner = { email, password: STRONG_PASSWORD, token: auth.access_token };
  const phone = await loginFrom(IPHONE, email);

  const desk = await newTab(browser);
  await loginInBrowser(desk.page, owner);
  const laptop = await newTab(browser);
  await loginInBrowser(laptop.page, owner);

  await desk.page.goto(`${API}/settings/account`);
  const table = desk.page.locator('[data-testid="sessions"]');
  await until("four sessions listed", async () => (await table.locator("tr").count()) === 4);
  const current = table.locator('tr[data-current="true"]');
  expect((await current.count()) === 1, "exactly one row is this session");
  expect((await current.innerText()).includes("Phiên này"), "the current session is marked");
  expect((await current.innerText()).includes("Chrome"), `this browser is named: ${await current.innerText()}`);
  const phoneRow = table.locator("tr", { hasText: "Safari · iPhone" });
  await phoneRow.waitFor();
  expect((await phoneRow.innerText()).includes("IP "), "the address is shown");
  await screenshot(desk.page, "sessions-list");

  // Log the phone out: at once.
  await phoneRow.locator('[data-testid="end-session"]').click();
  await until("the phone's row to go", async () => (await table.locator("tr", { hasText: "Safari · iPhone" }).count()) === 0);
  expect((await status(phone.access_token)) === 401, "the phone's token stopped working");

  // Every other device: the laptop tab and the registration's session end, this one stays.
  await desk.page.click('[data-testid="logout-others"]');
  await desk.page.locator('[data-testid="others-ended"]', { hasText: "Đã đăng xuất 2 phiên khác" }).waitFor({ timeout: TIMEOUT });
  await until("only this session left", async () => (await table.locator("tr").count()) === 1);
  expect((await status(owner.token)) === 401, "the registration's session ended");
  await screenshot(desk.page, "sessions-others-ended");
  await expectLoggedOut(laptop.page, "ended_elsewhere", "thiết bị khác");
  await screenshot(laptop.page, "sessions-logged-out-elsewhere");
  await laptop.context.close();

  // A refresh token used twice (copied out of the browser): the whole session ends.
  const stolen = await desk.page.evaluate(() => localStorage.getItem("chotdon.refresh"));
  await api("POST", "/auth/refresh", { refresh_token: stolen }); // the thief renews with it
  await desk.page.evaluate(() => localStorage.setItem("chotdon.token", "expired")); // the tab must renew too
  await expectLoggedOut(desk.page, "refresh_token_reused", "dùng lại");
  await screenshot(desk.page, "sessions-reused-token");
  await desk.context.close();
});

scenario("sessions: the owner logs a staff member out of every device from the staff list", async ({ browser }) => {
  const staffEmail = `nv-phien-${RUN}@example.com`;
  const fresh = await api("POST", "/auth/login", { email: owner.email, password: owner.password });
  owner.token = fresh.access_token;
  await addStaff(owner, { email: staffEmail, name: "Nhân viên Phiên" });
  const agent = await newTab(browser, { width: 390, height: 844 });
  await loginInBrowser(agent.page, { email: staffEmail, password: STRONG_PASSWORD });

  const desk = await newTab(browser);
  await loginInBrowser(desk.page, owner);
  await desk.page.goto(`${API}/settings/members`);
  desk.page.on("dialog", (d) => void d.accept());
  const row = desk.page.locator(`tr[data-member="${staffEmail}"]`);
  await row.locator('[data-testid="end-member-sessions"]').click();
  await desk.page.locator('[data-testid="member-sessions-ended"]', { hasText: "Nhân viên Phiên" }).waitFor({ timeout: TIMEOUT });
  await screenshot(desk.page, "sessions-member-logged-out");
  await expectLoggedOut(agent.page, "ended_by_admin", "Chủ cửa hàng");
  await screenshot(agent.page, "sessions-agent-logged-out");
  // Still staff: they log in again.
  await loginInBrowser(agent.page, { email: staffEmail, password: STRONG_PASSWORD });
  await agent.context.close();
  await desk.context.close();
});

scenario("sessions: two tabs share one login: one switches shop or renews, the other follows and stays logged in", async ({ browser }) => {
  // The owner is also staff of a second shop.
  const other = await api("POST", "/auth/register", {
    email: `shop2-${RUN}@example.com`,
    password: STRONG_PASSWORD,
    name: "Chủ shop 2",
    workspace_name: "Shop thứ hai",
  });
  const invitation = await api("POST", "/members", { email: owner.email, name: "Chủ phiên", role: "agent" }, other.access_token);
  await api("POST", "/auth/join", { token: invitation.token }, owner.token);

  const { context, page: first } = await newTab(browser);
  await loginInBrowser(first, owner);
  const second = await context.newPage();
  await second.goto(`${API}/settings/account`);
  await second.locator('[data-testid="sessions"] tr[data-current="true"]').waitFor({ timeout: TIMEOUT });

  // The first tab switches shop: the second follows (same login), without a reload.
  const shopShown = async (page) => (await page.locator(".ws-switch option:checked").textContent()) ?? "";
  await until("the shop list to offer the second shop", async () => (await first.locator(".ws-switch option").count()) === 2);
  await first.selectOption(".ws-switch", { label: "Shop thứ hai · Nhân viên" });
  await until("the first tab in the second shop", async () => (await shopShown(first)).includes("Shop thứ hai"));
  await until("the second tab to follow", async () => (await shopShown(second)).includes("Shop thứ hai"));

  // The shared access token goes bad (written by the second tab): the first tab hears of it,
  // renews with the refresh token the switch rotated (never a spent one) and the second tab
  // takes the renewed tokens: both stay logged in, in the second shop.
  await second.evaluate(() => localStorage.setItem("chotdon.token", "expired"));
  const renewed = await until("a tab to renew the shared login", async () => {
    const token = await second.evaluate(() => localStorage.getItem("chotdon.token"));
    return token && token !== "expired" && (await status(token)) === 200 ? token : null;
  });
  await until("the first tab still in the second shop", async () => (await shopShown(first)).includes("Shop thứ hai"));
  await second.reload();
  await second.locator('[data-testid="sessions"] tr[data-current="true"]').waitFor({ timeout: TIMEOUT });
  expect((await second.locator('[data-testid="session-ended"]').count()) === 0, "the second tab was not logged out");
  expect((await first.evaluate(() => localStorage.getItem("chotdon.token"))) === renewed, "one login for both tabs");
  await context.close();
});
