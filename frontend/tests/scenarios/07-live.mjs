// Livestream selling as staff meet it (issue #12 items 7-10): sizes read the way customers write
// them, keyword + phone always an order, flagged comments completed from the feed, board cards
// saying what is missing, bulk actions saying why an order failed, the "end live" button.
import { API, RUN, TIMEOUT, api, expect, loginInBrowser, makeShop, scenario, screenshot, sim, until } from "../lib.mjs";

let shop;
let page;
let live;
let ls;

scenario("live: sizes as written, a flagged comment completed from the feed", async ({ context }) => {
  shop = await makeShop("live");
  const product = await api(
    "POST",
    "/products",
    {
      sku: `AK-${RUN}`,
      name: "Áo khoác",
      price: 300000,
      variants: ["M", "L"].map((s) => ({ sku: `AK-${RUN}-${s}`, name: `Size ${s}`, stock: 10 })),
    },
    shop.token,
  );
  live = await sim("/live", { page_id: shop.pageId, title: "Live áo khoác" });
  const video = await until("the live video to be synced", async () => {
    const list = await api("GET", `/livestreams/live-videos?channel_id=${shop.channel.id}`, undefined, shop.token);
    return list.items.find((v) => v.live_video_id === live.live_video_id);
  });
  ls = await api("POST", "/livestreams", { channel_id: shop.channel.id, live_video_id: video.live_video_id, title: "Live áo khoác" }, shop.token);
  await api("PUT", `/livestreams/${ls.id}/config`, { items: [{ keyword: "A01", product_id: product.id }] }, shop.token);
  page = await context.newPage();
  await loginInBrowser(page, shop);
  await page.goto(`${API}/livestream/${ls.id}`);
  await page.waitForSelector('[data-testid="ls-board"]', { timeout: TIMEOUT });
  const say = (psid, name, text) => sim("/comments", { page_id: shop.pageId, post_id: live.post_id, psid: `${psid}-${RUN}`, name, text });
  await say("lan", "Nguyễn Lan", "a01 l 0912 345 601");
  await say("hoa", "Lê Hoa", "A01 0912345602"); // no size: still an order, flagged
  await say("nam", "Phạm Nam", "A1 m"); // no phone
  const lan = page.locator('[data-board-status="draft"] .board-card', { hasText: "Nguyễn Lan" });
  await lan.waitFor({ timeout: TIMEOUT });
  expect((await lan.textContent()).includes("Size L"), "'a01 l' is the L variant");
  expect((await lan.textContent()).includes("Thiếu địa chỉ"), "the draft card says its address is missing");
  const hoa = page.locator('[data-board-status="draft"] .board-card', { hasText: "Lê Hoa" });
  await hoa.locator('[data-missing="variant"]', { hasText: "Cần chọn phân loại" }).waitFor({ timeout: TIMEOUT });
  await screenshot(page, "live-flagged");

  // "Cần xử lý": the two comments staff should look at.
  await page.click('[data-testid="ls-needs-action"]');
  await until("the feed to show only the flagged comments", async () => {
    const outcomes = await page.locator('[data-testid="ls-feed"] li').evaluateAll((els) => els.map((e) => e.dataset.outcome));
    return outcomes.length === 2 && outcomes.every((o) => o === "missing_variant" || o === "missing_phone");
  });
  // Pick Hoa's size from her comment.
  await page.locator('[data-outcome="missing_variant"] button').click();
  await page.waitForSelector('[data-testid="ls-resolve"]', { timeout: TIMEOUT });
  await page.selectOption('[data-testid="ls-resolve"] select[name="variant"]', { label: "Size M" });
  await page.click('[data-testid="ls-resolve-submit"]');
  await until("Hoa's card to have her size", async () => {
    const text = await hoa.textContent();
    return text.includes("Size M") && !text.includes("Cần chọn phân loại");
  });
  // Give Nam's phone from his comment: his order appears.
  await page.locator('[data-outcome="missing_phone"] button').click();
  await page.fill('[data-testid="ls-resolve"] input[name="phone"]', "0987 654 321");
  await page.click('[data-testid="ls-resolve-submit"]');
  const nam = page.locator('[data-board-status="draft"] .board-card', { hasText: "Phạm Nam" });
  await nam.waitFor({ timeout: TIMEOUT });
  expect((await nam.textContent()).includes("Size M"), "'A1 m' is A01 in size M");
  await until("nothing left to handle", async () => (await page.locator('[data-testid="ls-feed"] li').count()) === 0);
  await screenshot(page, "live-resolved");
});

scenario("live: a bulk action says why each order failed and the order is fixed in place", async () => {
  for (const name of ["Nguyễn Lan", "Lê Hoa"]) {
    await page.locator('[data-board-status="draft"] .board-card', { hasText: name }).locator('input[type="checkbox"]').check();
  }
  await page.locator('[data-testid="ls-bulkbar"] button', { hasText: "Xác nhận" }).click();
  await page.locator('[data-board-status="confirmed"] .board-card', { hasText: "Lê Hoa" }).waitFor({ timeout: TIMEOUT });
  for (const name of ["Nguyễn Lan", "Lê Hoa"]) {
    await page.locator('[data-board-status="confirmed"] .board-card', { hasText: name }).locator('input[type="checkbox"]').check();
  }
  await page.locator('[data-testid="ls-bulkbar"] button', { hasText: "Chốt" }).first().click();
  const failures = page.locator('[data-testid="ls-bulk-failures"]');
  await failures.waitFor({ timeout: TIMEOUT });
  expect((await failures.textContent()).includes("Cần địa chỉ giao hàng"), "the reason is said in Vietnamese");
  expect((await failures.locator("li").count()) === 2, "one line per failed order");
  await screenshot(page, "live-bulk-failures");
  await failures.getByRole("button", { name: "Sửa đơn" }).first().click();
  await page.waitForSelector('[data-testid="order-detail"]', { timeout: TIMEOUT });
});

scenario("live: the board exports this livestream's orders to Excel", async () => {
  await page.goto(`${API}/livestream/${ls.id}`);
  await page.waitForSelector('[data-testid="ls-export"]', { timeout: TIMEOUT });
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: TIMEOUT }), page.click('[data-testid="ls-export"]')]);
  expect(download.suggestedFilename().endsWith(".xlsx"), "an Excel file is downloaded");
});

scenario("live: the end live button ends the livestream", async () => {
  await page.goto(`${API}/livestream/${ls.id}`);
  page.once("dialog", (d) => d.accept());
  await page.click('[data-testid="ls-end"]');
  await until("the livestream to be ended", async () => (await api("GET", `/livestreams/${ls.id}`, undefined, shop.token)).status === "ended");
  await page.locator(".ls-detail .ls-status.ls-ended").waitFor({ timeout: TIMEOUT });
});

scenario("live: a livestream without products says why it takes no orders", async () => {
  const bare = await api("POST", "/livestreams", { channel_id: shop.channel.id, title: "Live chưa cấu hình" }, shop.token);
  await page.goto(`${API}/livestream/${bare.id}`);
  const banner = page.locator('[data-testid="ls-not-taking"][data-reason="no_products"]');
  await banner.waitFor({ timeout: TIMEOUT });
  expect((await banner.textContent()).includes("Chưa cấu hình sản phẩm"), "the board says no product is configured");
  await screenshot(page, "live-not-configured");
  await banner.locator("button").click();
  await page.waitForSelector('[data-testid="ls-config-tab"].on', { timeout: TIMEOUT });
});
