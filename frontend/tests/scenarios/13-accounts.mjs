// Accounts: the owner invites staff and passes the link on; the invitee opens it, sets a
// password and joins; nobody is attached without accepting.
import { readFileSync } from "node:fs";
import path from "node:path";
import { API, OUT, RUN, STRONG_PASSWORD, TIMEOUT, expect, loginInBrowser, makeShop, scenario, screenshot, until } from "../lib.mjs";

let owner;
let page;

let desk;

scenario("accounts: the owner invites staff, the invitee sets a password and joins", async ({ browser }) => {
  owner = await makeShop("accounts");
  desk = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "vi-VN" });
  page = await desk.newPage();
  await loginInBrowser(page, owner);
  await page.goto(`${API}/settings/members`);
  const email = `moi-${RUN}@example.com`;
  const form = page.locator('[data-testid="invite-form"]');
  await form.waitFor({ timeout: TIMEOUT });
  await form.locator('input[name="name"]').fill("Nhân viên Mới");
  await form.locator('input[name="email"]').fill(email);
  await form.locator('button[type="submit"]').click();
  const link = page.locator('[data-testid="invite-link"] input');
  await link.waitFor({ timeout: TIMEOUT });
  const url = await link.inputValue();
  expect(url.includes("/join#"), `the owner sees the link to pass on: ${url}`);
  await page.locator(`[data-invitation="${email}"]`).waitFor();
  await screenshot(page, "accounts-invitation-created");
  // Not a member until the invitee accepts.
  expect(!(await page.locator('[data-testid="members"]').innerText()).includes(email), "no silent attach");

  // The invitee, on a phone, opens the link.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
  const p2 = await phone.newPage();
  expect(url.startsWith(`${API}/join#`), `the link points at this server: ${url}`);
  await p2.goto(url);
  await p2.locator('[data-testid="join-invited"]', { hasText: `Shop accounts` }).waitFor({ timeout: TIMEOUT });
  await p2.fill('input[name="password"]', "12345678");
  await p2.click('button[type="submit"]');
  await p2.locator('[role="alert"]', { hasText: "Mật khẩu quá dễ đoán" }).waitFor();
  await p2.fill('input[name="password"]', STRONG_PASSWORD);
  await screenshot(p2, "accounts-join-phone");
  await p2.click('button[type="submit"]');
  await p2.waitForSelector('[data-testid="conversation-list"]', { timeout: TIMEOUT });
  expect(!p2.url().includes("#"), "the token leaves the address bar");
  await phone.close();

  // The owner now sees the new member, and the invitation is gone.
  await page.reload();
  await page.locator('[data-testid="members"]', { hasText: email }).waitFor({ timeout: TIMEOUT });
  expect((await page.locator(`[data-invitation="${email}"]`).count()) === 0, "the invitation is used up");
});

scenario("accounts: change the password, log out, forget it and reset it by the link", async () => {
  const newPassword = "Mat-Khau-Moi-Cua-Chu-42!";
  await page.goto(`${API}/settings/account`);
  const form = page.locator('[data-testid="password-form"]');
  await form.waitFor({ timeout: TIMEOUT });
  await form.locator('input[name="current_password"]').fill(owner.password);
  await form.locator('input[name="new_password"]').fill(newPassword);
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="account-settings"] [role="status"]').waitFor({ timeout: TIMEOUT });
  await screenshot(page, "accounts-password-changed");
  // The owner's earlier API token (another session) has ended.
  const stale = await fetch(`${API}/api/v1/me`, { headers: { Authorization: `Bearer ${owner.token}` } });
  expect(stale.status === 401, `the other session ended (got ${stale.status})`);

  await page.click('[data-testid="logout"]');
  await page.waitForSelector('input[name="password"]', { timeout: TIMEOUT });
  await loginInBrowser(page, { ...owner, password: newPassword });

  // Forgotten password: the link is written to the server log (no SMTP_URL in the tests).
  await page.goto(`${API}/settings/account`);
  await page.click('[data-testid="logout"]');
  await page.click('[data-testid="forgot-password"]');
  await page.fill('input[name="email"]', owner.email);
  await page.click('button[type="submit"]');
  await page.locator('[data-testid="password-reset"] [role="status"]').waitFor({ timeout: TIMEOUT });
  const log = path.join(OUT, "api.log");
  const link = await until("the reset link in the log", () => {
    const found = [...readFileSync(log, "utf8").matchAll(/\/reset-password#([\w-]+)/g)];
    return found.length && readFileSync(log, "utf8").includes(owner.email) ? found[found.length - 1][1] : null;
  });
  await page.goto(`${API}/reset-password#${link}`);
  const finalPassword = "Lai-Doi-Mat-Khau-Nua-77#";
  await page.fill('input[name="new_password"]', finalPassword);
  await page.click('button[type="submit"]');
  await page.locator('[data-testid="password-reset"] [role="status"]').waitFor({ timeout: TIMEOUT });
  await screenshot(page, "accounts-password-reset");
  await loginInBrowser(page, { ...owner, password: finalPassword });
  await desk.close();
});
