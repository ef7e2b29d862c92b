// Facebook Login as a new owner meets it: "Kết nối Facebook", the (simulated) Facebook dialog,
// tick the page and its Instagram account, then both channels' customers in one inbox.
import { API, RUN, STRONG_PASSWORD, TIMEOUT, api, expect, row, scenario, screenshot, sim, until } from "../lib.mjs";

scenario("instagram: connect Facebook through the dialog, tick a page and its Instagram account, see both in the inbox", async ({ context }) => {
  const email = `ig-${RUN}@example.com`;
  const auth = await api("POST", "/auth/register", { email, password: STRONG_PASSWORD, name: "Chủ shop IG", workspace_name: "Shop Hoa Mai" });
  const fbPage = await sim("/pages", { name: `Hoa Mai ${RUN}` });
  const ig = await sim("/instagram", { page_id: fbPage.page_id, username: `hoamai.${RUN}` });
  await sim("/login", { page_ids: [fbPage.page_id] });

  const page = await context.newPage();
  await page.goto(`${API}/login`);
  await page.evaluate(() => localStorage.removeItem("chotdon.token"));
  await page.goto(`${API}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', STRONG_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector('[data-testid="conversation-list"]', { timeout: TIMEOUT });

  await page.goto(`${API}/settings/channels`);
  await page.click('[data-testid="oauth-providers"] button[data-provider="facebook"]');
  // Facebook's dialog (the simulator's): continue with the permissions asked.
  await page.waitForSelector("#fb-continue", { timeout: TIMEOUT });
  await screenshot(page, "facebook-dialog");
  await page.click("#fb-continue");
  await page.waitForSelector('[data-testid="account-picker"]', { timeout: TIMEOUT });
  const pageItem = page.locator(`[data-provider="facebook"][data-account="Hoa Mai ${RUN}"] input`);
  const igItem = page.locator(`[data-provider="instagram"][data-account="@hoamai.${RUN}"] input`);
  expect(await pageItem.isChecked(), "the page is offered, ticked");
  expect(await igItem.isChecked(), "its Instagram account is offered under it, ticked");
  await screenshot(page, "facebook-pick-accounts");
  await page.click('[data-testid="connect-selected"]');
  await page.waitForSelector('[data-testid="oauth-connected"]', { timeout: TIMEOUT });
  await page.locator(`[data-channel="@hoamai.${RUN}"]`).waitFor({ timeout: TIMEOUT });
  await page.locator(`[data-channel="Hoa Mai ${RUN}"]`).waitFor({ timeout: TIMEOUT });

  // Customers write on both: one inbox, each row with its channel's icon.
  await sim("/messages", { page_id: fbPage.page_id, psid: `fb-${RUN}`, name: "Nguyễn Thu Trang", text: "Shop ơi váy này còn không?" });
  await sim("/messages", { page_id: ig.instagram_id, psid: `ig-${RUN}`, name: "Lê Minh Anh", text: "Chị ơi áo này size S còn không?" });
  await until("both conversations to arrive", async () => (await api("GET", "/conversations", undefined, auth.access_token)).items.length === 2);
  await page.goto(`${API}/inbox`);
  await row(page, "Nguyễn Thu Trang").waitFor({ timeout: TIMEOUT });
  await row(page, "Lê Minh Anh").waitFor({ timeout: TIMEOUT });
  // Each row carries its channel's mark (once the channels are loaded beside the list).
  await row(page, "Lê Minh Anh").locator('[data-provider="instagram"]').waitFor({ timeout: TIMEOUT });
  await row(page, "Nguyễn Thu Trang").locator('[data-provider="facebook"]').waitFor({ timeout: TIMEOUT });
  await screenshot(page, "inbox-facebook-and-instagram");
});
