// The inbox's settings and edges as a shop meets them: automatic assignment chosen by the owner,
// tags edited in place, errors in Vietnamese, the inbox at phone width.
import { API, RUN, TIMEOUT, addStaff, api, expect, loginInBrowser, makeShop, mustReach, row, scenario, screenshot, sim, until } from "../lib.mjs";

let shop;
let page;

scenario("inbox: the owner turns on round-robin assignment for chosen staff", async ({ context }) => {
  shop = await makeShop("inbox");
  const add = (name) => addStaff(shop, { email: `${name}-${RUN}@example.com`.toLowerCase(), name });
  const ha = await add("Hà");
  await add("Minh");
  page = await context.newPage();
  await loginInBrowser(page, shop);
  await page.goto(`${API}/settings/assignment`);
  await page.waitForSelector('[data-testid="assignment-settings"] input[value="round_robin"]');
  await page.check('input[value="round_robin"]');
  await page.check('[data-member="Hà"] input');
  await screenshot(page, "settings-assignment");
  await page.click('[data-testid="assignment-settings"] button[type="submit"]');
  await page.getByRole("status").filter({ hasText: "Đã lưu" }).waitFor({ timeout: TIMEOUT });
  // Kept after reload.
  await page.reload();
  await page.waitForSelector('input[value="round_robin"]:checked');
  expect(await page.isChecked('[data-member="Hà"] input'), "the chosen staff member stays chosen");
  expect(!(await page.isChecked('[data-member="Minh"] input')), "the other one stays out");

  // Customers write: every new conversation goes to Hà, the only one taking part.
  for (const [i, name] of ["Khách Một", "Khách Hai"].entries()) {
    await sim("/messages", { page_id: shop.pageId, psid: `k${i}-${RUN}`, name, text: "Shop ơi còn hàng không" });
  }
  await until("both conversations to be assigned to Hà", async () => {
    const list = await api("GET", "/conversations", undefined, shop.token);
    return list.items.length === 2 && list.items.every((c) => c.assignee_id === ha.user_id);
  });
});

scenario("inbox: tags are renamed, recoloured, moved and hidden in settings", async () => {
  await api("POST", "/tags", { name: "Khách quen", color: "#ef4444" }, shop.token);
  await page.goto(`${API}/settings/tags`);
  const tagRow = page.locator('[data-tag-row="Khách quen"]');
  await tagRow.getByRole("button", { name: "Sửa" }).click();
  await page.fill('input[name="tag_name"]', "Khách thân thiết");
  await page.fill('input[name="tag_folder"]', "Loại khách");
  await page.click('.color-row button[aria-label="#3b82f6"], .color-row button >> nth=2');
  await page.click('.modal button[type="submit"]');
  const renamed = page.locator('[data-tag-row="Khách thân thiết"]');
  await renamed.waitFor({ timeout: TIMEOUT });
  expect((await page.locator(".error").count()) === 0, "no 'Invalid input' when editing a tag");
  await page.locator("h3", { hasText: "Loại khách" }).waitFor();
  await renamed.locator('input[type="checkbox"]').click();
  await until("the tag to be hidden", async () => {
    const tags = await api("GET", "/tags", undefined, shop.token);
    const tag = tags.items.find((t) => t.name === "Khách thân thiết");
    return tag && tag.visible === false && tag.folder === "Loại khách";
  });
  await screenshot(page, "settings-tags-edited");
});

scenario("inbox: a refused change is explained in Vietnamese", async () => {
  await page.goto(`${API}/settings/tags`);
  await page.click('[data-testid="new-tag"]');
  await page.fill('input[name="tag_name"]', "Khách thân thiết");
  await page.fill('input[name="tag_folder"]', "Loại khách");
  await page.click('.modal button[type="submit"]');
  const error = page.locator('.modal [role="alert"]');
  await error.waitFor({ timeout: TIMEOUT });
  expect((await error.textContent()) === "Đã có nhãn cùng tên trong thư mục này.", `the error is Vietnamese: ${await error.textContent()}`);
  await page.keyboard.press("Escape");
});

scenario("inbox: an open conversation stays read when the customer writes", async () => {
  await page.goto(`${API}/inbox`);
  await row(page, "Khách Một").click();
  await page.locator('[data-testid="timeline"]', { hasText: "Shop ơi còn hàng không" }).waitFor({ timeout: TIMEOUT });
  await until("opening to read it", async () => (await row(page, "Khách Một").locator('[data-state="unread"]').count()) === 0);
  await sim("/messages", { page_id: shop.pageId, psid: `k0-${RUN}`, text: `Mình lấy 2 cái nhé ${RUN}` });
  await page.locator('[data-testid="timeline"]', { hasText: `Mình lấy 2 cái nhé ${RUN}` }).waitFor({ timeout: TIMEOUT });
  await until("the conversation being looked at to be read again", async () => {
    const conv = (await api("GET", "/conversations", undefined, shop.token)).items.find((c) => c.contact.name === "Khách Một");
    return conv.unread === false && (await row(page, "Khách Một").locator('[data-state="unread"]').count()) === 0;
  });
  expect((await row(page, "Khách Hai").locator('[data-state="unread"]').count()) === 1, "the other conversation stays unread");
});

