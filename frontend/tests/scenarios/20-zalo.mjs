// A Zalo Official Account as a shop meets it: the owner connects it by clicking "Kết nối Zalo OA"
// and going through Zalo's (simulated) permission page; a follower writes; the inbox shows the
// chat with Zalo's mark, and the composer says how many free Zalo replies are left and, once
// they are used, why it cannot send.
import { API, RUN, TIMEOUT, api, expect, http, loginInBrowser, makeShop, row, scenario, screenshot, until } from "../lib.mjs";

const ZALO = process.env.ZALO_SIM_URL;
const zsim = (p, body) => http("POST", `${ZALO}/_sim${p}`, body);

scenario("zalo: the owner connects an OA, a follower writes, the composer shows Zalo's rules", async ({ context }) => {
  const shop = await makeShop("zalo");
  const oa = await zsim("/oas", { name: `Zalo OA ${RUN}` });
  const page = await context.newPage();
  await loginInBrowser(page, shop);
  await page.goto(`${API}/settings/channels`);
  await page.click('[data-testid="oauth-providers"] button[data-provider="zalo"]');
  // Zalo's permission page (the simulator's), then back to our settings.
  await page.waitForURL(`${ZALO}/v4/oa/permission**`, { timeout: TIMEOUT });
  expect(new URL(page.url()).searchParams.get("code_challenge")?.length === 43, "a PKCE challenge goes to Zalo");
  await page.click(`a[data-oa="${oa.oa_id}"]`);
  await page.waitForURL(`${API}/settings/channels**`, { timeout: TIMEOUT });
  await page.getByText(`Zalo OA ${RUN}`).first().waitFor({ timeout: TIMEOUT });
  await screenshot(page, "zalo-connected");

  const name = `Khách Zalo ${RUN}`;
  await zsim("/user_writes", { oa_id: oa.oa_id, user_id: `9${Date.now()}`, name, text: "Shop ơi váy này còn size M không?" });
  await until("the follower's chat to reach the inbox", async () => {
    const list = await api("GET", "/conversations", undefined, shop.token);
    return list.items.some((c) => c.contact.name === name);
  });
  await page.goto(`${API}/inbox`);
  await row(page, name).waitFor({ timeout: TIMEOUT });
  // The channels load beside the list: the mark comes with them.
  await row(page, name).locator('[data-provider="zalo"]').waitFor({ timeout: TIMEOUT });
  expect((await row(page, name).locator('[data-provider="zalo"]').count()) === 1, "the row carries Zalo's mark");
  await row(page, name).click();
  const quota = page.getByTestId("quota-note");
  await quota.waitFor({ timeout: TIMEOUT });
  expect((await quota.textContent()).includes("Còn 8 tin phản hồi miễn phí"), "8 free replies announced");
  await screenshot(page, "zalo-composer");

  // Eight replies use the free quota: the composer then says why nothing more can go.
  const list = await api("GET", "/conversations", undefined, shop.token);
  const conversation = list.items.find((c) => c.contact.name === name);
  for (let i = 0; i < 8; i++) {
    await api("POST", `/conversations/${conversation.id}/messages`, { text: `Dạ tin ${i + 1}` }, shop.token);
  }
  await page.reload();
  await row(page, name).click();
  await page
    .locator(".window-note")
    .filter({ hasText: "Đã dùng hết 8 tin phản hồi miễn phí" })
    .waitFor({ timeout: TIMEOUT });
  await screenshot(page, "zalo-quota-used");
});
