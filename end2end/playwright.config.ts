// Playwright runs the shop on its embedded sandbox, on a free port, in Debian's Chromium
// (Playwright's own browser download cannot work offline): the release build's WASM, CSS
// and file names, served by the binary STOREFRONT_E2E_BIN names (scripts/test: the debug
// build `cargo test` has just made; else the release binary).
import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

// Workers load this file too: the port is chosen once and passed down in the environment.
if (!process.env.STOREFRONT_E2E_PORT) {
  process.env.STOREFRONT_E2E_PORT = execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
}
const port = process.env.STOREFRONT_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const root = resolve(__dirname, "..");

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: resolve(root, process.env.STOREFRONT_E2E_BIN ?? "target/release/storefront"),
    cwd: root,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: resolve(root, "target/site"),
      // The hashed names of the release build's files, wherever the binary is.
      LEPTOS_HASH_FILE_NAME: resolve(root, "target/release/hash.txt"),
      // Orders move only when a test pushes them (the control endpoints): a paid order
      // waits for its "deliver" push (a day, the longest allowed) rather than delivering
      // itself after 5 s while a test is still looking at "Delivering".
      SANDBOX_PAY_AFTER_SECS: "0",
      SANDBOX_DELIVER_AFTER_SECS: "86400",
      // Upstream's streams say something every second; one silent for 3 s is dead.
      SANDBOX_HEARTBEAT_SECS: "1",
      CR_STREAM_IDLE_SECS: "3",
      RUST_LOG: "warn",
      // Every test shops from 127.0.0.1: one shopper, as far as the per-IP limits can tell.
      // The limits are tested by `cargo test` (tests/hostile_calls.rs).
      STOREFRONT_QUOTES_PER_MINUTE: "100000",
      STOREFRONT_ORDERS_PER_MINUTE: "100000",
      CR_API_URL: "",
    },
  },
});
