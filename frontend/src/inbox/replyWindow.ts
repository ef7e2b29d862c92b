import type { Conversation } from "../api/types";

export type ReplyWindow = Conversation["reply_window"];
export type ReplyWindowState = "open" | "human_only" | "closed";

/**
 * `open` / `human_only` / `closed` now. The server computes the window by the channel's rules
 * (channels.contract.ReplyWindow); past `closes_at` the window is in its `then` state, so a
 * conversation left open in the browser still shows the right note without provider arithmetic.
 */
export function replyWindowState(window: ReplyWindow | undefined, now: number): ReplyWindowState {
  if (!window) return "open";
  const passed = window.closes_at ? now > Date.parse(window.closes_at) : false;
  return passed && window.then ? window.then : window.state;
}

/** What the composer says about the window: the provider's named rule (`code`, e.g. Zalo's
 * free replies used) while its state holds, else the generic human-only / closed note; and how
 * many more messages the rule allows while open (`remaining`, Zalo's free replies). */
export function windowNotes(
  window: ReplyWindow | undefined,
  now: number,
  customerWrote: boolean,
): { note: { code: string } | "closed" | "human_only" | null; remaining: number | null } {
  const state = replyWindowState(window, now);
  if (state === "open") return { note: null, remaining: window?.remaining ?? null };
  if (window?.code && state === window.state) return { note: { code: window.code }, remaining: null };
  return { note: customerWrote ? state : null, remaining: null };
}
