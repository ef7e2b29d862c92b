import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { keys } from "../api/keys";
import type { Conversation, Message, Page } from "../api/types";
import { EMPTY_FILTERS, filtersKey } from "../inbox/filters";
import { applyEvent, placeConversation, upsertMessage } from "../live/applyEvent";
import { presenceViewers } from "../live/presence";

type Pages<T> = InfiniteData<Page<T>, string | null | undefined>;

const conv = (id: number, at: string, over: Partial<Conversation> = {}): Conversation => ({
  id,
  channel_id: 1,
  kind: "message",
  post_id: null,
  contact: { id: id * 10, name: `C${id}`, phones: [] },
  status: "open",
  assignee_id: null,
  unread: false,
  replied: true,
  has_phone: false,
  has_order: false,
  tags: [],
  last_message: null,
  last_message_at: at,
  version: 1,
  created_at: at,
  ...over,
});

const msg = (id: number, conversation_id: number, over: Partial<Message> = {}): Message => ({
  id,
  conversation_id,
  channel_id: 1,
  kind: "message",
  direction: "in",
  sender_type: "contact",
  text: `m${id}`,
  attachments: [],
  status: "sent",
  error: null,
  external_id: `e${id}`,
  created_at: `2026-01-01T00:00:${String(id).padStart(2, "0")}Z`,
  ...over,
});

const pages = <T,>(...lists: T[][]): Pages<T> => ({
  pages: lists.map((items, i) => ({ items, next_cursor: i < lists.length - 1 ? `c${i}` : null })),
  pageParams: lists.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});

const ids = (d: Pages<Conversation> | undefined) => d?.pages.map((p) => p.items.map((c) => c.id));

describe("placeConversation", () => {
  const a = conv(1, "2026-01-01T10:00:00Z");
  const b = conv(2, "2026-01-01T09:00:00Z");
  const c = conv(3, "2026-01-01T08:00:00Z");

  it("moves an updated conversation to the top", () => {
    const updated = { ...c, last_message_at: "2026-01-01T11:00:00Z", version: 2 };
    expect(ids(placeConversation(pages([a, b, c]), updated, true))).toEqual([[3, 1, 2]]);
  });
  it("inserts a new conversation in sort order", () => {
    const n = conv(4, "2026-01-01T09:30:00Z");
    expect(ids(placeConversation(pages([a, b, c]), n, true))).toEqual([[1, 4, 2, 3]]);
  });
  it("removes a conversation that no longer matches", () => {
    expect(ids(placeConversation(pages([a, b, c]), { ...b, version: 2 }, false))).toEqual([[1, 3]]);
  });
  it("ignores an event older than what is shown", () => {
    const shown = { ...a, version: 5 };
    const stale = { ...a, version: 4, last_message_at: "2026-01-02T00:00:00Z" };
    expect(placeConversation(pages([shown, b]), stale, true).pages[0].items[0]).toBe(shown);
  });
  it("leaves a conversation older than every loaded page to pagination", () => {
    const old = conv(9, "2025-01-01T00:00:00Z");
    const data: Pages<Conversation> = { pages: [{ items: [a, b], next_cursor: "x" }], pageParams: [null] };
    expect(ids(placeConversation(data, old, true))).toEqual([[1, 2]]);
  });
  it("never duplicates across pages", () => {
    const moved = { ...c, last_message_at: "2026-01-01T12:00:00Z", version: 2 };
    expect(ids(placeConversation(pages([a, b], [c]), moved, true))).toEqual([[3, 1, 2], []]);
  });
});

describe("upsertMessage", () => {
  it("appends a new message and replaces an existing one", () => {
    const d = pages([msg(1, 5), msg(2, 5)]);
    const added = upsertMessage(d, msg(3, 5));
    expect(added.pages[0].items.map((m) => m.id)).toEqual([1, 2, 3]);
    const updated = upsertMessage(added, msg(2, 5, { status: "read" }));
    expect(updated.pages[0].items.find((m) => m.id === 2)?.status).toBe("read");
    expect(updated.pages[0].items).toHaveLength(3);
  });
});

describe("presenceViewers", () => {
  it("reads both the REST list and the live event map", () => {
    expect(presenceViewers({ viewers: [{ conversation_id: 4, user_ids: [1, 2] }] })).toEqual({ 4: [1, 2] });
    expect(presenceViewers({ online_user_ids: [1], viewers: { "7": [3] } })).toEqual({ 7: [3] });
    expect(presenceViewers({ online_user_ids: [1] })).toBeNull();
  });
});

