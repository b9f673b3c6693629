// A shopper buying through a load balancer in front of two instances that share Redis:
// the instance reading the order's live status dies after they paid, and their page still
// moves to Done, with no reload, when the other instance takes over.
import { test, expect, hydrated } from "./fixtures";
import { Cluster } from "./cluster";

test.describe.configure({ mode: "serial" });

let cluster: Cluster;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  cluster = await Cluster.start(2);
});

test.afterAll(() => cluster?.stop());

test("the instance holding an order's live status dies; the shopper's page still reaches Done", async ({ page, consoleErrors }) => {
  // The page's event stream may have run through the instance that died: its reconnect
  // (with backoff) logs the cut.
  consoleErrors.allow(/ERR_|net::|EventSource/);
  await page.goto(`${cluster.balancer}/US/amazon-com`);
  await hydrated(page);
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(`balanced-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  await hydrated(page);
  const id = page.url().split("/orders/")[1];
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay for your order");
  await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));

  await expect.poll(async () => (await cluster.holder()) !== undefined, { message: "one instance reads upstream" }).toBe(true);
  const holder = await cluster.holder();
  cluster.kill(holder!);

  await cluster.push(id, "pay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment received, preparing your order", { timeout: 20_000 });
  await cluster.push(id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready", { timeout: 20_000 });
  await expect(page.getByText("Status: Done")).toBeVisible();
  const code = page.getByRole("paragraph").filter({ has: page.getByRole("button", { name: "Copy the code" }) });
  await expect(code.getByRole("code")).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  // The survivor reads upstream now, and says Redis is in use and reachable.
  const survivor = cluster.instances.find((i) => i !== holder)!;
  const health = await (await fetch(`${survivor.url}/healthz`)).json();
  expect(health.store).toMatchObject({ kind: "redis", reachable: true });
});
