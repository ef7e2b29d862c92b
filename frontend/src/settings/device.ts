// A browser's User-Agent in a few words for the list of login sessions ("Chrome · Windows").
// Pure: what the shop recognises (Cốc Cốc and Zalo's in-app browser are common in Vietnam).

const BROWSERS: [RegExp, string][] = [
  [/coc_coc_browser/i, "Cốc Cốc"],
  [/\bZalo\b/i, "Zalo"],
  [/FBAN|FBAV|FB_IAB/, "Facebook"],
  [/\bEdgA?\//, "Edge"],
  [/\bOPR\//, "Opera"],
  [/SamsungBrowser/, "Samsung Internet"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrome\/|CriOS/, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

function first(table: [RegExp, string][], ua: string): string | null {
  return table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
}

/** "Chrome · Windows"; what is known of it; null when nothing is (no or an unknown User-Agent). */
export function describeDevice(userAgent: string | null | undefined): string | null {
  const ua = userAgent ?? "";
  const parts = [first(BROWSERS, ua), first(SYSTEMS, ua)].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}
