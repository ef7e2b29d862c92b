// The small mark of a conversation's channel (Facebook, Instagram, Zalo OA, Shopee...), drawn
// over the customer's avatar in the inbox list and beside channel names.
import { Icon } from "./ui";

const LETTERS: Record<string, string> = {
  instagram: "IG",
  zalo: "Z",
  shopee: "S",
  tiktok: "T",
  lazada: "L",
  api: "API",
};

// Channels drawn with their own mark (`Icon`); the others with their letters.
const ICONS = new Set(["facebook", "shopee", "tiktok"]);

/** Over the avatar by default; `inline` beside a channel's name (filters, settings, buttons).
 * Nothing while the channel is not known yet (the channel list still loading): never a wrong mark. */
export function ChannelBadge({ provider, title, inline = false }: { provider: string | undefined; title?: string; inline?: boolean }) {
  if (!provider) return null;
  const name = provider;
  return (
    <span className={`${inline ? "channel-mark" : "row-channel"} channel-${name}`} title={title} data-provider={name}>
      {ICONS.has(name) ? <Icon name={name} /> : <b>{LETTERS[name] ?? name.slice(0, 1).toUpperCase()}</b>}
    </span>
  );
}
