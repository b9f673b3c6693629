#!/usr/bin/env node
// Opens N event-stream subscribers spread over M orders of a running shop (on its sandbox)
// and prints the server's memory and open file descriptors, its open upstream order
// streams, and how long an upstream event takes to reach the last subscriber. Loopback
// only; every connection is closed at the end. Exits 1 when a budget is missed (10,000 on
// one order: at most 150 MiB RSS, one upstream stream, the last one hears within 1 s).
//   node benches/sse-subscribers.mjs <shop base URL> <server pid> [subscribers] [orders]
import http from "node:http";
import { placeOrder } from "./sandbox-order.mjs";
import { readFileSync, readdirSync } from "node:fs";

const [base = "http://127.0.0.1:3000", pid, count = "1000", orderCount = "1"] = process.argv.slice(2);
const subscribers = Number(count);
const orders = Number(orderCount);
if (!pid) {
  console.error("usage: node benches/sse-subscribers.mjs <base URL> <server pid> [subscribers]");
  process.exit(2);
}
const rssMiB = () => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line.split(/\s+/)[1]) / 1024;
};
const openFds = () => readdirSync(`/proc/${pid}/fd`).length;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const json = async (path, init) => (await fetch(`${base}${path}`, init)).json();

// Orders, made on the sandbox directly (the shop's client would make the same call).
const newOrder = () => placeOrder(base);
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
const health = await json("/healthz");
const withSubscribers = rssMiB();
const fds = openFds();

const started = process.hrtime.bigint();
const allHeard = new Promise((resolve) => (waiting = resolve));
await Promise.all(
  ids.map((id) =>
    fetch(`${base}/sandbox/api/__control/orders/${id}/underpay`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
  ),
);
await allHeard;
const fanOutMs = Number(process.hrtime.bigint() - started) / 1e6;

for (const request of requests) request.destroy();
console.log(`subscribers                   ${opened} on ${orders} order${orders === 1 ? "" : "s"}`);
console.log(`upstream order streams open   ${health.order_streams_open}`);
console.log(`server RSS before             ${idle.toFixed(1)} MiB`);
console.log(`server RSS with subscribers   ${withSubscribers.toFixed(1)} MiB (+${(withSubscribers - idle).toFixed(1)} MiB)`);
console.log(`server open file descriptors  ${fds} (${idleFds} before)`);
console.log(`upstream event -> last one    ${fanOutMs.toFixed(0)} ms`);
let missed = health.order_streams_open !== orders;
if (subscribers >= 10_000 && orders === 1) {
  missed ||= withSubscribers > 150 || fanOutMs >= 1000;
  console.log(`budget (10,000 on one order: <= 150 MiB, one upstream stream, < 1 s): ${missed ? "MISSED" : "met"}`);
}
process.exit(missed ? 1 : 0);
