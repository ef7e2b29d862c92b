import { describe, expect, it } from "vitest";
import type { Conversation } from "../api/types";
import {
  EMPTY_FILTERS,
  QUICK_FILTERS,
  activeQuickFilter,
  applyQuickFilter,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  matchesFilters,
  type InboxFilters,
} from "../inbox/filters";

const conv = (over: Partial<Conversation> = {}): Conversation => ({
  id: 1,
  channel_id: 10,
  kind: "message",
  post_id: null,
  contact: { id: 5, name: "Lan", phones: [] },
  status: "open",
  assignee_id: null,
  unread: true,
  replied: false,
  has_phone: false,
  has_order: false,
  tags: [],
  last_message: null,
  last_message_at: "2026-01-01T00:00:00Z",
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  ...over,
});

describe("filter state <-> URL", () => {
  const cases: [string, InboxFilters][] = [
    ["", EMPTY_FILTERS],
    ["?unread=true", { ...EMPTY_FILTERS, unread: true }],
    ["?has_phone=false", { ...EMPTY_FILTERS, has_phone: false }],
    ["?kind=comment&post_id=77", { ...EMPTY_FILTERS, kind: "comment", post_id: "77" }],
    ["?channel_id=1&channel_id=2", { ...EMPTY_FILTERS, channel_id: ["1", "2"] }],
    ["?tag_id=3&tag_id=4&tag_mode=all", { ...EMPTY_FILTERS, tag_id: ["3", "4"], tag_mode: "all" }],
    ["?assignee=me&status=done&has_order=true", { ...EMPTY_FILTERS, assignee: "me", status: "done", has_order: true }],
    ["?contact_id=9&since=2026-01-01T00%3A00%3A00Z", { ...EMPTY_FILTERS, contact_id: "9", since: "2026-01-01T00:00:00Z" }],
    ["?q=%C3%A1o+kho%C3%A1c", { ...EMPTY_FILTERS, q: "áo khoác" }],
    ["?unread=true&sort=unread_first", { ...EMPTY_FILTERS, unread: true, sort: "unread_first" }],
  ];
  it.each(cases)("round-trips %s", (search, filters) => {
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
  });

  it("ignores junk values", () => {
    expect(filtersFromSearch("?kind=banana&unread=maybe&status=x&tag_mode=some")).toEqual(EMPTY_FILTERS);
  });

  it("serialises in a stable order so equal filters share one cache key", () => {
    const a = filtersToSearch({ ...EMPTY_FILTERS, tag_id: ["4", "3"], unread: true });
    const b = filtersToSearch({ ...EMPTY_FILTERS, unread: true, tag_id: ["3", "4"] });
    expect(a).toBe(b);
  });

  it("keeps extra screen state (the open conversation)", () => {
    const search = filtersToSearch({ ...EMPTY_FILTERS, unread: true }, { c: "42" });
    expect(new URLSearchParams(search).get("c")).toBe("42");
    expect(filtersFromSearch(search)).toEqual({ ...EMPTY_FILTERS, unread: true });
  });

  it("builds the API query with repeated keys as arrays", () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, channel_id: ["1", "2"], unread: true })).toEqual({
      channel_id: ["1", "2"],
      unread: "true",
    });
  });
});

describe("quick filter chips", () => {
  it("are exclusive among themselves and keep other filters", () => {
    const start: InboxFilters = { ...EMPTY_FILTERS, tag_id: ["3"], unread: true };
    const next = applyQuickFilter(start, QUICK_FILTERS.find((c) => c.id === "comments")!);
    expect(next).toEqual({ ...EMPTY_FILTERS, tag_id: ["3"], kind: "comment" });
    expect(activeQuickFilter(next)).toBe("comments");
  });
  it("'all' clears the chip filters", () => {
    expect(applyQuickFilter({ ...EMPTY_FILTERS, assignee: "me" }, QUICK_FILTERS[0])).toEqual(EMPTY_FILTERS);
    expect(activeQuickFilter(EMPTY_FILTERS)).toBe("all");
  });
  it("no chip is active for combined chip filters", () => {
    expect(activeQuickFilter({ ...EMPTY_FILTERS, unread: true, kind: "message" })).toBeNull();
  });
});

describe("matchesFilters", () => {
  const cases: [string, Partial<Conversation>, Partial<InboxFilters>, boolean | undefined][] = [
    ["no filter", {}, {}, true],
    ["unread hit", { unread: true }, { unread: true }, true],
    ["unread miss", { unread: false }, { unread: true }, false],
    ["unreplied miss", { replied: true }, { unreplied: true }, false],
    ["kind miss", { kind: "comment" }, { kind: "message" }, false],
    ["channel hit", { channel_id: 10 }, { channel_id: ["10", "11"] }, true],
    ["channel miss", { channel_id: 12 }, { channel_id: ["10"] }, false],
    ["has_phone false", { has_phone: false }, { has_phone: false }, true],
    ["assignee none", { assignee_id: 3 }, { assignee: "none" }, false],
    ["assignee me", { assignee_id: 7 }, { assignee: "me" }, true],
    ["assignee other", { assignee_id: 7 }, { assignee: "8" }, false],
    ["status", { status: "done" }, { status: "open" }, false],
    ["tags any", { tags: [{ id: 3, name: "a", color: "#000" }] }, { tag_id: ["3", "4"] }, true],
    ["tags all miss", { tags: [{ id: 3, name: "a", color: "#000" }] }, { tag_id: ["3", "4"], tag_mode: "all" }, false],
    ["search is undecidable", {}, { q: "áo" }, undefined],
    ["dates are undecidable", {}, { since: "2026-01-01T00:00:00Z" }, undefined],
    ["unread-first order is the server's", {}, { sort: "unread_first" }, undefined],
  ];
  it.each(cases)("%s", (_, c, f, expected) => {
    expect(matchesFilters(conv(c), { ...EMPTY_FILTERS, ...f }, 7)).toBe(expected);
  });
});
