// Several instances of the shop (the binary playwright.config.ts runs) behind nginx, sharing a Redis, in front of one
// sandbox process: what the README's "Several instances" section sets up, started here
// on free ports for the tests that shop through the load balancer.
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const shop = resolve(root, process.env.STOREFRONT_E2E_BIN ?? "target/release/storefront");

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Debian's packages: on PATH, or in /usr/sbin (nginx, for a user other than root). */
function program(name: string): string {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/bin"]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not installed: run scripts/setup`);
}

async function answers(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer`);
}

async function listens(port: number) {
  const net = await import("node:net");
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((done) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.end(), done(true)));
      socket.on("error", () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

export type Instance = { url: string; process: ChildProcess };

export class Cluster {
  sandbox = "";
  balancer = "";
  instances: Instance[] = [];
  private children: ChildProcess[] = [];
  private dir = mkdtempSync(join(tmpdir(), "storefront-cluster-"));

  static async start(count = 2): Promise<Cluster> {
    const cluster = new Cluster();
    await cluster.boot(count);
    return cluster;
  }

  private run(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, RUST_LOG: "warn", ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    this.children.push(child);
    return child;
  }

  private async boot(count: number) {
    const redisPort = await freePort();
    this.run(program("redis-server"), ["--port", `${redisPort}`, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
    await listens(redisPort);
    const sandboxPort = await freePort();
    this.run(shop, ["sandbox"], {
      LEPTOS_SITE_ADDR: `127.0.0.1:${sandboxPort}`,
      SANDBOX_PAY_AFTER_SECS: "0",
      SANDBOX_DELIVER_AFTER_SECS: "86400",
      SANDBOX_HEARTBEAT_SECS: "1",
      CR_API_URL: "",
    });
    this.sandbox = `http://127.0.0.1:${sandboxPort}`;
    await listens(sandboxPort);
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const child = this.run(shop, [], {
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: resolve(root, "target/site"),
        LEPTOS_HASH_FILE_NAME: resolve(root, "target/release/hash.txt"),
        CR_API_URL: `${this.sandbox}/sandbox/api`,
        CR_PARTNER_ID: "e2e-partner",
        CR_APP_VERSION: "1.0.0",
        CR_STREAM_IDLE_SECS: "3",
        STOREFRONT_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        STOREFRONT_QUOTES_PER_MINUTE: "100000",
        STOREFRONT_ORDERS_PER_MINUTE: "100000",
      });
      const url = `http://127.0.0.1:${port}`;
      await answers(`${url}/healthz`);
      this.instances.push({ url, process: child });
    }
    const lbPort = await freePort();
    writeFileSync(join(this.dir, "nginx.conf"), this.nginxConfig(lbPort));
    this.run(program("nginx"), ["-p", this.dir, "-c", join(this.dir, "nginx.conf"), "-g", "daemon off;"]);
    this.balancer = `http://127.0.0.1:${lbPort}`;
    await answers(`${this.balancer}/healthz`);
  }

  /** The README's example with this run's instances, port and writable paths. */
  private nginxConfig(port: number): string {
    const example = readFileSync(resolve(root, "deploy/nginx/storefront.conf"), "utf8");
    const servers = this.instances.map((i) => `        server ${i.url.replace("http://", "")} max_fails=1 fail_timeout=5s;`).join("\n");
    const d = this.dir;
    const out: string[] = [`pid ${d}/nginx.pid;`, `error_log ${d}/error.log warn;`];
    let inUpstream = false;
    for (const line of example.split("\n")) {
      const t = line.trim();
      if (t.startsWith("upstream storefront")) {
        inUpstream = true;
        out.push(line, servers);
        continue;
      }
      if (inUpstream && t.startsWith("server ")) continue;
      if (inUpstream && t.startsWith("}")) inUpstream = false;
      if (t.startsWith("listen ")) {
        out.push(`        listen 127.0.0.1:${port};`);
        continue;
      }
      if (/^(pid|error_log|access_log|user) /.test(t)) continue;
      out.push(line);
      if (t.startsWith("http {")) {
        out.push(
          `    access_log off;`,
          ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `    ${k}_temp_path ${d}/${k};`),
        );
      }
    }
    return out.join("\n");
  }

  /** The instance reading upstream's stream of orders (the lease holder), if one does. */
  async holder(): Promise<Instance | undefined> {
    for (const instance of this.instances) {
      const health = await (await fetch(`${instance.url}/healthz`)).json();
      if (health.order_streams_open > 0) return instance;
    }
    return undefined;
  }

  /** Kills an instance outright, as a machine that dies would. */
  kill(instance: Instance) {
    instance.process.kill("SIGKILL");
  }

  async push(orderId: string, action: string) {
    const answer = await fetch(`${this.sandbox}/sandbox/api/__control/orders/${orderId}/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!answer.ok) throw new Error(`${action}: ${answer.status}`);
  }

  stop() {
    for (const child of this.children.reverse()) child.kill("SIGTERM");
    rmSync(this.dir, { recursive: true, force: true });
  }
}
