import { describe, expect, it } from "vitest";
import { formatPeriods, parsePeriods } from "../settings/WorkingHoursSettings";

describe("working hours periods typed by the owner", () => {
  it.each([
    ["08:00-12:00, 13:30-21:00", [["08:00", "12:00"], ["13:30", "21:00"]]],
    ["8:00 - 12:00", [["08:00", "12:00"]]],
    ["", []],
    ["  ", []],
    ["09:00-24:00", [["09:00", "24:00"]]],
    ["8h-12h", null],
    ["08:00", null],
    ["08:00-12:00,, 13:00-14:00", [["08:00", "12:00"], ["13:00", "14:00"]]],
  ])("%j", (text, expected) => {
    expect(parsePeriods(text)).toEqual(expected);
  });

  it("formats what the server returns back into the same text", () => {
    expect(formatPeriods([["08:00", "12:00"], ["13:30", "21:00"]])).toBe("08:00-12:00, 13:30-21:00");
    expect(formatPeriods(undefined)).toBe("");
  });
});
