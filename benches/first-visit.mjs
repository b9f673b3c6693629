#!/usr/bin/env node
// What a first visit downloads, per page type, as Chromium loads it from a running shop:
// the HTML, and the JS + WASM + CSS it fetches until every island is live (lazy islands'
// chunks included), each measured raw, gzip and brotli as the server sends them.
// Exits 1 when a page is over its budget; with BENCH_BUNDLE_MODE=ci, only when a page grew
// more than 2 KB past benches/first-visit-baseline.json (the budgets are still printed),
// so that CI stops regressions while the gap to the budgets is worked on.
//   node benches/first-visit.mjs <shop base URL>
import http from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { placeOrder } from "./sandbox-order.mjs";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const KB = 1024;
// JS + WASM + CSS, brotli: the country page (a first visit usually lands there) and any page.
const BUDGET_US = 90 * KB;
const BUDGET_ANY = 120 * KB; // a brand page and an order page (issue 21)

/** The body's size as the server sends it with `Accept-Encoding: encoding`. */
function sentSize(url, encoding) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (response) => {
        let size = 0;
        response.on("data", (chunk) => (size += chunk.length));
        response.on("end", () => resolve(size));
      })
      .on("error", reject);
  });
}

const pages = [
  ["country page", "/US", BUDGET_US],
  ["brand page", "/US/amazon-com", BUDGET_ANY],
  ["order page", `/orders/${await placeOrder(base)}`, BUDGET_ANY],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const kb = (n) => `${(n / KB).toFixed(1)} KB`.padStart(9);
const ci = process.env.BENCH_BUNDLE_MODE === "ci";
const baseline = JSON.parse(readFileSync(new URL("./first-visit-baseline.json", import.meta.url), "utf8"));
let missed = false;
let grew = false;
for (const [name, path, budget] of pages) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = new Set();
  page.on("response", (response) => {
    const url = response.url();
    if (url.startsWith(base) && /\.(js|wasm|css)(\?|$)/.test(url)) fetched.add(url);
  });
  await page.goto(`${base}${path}`);
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached", timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await context.close();

  const html = { raw: await sentSize(`${base}${path}`, "identity"), gzip: await sentSize(`${base}${path}`, "gzip"), brotli: await sentSize(`${base}${path}`, "br") };
  const assets = { raw: 0, gzip: 0, brotli: 0, files: fetched.size };
  const perFile = [];
  for (const url of fetched) {
    assets.raw += await sentSize(url, "identity");
    assets.gzip += await sentSize(url, "gzip");
    const brotli = await sentSize(url, "br");
    assets.brotli += brotli;
    perFile.push([brotli, url.slice(base.length)]);
  }
  const within = assets.brotli <= budget;
  missed ||= !within;

  console.log(`${name.padEnd(13)} ${path}`);
  console.log(`  HTML                 raw ${kb(html.raw)}  gzip ${kb(html.gzip)}  brotli ${kb(html.brotli)}`);
  console.log(`  JS+WASM+CSS (${String(assets.files).padStart(2)} files) raw ${kb(assets.raw)}  gzip ${kb(assets.gzip)}  brotli ${kb(assets.brotli)}   budget ${kb(budget).trim()}: ${within ? "within" : "OVER"}`);
  // BENCH_BUNDLE_FILES=1: each file, largest first (what to cut next).
  if (process.env.BENCH_BUNDLE_FILES) {
    for (const [brotli, path] of perFile.sort((a, b) => b[0] - a[0])) console.log(`    ${kb(brotli)}  ${path}`);
  }
  const recorded = baseline[name];
  if (recorded !== undefined && assets.brotli > recorded + 2 * KB) {
    grew = true;
    console.log(`  GREW past the recorded ${kb(recorded).trim()} brotli (benches/first-visit-baseline.json)`);
  }
}
await browser.close();
process.exit((ci ? grew : missed) ? 1 : 0);
