import { describe, expect, it } from "vitest";
import type { Conversation } from "../api/types";
import { fillVariables, quickReplyQuery } from "../inbox/quickReply";
import { livestreamTotals } from "../livestream/totals";
import { localPhone, orderTotals, parseMoney } from "../orders/totals";

describe("quickReplyQuery", () => {
  const cases: [string, string | null][] = [
    ["", null],
    ["/", ""],
    ["/gia", "gia"],
    ["chào bạn /ship", "ship"],
    ["giá", "giá"],
    ["g", null],
    ["ok ", null],
    ["dạ chị ơi", null],
    ["http://x/y", null],
  ];
  it.each(cases)("%j -> %j", (text, expected) => expect(quickReplyQuery(text)).toBe(expected));
});

describe("fillVariables", () => {
  it("fills the customer's name and phone", () => {
    const c = { contact: { id: 1, name: "Chị Lan", phones: ["+84912345678"] } } as Conversation;
    expect(fillVariables("Chào {customer_name}, SĐT {phone}", c)).toBe("Chào Chị Lan, SĐT +84912345678");
  });
});

describe("money", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["150000", 150000],
    ["150.000", 150000],
    ["150,000", 150000],
    ["150k", 150000],
    ["1,2tr", 1200000],
    ["30 000 đ", 30000],
    ["abc", 0],
  ];
  it.each(cases)("parseMoney(%j) = %d", (input, vnd) => expect(parseMoney(input)).toBe(vnd));

  it("order totals: items + shipping - discount, never negative", () => {
    expect(orderTotals([{ quantity: 2, unit_price: 150000 }, { quantity: 1, unit_price: 99000 }], 30000, 20000)).toEqual({
      subtotal: 399000,
      total: 409000,
    });
    expect(orderTotals([{ quantity: 1, unit_price: 10000 }], 0, 50000).total).toBe(0);
  });

  it("livestream totals leave cancelled orders out", () => {
    const t = livestreamTotals([
      { status: "draft", total: 100, items: [{ quantity: 2 } as never] },
      { status: "confirmed", total: 300, items: [{ quantity: 1 } as never] },
      { status: "cancelled", total: 999, items: [{ quantity: 5 } as never] },
    ]);
    expect(t).toEqual({ orders: 2, items: 3, revenue: 400, confirmedRate: 0.5 });
  });
});

describe("localPhone", () => {
  it.each([
    ["+84912345678", "0912345678"],
    ["+842838234567", "02838234567"],
    ["0912345678", "0912345678"],
    ["+14155550100", "+14155550100"],
    ["+84", "+84"],
    ["", ""],
  ])("%s -> %s", (input, out) => {
    expect(localPhone(input)).toBe(out);
  });
});
