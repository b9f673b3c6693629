import { test, expect, open, hydrated } from "./fixtures";
import { shownPrice } from "./locators";
import { coins, pattern, price } from "./prices";

test("choosing a country by typing its name shows its grid", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await picker.fill("Vietnam");
  await picker.press("Enter");
  await expect(page).toHaveURL(/\/VN$/);
  await hydrated(page);
  const grid = page.getByRole("region", { name: "All brands" });
  await expect(grid.getByRole("link", { name: /Shopee/ })).toBeVisible();
  await expect(grid.getByRole("listitem")).toHaveCount(14);
});

test("the home feed sits above a grid of every brand, out of stock last", async ({ page }) => {
  await open(page, "/US");
  await expect(page.getByRole("heading", { name: "Trending now" })).toBeVisible();
  const cards = page.getByRole("region", { name: "All brands" }).getByRole("listitem");
  expect(await cards.count()).toBeGreaterThanOrEqual(40);
  await expect(cards.last()).toContainText("Out of stock");
});

test("a country without a curated feed shows its popular brands", async ({ page }) => {
  await open(page, "/AX");
  await expect(page.getByRole("heading", { name: "Popular" })).toBeVisible();
  await expect(page.getByRole("region", { name: "All brands" }).getByRole("link", { name: /eSIM/ })).toBeVisible();
});

