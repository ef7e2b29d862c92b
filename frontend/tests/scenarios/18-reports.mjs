// Reports ("Báo cáo") as an owner reads them: today's conversations, staff ranking, orders and
// revenue, a livestream; every number on screen compared with the API; today's figures follow
// new messages without a reload; the screen at phone width.
import { API, RUN, TIMEOUT, api, expect, loginInBrowser, makeShop, scenario, screenshot, sim, until } from "../lib.mjs";

const vn = new Intl.NumberFormat("vi-VN");
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const period = `from=${today}&to=${today}`;
let shop;
let page;

const figure = (report, name) => page.locator(`[data-report="${report}"] [data-figure="${name}"] .figure-value`);
const text = async (locator) => (await locator.innerText()).trim();

async function waitFigure(report, name, expected) {
  await until(`"${name}" to show ${expected}`, async () => (await text(figure(report, name))) === expected);
}

scenario("reports: today's conversations on screen match the API and follow new messages", async ({ context }) => {
  shop = await makeShop("reports");
  for (const [i, name] of ["Khách Một", "Khách Hai"].entries()) {
    await sim("/messages", { page_id: shop.pageId, psid: `r${i}-${RUN}`, name, text: "Shop ơi tư vấn giúp em" });
  }
  let conversations;
  await until("two conversations", async () => {
    conversations = (await api("GET", "/conversations", undefined, shop.token)).items;
    return conversations.length === 2;
  });
  await api("POST", `/conversations/${conversations[0].id}/messages`, { text: "Dạ shop chào chị ạ" }, shop.token);
  page = await context.newPage();
  await loginInBrowser(page, shop);
  await page.click('[data-nav="reports"]');
  await page.click('[data-preset="today"]');
  await page.waitForSelector(`[data-period="${today}..${today}"]`);
  const body = await api("GET", `/reports/conversations?${period}`, undefined, shop.token);
  expect(body.totals.new_conversations === 2 && body.totals.replied === 1, `API: 2 new, 1 replied (${JSON.stringify(body.totals)})`);
  for (const name of ["new_conversations", "replied", "messages_in", "messages_out"]) {
    await waitFigure("conversations", name, vn.format(body.totals[name]));
  }
  expect((await page.locator("canvas").count()) >= 2, "the two charts are drawn");
  await screenshot(page, "reports-conversations");

  // A third customer writes: today's figure moves without a reload.
  await sim("/messages", { page_id: shop.pageId, psid: `r3-${RUN}`, name: "Khách Ba", text: "Còn hàng không shop" });
  await waitFigure("conversations", "new_conversations", "3");
  const after = await api("GET", `/reports/conversations?${period}`, undefined, shop.token);
  await waitFigure("conversations", "messages_in", vn.format(after.totals.messages_in));
});

scenario("reports: the staff ranking and the orders with revenue", async () => {
  await page.click('[data-report-tab="staff"]');
  const ownerRow = page.locator('[data-table="conversations"] tbody tr', { hasText: shop.user.name });
  await ownerRow.waitFor({ timeout: TIMEOUT });
  const cells = await ownerRow.locator("td").allInnerTexts();
  expect(cells[0] === "1" && cells[2] === "1", `the owner ranks first with one conversation answered (${cells.join(" | ")})`);

  const product = await api("POST", "/products", { sku: `R-${RUN}`, name: "Áo khoác", price: 350000, stock: 10 }, shop.token);
  const order = await api(
    "POST",
    "/orders",
    { customer_name: "Chị Hoa", phone: "0912345678", address: "12 Lê Lợi, Bến Thành, TP Hồ Chí Minh", items: [{ product_id: product.id, quantity: 2 }], shipping_fee: 30000 },
    shop.token,
  );
  for (const to of ["confirmed", "closed", "completed"]) await api("POST", `/orders/${order.id}/transition`, { to }, shop.token);
  await page.click('[data-report-tab="orders"]');
  const body = await api("GET", `/reports/orders?${period}`, undefined, shop.token);
  expect(body.totals.revenue === 730000, `API revenue 730.000 (${body.totals.revenue})`);
  await waitFigure("orders", "orders", vn.format(body.totals.orders));
  await waitFigure("orders", "revenue", `${vn.format(body.totals.revenue)} ₫`);
  await screenshot(page, "reports-orders");
});

scenario("reports: a livestream's figures and the screen on a phone", async ({ browser }) => {
  const live = await api("POST", "/livestreams", { channel_id: shop.channel.id, title: `Live tối ${RUN}` }, shop.token);
  await page.click('[data-report-tab="livestream"]');
  await page.selectOption('[data-select="livestream"]', String(live.id));
  const body = await api("GET", `/reports/livestreams/${live.id}`, undefined, shop.token);
  await waitFigure("livestream", "comments", vn.format(body.comments));
  await waitFigure("livestream", "revenue", `${vn.format(body.revenue)} ₫`);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: "vi-VN" });
  const small = await phone.newPage();
  await loginInBrowser(small, shop);
  await small.goto(`${API}/reports/conversations?${period}`);
  await small.locator('[data-report="conversations"] [data-figure="new_conversations"] .figure-value').waitFor({ timeout: TIMEOUT });
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 1, `no sideways scrolling at 390 px (${overflow} px)`);
  const widest = await small.evaluate(() => Math.max(...[...document.querySelectorAll(".figure, .chart")].map((e) => e.getBoundingClientRect().right)));
  expect(widest <= 390, `figures and charts fit the phone's width (right edge at ${widest} px)`);
  await screenshot(small, "reports-phone");
  await phone.close();
});
