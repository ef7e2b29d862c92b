// Presence frames and snapshots -> who is viewing which conversation.
import type { Presence } from "../api/types";

/** Both presence shapes (REST list, live event map) -> conversation id -> user ids. */
export function presenceViewers(p: Presence): Record<number, number[]> | null {
  if (!p.viewers) return null;
  const out: Record<number, number[]> = {};
  if (Array.isArray(p.viewers)) for (const v of p.viewers) out[v.conversation_id] = v.user_ids;
  else for (const [id, users] of Object.entries(p.viewers)) out[Number(id)] = users;
  return out;
}
