#!/usr/bin/env node
// Opens N event-stream subscribers on one order of a running shop (on its sandbox) and
// prints the server's memory, its open upstream order streams, and how long an upstream
// event takes to reach the last subscriber. Loopback only; every connection is closed at
// the end.
//   node benches/sse-subscribers.mjs <shop base URL> <server pid> [subscribers]
import http from "node:http";
import { readFileSync } from "node:fs";

const [base = "http://127.0.0.1:3000", pid, count = "1000"] = process.argv.slice(2);
const subscribers = Number(count);
if (!pid) {
  console.error("usage: node benches/sse-subscribers.mjs <base URL> <server pid> [subscribers]");
  process.exit(2);
}
const rssMiB = () => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line.split(/\s+/)[1]) / 1024;
};
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const json = async (path, init) => (await fetch(`${base}${path}`, init)).json();

// An order, made on the sandbox directly (the shop's client would make the same call).
const order = await json("/sandbox/api/v5/orders", {
  method: "POST",
  headers: { "content-type": "application/json", "x-cr-application": "bench" },
  body: JSON.stringify({
    deliveries: [{ kind: "giftcard", quantity: 1, deliverable: { beneficiary_account: "bench@example.com", brand_name: "Amazon.com", country_code: "US", denomination: "25 USD" } }],
    payment: { type: "via", payment_via: "USER_WALLET", coin: "USDC", network: "Solana" },
    user: { email: "bench@example.com", has_accepted_newsletter: false },
    lang: "en",
    acquisition: { utm_source: "bench" },
  }),
});
const id = order.order_id;
const idle = rssMiB();

const requests = [];
let events = 0;
let waiting = null;
const opened = await new Promise((resolve, reject) => {
  let ready = 0;
  for (let i = 0; i < subscribers; i++) {
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

const started = process.hrtime.bigint();
const allHeard = new Promise((resolve) => (waiting = resolve));
await fetch(`${base}/sandbox/api/__control/orders/${id}/underpay`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
await allHeard;
const fanOutMs = Number(process.hrtime.bigint() - started) / 1e6;

for (const request of requests) request.destroy();
console.log(`subscribers on one order      ${opened}`);
console.log(`upstream order streams open   ${health.order_streams_open}`);
console.log(`server RSS before             ${idle.toFixed(1)} MiB`);
console.log(`server RSS with subscribers   ${withSubscribers.toFixed(1)} MiB (+${(withSubscribers - idle).toFixed(1)} MiB)`);
console.log(`upstream event -> last one    ${fanOutMs.toFixed(0)} ms`);
process.exit(0);
