#!/usr/bin/env node
// Opens N event-stream subscribers spread over M orders of running shops (round robin over
// their base URLs, all on one sandbox) and prints the servers' memory and open file
// descriptors, their open upstream order streams, and how long an upstream event takes to
// reach the last subscriber. Loopback only; every connection is closed at the end. Exits 1
// when a budget is missed: one upstream stream per order across all the shops; and for
// 10,000 on one order of one shop, at most 150 MiB RSS and the last one hears within 1 s.
//   node benches/sse-subscribers.mjs <base URL[,base URL…]> <pid[,pid…]> [subscribers] [orders]
// The sandbox is the first shop's, or SANDBOX_BASE's (a `storefront sandbox` process).
import http from "node:http";
import { placeOrder } from "./sandbox-order.mjs";
import { readFileSync, readdirSync } from "node:fs";

const [baseList = "http://127.0.0.1:3000", pidList, count = "1000", orderCount = "1"] = process.argv.slice(2);
const bases = baseList.split(",");
const pids = (pidList ?? "").split(",").filter(Boolean);
const sandbox = process.env.SANDBOX_BASE || bases[0];
const subscribers = Number(count);
const orders = Number(orderCount);
if (pids.length === 0) {
  console.error("usage: node benches/sse-subscribers.mjs <base URL[,…]> <server pid[,…]> [subscribers] [orders]");
  process.exit(2);
}
const sum = (values) => values.reduce((a, b) => a + b, 0);
const rssMiB = () =>
  sum(
    pids.map((pid) => {
      const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
      return Number(line.split(/\s+/)[1]) / 1024;
    }),
  );
const openFds = () => sum(pids.map((pid) => readdirSync(`/proc/${pid}/fd`).length));
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const health = async () => Promise.all(bases.map(async (base) => (await fetch(`${base}/healthz`)).json()));

// Orders, made on the sandbox directly (the shop's client would make the same call).
const newOrder = () => placeOrder(sandbox);
const ids = [];
for (let i = 0; i < orders; i++) ids.push(await newOrder());
const idle = rssMiB();
const idleFds = openFds();

const requests = [];
let events = 0;
let waiting = null;
const opened = await new Promise((resolve, reject) => {
  let ready = 0;
  for (let i = 0; i < subscribers; i++) {
    const id = ids[i % orders];
    const base = bases[i % bases.length];
    const request = http.get(`${base}/api/orders/${id}/subscribe`, { agent }, (response) => {
      let first = true;
      response.on("data", (chunk) => {
        if (!chunk.toString().includes("data:")) return;
        if (first) {
          first = false;
          if (++ready === subscribers) resolve(ready);
        } else if (waiting && ++events === subscribers) {
          waiting();
        }
      });
    });
    request.on("error", reject);
    requests.push(request);
  }
});
const streamsOpen = sum((await health()).map((h) => h.order_streams_open));
const withSubscribers = rssMiB();
const fds = openFds();

const started = process.hrtime.bigint();
const allHeard = new Promise((resolve) => (waiting = resolve));
await Promise.all(
  ids.map((id) =>
    fetch(`${sandbox}/sandbox/api/__control/orders/${id}/underpay`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
  ),
);
await allHeard;
const fanOutMs = Number(process.hrtime.bigint() - started) / 1e6;

for (const request of requests) request.destroy();
const shops = bases.length === 1 ? "" : ` across ${bases.length} instances`;
console.log(`subscribers                   ${opened} on ${orders} order${orders === 1 ? "" : "s"}${shops}`);
console.log(`upstream order streams open   ${streamsOpen} (budget: ${orders}, one per order)`);
console.log(`server RSS before             ${idle.toFixed(1)} MiB`);
console.log(`server RSS with subscribers   ${withSubscribers.toFixed(1)} MiB (+${(withSubscribers - idle).toFixed(1)} MiB)`);
console.log(`server open file descriptors  ${fds} (${idleFds} before)`);
console.log(`upstream event -> last one    ${fanOutMs.toFixed(0)} ms`);
let missed = streamsOpen !== orders;
if (subscribers >= 10_000 && orders === 1 && bases.length === 1) {
  missed ||= withSubscribers > 150 || fanOutMs >= 1000;
  console.log(`budget (10,000 on one order: <= 150 MiB, one upstream stream, < 1 s): ${missed ? "MISSED" : "met"}`);
}
process.exit(missed ? 1 : 0);
