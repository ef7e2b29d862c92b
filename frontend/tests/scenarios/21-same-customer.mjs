// One buyer, two chats: two customers sharing a phone number are suggested as one on the
// customer pane; "Gộp thành một khách" makes one customer with both conversations and the
// order; "Không phải cùng người" stops suggesting a pair, for the whole shop, after a reload too.
import { API, RUN, TIMEOUT, api, expect, loginInBrowser, makeShop, row, scenario, screenshot, sim, until } from "../lib.mjs";

let shop;
let page;
const first = `Lê Thu Hà ${RUN}`;
const second = `Hà Lê ${RUN}`;
const stranger = `Chồng chị Hà ${RUN}`;

async function conversationOf(name) {
  const list = await api("GET", "/conversations?limit=100", undefined, shop.token);
  const found = list.items.find((c) => c.contact.name === name);
  expect(found, `a conversation with ${name}`);
  return found;
}

scenario("same customer: suggested, then 'Gộp' makes one customer with both chats and the order", async ({ context }) => {
  shop = await makeShop("same");
  page = await context.newPage();
  await loginInBrowser(page, shop);
  await sim("/messages", { page_id: shop.pageId, psid: `ha1-${RUN}`, name: first, text: "Em lấy áo len, sđt 0903 111 222" });
  await row(page, first).waitFor({ timeout: TIMEOUT });
  const a = await conversationOf(first);
  const product = await api("POST", "/products", { sku: `LEN${RUN}`, name: "Áo len", price: 200000, stock: 5, variants: [] }, shop.token);
  const order = await api("POST", "/orders", { conversation_id: a.id, items: [{ product_id: product.id }] }, shop.token);
  // The same buyer writes again from another account with the same number.
  await sim("/messages", { page_id: shop.pageId, psid: `ha2-${RUN}`, name: second, text: "Số của em 0903111222 nha shop" });
  await row(page, second).waitFor({ timeout: TIMEOUT });
  const b = await conversationOf(second);
  await row(page, second).click();
  const same = page.locator('[data-testid="same-customers"]');
  const suggestion = same.locator(".same-customer", { hasText: first });
  await suggestion.waitFor({ timeout: TIMEOUT });
  expect((await suggestion.textContent()).includes("+84903111222"), "the shared number is shown");
  await screenshot(page, "same-customer-suggested");

  await suggestion.locator('[data-action="merge"]').click();
  await same.waitFor({ state: "detached", timeout: TIMEOUT });
  // One customer: the order of the first chat is in this customer's history...
  await page.locator('[data-testid="history"] li').first().waitFor({ timeout: TIMEOUT });
  expect((await page.locator('[data-testid="history"] li').count()) === 1, "the order follows the person");
  // ...and both conversations are the same customer's.
  const person = await api("GET", `/contacts/${b.contact.id}`, undefined, shop.token);
  expect(
    [...person.conversation_ids].sort().join() === [a.id, b.id].sort().join(),
    `both conversations belong to one customer: ${JSON.stringify(person.conversation_ids)}`,
  );
  expect(person.orders.map((o) => o.id).join() === String(order.id), "the order belongs to the customer");
  const again = await api("GET", `/conversations/${a.id}`, undefined, shop.token);
  expect(again.contact.id === person.id, "the first chat now shows the merged customer");
  await screenshot(page, "same-customer-merged");
});

scenario("same customer: 'Không phải cùng người' stops the suggestion for that pair", async () => {
  await sim("/messages", { page_id: shop.pageId, psid: `chong-${RUN}`, name: stranger, text: "Giao cho vợ tôi, số 0903 111 222" });
  await row(page, stranger).waitFor({ timeout: TIMEOUT });
  const c = await conversationOf(stranger);
  await row(page, stranger).click();
  const same = page.locator('[data-testid="same-customers"]');
  await same.locator(".same-customer").first().waitFor({ timeout: TIMEOUT });
  await same.locator('[data-action="dismiss"]', { hasText: "Không phải cùng người" }).first().click();
  await same.waitFor({ state: "detached", timeout: TIMEOUT });
  // Stored for the shop: not back after a reload, nor through the API.
  await page.goto(`${API}/inbox`);
  await row(page, stranger).click();
  await page.locator('[data-testid="customer"]').waitFor({ timeout: TIMEOUT });
  await until("the customer pane to settle", async () => {
    const left = await api("GET", `/contacts/${c.contact.id}/same-customers`, undefined, shop.token);
    return left.items.length === 0;
  });
  await page.waitForTimeout(500);
  expect((await same.count()) === 0, "no suggestion after a reload");
  await screenshot(page, "same-customer-dismissed");
});
