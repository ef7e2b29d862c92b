// Realtime frames -> TanStack Query cache. Pure with respect to the network: it only reads and
// writes the cache (and says what to refetch), so it is unit-tested without a server.
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { keys } from "../api/keys";
import type { Conversation, Message, Order, Page, Presence } from "../api/types";
import { filtersFromSearch, matchesFilters } from "../inbox/filters";

export interface LiveFrame {
  id: string;
  type: string;
  data: unknown;
}

type Pages<T> = InfiniteData<Page<T>, string | null | undefined>;

export function compareConversations(a: Conversation, b: Conversation): number {
  const ta = Date.parse(a.last_message_at);
  const tb = Date.parse(b.last_message_at);
  if (ta !== tb) return tb - ta;
  return b.id - a.id;
}

export function compareMessages(a: Message, b: Message): number {
  const ta = Date.parse(a.created_at);
  const tb = Date.parse(b.created_at);
  if (ta !== tb) return ta - tb;
  return a.id - b.id;
}

function newer(incoming: { version?: number }, current: { version?: number } | undefined): boolean {
  if (!current) return true;
  if (incoming.version === undefined || current.version === undefined) return true;
  return incoming.version >= current.version;
}

/**
 * Put a conversation where it belongs in one loaded list (or take it out). Returns the new data,
 * or `null` when the client cannot decide and the list must be refetched.
 */
export function placeConversation(
  data: Pages<Conversation>,
  conv: Conversation,
  belongs: boolean,
): Pages<Conversation> {
  let existing: Conversation | undefined;
  const pages = data.pages.map((p) => {
    const found = p.items.find((c) => c.id === conv.id);
    if (found) existing = found;
    return found ? { ...p, items: p.items.filter((c) => c.id !== conv.id) } : p;
  });
  if (existing && !newer(conv, existing)) return data; // an older event arriving late
  if (!belongs) return { ...data, pages };
  // Find the first page whose range contains the conversation by sort order.
  for (let i = 0; i < pages.length; i++) {
    const items = pages[i].items;
    const last = items[items.length - 1];
    const isLastPage = i === pages.length - 1;
    if (!last || compareConversations(conv, last) <= 0 || (isLastPage && !pages[i].next_cursor)) {
      const next = [...items, conv].sort(compareConversations);
      pages[i] = { ...pages[i], items: next };
      return { ...data, pages };
    }
  }
  // Sorts after everything loaded and more pages exist: it will arrive with paging.
  return { ...data, pages };
}

export function upsertMessage(data: Pages<Message>, msg: Message): Pages<Message> {
  let replaced = false;
  const pages = data.pages.map((p) => {
    if (!p.items.some((m) => m.id === msg.id)) return p;
    replaced = true;
    return { ...p, items: p.items.map((m) => (m.id === msg.id ? { ...m, ...msg } : m)) };
  });
  if (replaced) return { ...data, pages };
  if (pages.length === 0) return { ...data, pages: [{ items: [msg], next_cursor: null }] };
  pages[0] = { ...pages[0], items: [...pages[0].items, msg] };
  return { ...data, pages };
}

export interface ApplyContext {
  meId: number | null;
  /** Mark a query stale; the live provider coalesces bursts (a livestream sends hundreds a second). */
  invalidate?: (key: readonly unknown[]) => void;
  onPresence?: (p: Presence) => void;
  onNewIncoming?: (m: Message) => void;
}

export function applyConversation(
  client: QueryClient,
  conv: Conversation,
  meId: number | null,
  invalidate: (key: readonly unknown[]) => void = (key) => void client.invalidateQueries({ queryKey: key, exact: true }),
): void {
  const current = client.getQueryData<Conversation>(keys.conversation(conv.id));
  if (newer(conv, current)) client.setQueryData(keys.conversation(conv.id), conv);
  for (const [key, data] of client.getQueriesData<Pages<Conversation>>({ queryKey: keys.conversationLists })) {
    if (!data) continue;
    const filters = filtersFromSearch(String(key[2] ?? ""));
    const belongs = matchesFilters(conv, filters, meId);
    if (belongs === undefined) {
      invalidate(key);
      continue;
    }
    client.setQueryData(key, placeConversation(data, conv, belongs));
  }
}

export function applyEvent(client: QueryClient, frame: LiveFrame, ctx: ApplyContext): void {
  const invalidate = ctx.invalidate ?? ((key: readonly unknown[]) => void client.invalidateQueries({ queryKey: key }));
  switch (frame.type) {
    case "message.created":
    case "message.updated": {
      if (frame.type === "message.created") invalidate(keys.reports);
      const msg = frame.data as Message;
      const key = keys.messages(msg.conversation_id);
      const data = client.getQueryData<Pages<Message>>(key);
      if (data) client.setQueryData(key, upsertMessage(data, msg));
      if (frame.type === "message.created" && msg.direction === "in") ctx.onNewIncoming?.(msg);
      break;
    }
    case "conversation.created":
    case "conversation.updated": {
      applyConversation(client, frame.data as Conversation, ctx.meId, ctx.invalidate);
      invalidate(keys.counts);
      break;
    }
    case "order.created":
    case "order.updated": {
      invalidate(keys.reports);
      const order = frame.data as Order;
      client.setQueryData(keys.order(order.id), (old: Order | undefined) => ({ ...old, ...order }));
      invalidate(keys.orders);
      if (order.contact_id) invalidate(keys.contact(order.contact_id));
      if (order.livestream_id)
        invalidate(keys.livestreamComments(order.livestream_id));
      break;
    }
    case "livestream.comment":
    case "livestream.updated": {
      const data = frame.data as { livestream_id?: number; id?: number };
      const id = data.livestream_id ?? data.id;
      if (id) invalidate(keys.livestream(id));
      break;
    }
    case "channel.updated":
      invalidate(keys.channels);
      break;
    case "shipment.updated": {
      const data = frame.data as { order_id?: number };
      if (data.order_id) invalidate(["shipments", data.order_id]);
      if (data.order_id) invalidate(keys.order(data.order_id));
      invalidate(keys.orders);
      break;
    }
    case "webhook.updated":
      // An endpoint disabled after repeated failure: settings show it at once.
      invalidate(["webhooks"]);
      break;
    case "tag.created":
    case "tag.updated":
    case "tag.deleted":
      invalidate(keys.tags);
      break;
    case "note.created": {
      const data = frame.data as { conversation_id?: number };
      if (data.conversation_id) invalidate(keys.notes(data.conversation_id));
      break;
    }
    case "presence":
      ctx.onPresence?.(frame.data as Presence);
      break;
    default:
      break;
  }
}

/** After a gap we could not replay (server forgot our last_event_id): refetch what is shown. */
export function resyncAll(client: QueryClient): void {
  void client.invalidateQueries();
}
