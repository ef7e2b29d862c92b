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
