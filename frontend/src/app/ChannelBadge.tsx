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

export function ChannelBadge({ provider, title }: { provider: string | undefined; title?: string }) {
  const name = provider ?? "facebook";
  return (
    <span className={`row-channel channel-${name}`} title={title} data-provider={name}>
      {name === "facebook" ? <Icon name="facebook" /> : <b>{LETTERS[name] ?? name.slice(0, 1).toUpperCase()}</b>}
    </span>
  );
}
