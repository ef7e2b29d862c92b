import { describe, expect, it } from "vitest";
import { count, duration, includesToday, localToday, percent, presetPeriod } from "../reports/period";

describe("report periods", () => {
  it.each([
    ["today", "2026-03-15", { from: "2026-03-15", to: "2026-03-15" }],
    ["yesterday", "2026-03-01", { from: "2026-02-28", to: "2026-02-28" }],
    ["7d", "2026-03-03", { from: "2026-02-25", to: "2026-03-03" }],
    ["30d", "2026-03-30", { from: "2026-03-01", to: "2026-03-30" }],
    ["thisMonth", "2026-03-15", { from: "2026-03-01", to: "2026-03-15" }],
    ["lastMonth", "2026-03-15", { from: "2026-02-01", to: "2026-02-28" }],
    ["lastMonth", "2026-01-10", { from: "2025-12-01", to: "2025-12-31" }],
  ] as const)("%s from %s", (preset, today, expected) => {
    expect(presetPeriod(preset, today)).toEqual(expected);
  });

  it("today is the shop's day, not UTC's", () => {
    expect(localToday(new Date("2026-11-02T16:59:59Z"))).toBe("2026-11-02");
    expect(localToday(new Date("2026-11-02T17:00:00Z"))).toBe("2026-11-03");
  });

  it("knows when a period is live", () => {
    expect(includesToday({ from: "2026-11-01", to: "2026-11-03" }, "2026-11-03")).toBe(true);
    expect(includesToday({ from: "2026-11-01", to: "2026-11-02" }, "2026-11-03")).toBe(false);
  });
});

describe("figures as people read them", () => {
  it.each([
    [null, "—"],
    [45, "45 giây"],
    [300, "5 phút"],
    [5400, "1 giờ 30 phút"],
    [7200, "2 giờ"],
    [31200, "8 giờ 40 phút"],
    [176400, "2 ngày 1 giờ"],
  ] as const)("duration %s", (seconds, text) => {
    expect(duration(seconds)).toBe(text);
  });

  it("uses Vietnamese separators", () => {
    expect(count(1234567)).toBe("1.234.567");
    expect(percent(1 / 6)).toBe("16,7%");
    expect(percent(null)).toBe("—");
  });
});
