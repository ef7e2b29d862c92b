// The inbox's settings and edges as a shop meets them: automatic assignment chosen by the owner,
// tags edited in place, errors in Vietnamese, the inbox at phone width.
import { API, RUN, TIMEOUT, addStaff, api, expect, loginInBrowser, makeShop, row, scenario, screenshot, sim, until } from "../lib.mjs";

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
