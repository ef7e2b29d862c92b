// Report periods and figures as people read them (pure: unit-tested in __tests__/reports.test.ts).

export type Preset = "today" | "yesterday" | "7d" | "30d" | "thisMonth" | "lastMonth";
export const PRESETS: Preset[] = ["today", "yesterday", "7d", "30d", "thisMonth", "lastMonth"];
export const SHOP_TZ = "Asia/Ho_Chi_Minh";

export interface Period {
  from: string; // YYYY-MM-DD, included
  to: string; // YYYY-MM-DD, included
}

/** Today's date in the shop's time zone, as YYYY-MM-DD. */
export function localToday(now: Date = new Date(), timeZone: string = SHOP_TZ): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function presetPeriod(preset: Preset, today: string): Period {
  const [y, m] = today.split("-").map(Number);
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: shift(today, -1), to: shift(today, -1) };
    case "7d":
      return { from: shift(today, -6), to: today };
    case "30d":
      return { from: shift(today, -29), to: today };
    case "thisMonth":
      return { from: monthStart, to: today };
    case "lastMonth": {
      const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
      return { from: `${prev}-01`, to: shift(monthStart, -1) };
    }
  }
}

/** Whether the period includes today (its figures then follow live events). */
export function includesToday(period: Period, today: string): boolean {
  return period.from <= today && today <= period.to;
}

/** Seconds as "45 giây", "12 phút", "1 giờ 5 phút", "2 ngày 3 giờ"; "—" for nothing. */
export function duration(seconds: number | null | undefined, locale: "vi" | "en" = "vi"): string {
  if (seconds === null || seconds === undefined) return "—";
  const u =
    locale === "vi" ? { s: "giây", m: "phút", h: "giờ", d: "ngày" } : { s: "s", m: "min", h: "h", d: "d" };
  const s = Math.round(seconds);
  if (s < 60) return `${s} ${u.s}`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} ${u.m}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} ${u.h} ${minutes % 60} ${u.m}` : `${hours} ${u.h}`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} ${u.d} ${hours % 24} ${u.h}` : `${days} ${u.d}`;
}

/** 0.1667 → "16,7%" (Vietnamese decimal comma); null → "—". */
export function percent(rate: number | null | undefined, locale: "vi" | "en" = "vi"): string {
  if (rate === null || rate === undefined) return "—";
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(rate * 100)}%`;
}

/** 1234567 → "1.234.567". */
export function count(n: number, locale: "vi" | "en" = "vi"): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB").format(n);
}
