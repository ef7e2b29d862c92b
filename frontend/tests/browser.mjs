// Browser tests: Debian's Chromium driven by playwright-core against the real backend started
// by harness.py (API + worker + Facebook simulator). Each scenario is what a user does; they live
// in scenarios/*.mjs (run in file order), helpers in lib.mjs. BROWSER_ONLY=<regex> runs a subset.
import { chromium } from "playwright-core";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OUT, TIMEOUT, results, scenarios, screenshot } from "./lib.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ONLY = process.env.BROWSER_ONLY ? new RegExp(process.env.BROWSER_ONLY) : null;
const dir = path.join(import.meta.dirname, "scenarios");
for (const file of readdirSync(dir).filter((f) => f.endsWith(".mjs")).sort()) await import(path.join(dir, file));

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "vi-VN" });
context.setDefaultTimeout(TIMEOUT);
const pageErrors = [];
context.on("page", (p) => {
  p.on("pageerror", (err) => pageErrors.push(err.message));
  p.on("console", (msg) => msg.type() === "error" && pageErrors.push(`console: ${msg.text()}`));
});
let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();
for (const s of scenarios) {
  if (ONLY && !ONLY.test(s.name)) {
    skipped += 1;
    continue;
  }
  const t0 = Date.now();
  try {
    await s.fn({ browser, context });
    passed += 1;
    console.log(`  ✓ ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed += 1;
    console.log(`  ✗ ${s.name}: ${err.message.split("\n")[0]}`);
    for (const e of pageErrors.splice(0)) console.log(`      page: ${e.slice(0, 300)}`);
    const open = context.pages().at(-1);
    if (open) await screenshot(open, `FAILED-${s.name.replace(/\W+/g, "-")}`).catch(() => undefined);
  }
}
await browser.close();
results.passed = passed;
results.failed = failed;
results.seconds = Math.round((Date.now() - started) / 1000);
writeFileSync(path.join(OUT, "results.json"), JSON.stringify(results, null, 2));
console.log(`browser tests took ${results.seconds} s; screenshots in frontend/test-output/`);
console.log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
