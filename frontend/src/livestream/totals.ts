// Per-livestream totals shown above the board.
import type { Order } from "../api/types";

export function livestreamTotals(orders: Pick<Order, "status" | "total" | "items">[]) {
  const live = orders.filter((o) => o.status !== "cancelled");
  const confirmed = live.filter((o) => o.status !== "draft").length;
  return {
    orders: live.length,
    items: live.reduce((n, o) => n + o.items.reduce((m, i) => m + i.quantity, 0), 0),
    revenue: live.reduce((n, o) => n + o.total, 0),
    confirmedRate: live.length ? confirmed / live.length : 0,
  };
}
