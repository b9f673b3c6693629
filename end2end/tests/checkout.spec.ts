// Buying on the sandbox, as a shopper does: from a brand page to a payable order, and every
// way the form can be wrong (each says why, next to the field, and creates nothing).
import { APIRequestContext, Page } from "@playwright/test";
import { test, expect, open, hydrated } from "./fixtures";
import { paymentValue, seconds, shownPrice, timeLeft, timeLeftText } from "./locators";
import { baseUnits, coins, escaped, price } from "./prices";

/** A fresh address per test, so the sandbox can say how many orders each made. */
function shopper(tag: string) {
  return `e2e-${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

async function ordersFor(request: APIRequestContext, email: string): Promise<number> {
  const answer = await request.get(`/sandbox/api/__control/orders?email=${encodeURIComponent(email)}`);
  expect(answer.ok()).toBeTruthy();
  return (await answer.json()).count;
}

async function expectPaymentPage(page: Page, amount: string, coin = "USDC", network = "Solana") {
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Pay for your order" })).toBeVisible();
  await expect(page.getByText(`Send only ${coin} on ${network}`)).toBeVisible();
  await expect(paymentValue(page, "the amount")).toHaveText(amount);
  await expect(paymentValue(page, "the address")).not.toBeEmpty();
  await expect(page.getByRole("img", { name: "QR code with the payment details" })).toBeVisible();
  await expect(timeLeft(page)).toBeVisible();
}

test("a fixed-value gift card: from the brand page to a payable order", async ({ page, request }) => {
  const email = shopper("fixed");
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "25"));
  await expect(page.getByRole("radio", { name: /Solana/ })).toBeChecked();
  await expect(page.getByText(/Paid in USDC on Solana\. Includes the shop's fees; your wallet adds its own network fee/)).toBeVisible();
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).click();
  const paid = coins("amazon-com", "25");
  await expectPaymentPage(page, paid);
  await expect(paymentValue(page, "the address")).toHaveText(/^[1-9A-HJ-NP-Za-km-z]{44}$/);
  // The token contract is a detail to check, folded away: never an address to pay to.
  const contract = page.getByText("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
  await expect(contract).toBeHidden();
  await page.getByText("Check the USDC token (not an address to pay to)").click();
  await expect(contract).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", new RegExp(`^solana:.+amount=${escaped(paid)}&spl-token=EPjF`));
  await expect(page.getByRole("region", { name: "What you're buying" })).toContainText("Amazon.com · $25");
  expect(await ordersFor(request, email)).toBe(1);

  // The copy buttons copy upstream's digits and say so.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const copyAmount = page.getByRole("button", { name: "Copy the amount" });
  await copyAmount.click();
  await expect(copyAmount).toHaveText("Copied ✓");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(paid);
  await page.getByRole("button", { name: "Copy the address" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await paymentValue(page, "the address").textContent());
});

test("a custom amount, paid in USDC on Base with an EIP-681 link", async ({ page }) => {
  await open(page, "/US/airbnb");
  await page.getByRole("textbox", { name: "Amount in USD" }).fill("100");
  await expect(shownPrice(page)).toHaveText(price("airbnb", "100"));
  await page.getByRole("radio", { name: "Base" }).check();
  await expect(page.getByText("Paid in USDC on Base.")).toBeVisible();
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("custom"));
  await page.getByRole("button", { name: "Buy now" }).click();
  const onBase = coins("airbnb", "100", "USDC", "Base");
  await expectPaymentPage(page, onBase, "USDC", "Base");
  await expect(paymentValue(page, "the address")).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute(
    "href",
    new RegExp(
      `^ethereum:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913@8453/transfer\\?address=0x[0-9a-fA-F]{40}&uint256=${baseUnits(onBase, 6)}$`,
    ),
  );
});

test("an eSIM plan goes to an email address", async ({ page }) => {
  await open(page, "/US/esim");
  await page.getByRole("radio", { name: /1 GB 7 days/ }).check();
  await expect(shownPrice(page)).toHaveText(price("esim", "5")); // the 1 GB 7 days plan is $5
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("esim"));
  await page.getByRole("textbox", { name: /Send the eSIM to/ }).fill("traveller@example.com");
  await page.getByRole("button", { name: "Buy now" }).click();
  await expectPaymentPage(page, coins("esim", "5"));
  await expect(page.getByRole("region", { name: "What you're buying" })).toContainText("for traveller@example.com");
});

test("a mobile top-up goes to a phone number written as E.164", async ({ page }) => {
  await open(page, "/US/t-mobile");
  const phone = page.getByRole("textbox", { name: "Phone number to top up" });
  await expect(phone).toHaveValue("+1");
  await page.getByRole("radio", { name: /\$10/ }).check();
  await expect(shownPrice(page)).toHaveText(price("t-mobile", "10"));
  await phone.fill("+1 (415) 555-2671");
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("topup"));
  await page.getByRole("button", { name: "Buy now" }).click();
  // A top-up can't be taken back: the number comes back for a yes before the order exists.
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Top up +1 415-555-2671?" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, top up +1 415-555-2671" }).click();
  await expectPaymentPage(page, coins("t-mobile", "10"));
  await expect(page.getByRole("region", { name: "What you're buying" })).toContainText("for +14155552671");
});

test("bad details each get their message next to the field, and no order is made", async ({ page, request }) => {
  // A phone number that can't be one, an email without a domain: both at once.
  let email = "someone@example";
  await open(page, "/US/t-mobile");
  await page.getByRole("textbox", { name: "Phone number to top up" }).fill("+1 12");
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).click();
  await hydrated(page);
  const phone = page.getByRole("textbox", { name: "Phone number to top up" });
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveAccessibleDescription(/isn't a valid phone number|doesn't look like a phone number/);
  const emailBox = page.getByRole("textbox", { name: "Your email" });
  await expect(emailBox).toHaveAttribute("aria-invalid", "true");
  await expect(emailBox).toHaveAccessibleDescription(/doesn't look complete/);
  await expect(emailBox).toHaveValue(email);
  expect(await ordersFor(request, email)).toBe(0);

  // A coupon upstream doesn't know: its message sits by the coupon, the rest is kept.
  email = shopper("coupon");
  await emailBox.fill(email);
  await phone.fill("+14155552671");
  await page.getByRole("textbox", { name: "Coupon code (optional)" }).fill("NOPE");
  await page.getByRole("button", { name: "Buy now" }).click();
  await hydrated(page);
  await page.getByRole("button", { name: "Yes, top up +1 415-555-2671" }).click();
  await hydrated(page);
  await expect(page.getByRole("textbox", { name: "Coupon code (optional)" })).toHaveAccessibleDescription(
    "⚠ That coupon code doesn't exist. Check the spelling.",
  );
  await expect(page.getByRole("textbox", { name: "Phone number to top up" })).toHaveValue("+14155552671");
  // The number stays confirmed while the coupon is fixed.
  await expect(page.getByRole("button", { name: "Yes, top up +1 415-555-2671" })).toBeVisible();
  expect(await ordersFor(request, email)).toBe(0);
});

test("several problems from upstream show at once, and an unknown code still reads well", async ({ page, request }) => {
  const email = `me+kyc-pending+out-of-stock+brand-new-rule-${Date.now()}@example.com`;
  await open(page, "/US/amazon-com");
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).click();
  await hydrated(page);
  // Each message by its field, and all of them in the summary at the top.
  await expect(page.getByRole("group", { name: "Choose an amount" }).getByRole("alert")).toContainText("This product is out of stock right now.");
  const summary = page.getByRole("alert").filter({ hasText: "things to fix" });
  await expect(summary.getByRole("link", { name: /This product is out of stock right now\./ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /identity check is still being reviewed/ })).toBeVisible();
  expect(await ordersFor(request, email)).toBe(0);
});

test("an amount out of range says so and orders nothing", async ({ page, request }) => {
  const email = shopper("range");
  await open(page, "/US/airbnb");
  await page.getByRole("textbox", { name: "Amount in USD" }).fill("600");
  await expect(page.getByRole("alert").filter({ hasText: "The largest amount is $500." })).toBeVisible();
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/US\/airbnb/);
  expect(await ordersFor(request, email)).toBe(0);
});

test("an out-of-stock brand can't be bought, and a paused network can't be chosen", async ({ page }) => {
  await open(page, "/US/nintendo-eshop");
  await expect(page.getByRole("button", { name: "Buy now" })).toBeDisabled();
  await open(page, "/US/amazon-com?coin=USDT");
  const polygon = page.getByRole("radio", { name: /Polygon \(Matic\)/ });
  await expect(polygon).toBeDisabled();
  await expect(page.getByText("(paused right now)").first()).toBeVisible();
  await expect(page.getByRole("radio", { name: /Solana/ })).toBeChecked();
});

test("a suspended network sent anyway is refused with its message", async ({ page, request }) => {
  const email = shopper("suspended");
  // What a stale form (or a hand-made request) would send.
  await page.goto("/US/amazon-com");
  const product = await page.getByRole("radio", { name: /\$25/ }).inputValue();
  const answer = await request.post("/checkout", {
    form: { country: "US", brand: "amazon-com", product, coin: "USDT", network: "Polygon (Matic)", email },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(303);
  await open(page, answer.headers()["location"]);
  await expect(page.getByRole("group", { name: "On the network" }).getByRole("alert")).toHaveText(
    "Payments on this network are paused right now. Choose another network.",
  );
  expect(await ordersFor(request, email)).toBe(0);
});

test("a double click makes one order", async ({ page, request }) => {
  const email = shopper("double");
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$10\.00 / }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).dblclick();
  await expectPaymentPage(page, coins("amazon-com", "10"));
  expect(await ordersFor(request, email)).toBe(1);
  // The same form sent again (a retry, the back button) is still that one order.
  await page.goBack();
  await hydrated(page);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expectPaymentPage(page, coins("amazon-com", "10"));
  expect(await ordersFor(request, email)).toBe(1);
});

test("Back, another amount and coin: a new order; a key in a link shares nothing", async ({ page, browser, request }) => {
  const email = shopper("back");
  // A link that carries someone else's key: the shop ignores it.
  await open(page, "/US/amazon-com?key=0123456789abcdef0123456789abcdef");
  await page.getByRole("radio", { name: /\$10\.00 / }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expectPaymentPage(page, coins("amazon-com", "10"));
  const first = page.url();
  expect(first).not.toContain("key=");
  // The key lives in a cookie the page's scripts can't read.
  expect(await page.evaluate(() => document.cookie)).not.toContain("storefront_checkout");
  await page.goBack();
  await hydrated(page);
  await page.getByRole("radio", { name: "USDT", exact: true }).check();
  await page.getByRole("radio", { name: /\$50/ }).check();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "50", "USDT"));
  await page.getByRole("button", { name: "Buy now" }).click();
  await expectPaymentPage(page, coins("amazon-com", "50", "USDT", "Solana"), "USDT", "Solana");
  expect(page.url()).not.toBe(first);
  expect(await ordersFor(request, email)).toBe(2);

  // Another browser sending the very same draft gets an order of its own.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await open(theirs, "/US/amazon-com?key=0123456789abcdef0123456789abcdef");
  await theirs.getByRole("radio", { name: "USDT", exact: true }).check();
  await theirs.getByRole("radio", { name: /\$50/ }).check();
  await theirs.getByRole("textbox", { name: "Your email" }).fill(email);
  await theirs.getByRole("button", { name: "Buy now" }).click();
  await expect(theirs).toHaveURL(/\/orders\//);
  expect(theirs.url()).not.toBe(page.url());
  expect(await ordersFor(request, email)).toBe(3);
  await other.close();
});

test("after a reload the payment page shows the same amount, and the order's time left whatever the device's clock says", async ({ page, request }) => {
  // The page's clock is the test's: it runs while the pages load and hydrate, then stands
  // still and moves only when told to.
  await page.clock.install();
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$50/ }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("reload"));
  await page.getByRole("button", { name: "Buy now" }).click();
  const amount = coins("amazon-com", "50");
  await expectPaymentPage(page, amount);
  await hydrated(page);
  const id = page.url().split("/orders/")[1];
  // Stopped a little ahead of the page's time (never behind it, by the time the call lands).
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 5_000);

  // Each second on the device's clock takes a second off.
  const shown = seconds(await timeLeft(page).textContent());
  await page.clock.runFor("00:05");
  await expect(timeLeft(page)).toHaveText(timeLeftText(shown - 5));
  // The device's clock runs ten minutes ahead of the server's.
  await page.clock.runFor("10:00");
  await expect(timeLeft(page)).toHaveText(timeLeftText(shown - 605));

  // A reload asks the server: the same amount, and the order's own thirty minutes from when
  // it was made, at the server's time (its answer's Date, to the second).
  const reloaded = await page.reload();
  const serverNow = Math.floor(Date.parse(reloaded?.headers()["date"] ?? "") / 1000);
  const order = await request.get(`/sandbox/api/v5/orders/${id}`, { headers: { "x-cr-application": "e2e" } });
  expect(order.ok()).toBeTruthy();
  const deadline = Number((await order.json()).created_at) + 30 * 60;
  await expect(page.getByRole("region", { name: "Payment details" }).getByText(amount, { exact: true })).toBeVisible();
  const left = seconds(await timeLeft(page).textContent());
  expect(Math.abs(left - (deadline - serverNow)), `${left} s left, the order's deadline ${deadline}, the server's time ${serverNow}`).toBeLessThanOrEqual(1);
  await page.clock.resume();
  await hydrated(page);
  await expect(paymentValue(page, "the amount")).toHaveText(amount);
});

test("when the time is up the page says not to send coins, and its wallet button goes", async ({ page }) => {
  await page.clock.install();
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("time-up"));
  await page.getByRole("button", { name: "Buy now" }).click();
  await expectPaymentPage(page, coins("amazon-com", "25"));
  await hydrated(page);
  await expect(page.getByRole("link", { name: "Open in wallet" })).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 5_000);
  await page.clock.runFor("30:05");
  await expect(page.getByText("Time is up", { exact: true })).toBeVisible();
  await expect(page.getByText(/The payment window has closed: don't send coins now/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in wallet" })).toBeHidden();
});

test("the sandbox panel pays the order", async ({ page }) => {
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("panel"));
  await page.getByRole("button", { name: "Buy now" }).click();
  await expectPaymentPage(page, coins("amazon-com", "25"));
  const panel = page.getByRole("complementary", { name: "Sandbox" });
  await panel.getByRole("button", { name: "Simulate payment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment received, preparing your order");
  await page.getByRole("complementary", { name: "Sandbox" }).getByRole("button", { name: "Deliver now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready");
  await expect(page.getByText("Your code", { exact: true })).toBeVisible();
});

test("unknown and malformed order ids are not-found pages", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/);
  for (const id of ["ord_abc123xyz", "not%20an%20id"]) {
    const response = await page.goto(`/orders/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole purchase works as forms", async ({ page, request }) => {
    const email = shopper("nojs");
    await page.goto("/US/amazon-com");
    await page.getByRole("radio", { name: /\$25/ }).check();
    await page.getByRole("radio", { name: "USDT", exact: true }).check();
    await page.getByRole("button", { name: "Show price" }).click();
    await expect(shownPrice(page)).toHaveText(price("amazon-com", "25", "USDT"));
    await page.getByRole("radio", { name: /Tron/ }).check();
    await page.getByRole("textbox", { name: "Your email" }).fill(email);
    await page.getByRole("button", { name: "Buy now" }).click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByText("Send only USDT on Tron")).toBeVisible();
    // The copy buttons need JavaScript: the shopper reads the amount and the address in the
    // payment's list (the token's contract, folded away below it, is no address to pay to).
    const values = page.getByRole("region", { name: "Payment details" }).getByRole("definition");
    await expect(values.getByText(coins("amazon-com", "25", "USDT", "Tron"), { exact: true })).toBeVisible();
    await expect(values.getByText(/^T[1-9A-HJ-NP-Za-km-z]{33}$/)).toBeVisible();
    await expect(timeLeft(page)).toBeVisible();
    expect(await ordersFor(request, email)).toBe(1);
  });

  test("a wrong field comes back with its message and everything typed kept", async ({ page }) => {
    await page.goto("/US/t-mobile");
    await page.getByRole("textbox", { name: "Phone number to top up" }).fill("+1 12");
    await page.getByRole("textbox", { name: "Your email" }).fill("kept@example.com");
    await page.getByRole("button", { name: "Buy now" }).click();
    await expect(page.getByRole("textbox", { name: "Your email" })).toHaveValue("kept@example.com");
    await expect(page.getByRole("textbox", { name: "Phone number to top up" })).toHaveValue("+1 12");
    await expect(page.getByRole("textbox", { name: "Phone number to top up" })).toHaveAccessibleDescription(/phone number/);
    await expect(page.getByRole("alert").filter({ hasText: "One thing to fix" })).toBeVisible();
    expect(page.url()).not.toContain("kept@example.com");
  });
});