test("category chips and search text filter the grid", async ({ page }) => {
  await open(page, "/US");
  const grid = page.getByRole("region", { name: "All brands" });
  // Cards the filter hides are out of the accessibility tree: the list items left are the shown ones.
  const visibleCards = grid.getByRole("listitem");
  await page.getByRole("radio", { name: "Gaming" }).check();
  await expect(page).toHaveURL(/category=gaming/);
  await expect(grid.getByRole("link", { name: /Steam/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Walmart/ })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Trending now" })).toBeHidden();
  const gamingCount = await visibleCards.count();
  expect(gamingCount).toBeGreaterThan(3);
  await expect(page.getByRole("status").filter({ hasText: `${gamingCount} of` })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search brands" }).fill("play");
  await expect(visibleCards).toHaveCount(2); // Google Play, PlayStation
  await expect(grid.getByRole("link", { name: /PlayStation/ })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search brands" }).fill("zzzz");
  await expect(page.getByText("No brands in Gaming match “zzzz”.")).toBeVisible();
  await page.getByRole("link", { name: "Show all brands" }).click();
  await expect(page.getByRole("radio", { name: "All" })).toBeChecked();
  expect(await visibleCards.count()).toBeGreaterThanOrEqual(40);
  await expect(page.getByRole("heading", { name: "Trending now" })).toBeVisible();

  // The filter lives in the URL: a reload shows the same brands.
  await page.getByRole("searchbox", { name: "Search brands" }).fill("netflix");
  await page.reload();
  await hydrated(page);
  await expect(visibleCards).toHaveCount(1);
  await expect(page.getByRole("searchbox", { name: "Search brands" })).toHaveValue("netflix");
});

test("search forgives spaces, case and punctuation; lower-case codes keep the search", async ({ page }) => {
  await open(page, "/us?q=lowes");
  await expect(page).toHaveURL(/\/US\?q=lowes$/);
  const grid = page.getByRole("region", { name: "All brands" });
  await expect(grid.getByRole("listitem")).toHaveCount(1);
  await expect(grid.getByRole("link", { name: /Lowe's/ })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search brands" }).fill("play station");
  await expect(grid.getByRole("listitem")).toHaveCount(1);
  await expect(grid.getByRole("link", { name: /PlayStation/ })).toBeVisible();
  await page.getByRole("radio", { name: "Food" }).check();
  await expect(page.getByText("No brands in Food match “play station”.")).toBeVisible();
  await expect(grid).toBeHidden();
});

test("every logo on the page loads as webp", async ({ page }) => {
  const logos: { url: string; status: number; type: string }[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "image") {
      logos.push({ url: response.url(), status: response.status(), type: response.headers()["content-type"] ?? "" });
    }
  });
  await open(page, "/US");
  // Bring every lazy logo into view so it loads.
  for (const card of await page.getByRole("region", { name: "All brands" }).getByRole("listitem").all()) {
    await card.scrollIntoViewIfNeeded();
  }
  await expect.poll(() => logos.length).toBeGreaterThanOrEqual(40);
  for (const logo of logos) {
    expect(logo.status, logo.url).toBe(200);
    expect(logo.type, logo.url).toBe("image/webp");
  }
  const firstLogo = page.getByRole("img", { name: "Amazon.com" }).first();
  await expect(firstLogo).toHaveAttribute("width", "300");
  await expect(firstLogo).toHaveAttribute("height", "190");
});

test("a brand page shows fixed amounts priced in the coin, and a bounded custom amount", async ({ page }) => {
  await open(page, "/US");
  await page.getByRole("region", { name: "All brands" }).getByRole("link", { name: /Amazon\.com/ }).click();
  await expect(page).toHaveURL(/\/US\/amazon-com$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Amazon.com gift card" })).toBeVisible();
  const amounts = page.getByRole("group", { name: "Choose an amount" });
  await expect(amounts.getByRole("radio")).toHaveCount(5); // $10, $25, $50, $100 and "Other amount"
  await amounts.getByRole("radio", { name: /\$25/ }).check();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "25"));

  const custom = page.getByRole("textbox", { name: "Amount in USD" });
  await expect(custom).toBeHidden();
  await amounts.getByRole("radio", { name: "Other amount" }).check();
  await custom.fill("600");
  await expect(page.getByRole("alert").filter({ hasText: "The largest amount is $500." })).toBeVisible();
  await expect(custom).toHaveAttribute("aria-invalid", "true");
  await custom.fill("2");
  await expect(page.getByRole("alert").filter({ hasText: "The smallest amount is $5." })).toBeVisible();
  await custom.fill("");
  await custom.pressSequentially("12.5");
  await expect(custom).toHaveValue("12.5");
  await expect(page.getByRole("alert").filter({ hasText: "Whole amounts only, like 25 (no cents)." })).toBeVisible();
  // A decimal comma is a decimal point, never a thousands separator; letters get a message.
  await custom.fill("12,50");
  await expect(page.getByRole("alert").filter({ hasText: "Whole amounts only, like 25 (no cents)." })).toBeVisible();
  await custom.fill("ten");
  await expect(page.getByRole("alert").filter({ hasText: "Enter the amount as a number, like 25." })).toBeVisible();
  await custom.fill("100");
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "100"));
  await expect(custom).toHaveAttribute("aria-invalid", "false");

  // Another coin reprices in place and keeps the choice.
  await amounts.getByRole("radio", { name: /\$25/ }).check();
  await page.getByRole("radio", { name: "USDT", exact: true }).check();
  await expect(page).toHaveURL(/coin=USDT/);
  await expect(amounts.getByRole("radio", { name: /\$25/ })).toBeChecked();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "25", "USDT"));
  await expect(amounts.getByRole("radio", { name: /^\$10\.00 / })).toHaveAccessibleName(pattern(coins("amazon-com", "10", "USDT"), "USDT"));
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("radio", { name: "USDT", exact: true })).toBeChecked();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "25", "USDT"));

  await page.getByRole("link", { name: /All brands in United States/ }).click();
  await expect(page).toHaveURL(/\/US$/);
});

test("moving through the amounts by keyboard never changes the choice", async ({ page }) => {
  await open(page, "/US/amazon-com");
  const fifty = page.getByRole("radio", { name: /\$50/ });
  await fifty.check();
  await fifty.focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(fifty).toBeChecked();
  await expect(shownPrice(page)).toHaveText(price("amazon-com", "50"));
});

test("a custom-amount brand shows the price of its starting amount at once", async ({ page }) => {
  await open(page, "/US/airbnb");
  await expect(page.getByRole("textbox", { name: "Amount in USD" })).toHaveValue("100");
  await expect(shownPrice(page)).toHaveText(price("airbnb", "100"));
});

