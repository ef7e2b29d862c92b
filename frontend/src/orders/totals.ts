// Order arithmetic the form shows before saving (integer VND; the server computes the truth).
import type { OrderItem } from "../api/types";

export function orderTotals(items: Pick<OrderItem, "quantity" | "unit_price">[], shippingFee: number, discount: number) {
  const subtotal = items.reduce((sum, i) => sum + Math.max(0, Math.trunc(i.quantity)) * Math.max(0, Math.trunc(i.unit_price)), 0);
  const total = Math.max(0, subtotal + Math.max(0, Math.trunc(shippingFee)) - Math.max(0, Math.trunc(discount)));
  return { subtotal, total };
}

/** Parse what staff type into a money field: "150k", "150.000", "1,2tr" -> VND integer. */
export function parseMoney(input: string): number {
  const s = input.trim().toLowerCase().replace(/\s|₫|đ|vnd/g, "");
  if (!s) return 0;
  const m = /^(\d+(?:[.,]\d+)?)(k|tr|m)?$/.exec(s);
  if (m && m[2]) {
    const n = Number(m[1].replace(",", "."));
    return Math.round(n * (m[2] === "k" ? 1_000 : 1_000_000));
  }
  const digits = s.replace(/[.,]/g, "");
  return /^\d+$/.test(digits) ? Number(digits) : 0;
}

export const NEXT_STATES: Record<string, string[]> = {
  draft: ["confirmed", "cancelled"],
  confirmed: ["closed", "draft", "cancelled"],
  closed: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

/** +84912345678 -> 0912345678 (a Vietnamese number as people write it); others unchanged. */
export function localPhone(phone: string): string {
  return /^\+84\d{8,10}$/.test(phone) ? `0${phone.slice(3)}` : phone;
}
