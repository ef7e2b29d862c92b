// Inbox filter state <-> URL search string <-> API query, and the quick-filter chips.
// Pure functions: the URL is the single source of truth for what the list shows.
import type { Query } from "../api/client";
import type { Conversation } from "../api/types";

export interface InboxFilters {
  channel_id: string[];
  kind?: "message" | "comment";
  post_id?: string;
  unread?: boolean;
  unreplied?: boolean;
  has_phone?: boolean;
  tag_id: string[];
  tag_mode?: "any" | "all";
  assignee?: string; // "me" | "none" | user id
  status?: "open" | "done";
  has_order?: boolean;
  contact_id?: string;
  since?: string;
  until?: string;
  q?: string;
  /** List order: newest activity first (default) or unread first. */
  sort?: "unread_first";
}

export const EMPTY_FILTERS: InboxFilters = { channel_id: [], tag_id: [] };

const BOOL_KEYS = ["unread", "unreplied", "has_phone", "has_order"] as const;
const STRING_KEYS = ["post_id", "assignee", "contact_id", "since", "until", "q"] as const;

function parseBool(value: string | null): boolean | undefined {
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return undefined;
}

export function filtersFromSearch(search: string): InboxFilters {
  const params = new URLSearchParams(search);
  const f: InboxFilters = {
    channel_id: params.getAll("channel_id").filter(Boolean),
    tag_id: params.getAll("tag_id").filter(Boolean),
  };
  const kind = params.get("kind");
  if (kind === "message" || kind === "comment") f.kind = kind;
  const status = params.get("status");
  if (status === "open" || status === "done") f.status = status;
  if (params.get("sort") === "unread_first") f.sort = "unread_first";
  const mode = params.get("tag_mode");
  if (mode === "all" || mode === "any") f.tag_mode = mode;
  for (const key of BOOL_KEYS) {
    const v = parseBool(params.get(key));
    if (v !== undefined) f[key] = v;
  }
  for (const key of STRING_KEYS) {
    const v = params.get(key);
    if (v) f[key] = v;
  }
  return f;
}

/** Filter params in a stable order (so equal filters give equal URLs and cache keys). */
export function filtersToParams(f: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  [...f.channel_id].sort().forEach((id) => params.append("channel_id", id));
  if (f.kind) params.set("kind", f.kind);
  if (f.post_id) params.set("post_id", f.post_id);
  for (const key of BOOL_KEYS) if (f[key] !== undefined) params.set(key, String(f[key]));
  [...f.tag_id].sort().forEach((id) => params.append("tag_id", id));
  if (f.tag_id.length > 1 && f.tag_mode) params.set("tag_mode", f.tag_mode);
  for (const key of ["assignee", "status", "contact_id", "since", "until", "q", "sort"] as const) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  return params;
}

/** The URL search string: filters plus extra keys the screen keeps (e.g. the open conversation `c`). */
export function filtersToSearch(f: InboxFilters, extra: Record<string, string | undefined> = {}): string {
  const params = filtersToParams(f);
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function filtersToQuery(f: InboxFilters): Query {
  const q: Query = {};
  for (const [key, value] of filtersToParams(f)) {
    const prev = q[key];
    if (prev === undefined) q[key] = value;
    else q[key] = Array.isArray(prev) ? [...(prev as string[]), value] : [String(prev), value];
  }
  return q;
}

export function filtersKey(f: InboxFilters): string {
  return filtersToParams(f).toString();
}

export function activeFilterCount(f: InboxFilters): number {
  return [...filtersToParams(f).keys()].filter((k) => k !== "q" && k !== "tag_mode" && k !== "sort").length;
}

export interface QuickFilter {
  id: string;
  /** The key of `/conversations/counts` that gives its badge. */
  countKey: string;
  patch: Partial<InboxFilters>;
}

export const QUICK_FILTERS: QuickFilter[] = [
  { id: "all", countKey: "all", patch: {} },
  { id: "unread", countKey: "unread", patch: { unread: true } },
  { id: "unreplied", countKey: "unreplied", patch: { unreplied: true } },
  { id: "mine", countKey: "mine", patch: { assignee: "me" } },
  { id: "unassigned", countKey: "unassigned", patch: { assignee: "none" } },
  { id: "has_phone", countKey: "has_phone", patch: { has_phone: true } },
  { id: "messages", countKey: "messages", patch: { kind: "message" } },
  { id: "comments", countKey: "comments", patch: { kind: "comment" } },
];

const QUICK_KEYS: (keyof InboxFilters)[] = ["unread", "unreplied", "assignee", "has_phone", "kind"];

/** Apply a chip: the chips are exclusive among themselves, other filters stay. */
export function applyQuickFilter(f: InboxFilters, chip: QuickFilter): InboxFilters {
  const next: InboxFilters = { ...f, channel_id: [...f.channel_id], tag_id: [...f.tag_id] };
  for (const key of QUICK_KEYS) delete next[key];
  return { ...next, ...chip.patch };
}

export function activeQuickFilter(f: InboxFilters): string | null {
  const set = QUICK_KEYS.filter((k) => f[k] !== undefined);
  if (set.length === 0) return "all";
  if (set.length > 1) return null;
  const chip = QUICK_FILTERS.find((c) => {
    const entries = Object.entries(c.patch);
    return entries.length === 1 && entries.every(([k, v]) => f[k as keyof InboxFilters] === v);
  });
  return chip ? chip.id : null;
}

/**
 * Whether a conversation belongs in a list with these filters, as far as the client can tell.
 * `undefined` means "cannot decide here" (search text, dates): the list is refetched instead.
 */
export function matchesFilters(c: Conversation, f: InboxFilters, meId: number | null): boolean | undefined {
  // Search relevance, date windows and the unread-first order are the server's to decide.
  if (f.q || f.since || f.until || f.sort) return undefined;
  if (f.channel_id.length && !f.channel_id.includes(String(c.channel_id))) return false;
  if (f.kind && c.kind !== f.kind) return false;
  if (f.post_id && String(c.post_id ?? "") !== f.post_id) return false;
  if (f.unread && !c.unread) return false;
  if (f.unreplied && c.replied) return false;
  if (f.has_phone !== undefined && c.has_phone !== f.has_phone) return false;
  if (f.has_order !== undefined && c.has_order !== f.has_order) return false;
  if (f.status && c.status !== f.status) return false;
  if (f.contact_id && String(c.contact.id) !== f.contact_id) return false;
  if (f.assignee) {
    if (f.assignee === "none" && c.assignee_id !== null) return false;
    if (f.assignee === "me" && (meId === null || c.assignee_id !== meId)) return false;
    if (f.assignee !== "me" && f.assignee !== "none" && String(c.assignee_id) !== f.assignee) return false;
  }
  if (f.tag_id.length) {
    const ids = new Set(c.tags.map((t) => String(t.id)));
    const hit = f.tag_mode === "all" ? f.tag_id.every((id) => ids.has(id)) : f.tag_id.some((id) => ids.has(id));
    if (!hit) return false;
  }
  return true;
}