test("a brand that sells only custom amounts, sent in production's object form, shows its range and a price", async ({ page }) => {
  await open(page, "/US/hotels-com");
  await expect(page.getByText("From $50.00 to $500.00")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Amount in USD" })).toHaveValue("100");
  await expect(shownPrice(page)).toHaveText(price("hotels-com", "100"));
  await expect(page.getByText("not available right now")).toHaveCount(0);
});

test("upstream HTML is sanitised: the description's script never runs", async ({ page }) => {
  await open(page, "/US/amazon-com");
  await expect(page.getByRole("heading", { name: "About Amazon.com" })).toBeVisible();
  await expect(page.getByRole("region", { name: "About Amazon.com" })).toContainText("Delivered in minutes");
  expect(await page.evaluate(() => (window as unknown as { __sandboxScriptRan?: boolean }).__sandboxScriptRan)).toBeUndefined();
  // Upstream's HTML sits in these sections: none keeps a script or an inline handler.
  for (const name of ["About Amazon.com", "How to redeem", "Terms and conditions"]) {
    const section = page.getByRole("region", { name });
    await expect(section).toBeVisible();
    await expect(section.locator("script, [onerror]")).toHaveCount(0);
  }
});

test("a brand page carries its title, canonical URL, Open Graph image and Product data", async ({ page }) => {
  await page.goto("/us/airbnb");
  await expect(page).toHaveURL(/\/US\/airbnb$/);
  await expect(page).toHaveTitle("Airbnb gift card · United States · Storefront");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/US\/airbnb$/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /airbnb_500x318\.jpg$/);
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(data["@type"]).toBe("Product");
  expect(data.offers).toMatchObject({ "@type": "AggregateOffer", lowPrice: "25", highPrice: "500", priceCurrency: "USD" });
});

test("kind-aware pages: top-ups and eSIM plans", async ({ page }) => {
  await open(page, "/VN/viettel");
  await expect(page.getByRole("heading", { level: 1, name: "Viettel mobile top-up" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Choose a top-up" })).toBeVisible();
  await expect(page.getByText("Top-ups go straight to the phone number you enter below.")).toBeVisible();
  await open(page, "/VN/esim");
  await expect(page.getByRole("heading", { level: 1, name: "eSIM data plans" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Choose a data plan" }).getByRole("radio", { name: /1 GB 7 days/ })).toBeVisible();
});

test("an out-of-stock brand says so and sells nothing", async ({ page }) => {
  await open(page, "/US/nintendo-eshop");
  await expect(page.getByText("Out of stock right now")).toBeVisible();
  const amounts = page.getByRole("group", { name: "Choose an amount" }).getByRole("radio");
  expect(await amounts.count()).toBeGreaterThan(0);
  for (const amount of await amounts.all()) await expect(amount).toBeDisabled();
});

test("unknown countries and brands are real 404 pages", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/);
  let response = await page.goto("/XX");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  response = await page.goto("/US/no-such-brand");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  response = await page.goto("/AX/amazon-com");
  expect(response?.status()).toBe(404);
});

test("upstream errors show a message and a retry button, never a raw error", async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 503/);
  // AQ's catalog is not cached yet: fail its next two calls (the client retries once).
  await request.post("/sandbox/api/__control/faults", { data: { path: "/v2/brands?country_code=AQ", status: 503, times: 2 } });
  const response = await page.goto("/AQ");
  expect(response?.status()).toBe(503);
  await expect(page.getByRole("alert")).toContainText("We can't reach our supplier right now");
  await expect(page.getByRole("alert")).not.toContainText("503");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Antarctica");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search and categories work as a form", async ({ page }) => {
    await page.goto("/US");
    // A category is a link: one click filters, no Search button needed.
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Food" }).click();
    await expect(page).toHaveURL(/category=food/);
    await page.getByRole("searchbox", { name: "Search brands" }).fill("star");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=star/);
    const grid = page.getByRole("region", { name: "All brands" });
    await expect(grid.getByRole("listitem")).toHaveCount(1);
    await expect(grid.getByRole("link", { name: /Starbucks/ })).toBeVisible();
  });

  test("a brand page prices a custom amount through the form", async ({ page }) => {
    await page.goto("/US/amazon-com");
    await page.getByRole("radio", { name: "Other amount" }).check();
    await page.getByRole("textbox", { name: "Amount in USD" }).fill("100");
    await page.getByRole("button", { name: "Show price" }).click();
    await expect(shownPrice(page)).toHaveText(price("amazon-com", "100"));
    await expect(page.getByRole("radio", { name: "Other amount" })).toBeChecked();
    await page.getByRole("radio", { name: "USDT", exact: true }).check();
    await page.getByRole("button", { name: "Show price" }).click();
    await expect(shownPrice(page)).toHaveText(price("amazon-com", "100", "USDT"));
  });
});
