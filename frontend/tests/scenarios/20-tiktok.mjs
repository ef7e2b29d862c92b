// A seller connects a TikTok Shop from the channel settings (consent page, back to Chotdon), a
// buyer writes, the conversation shows with TikTok's mark and the owner replies from the inbox.
import { API, RUN, TIMEOUT, expect, http, loginInBrowser, makeShop, row, scenario, screenshot, until } from "../lib.mjs";

const TIKTOK = process.env.TIKTOK_SIM_URL;
const tiktok = (p, body) => http("POST", `${TIKTOK}/_sim${p}`, body);

scenario("tiktok: connect a TikTok Shop and answer its buyer", async ({ context }) => {
  const shop = await makeShop("tiktok");
  const simShop = await tiktok("/shops", { name: `Shop Đèn ${RUN}` });
  const page = await context.newPage();
  await loginInBrowser(page, shop);
  await page.goto(`${API}/settings/channels`);
  await page.click('[data-testid="oauth-providers"] button[data-provider="tiktok"]');
  // TikTok's consent page (the simulator): the seller picks the shop and agrees.
  await page.waitForURL(`${TIKTOK}/**`, { timeout: TIMEOUT });
  await page.click(`a.approve[data-shop="${simShop.shop_id}"]`);
  await page.locator('[data-testid="oauth-connected"]').waitFor({ timeout: TIMEOUT });
  await page.locator(`[data-channel="Shop Đèn ${RUN}"] .channel-tiktok`).waitFor();
  await screenshot(page, "tiktok-connected");

  await tiktok("/buyer_writes", { shop_id: simShop.shop_id, buyer_id: `b${RUN}`, name: "Minh Thư", text: "Đèn này còn màu trắng không shop?" });
  await page.goto(`${API}/inbox`);
  await row(page, "Minh Thư").waitFor({ timeout: TIMEOUT });
  // The mark is drawn once the channel list is loaded too (never a wrong one before).
  await row(page, "Minh Thư").locator(".channel-tiktok").waitFor({ timeout: TIMEOUT });
  expect(await row(page, "Minh Thư").locator(".channel-facebook").count() === 0, "the row shows TikTok's mark only");
  await row(page, "Minh Thư").click();
  await page.locator(".bubble", { hasText: "Đèn này còn màu trắng không shop?" }).waitFor();
  await page.fill('[data-testid="composer"] textarea', `Dạ còn màu trắng ạ ${RUN}`);
  await page.keyboard.press("Enter");
  await page.locator('[data-direction="out"]', { hasText: `Dạ còn màu trắng ạ ${RUN}` }).waitFor();
  await until("the reply to reach TikTok Shop", async () => {
    const sent = await http("GET", `${TIKTOK}/_sim/sent?shop_id=${simShop.shop_id}`);
    return sent.some((m) => m.type === "TEXT" && m.content.content === `Dạ còn màu trắng ạ ${RUN}`);
  });
  await screenshot(page, "tiktok-reply");
});
