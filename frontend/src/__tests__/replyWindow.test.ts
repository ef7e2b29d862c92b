import { describe, expect, it } from "vitest";
import { replyWindowState } from "../inbox/replyWindow";

const NOW = Date.parse("2026-12-03T12:00:00Z");

describe("replyWindowState", () => {
  const cases: [string, Parameters<typeof replyWindowState>[0], string][] = [
    ["no window (comment thread)", null, "open"],
    ["open, not yet closing", { state: "open", closes_at: "2026-12-03T13:00:00Z", then: "human_only" }, "open"],
    ["open, passed: then", { state: "open", closes_at: "2026-12-03T11:00:00Z", then: "human_only" }, "human_only"],
    ["human only, passed", { state: "human_only", closes_at: "2026-12-01T00:00:00Z", then: "closed" }, "closed"],
    ["closed stays closed", { state: "closed", closes_at: null, then: null }, "closed"],
    ["open forever (no closes_at)", { state: "open", closes_at: null, then: null }, "open"],
  ];
  it.each(cases)("%s", (_name, window, expected) => {
    expect(replyWindowState(window, NOW)).toBe(expected);
  });
});
