// Checkout as a shopper expects it (issue 18): the right number topped up, the amount still
// due after a short payment, the next step on a phone's screen, one address to copy, help
// at every dead end, forms that say what is wrong where the shopper looks, and a delivered
// page that serves.
import { APIRequestContext, Page } from "@playwright/test";
import { test, expect, open, hydrated } from "./fixtures";
import { expectProgress, shownPrice } from "./locators";
import { coins, escaped, price, sandboxLine } from "./prices";

function shopper(tag: string) {
  return `e2e-${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

async function push(request: APIRequestContext, id: string, action: string) {
  const answer = await request.post(`/sandbox/api/__control/orders/${id}/${action}`, { data: {} });
  expect(answer.ok(), `${action}: ${answer.status()}`).toBeTruthy();
}

/** Buys `amount` of a brand with the defaults (USDC on Solana); the order's id. */
async function buy(page: Page, path: string, amount: RegExp, email = shopper("details")): Promise<string> {
  await open(page, path);
  await page.getByRole("radio", { name: amount }).check();
  await page.getByRole("textbox", { name: "Your email" }).fill(email);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  await hydrated(page);
  return page.url().split("/orders/")[1];
}

test.describe("top-up numbers", () => {
  test("a US top-up refuses numbers of other countries", async ({ page }) => {
    await open(page, "/US/at-t");
    const phone = page.getByRole("textbox", { name: "Phone number to top up" });
    await expect(phone).toHaveAccessibleDescription(/A mobile number of this country, with its country code, like \+1 /);
    await page.getByRole("textbox", { name: "Your email" }).fill(shopper("att"));
    for (const foreign of ["+44 7400 123456", "+4915123456789"]) {
      await phone.fill(foreign);
      await page.getByRole("button", { name: "Buy now" }).click();
      await hydrated(page);
      await expect(phone).toHaveAccessibleDescription(/That is a number from .+ This top-up is for numbers in United States only/);
    }
  });

  test("a German number is sent exactly as typed, after the shopper confirms it", async ({ page }) => {
    await open(page, "/DE/telekom");
    const phone = page.getByRole("textbox", { name: "Phone number to top up" });
    await expect(phone).toHaveAccessibleDescription(/like \+49 /);
    await phone.fill("+49 170 1234567");
    await page.getByRole("textbox", { name: "Your email" }).fill(shopper("de"));
    await page.getByRole("button", { name: "Buy now" }).click();
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Top up +49 170 1234567?" })).toBeVisible();
    await expect(page.locator(":focus")).toHaveAttribute("id", "form-status");
    await page.getByRole("button", { name: "Yes, top up +49 170 1234567" }).click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByRole("region", { name: "What you're buying" })).toContainText("for +491701234567");
  });
});

test("after a short payment, the amount, its copy button, the QR code and the wallet link ask for the rest", async ({ page, request }) => {
  const id = await buy(page, "/US/amazon-com", /\$25/);
  await push(request, id, "underpay");
  const remaining = sandboxLine("amazon-com", "25").remaining_after_underpay!;
  // The page reloads itself for the new amount.
  const payment = page.getByRole("region", { name: "Payment details" });
  await expect(payment.getByText("Send the remaining", { exact: true })).toBeVisible();
  await expect(payment.getByText(remaining, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in wallet" })).toHaveAttribute("href", new RegExp(`amount=${escaped(remaining)}&`));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the remaining amount" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(remaining);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Part of your payment arrived");
  // A part payment is still awaiting payment: the timeline doesn't light "Payment received".
  await expectProgress(page, "Awaiting payment");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the time left and the wallet button are on the first screen of the payment page", async ({ page }) => {
    await buy(page, "/US/amazon-com", /\$25/);
    for (const [what, locator] of [
      ["Open in wallet", page.getByRole("link", { name: "Open in wallet" })],
      ["the time left", page.getByText(/\d{1,2}:\d\d left/)],
      ["the amount", page.getByRole("button", { name: "Copy the amount" })],
    ] as const) {
      const box = await locator.boundingBox();
      expect(box, what).not.toBeNull();
      expect(box!.y + box!.height, `${what} at y=${box!.y}`).toBeLessThanOrEqual(844);
    }
  });

  test("the delivered page fits the phone: no sideways scrolling, the barcode within the screen", async ({ page, request }) => {
    const id = await buy(page, "/US/amazon-com", /\$25/);
    await push(request, id, "pay");
    await push(request, id, "deliver");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready");
    const barcode = page.getByRole("img", { name: "Barcode of the code" });
    await barcode.scrollIntoViewIfNeeded();
    await expect(barcode).toHaveJSProperty("complete", true);
    const box = await barcode.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const copy = await page.getByRole("button", { name: "Copy the code" }).boundingBox();
    expect(copy!.x + copy!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("the price and Buy stay in reach on the brand page", async ({ page }) => {
    await open(page, "/US/amazon-com");
    const buyButton = page.getByRole("button", { name: "Buy now" });
    const box = await buyButton.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await page.getByRole("radio", { name: /\$25/ }).check();
    await expect(page.getByText(price("amazon-com", "25")).first()).toBeInViewport();
  });
});

test("forms say what is wrong at the top, take the focus and link to each field", async ({ page }) => {
  await open(page, "/US/amazon-com");
  // Required first: the shopper's email comes before the optional recipient.
  const boxes = page.getByRole("group", { name: "Your details" }).getByRole("textbox");
  await expect(boxes.first()).toHaveAccessibleName("Your email");
  await page.getByRole("textbox", { name: "Your email" }).fill("someone@example");
  await page.getByRole("button", { name: "Buy now" }).click();
  await hydrated(page);
  const summary = page.getByRole("alert").filter({ hasText: "One thing to fix" });
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: /doesn't look complete/ }).click();
  await expect(page.getByRole("textbox", { name: "Your email" })).toBeFocused();
  // The optional field isn't marked wrong for being left empty.
  await expect(page.getByRole("textbox", { name: /Send the code to/ })).toHaveAttribute("aria-invalid", "false");
});

test("Enter in a field buys", async ({ page, request }) => {
  const email = shopper("enter");
  await open(page, "/US/amazon-com");
  await page.getByRole("radio", { name: /\$10\.00 / }).check();
  const box = page.getByRole("textbox", { name: "Your email" });
  await box.fill(email);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/orders\//);
  const count = await request.get(`/sandbox/api/__control/orders?email=${encodeURIComponent(email)}`);
  expect((await count.json()).count).toBe(1);
});

test("the network fee is named, and a dear network on a small card is warned about", async ({ page }) => {
  await open(page, "/US/steam");
  await page.getByRole("radio", { name: /\$5\.00 / }).check();
  await expect(page.getByText(/your wallet adds its own network fee/)).toBeVisible();
  await page.getByRole("radio", { name: "ETH Mainnet" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Sending on ETH Mainnet usually costs about $1 to $5 in network fees" })).toBeVisible();
  await page.getByRole("radio", { name: /Solana/ }).check();
  await expect(page.getByText(/usually costs about/)).toBeHidden();
});

test("the payment page says what the coins buy", async ({ page }) => {
  await buy(page, "/US/amazon-com", /\$25/);
  const payment = page.getByRole("region", { name: "Payment details" });
  await expect(payment.getByText("Amazon.com · $25")).toBeVisible();
});

test("a delivered card: its code large with copy buttons on code, serial and PIN", async ({ page, request }) => {
  const id = await buy(page, "/US/steam", /\$25/);
  await push(request, id, "pay");
  await push(request, id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready");
  await expect(page.getByRole("button", { name: "Copy the code" })).toBeVisible();
  await expect(page.getByRole("region", { name: "What you bought" })).toBeVisible();
  // The barcode comes from the shop (which fetched it from upstream's host), and loads.
  const barcode = page.getByRole("img", { name: "Barcode of the code" });
  await expect(barcode).toHaveAttribute("src", new RegExp(`^/orders/${id}/images/`));
  await barcode.scrollIntoViewIfNeeded();
  await expect.poll(() => barcode.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // The payment panel and the sandbox's payment buttons went away without a reload.
  await expect(page.getByRole("button", { name: "Simulate payment" })).toBeHidden();
  await expect(page.getByText("This order is finished.")).toBeVisible();
});

test("a delivered eSIM installs from the page; a delivered top-up says there is nothing to enter", async ({ page, request }) => {
  let id = await buy(page, "/US/esim", /1 GB 7 days/);
  await push(request, id, "pay");
  await push(request, id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your eSIM is ready");
  await expect(page.getByRole("img", { name: "eSIM activation QR code" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy the activation code" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Install on this iPhone" })).toHaveAttribute(
    "href",
    /^https:\/\/esimsetup\.apple\.com\/esim_qrcode_provisioning\?carddata=LPA%3A1%24/,
  );

  await open(page, "/US/t-mobile");
  await page.getByRole("radio", { name: /\$10/ }).check();
  await page.getByRole("textbox", { name: "Phone number to top up" }).fill("+1 415 555 2671");
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("topup-done"));
  await page.getByRole("button", { name: "Buy now" }).click();
  await page.getByRole("button", { name: "Yes, top up +1 415-555-2671" }).click();
  await expect(page).toHaveURL(/\/orders\//);
  await hydrated(page);
  id = page.url().split("/orders/")[1];
  await push(request, id, "pay");
  await push(request, id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your top-up is done");
  await expect(page.getByText(/There is no code to enter/)).toBeVisible();
});

test("dead ends lead to help: an expired order to support, a failed one to the same order again", async ({ page, request }) => {
  let id = await buy(page, "/US/amazon-com", /\$25/);
  await push(request, id, "expire");
  await expect(page.getByRole("heading", { name: "What this order was for" })).toBeVisible();
  await page.getByRole("link", { name: "Contact support" }).first().click();
  await expect(page).toHaveURL(/\/help#contact$/);
  await expect(page.getByRole("heading", { name: "Contact support" })).toBeVisible();

  id = await buy(page, "/US/amazon-com", /\$50/);
  await push(request, id, "fail");
  await page.getByRole("link", { name: "Order the same again" }).click();
  await expect(page).toHaveURL(/\/US\/amazon-com\?amount=50&coin=USDC&network=Solana$/);
  await hydrated(page);
  await expect(page.getByRole("radio", { name: /\$50/ })).toBeChecked();

  // The footer, the 404 page and the help page's own links.
  for (const name of ["Help", "Terms", "Privacy", "Refunds"]) {
    await open(page, "/US");
    await page.getByRole("contentinfo").getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(page.url()).toMatch(new RegExp(`/${name.toLowerCase()}$`));
  }
});

test("recent orders show their status, date and price", async ({ page, request }) => {
  const id = await buy(page, "/US/amazon-com", /\$25/);
  await push(request, id, "pay");
  await push(request, id, "deliver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready");
  await open(page, "/orders");
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Amazon.com · $25" }) }).first();
  await expect(item).toContainText(coins("amazon-com", "25"));
  await expect(item).toContainText("Done");
  await expect(item).toContainText(new Date().getFullYear().toString());
});

test("small things: V-Bucks by its everyday name, the header's country on an order, 44 px targets", async ({ page }) => {
  await open(page, "/US");
  await page.getByRole("searchbox", { name: "Search brands" }).fill("vbucks");
  await expect(page.getByRole("region", { name: "All brands" }).getByRole("link", { name: /Fortnite V-Bucks/ })).toBeVisible();

  await buy(page, "/US/amazon-com", /\$25/);
  await expect(page.getByRole("banner").getByRole("link", { name: /Storefront/ })).toHaveAttribute("href", "/US");
  for (const target of [page.getByRole("button", { name: "Copy the amount" }), page.getByRole("link", { name: "Open in wallet" })]) {
    const box = await target.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  await open(page, "/US/amazon-com");
  const chip = await page.getByText("USDC", { exact: true }).first().boundingBox();
  expect(chip!.height).toBeGreaterThanOrEqual(44);
  await expect(page.getByText("Send me news and offers from Storefront")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every coin's networks and every category are there without a button press", async ({ page }) => {
    await page.goto("/US/amazon-com");
    await page.getByRole("radio", { name: "USDT", exact: true }).check();
    await expect(page.getByRole("radio", { name: /Tron/ })).toBeVisible();
    await page.getByRole("radio", { name: /Tron/ }).check();
    await page.goto("/US");
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Gaming" }).click();
    await expect(page).toHaveURL(/category=gaming/);
    await expect(page.getByRole("region", { name: "All brands" }).getByRole("link", { name: /Steam/ })).toBeVisible();
  });

  test("recent orders say where they are without JavaScript", async ({ page }) => {
    await page.goto("/orders");
    await expect(page.getByText("This list is kept in your browser and shows with JavaScript turned on.")).toBeVisible();
    await expect(page.getByText("Looking for orders")).toBeHidden();
  });
});

test("the server's word on a bad amount is said once, and goes when the shopper fixes it", async ({ page }) => {
  await open(page, "/US/airbnb");
  const custom = page.getByRole("textbox", { name: "Amount in USD" });
  await custom.fill("abc");
  await page.getByRole("textbox", { name: "Your email" }).fill(shopper("fix"));
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/form=/);
  await hydrated(page);
  // Above the form, the list of what to fix links to it; in the amounts, it is said once.
  const amounts = page.getByRole("group", { name: "Choose an amount" });
  const said = amounts.getByRole("alert").filter({ hasText: "Enter the amount as a number, like 25." });
  await expect(said).toHaveCount(1);
  await expect(custom).toHaveAttribute("aria-invalid", "true");
  await custom.fill("100");
  await expect(shownPrice(page)).toHaveText(price("airbnb", "100"));
  await expect(custom).toHaveAttribute("aria-invalid", "false");
  await expect(said).toBeHidden();
});

test("when another coin's prices can't be had, the bar says so and asks again on request", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 503/);
  await open(page, "/US/amazon-com");
  // The shop's answer when upstream is down: a server function's error, as the shop writes it.
  await page.route("**/api/load_coin_prices*", (route) =>
    route.fulfill({ status: 503, contentType: "text/plain; charset=utf-8", body: "unavailable\t" }),
  );
  await page.getByRole("radio", { name: "USDT", exact: true }).check();
  const again = page.getByRole("button", { name: "Try again" });
  await expect(again).toBeVisible();
  await expect(shownPrice(page)).not.toHaveText(/USDC/);
  await page.unroute("**/api/load_coin_prices*");
  await again.click();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "10", "USDT"));
  await expect(again).toBeHidden();
});
