import { describe, expect, it } from "vitest";
import { replyWindowState, windowNotes } from "../inbox/replyWindow";

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

describe("windowNotes", () => {
  const zalo = (state: "open" | "closed" | "human_only", extra: object = {}) => ({
    state,
    closes_at: null,
    then: null,
    reason: null,
    code: null,
    remaining: null,
    ...extra,
  });
  const cases: [string, Parameters<typeof windowNotes>[0], boolean, ReturnType<typeof windowNotes>][] = [
    ["Zalo open: free replies left", zalo("open", { remaining: 3 }), true, { note: null, remaining: 3 }],
    ["Zalo quota used", zalo("closed", { code: "zalo_free_replies_used", remaining: 0 }), true, { note: { code: "zalo_free_replies_used" }, remaining: null }],
    ["Zalo proactive, staff only", zalo("human_only", { code: "zalo_proactive" }), true, { note: { code: "zalo_proactive" }, remaining: null }],
    [
      "open window passed: the generic note of its then-state",
      zalo("open", { closes_at: "2026-12-03T11:00:00Z", then: "closed", remaining: 2 }),
      true,
      { note: "closed", remaining: null },
    ],
    ["Facebook human agent", zalo("human_only"), true, { note: "human_only", remaining: null }],
    ["never wrote, no code: nothing to say", zalo("closed"), false, { note: null, remaining: null }],
  ];
  it.each(cases)("%s", (_name, window, wrote, expected) => {
    expect(windowNotes(window, NOW, wrote)).toEqual(expected);
  });
});
