// What production's API sends, as a shopper sees it (issue 19): BTC on-chain and Lightning
// payment pages, a coupon's discount before and after ordering, a delivery that fails, and
// an order upstream doesn't know.
import { APIRequestContext, Page } from "@playwright/test";
import { test, expect, open, hydrated } from "./fixtures";
import { paymentValue } from "./locators";
import { coins, pattern, price, sandboxLine, withCoin } from "./prices";

function shopper(tag: string) {
  return `e2e-${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

async function push(request: APIRequestContext, id: string, action: string) {
  const answer = await request.post(`/sandbox/api/__control/orders/${id}/${action}`, { data: {} });
  expect(answer.ok(), `${action}: ${answer.status()}`).toBeTruthy();
}

async function buyIn(page: Page, coin: string, network: string): Promise<string> {
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("radio", { name: coin, exact: true }).check();
  await page.getByRole("radio", { name: network }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper(coin));
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/orders\//);
  await hydrated(page);
  return page.url().split("/orders/")[1];
}

test("BTC on its own chain: eight decimals, and a bitcoin: link for exactly that", async ({ page }) => {
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("radio", { name: "BTC", exact: true }).check();
  await expect(page.getByRole("radio", { name: /Mainnet/ })).toBeChecked();
  const btc = coins("amazon-com", "25", "BTC", "Mainnet");
  await expect(page.getByText(withCoin(btc, "BTC")).first()).toBeVisible();
  await buyIn(page, "BTC", "Mainnet");
  await expect(page.getByText("Send only BTC on Mainnet")).toBeVisible();
  await expect(paymentValue(page, "the amount")).toHaveText(btc);
  const address = (await paymentValue(page, "the address").textContent()) ?? "";
  expect(address).toMatch(/^bc1q/);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", `bitcoin:${address}?amount=${btc}`);
});

test("Lightning: the invoice is what the QR code and the copy button hold", async ({ page }) => {
  await buyIn(page, "BTC", "Lightning");
  await expect(page.getByText("Lightning invoice", { exact: true })).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the invoice" }).click();
  const invoice = await page.evaluate(() => navigator.clipboard.readText());
  expect(invoice).toMatch(/^lnbc\d+1p[a-z0-9]{200,}$/);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", `lightning:${invoice}`);
  await expect(page.getByRole("img", { name: "QR code with the payment details" })).toBeVisible();
});

test("a coupon's discount is shown before the order exists, and on the payment page", async ({ page }) => {
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("coupon"));
  await page.getByRole("textbox", { name: "Coupon code (optional)" }).fill("WELCOME5");
  await page.getByRole("button", { name: "Buy now" }).click();
  await hydrated(page);
  const line = sandboxLine("amazon-com", "25", "USDC", "Solana", { coupon: "WELCOME5" });
  const [now, off] = [line.price, line.off!].map((amount) => withCoin(amount, "USDC"));
  const before = price("amazon-com", "25");
  await expect(page.getByRole("heading", { name: `The price is now ${now}` })).toBeVisible();
  await expect(page.getByText(`Your coupon WELCOME5 takes ${off} off the ${before} price.`)).toBeVisible();
  await page.getByRole("button", { name: `Buy for ${now}` }).click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(paymentValue(page, "the amount")).toHaveText(line.price);
  await expect(page.getByText(`Your coupon took ${off} off: ${now} instead of ${before}.`)).toBeVisible();
});

test("a delivery that fails says so, and what happens to the payment", async ({ page, request }) => {
  const id = await buyIn(page, "USDC", "Solana");
  await push(request, id, "pay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment received, preparing your order");
  await push(request, id, "fail-delivery");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Refunded");
  await expect(page.getByText("The brand rejected the card request.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: new RegExp(`Refunded ${pattern(coins("amazon-com", "25"), "USDC").source}`) })).toBeVisible();
  await expect(page.getByRole("link", { name: "Contact support" }).first()).toBeVisible();
});

test("every state the partner can send reads as what is true", async ({ page, request }) => {
  const id = await buyIn(page, "USDC", "Solana");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay for your order");
  await push(request, id, "start");
  // The payment was seen in full: the page stops asking for it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment seen, waiting for confirmation");
  await expect(page.getByRole("heading", { level: 1, name: "Pay for your order" })).toHaveCount(0);
  await push(request, id, "receive");
  await expect(page.getByText("Status: Payment received")).toBeVisible();
  await push(request, id, "hold");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Being checked by our team");
  await push(request, id, "cancel");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Canceled");
  await expect(page.getByRole("heading", { name: "What this order was for" })).toBeVisible();
});

test("an order upstream doesn't know stops with 'No such order' rather than asking for ever", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404|ERR_FAILED|net::/);
  const id = await buyIn(page, "USDC", "Solana");
  // From now on upstream says it has no such order, on the stream and when polled.
  await page.route("**/api/orders/*/subscribe", (route) => route.fulfill({ status: 404, contentType: "application/json", body: '{"error":"no such order"}' }));
  // Polling asks for the page again (the island's fetch; a reload is the browser's own).
  await page.route(`**/orders/${id}`, (route) =>
    route.request().resourceType() === "fetch"
      ? route.fulfill({ status: 404, contentType: "text/html; charset=utf-8", body: "<!DOCTYPE html><title>Not found</title><h1>No such order</h1>" })
      : route.continue(),
  );
  // The page as it comes back: its stream fails (it reconnects with backoff), then it
  // polls, hears that there is no such order, and stops there.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("status").filter({ hasText: "No such order" })).toBeVisible({ timeout: 25_000 });
  expect(id).toBeTruthy();
});
