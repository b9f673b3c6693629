// An order's page moves by itself: over the event stream, through cuts, and by polling when
// the stream can't be held, until the code appears.
import { Page, APIRequestContext } from "@playwright/test";
import { test, expect, open } from "./fixtures";
import { expectProgress, paymentValue } from "./locators";
import { pattern, sandboxLine } from "./prices";

async function placeOrder(page: Page): Promise<string> {
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(`live-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  return page.url().split("/orders/")[1];
}

async function push(request: APIRequestContext, id: string, action: string) {
  const answer = await request.post(`/sandbox/api/__control/orders/${id}/${action}`, { data: {} });
  expect(answer.ok(), `${action}: ${answer.status()}`).toBeTruthy();
}

/** A marker that a reload would wipe. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
}

async function stayed(page: Page) {
  return page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed === true);
}

test("the order goes through every step from awaiting payment to done with no reload, and the code appears", async ({ page, request }) => {
  const id = await placeOrder(page);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await markPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay for your order");
  await expect(page.getByText("Status: Waiting for your payment")).toBeVisible();
  await expectProgress(page, "Awaiting payment");

  // When the order moves, the page asks the server for itself (in the background) and puts
  // the changed parts in place.
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "fetch" && new URL(r.url()).pathname === `/orders/${id}`) asked.push(r.url());
  });
  // The sandbox's payment is confirmed at once: "Payment received" is done, delivery starts.
  await push(request, id, "pay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment received, preparing your order");
  // One request: the server's copies of the order from before the change went stale when
  // its stream heard of it, so the first answer already shows it.
  expect(asked).toHaveLength(1);
  // Focused on arrival, the heading keeps the focus as its words change; the new state is
  // said by the status line's own region.
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Payment received, preparing your order" })).toBeVisible();
  await expect(page.getByText("Status: Payment received, preparing your order")).toBeVisible();
  await expect(page.getByRole("region", { name: "Payment details" })).toBeHidden();
  await expectProgress(page, "Delivering");

  await push(request, id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready");
  await expect(page.getByText("Status: Done")).toBeVisible();
  await expectProgress(page, "Done");
  const code = page.getByRole("paragraph").filter({ has: page.getByRole("button", { name: "Copy the code" }) });
  await expect(code.getByText("Your code", { exact: true })).toBeVisible();
  await expect(code.getByRole("code")).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  expect(await page.evaluate(() => (window as unknown as { __sandboxScriptRan?: boolean }).__sandboxScriptRan)).toBeUndefined();
  await expect(page.getByRole("status").filter({ hasText: "Up to date" })).toBeVisible();
  expect(await stayed(page)).toBe(true);
  // A finished order opened again says the same.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Up to date" })).toBeVisible();
});

test("when the page can't be had after an update, it reconnects and catches up rather than saying Live over an old page", async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/ERR_FAILED|net::/);
  const id = await placeOrder(page);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await markPage(page);
  // The page's own requests for itself fail four times (a network that drops for a few seconds).
  let refused = 0;
  await page.route(`**/orders/${id}`, (route) => {
    if (route.request().resourceType() === "fetch" && refused < 4) {
      refused += 1;
      return route.abort();
    }
    return route.continue();
  });
  await push(request, id, "underpay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Part of your payment arrived", { timeout: 20_000 });
  expect(refused).toBe(4);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  expect(await stayed(page)).toBe(true);
});

test("when the stream fails, the page reconnects with backoff; cut upstream, it still reaches done", async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/ERR_FAILED|net::/);
  // Our stream to the browser fails twice; the page backs off (1 s, then 2 s) and gets it.
  let failed = 0;
  await page.route("**/api/orders/*/subscribe", async (route) => {
    if (failed < 2) {
      failed += 1;
      await route.abort();
    } else {
      await route.continue();
    }
  });
  const id = await placeOrder(page);
  await markPage(page);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 15_000 });
  expect(failed).toBe(2);
  // Upstream's streams are cut every 400 ms meanwhile: the server opens them again.
  const path = `/v5/orders/${id}/subscribe`;
  await request.post("/sandbox/api/__control/faults", { data: { path, cut_streams_after_ms: 400 } });
  try {
    await push(request, id, "pay");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment received, preparing your order", { timeout: 20_000 });
    await push(request, id, "deliver");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready", { timeout: 20_000 });
  } finally {
    await request.delete(`/sandbox/api/__control/faults?path=${encodeURIComponent(path)}`);
  }
  expect(await stayed(page)).toBe(true);
});

test("when upstream's stream dies half-open, the page says so, polls, and reaches done without a reload", async ({ page, request }) => {
  const id = await placeOrder(page);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await markPage(page);
  // The connection to upstream stays open and says nothing, while the order is paid and
  // delivered: the shop gives up on it after its idle time and tells the page.
  const path = `/v5/orders/${id}/subscribe`;
  await request.post("/sandbox/api/__control/faults", { data: { path, silent_streams: true } });
  try {
    await push(request, id, "pay");
    await push(request, id, "deliver");
    await expect(page.getByRole("status").filter({ hasText: "Reconnecting to the supplier" })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready", { timeout: 20_000 });
  } finally {
    await request.delete(`/sandbox/api/__control/faults?path=${encodeURIComponent(path)}`);
  }
  expect(await stayed(page)).toBe(true);
});

test("with the stream blocked, polling every 5 s reaches done", async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/ERR_FAILED|net::/);
  await page.route("**/api/orders/*/subscribe", (route) => route.abort());
  const id = await placeOrder(page);
  await markPage(page);
  await expect(page.getByRole("status").filter({ hasText: "Checking every 5 s" })).toBeVisible({ timeout: 15_000 });
  await push(request, id, "pay");
  await push(request, id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready", { timeout: 20_000 });
  await expect(page.getByText("Your code", { exact: true })).toBeVisible();
  expect(await stayed(page)).toBe(true);
});

test("underpaid, then expired: each state says what it means and what to do", async ({ page, request }) => {
  const id = await placeOrder(page);
  await markPage(page);
  // The shopper is on the amount's copy button when the first part arrives.
  await page.getByRole("button", { name: "Copy the amount" }).focus();
  await push(request, id, "underpay");
  const remaining = sandboxLine("amazon-com", "25").remaining_after_underpay!;
  await expect(
    page.getByRole("alert").filter({ hasText: new RegExp(`Part of the payment arrived\\. Send the remaining ${pattern(remaining, "USDC").source}`) }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Payment details" })).toBeVisible();
  // The payment details now ask for the rest, in place: the amount, its copy button (the
  // focus, whose button went, is on the heading that says what changed).
  await expect(paymentValue(page, "the remaining amount")).toHaveText(remaining);
  // Said once: the payment details' own note about it is not a second alert.
  await expect(page.getByRole("alert").filter({ hasText: "Send the remaining" })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  expect(await stayed(page)).toBe(true);
  await push(request, id, "expire");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Expired: the payment window closed");
  await expect(page.getByRole("alert").filter({ hasText: "Don't send coins for this order" })).toBeVisible();
});

test("a malformed id is refused by the stream route before anything goes upstream", async ({ request }) => {
  const answer = await request.get("/api/orders/not%20an%20id/subscribe");
  expect(answer.status()).toBe(400);
  expect((await answer.json()).error).toBeTruthy();
});

test("recent orders on this device survive closing the tab", async ({ page, context }) => {
  // What another program left in the list's place is no list: the order is kept all the same.
  await open(page, "/US");
  await page.evaluate(() => localStorage.setItem("storefront_recent_orders", "not a list"));
  const id = await placeOrder(page);
  await page.close();
  const again = await context.newPage();
  await open(again, "/US");
  await again.getByRole("link", { name: "Your orders" }).first().click();
  await expect(again.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();
  await expect(again.locator("html")).toHaveAttribute("data-hydrated", "true");
  const link = again.getByRole("link", { name: "Amazon.com · $25" });
  await expect(link).toHaveAttribute("href", `/orders/${id}`);
  await link.click();
  await expect(again).toHaveURL(new RegExp(`/orders/${id}$`));
});

test("sandbox controls refuse what a form on another site could send", async ({ page, request }) => {
  const id = await placeOrder(page);
  const asForm = await request.post(`/sandbox/api/__control/orders/${id}/pay`, { form: { x: "1" } });
  expect(asForm.status()).toBe(415);
  const asGet = await request.get(`/sandbox/api/__control/orders/${id}/pay`);
  expect(asGet.status()).toBe(405);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay for your order");
});
