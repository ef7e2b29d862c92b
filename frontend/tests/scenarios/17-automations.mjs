// Issue #17 as an owner sees it: working hours, an away message with its preview, the bot's
// message in the thread (the conversation stays unreplied), and an outgoing webhook with a test
// ping, the delivery log and a redelivery — received by a plain HTTP server standing in for an ERP.
import { createServer } from "node:http";
import { API, RUN, TIMEOUT, api, expect, loginInBrowser, makeShop, row, scenario, screenshot, sim, until } from "../lib.mjs";

let shop;
let page;
let receiver;
const received = [];

function localDate(offsetDays) {
  const d = new Date(Date.now() + 7 * 3600_000 + offsetDays * 86400_000); // Asia/Ho_Chi_Minh
  return d.toISOString().slice(0, 10);
}

async function openSettings(section) {
  await page.goto(`${API}/settings/${section}`);
  await page.waitForSelector(".settings-body h2");
}

scenario("automations: the owner sets working hours", async ({ context }) => {
  shop = await makeShop("auto");
  page = await context.newPage();
  await loginInBrowser(page, shop);
  await openSettings("working-hours");
  await page.fill('input[name="day-mon"]', "08:00-12:00, 13:30-21:00");
  await page.fill('input[name="closed-dates"]', `${localDate(0)}, ${localDate(1)}`);
  await page.click('[data-testid="working-hours"] button[type="submit"]');
  await page.locator(".success", { hasText: "Đã lưu giờ làm việc" }).waitFor({ timeout: TIMEOUT });
  await page.locator(".pill", { hasText: "Đang ngoài giờ" }).waitFor({ timeout: TIMEOUT });
  await screenshot(page, "automations-working-hours");
});

scenario("automations: an away message with a rendered preview", async () => {
  await openSettings("auto-messages");
  await page.selectOption('select[name="kind"]', "away");
  await page.fill('textarea[name="text"]', "Chào {{customer_name}}, {{shop_name}} đang nghỉ, sáng mai trả lời ạ");
  const preview = page.locator('[data-testid="auto-preview"]');
  await preview.waitFor({ timeout: TIMEOUT });
  await until("the preview to render the variables", async () =>
    (await preview.textContent()).includes("Chào Nguyễn Thị Lan, Shop auto đang nghỉ"),
  );
  await page.click('[data-testid="auto-messages"] button[type="submit"]');
  await page.locator('[data-testid="auto-rule"]', { hasText: "Vắng mặt" }).waitFor({ timeout: TIMEOUT });
  await screenshot(page, "automations-auto-messages");
});

scenario("automations: a customer writing at night gets the away message, still unreplied", async () => {
  const name = `Khách đêm ${RUN}`;
  await sim("/messages", { page_id: shop.pageId, psid: `night-${RUN}`, name, text: "Shop ơi còn hàng không?" });
  await page.goto(`${API}/inbox`);
  await row(page, name).waitFor({ timeout: TIMEOUT });
  await row(page, name).click();
  await page.locator('[data-direction="out"]', { hasText: "Shop auto đang nghỉ" }).waitFor({ timeout: TIMEOUT });
  expect((await row(page, name).locator('[data-state="replied"]').count()) === 0, "a bot message does not mark the conversation replied");
  await screenshot(page, "automations-away-in-thread");
  await openSettings("auto-messages");
  await page.locator('[data-testid="auto-log"] .pill', { hasText: "Đã gửi" }).waitFor({ timeout: TIMEOUT });
});

scenario("automations: a webhook with a test ping, delivery log and redeliver", async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${receiver.address().port}/hooks/erp`;
  try {
    await openSettings("webhooks");
    await page.fill('input[name="url"]', url);
    await page.check('input[name="event-message.created"]');
    await page.fill('input[name="description"]', "ERP kho");
    await page.click('[data-testid="webhooks"] form button[type="submit"]');
    await page.locator('[data-testid="webhook-secret"]').waitFor({ timeout: TIMEOUT });
    expect((await page.locator('[data-testid="webhook-secret"] code').textContent()).startsWith("whsec_"), "the secret is shown once");

    await page.click('[data-testid="webhook"] button:has-text("Gửi thử")');
    await page.locator('[data-testid="webhook-test-result"]', { hasText: "Thành công" }).waitFor({ timeout: TIMEOUT });
    expect(received.some((r) => r.body.type === "ping"), "the receiver got the ping");

    await sim("/messages", { page_id: shop.pageId, psid: `erp-${RUN}`, name: "Khách ERP", text: "Đặt 2 áo" });
    await until("the receiver to get message.created", async () => received.some((r) => r.body.type === "message.created"));
    const rowLocator = page.locator('[data-testid="delivery"]', { hasText: "message.created" }).first();
    await rowLocator.waitFor({ timeout: TIMEOUT });
    await rowLocator.locator('button:has-text("Gửi lại")').click();
    await until("the redelivery to arrive with the same event id", async () => {
      const ids = received.filter((r) => r.body.type === "message.created").map((r) => r.body.id);
      return ids.length >= 2 && new Set(ids).size < ids.length;
    });
    await screenshot(page, "automations-webhooks");
  } finally {
    receiver.close();
  }
});

scenario("automations: a failing webhook says why in a sentence", async () => {
  const gone = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("no such hook");
    });
  });
  await new Promise((r) => gone.listen(0, "127.0.0.1", r));
  try {
    await openSettings("webhooks");
    await page.fill('input[name="url"]', `http://127.0.0.1:${gone.address().port}/hooks/old`);
    await page.fill('input[name="description"]', "ERP cũ");
    await page.click('[data-testid="webhooks"] form button[type="submit"]');
    await page.locator('[data-testid="webhook-secret"]').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid="webhook"]', { hasText: "ERP cũ" }).locator('button:has-text("Gửi thử")').click();
    const result = page.locator('[data-testid="webhook-test-result"]', { hasText: "Thất bại" });
    await result.waitFor({ timeout: TIMEOUT });
    expect((await result.textContent()).includes("Máy nhận không có địa chỉ này (HTTP 404)"), `the test result is a sentence: ${await result.textContent()}`);
    const delivery = page.locator('[data-testid="delivery"]').first();
    await delivery.locator('[data-testid="delivery-error"]', { hasText: "kiểm tra lại URL" }).waitFor({ timeout: TIMEOUT });
    await delivery.getByRole("button", { name: "Chi tiết" }).click();
    await page.locator('[data-testid="delivery-raw-error"]', { hasText: "HTTP 404" }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, "automations-webhook-failed");
  } finally {
    gone.close();
  }
});

scenario("automations: settings on a phone", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const p = await phone.newPage();
  await p.goto(`${API}/login`);
  await p.evaluate((token) => localStorage.setItem("chotdon.token", token), shop.token);
  for (const section of ["working-hours", "auto-messages", "webhooks"]) {
    await p.goto(`${API}/settings/${section}`);
    await p.waitForSelector(".settings-body h2");
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `settings/${section} fits a phone's width (overflow ${overflow}px)`);
    await screenshot(p, `phone-settings-${section}`);
  }
  await phone.close();
});

void api;
