// When to suggest quick replies while typing, and the variables filled into them.
import type { Conversation } from "../api/types";

/**
 * The query for quick-reply suggestions from what is typed so far, or null when none should show:
 * "/" + shortcut anywhere at a word start ("/gia", "ok /ship"), or the last word when it is at
 * least two letters long and the message is a single short keyword ("giá", "ship").
 */
export function quickReplyQuery(text: string): string | null {
  const slash = /(?:^|\s)\/(\S*)$/.exec(text);
  if (slash) return slash[1];
  const trimmed = text.trim();
  if (!trimmed || /[\s/:@]/.test(trimmed) || text.endsWith(" ")) return null;
  return trimmed.length >= 2 && trimmed.length <= 30 ? trimmed : null;
}

export function fillVariables(text: string, conversation: Conversation): string {
  const name = conversation.contact.name || "";
  const phone = conversation.contact.phones?.[0] ?? "";
  return text
    .replace(/\{customer_name\}|\{ten_khach\}/g, name)
    .replace(/\{phone\}|\{sdt\}/g, phone);
}
