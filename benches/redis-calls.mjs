#!/usr/bin/env node
// Redis calls per page view and per checkout of shops sharing one Redis, as Redis sees
// them (`MONITOR`: the commands clients send, not those their scripts run inside). What
// the instances do on their own each second (PING to keep the connection warm, MGET of the
// catalog stamps) is left out by name. Exits 1 when catalog pages cost a Redis call per
// hundred views, or a checkout more than 4.
//   REDIS_PORT=… SANDBOX_BASE=… node benches/redis-calls.mjs <shop base URL>…
import { spawn } from "node:child_process";
import { placeOrder } from "./sandbox-order.mjs";

const bases = process.argv.slice(2);
const port = process.env.REDIS_PORT;
const sandbox = process.env.SANDBOX_BASE || bases[0];
const background = new Set(["ping", "mget", "psubscribe", "subscribe", "hello", "client", "info", "select", "monitor"]);

// Every command a client sends, counted by name as MONITOR reports it.
const seen = {};
const monitor = spawn("redis-cli", ["-p", port, "MONITOR"], { stdio: ["ignore", "pipe", "inherit"] });
let partial = "";
monitor.stdout.on("data", (chunk) => {
  const lines = (partial + chunk.toString()).split("\n");
  partial = lines.pop();
  for (const line of lines) {
    const match = /^\d+\.\d+ \[(\d+ [^\]]+)\] "([^"]+)"/.exec(line);
    if (!match || match[1].endsWith(" lua")) continue;
    const name = match[2].toLowerCase();
    if (!background.has(name)) seen[name] = (seen[name] ?? 0) + 1;
  }
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const commands = async () => {
  await settle();
  return { ...seen };
};
const delta = (before, after) => {
  const out = {};
  for (const [name, n] of Object.entries(after)) if (n - (before[name] ?? 0) > 0) out[name] = n - (before[name] ?? 0);
  return out;
};
const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
const show = (counts) => Object.entries(counts).map(([n, c]) => `${n} ${c}`).join(", ") || "none";
const get = async (url, init) => {
  const answer = await fetch(url, { redirect: "manual", ...init });
  await answer.arrayBuffer();
  return answer;
};

// Warm up: each instance fetches and announces the catalog, then all is quiet.
for (const base of bases) for (const path of ["/US", "/US/amazon-com"]) await get(base + path);
await new Promise((resolve) => setTimeout(resolve, 5000));

let missed = false;
const views = 1000;
let before = await commands();
for (let i = 0; i < views; i++) await get(bases[i % bases.length] + (i % 2 ? "/US" : "/US/amazon-com"));
let used = delta(before, await commands());
console.log(`catalog pages      ${(total(used) / views).toFixed(3)} Redis calls per view (${views} views; ${show(used)})`);
missed ||= total(used) > views / 100;

const orders = [];
for (let i = 0; i < 20; i++) orders.push(await placeOrder(sandbox, `redis-bench-${i}@example.com`));
before = await commands();
for (const [i, id] of orders.entries()) await get(`${bases[i % bases.length]}/orders/${id}`);
used = delta(before, await commands());
console.log(`order pages        ${(total(used) / orders.length).toFixed(2)} Redis calls per first view of an order (${show(used)})`);

// Checkouts: the brand page (its checkout cookie), then the form, as a browser posts it.
const page = await fetch(`${bases[0]}/US/amazon-com`);
const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0];
const product = /name="product" value="([^"]+)"/.exec(await page.text())?.[1];
const checkouts = 20;
before = await commands();
for (let i = 0; i < checkouts; i++) {
  const body = `country=US&brand=amazon-com&product=${product}&coin=USDC&network=Solana&email=buyer${i}@example.com&intent=buy`;
  const answer = await get(`${bases[i % bases.length]}/checkout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body,
  });
  if (answer.status !== 303 || !answer.headers.get("location")?.startsWith("/orders/")) {
    console.log(`checkout ${i}: ${answer.status} ${answer.headers.get("location")}`);
    missed = true;
  }
}
await new Promise((resolve) => setTimeout(resolve, 500)); // each order is filed in the background
used = delta(before, await commands());
console.log(`checkouts          ${(total(used) / checkouts).toFixed(2)} Redis calls per order placed (${checkouts} orders; ${show(used)})`);
missed ||= total(used) / checkouts > 4;
monitor.kill();
process.exit(missed ? 1 : 0);
