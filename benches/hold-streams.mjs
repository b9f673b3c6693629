#!/usr/bin/env node
// Holds N event streams of one new sandbox order open on a running shop, then exits: for
// looking at what open streams cost while they are open (RSS, a heap profiler, gdb).
//   node benches/hold-streams.mjs <base URL> [streams, 10000] [seconds, 40]
// What one stream costs was measured this way (README, "After paying"): the shop built with
// the system allocator instead of jemalloc (comment out `#[global_allocator]` in
// src/main.rs), run under `heaptrack`, killed with SIGKILL while this holds its streams;
// `heaptrack_print --print-leaks 1` then lists what the open streams still held.
import http from "node:http";
import { placeOrder } from "./sandbox-order.mjs";

const [base = "http://127.0.0.1:3000", count = "10000", seconds = "40"] = process.argv.slice(2);
const streams = Number(count);
const id = await placeOrder(base);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let ready = 0;
await new Promise((resolve, reject) => {
  for (let i = 0; i < streams; i++) {
    const request = http.get(`${base}/api/orders/${id}/subscribe`, { agent }, (response) => {
      let first = true;
      response.on("data", (chunk) => {
        if (first && chunk.toString().includes("data:")) {
          first = false;
          if (++ready === streams) resolve();
        }
      });
    });
    request.on("error", reject);
  }
});
console.log(`holding ${ready} streams of order ${id} for ${seconds} s`);
await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
process.exit(0);
