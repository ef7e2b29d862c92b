// A Shopee shop as its owner connects it: Settings → Kênh → "Kết nối Shopee", the (simulated)
// Shopee consent page, back in Chotdon with the shop connected; a buyer's chat arrives in the
// inbox beside the Facebook page's customers, marked as Shopee, and the reply reaches the buyer.
// Comment actions and "Xem trên Facebook" are not offered where the channel cannot do them.
import { API, RUN, TIMEOUT, api, expect, http, loginInBrowser, makeShop, row, scenario, screenshot, until } from "../lib.mjs";

const SHOPEE = process.env.SHOPEE_SIM_URL;

scenario("shopee: connect a shop through Shopee's consent page, chat with a buyer from the inbox", async ({ context }) => {
  const shop = await makeShop("shopee");
  const simShop = await http("POST", `${SHOPEE}/_sim/shops`, { name: `Shopee ${RUN}` });
  const page = await context.newPage();
  await loginInBrowser(page, shop);

  await page.goto(`${API}/settings/channels`);
  const button = page.locator('[data-testid="oauth-providers"] button[data-provider="shopee"]');
  await button.waitFor({ timeout: TIMEOUT });
  expect((await button.innerText()).includes("Shopee"), "the button names Shopee");
  await button.click();
  // Shopee's consent page (the simulator's): the owner picks the shop to authorise.
  const approve = page.locator(`a.approve[data-shop="${simShop.shop_id}"]`);
  await approve.waitFor({ timeout: TIMEOUT });
  await screenshot(page, "shopee-consent");
  await approve.click();
  await page.locator('[data-testid="oauth-connected"]').waitFor({ timeout: TIMEOUT });
  let channel;
  await until("the Shopee channel to be connected", async () => {
    channel = (await api("GET", "/channels", undefined, shop.token)).items.find((c) => c.provider === "shopee");
    return channel?.status === "connected";
  });
  expect(String(channel.external_id) === String(simShop.shop_id), "the shop that was approved is connected");
  await page.locator("li", { hasText: simShop.name }).first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, "shopee-connected");

  // A buyer writes on Shopee: the chat shows in the inbox with Shopee's mark.
  const buyer = `Người mua Shopee ${RUN}`;
  await http("POST", `${SHOPEE}/_sim/buyer_writes`, { shop_id: simShop.shop_id, name: buyer, text: "Shop ơi váy này còn size S không?" });
  await page.click('[data-nav="inbox"]');
  await row(page, buyer).waitFor({ timeout: TIMEOUT });
  await row(page, buyer).locator('[data-provider="shopee"]').waitFor({ timeout: TIMEOUT });
  await row(page, buyer).click();
  await page.locator('[data-testid="timeline"]', { hasText: "váy này còn size S" }).waitFor({ timeout: TIMEOUT });
  expect((await page.locator(".comment-actions").count()) === 0, "no comment actions in a Shopee chat");

  const text = `Dạ còn size S ạ ${RUN}`;
  await page.fill('[data-testid="composer"] textarea', text);
  await page.keyboard.press("Enter");
  const bubble = page.locator('[data-direction="out"]', { hasText: text });
  await bubble.waitFor({ timeout: TIMEOUT });
  await until("the reply to be sent", async () =>
    ["sent", "delivered", "read"].includes(await bubble.locator("[data-status]").getAttribute("data-status")),
  );
  const sent = await http("GET", `${SHOPEE}/_sim/sent?shop_id=${simShop.shop_id}`);
  expect(JSON.stringify(sent).includes(RUN), "the Shopee simulator received the reply");
  await screenshot(page, "shopee-inbox");
});