describe("applyEvent", () => {
  it("message.created lands in the open conversation once, even if delivered twice", () => {
    const client = new QueryClient();
    client.setQueryData(keys.messages(5), pages([msg(1, 5)]));
    const frame = { id: "1-0", type: "message.created", data: msg(2, 5) };
    const notified: number[] = [];
    applyEvent(client, frame, { meId: 1, onNewIncoming: (m) => notified.push(m.id) });
    applyEvent(client, frame, { meId: 1 });
    expect(client.getQueryData<Pages<Message>>(keys.messages(5))?.pages[0].items.map((m) => m.id)).toEqual([1, 2]);
    expect(notified).toEqual([2]);
  });

  it("message.updated changes the status tick", () => {
    const client = new QueryClient();
    client.setQueryData(keys.messages(5), pages([msg(1, 5, { direction: "out", status: "pending" })]));
    applyEvent(client, { id: "2", type: "message.updated", data: msg(1, 5, { direction: "out", status: "failed", error: "x" }) }, { meId: 1 });
    expect(client.getQueryData<Pages<Message>>(keys.messages(5))?.pages[0].items[0].status).toBe("failed");
  });

  it("conversation.updated updates every list by its own filters", () => {
    const client = new QueryClient();
    const unreadKey = keys.conversationList(filtersKey({ ...EMPTY_FILTERS, unread: true }));
    const allKey = keys.conversationList(filtersKey(EMPTY_FILTERS));
    const a = conv(1, "2026-01-01T10:00:00Z", { unread: true, replied: false });
    const b = conv(2, "2026-01-01T09:00:00Z");
    client.setQueryData(unreadKey, pages([a]));
    client.setQueryData(allKey, pages([a, b]));
    // b gets a new customer message: unread, newest.
    const b2 = { ...b, unread: true, replied: false, last_message_at: "2026-01-01T11:00:00Z", version: 2 };
    applyEvent(client, { id: "3", type: "conversation.updated", data: b2 }, { meId: 1 });
    expect(ids(client.getQueryData(unreadKey))).toEqual([[2, 1]]);
    expect(ids(client.getQueryData(allKey))).toEqual([[2, 1]]);
    // a is read by an agent: leaves the unread list, stays in "all".
    const a2 = { ...a, unread: false, version: 2 };
    applyEvent(client, { id: "4", type: "conversation.updated", data: a2 }, { meId: 1 });
    expect(ids(client.getQueryData(unreadKey))).toEqual([[2]]);
    expect(ids(client.getQueryData(allKey))).toEqual([[2, 1]]);
    expect(client.getQueryData<Conversation>(keys.conversation(1))?.unread).toBe(false);
  });

  it("a search list it cannot judge is marked stale instead", () => {
    const client = new QueryClient();
    const key = keys.conversationList(filtersKey({ ...EMPTY_FILTERS, q: "áo" }));
    client.setQueryData(key, pages([conv(1, "2026-01-01T10:00:00Z")]));
    applyEvent(client, { id: "5", type: "conversation.created", data: conv(2, "2026-01-01T11:00:00Z") }, { meId: 1 });
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    expect(ids(client.getQueryData(key))).toEqual([[1]]);
  });

  it("order events refresh order lists and the order itself", () => {
    const client = new QueryClient();
    client.setQueryData(keys.orderList("{}"), { pages: [], pageParams: [] });
    const order = { id: 8, code: "DH000008", status: "draft", contact_id: 3, livestream_id: 2 };
    applyEvent(client, { id: "6", type: "order.created", data: order }, { meId: 1 });
    expect(client.getQueryData(keys.order(8))).toEqual(order);
    expect(client.getQueryState(keys.orderList("{}"))?.isInvalidated).toBe(true);
  });

  it("presence goes to the presence callback", () => {
    const client = new QueryClient();
    const seen: unknown[] = [];
    applyEvent(client, { id: "", type: "presence", data: { conversation_id: 4, viewers: [{ user_id: 2 }] } }, { meId: 1, onPresence: (p) => seen.push(p) });
    expect(seen).toHaveLength(1);
  });
});