scenario("inbox: bulk selection survives an action", async () => {
  await page.goto(`${API}/inbox`);
  await page.click('[data-testid="bulk-toggle"]');
  await row(page, "Khách Một").locator(".row-check").check();
  await row(page, "Khách Hai").locator(".row-check").check();
  await page.selectOption('[data-testid="bulkbar"] select[aria-label="Gắn nhãn…"]', { label: "Khách thân thiết" });
  await page.locator('[data-testid="bulk-outcome"]', { hasText: "Đã cập nhật 2 hội thoại" }).waitFor({ timeout: TIMEOUT });
  expect(await row(page, "Khách Một").locator(".row-check").isChecked(), "still selected after tagging");
  expect(await row(page, "Khách Hai").locator(".row-check").isChecked(), "still selected after tagging");
  await page.locator('[data-testid="bulkbar"] button', { hasText: "Đã xử lý" }).click();
  await until("both conversations to be done", async () =>
    (await row(page, "Khách Một").locator(".flag-done").count()) === 1 && (await row(page, "Khách Hai").locator(".flag-done").count()) === 1,
  );
  await screenshot(page, "bulk-kept");
  await page.click('[data-testid="bulk-clear"]');
  expect(!(await row(page, "Khách Một").locator(".row-check").isChecked()), "'Bỏ chọn' clears the selection");
  await page.click('[data-testid="bulk-toggle"]');
});

scenario("inbox: the search box also finds words of older messages", async () => {
  const psid = `old-${RUN}`;
  await sim("/messages", { page_id: shop.pageId, psid, name: "Khách Cũ", text: "Shop còn áo len cổ lọ màu be không" });
  const filler = "hôm nay trời đẹp quá mình đi chợ mua rau ".repeat(25);
  for (let i = 0; i < 4; i += 1) await sim("/messages", { page_id: shop.pageId, psid, text: `${filler} ${i}` });
  await until("the customer's five messages", async () => {
    const conv = (await api("GET", "/conversations", undefined, shop.token)).items.find((c) => c.contact.name === "Khách Cũ");
    return conv && (await api("GET", `/conversations/${conv.id}/messages`, undefined, shop.token)).items.length === 5;
  });
  await page.goto(`${API}/inbox`);
  await page.fill('input[type="search"]', "ao len co lo");
  const older = page.locator('[data-testid="older-matches"] .older-match', { hasText: "áo len cổ lọ" });
  await older.waitFor({ timeout: TIMEOUT });
  await screenshot(page, "search-older-messages");
  await older.click();
  await page.locator('[data-testid="conv-name"]', { hasText: "Khách Cũ" }).waitFor({ timeout: TIMEOUT });
  await page.fill('input[type="search"]', "");
});

scenario("inbox: at phone width every control is on screen and can be tapped", async ({ browser }) => {
  const order = await api("POST", "/orders", { customer_name: "Khách Một", phone: "0912345678", items: [] }, shop.token).catch(() => null);
  // A shop's real list: more conversations than fit on the screen.
  await sim("/bulk_messages", { page_id: shop.pageId, count: 30, customers: 30, text: "Shop ơi còn hàng không ạ?" });
  await until("the 30 new conversations", async () => (await api("GET", "/conversations", undefined, shop.token)).items.length >= 32);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: "vi-VN", hasTouch: true });
  const p = await phone.newPage();
  try {
    await p.goto(`${API}/login`);
    await p.evaluate((token) => localStorage.setItem("chotdon.token", token), shop.token);
    await p.goto(`${API}/inbox`);
    await p.locator(".row").first().waitFor({ timeout: TIMEOUT });
    await screenshot(p, "phone-inbox-list");
    await mustReach(p, 'input[type="search"], .list-head input', "the search box");
    await mustReach(p, '[data-chip="unread"]', "the quick-filter chips");
    await mustReach(p, '[data-testid="open-filters"]', "the filter button");
    await mustReach(p, '.rail-item >> nth=1', "the bottom navigation");
    await p.click('[data-chip="unread"]');
    await until("the chip to filter", async () => p.url().includes("unread=true"));
    await p.click('[data-chip="all"]');
    await p.fill('input[type="search"]', "Khách Một");
    await row(p, "Khách Một").click();
    await p.waitForSelector('[data-testid="composer"] textarea', { state: "visible" });
    await screenshot(p, "phone-conversation-head");
    await mustReach(p, ".conv-head .back", "the back button");
    await mustReach(p, '.conv-actions select[aria-label="Nhân viên phụ trách"]', "the assignee picker");
    await mustReach(p, '[data-testid="tag-button"]', "the tag button");
    await mustReach(p, '[data-testid="done-button"]', "the done button");
    await mustReach(p, '[data-testid="composer"] textarea', "the reply box");
    await p.click('[data-testid="tag-button"]');
    await p.locator('[data-tag-option="Khách thân thiết"]').waitFor({ timeout: TIMEOUT });
    await p.keyboard.press("Escape");
    await p.click(".conv-head .back");
    await p.waitForSelector('[data-testid="conversation-list"]', { state: "visible" });
    if (order) {
      await p.goto(`${API}/orders`);
      await p.locator(`[data-order-code="${order.code}"]`).waitFor({ timeout: TIMEOUT });
      await screenshot(p, "phone-orders");
      await mustReach(p, `[data-order-code="${order.code}"] td >> nth=0`, "the first order");
    }
    await p.goto(`${API}/settings/assignment`);
    await mustReach(p, 'input[value="round_robin"]', "a settings control");
  } finally {
    await phone.close();
  }
});
