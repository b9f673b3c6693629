// The shop floor as a new shopper finds it: search that means what it says, every width
// from 320 px, the picker starting with the shopper's country, and small things.
import { test, expect, open, hydrated } from "./fixtures";

test("search matches names by their first letters, and everyday words find categories", async ({ page }) => {
  await open(page, "/US");
  const grid = page.getByRole("region", { name: "All brands" });
  const search = page.getByRole("searchbox", { name: "Search brands" });

  await search.fill("am");
  await expect(grid.getByRole("link", { name: /Amazon\.com/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Xbox/ })).toBeHidden();
  await expect(grid.getByRole("link", { name: /Steam/ })).toBeHidden();

  await search.fill("game");
  await expect(grid.getByRole("link", { name: /Xbox/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Steam/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Walmart/ })).toBeHidden();

  await search.fill("top up");
  await expect(grid.getByRole("link", { name: /T-Mobile/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Amazon\.com/ })).toBeHidden();

  // Name matches come first, before brands found only through a topic.
  await search.fill("star");
  await expect(grid.getByRole("listitem").first()).toContainText("Starbucks");
});

test("the server finds the same brands without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/US?q=am");
  const grid = page.getByRole("region", { name: "All brands" });
  await expect(grid.getByRole("link", { name: /Amazon\.com/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Xbox/ })).toBeHidden();
  await page.goto("/US?q=game");
  await expect(grid.getByRole("link", { name: /Steam/ })).toBeVisible();
  await context.close();
});

for (const theme of ["light", "dark"] as const) {
  test(`no page scrolls sideways at 320 px (${theme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 320, height: 640 });
    const order = await request.post("/sandbox/api/v5/orders", {
      headers: { "x-cr-application": "e2e" },
      data: {
        deliveries: [{ kind: "giftcard", quantity: 1, deliverable: { beneficiary_account: "narrow@example.com", brand_name: "Amazon.com", country_code: "US", denomination: "25" } }],
        payment: { type: "via", payment_via: "USER_WALLET", coin: "USDC", network: "Solana" },
        user: { email: "narrow@example.com", has_accepted_newsletter: false },
        lang: "en",
        acquisition: { utm_source: "e2e" },
      },
    });
    const id = (await order.json()).order_id;
    for (const path of ["/US", "/US/amazon-com", "/US/t-mobile", "/countries", "/orders", `/orders/${id}`]) {
      await open(page, path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
    // The header's Go button is on screen.
    await open(page, "/US");
    const go = page.getByRole("button", { name: "Go" });
    const box = await go.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(320);
    // The category chips are one row: the first brands are not pushed far down.
    const chips = page.getByRole("group", { name: "Category" });
    const chipsBox = await chips.boundingBox();
    expect(chipsBox?.height ?? 999).toBeLessThan(90);
  });
}

test("the country picker starts with the shopper's country, shown as text", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await expect(picker).toHaveValue("United States");
  await picker.focus();
  const options = page.getByRole("listbox", { name: "Countries" }).getByRole("option");
  await expect(options.first()).toContainText("United States");
  await expect(options.nth(1)).toContainText("United Kingdom");
  await expect(options).toHaveCount(233);
  // Typing replaces the name: the selection was the whole text.
  await page.keyboard.type("viet");
  await expect(picker).toHaveValue("viet");
  await expect(options).toHaveCount(1);
});

test("a page's address with a trailing slash goes to the page", async ({ page }) => {
  const response = await page.goto("/US/steam/?coin=USDC");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/US\/steam\?coin=USDC$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Steam");
});

test("the home page says how buying works, and keyboard users can skip the feed", async ({ page }) => {
  await open(page, "/US");
  const promises = page.getByRole("list", { name: "How buying works" });
  await expect(promises).toContainText("within minutes");
  await expect(promises).toContainText("Refunded");
  await expect(promises).toContainText(/Pay with USDC.* on Solana/);
  const skip = page.getByRole("link", { name: "Skip to all brands" });
  await skip.focus();
  await expect(skip).toBeVisible();
  await skip.press("Enter");
  await expect(page).toHaveURL(/#all-brands-heading$/);
});

test("an out-of-stock brand suggests brands of its category that can be bought", async ({ page }) => {
  await open(page, "/US/nintendo-eshop");
  const instead = page.getByRole("note").filter({ hasText: "Try one of these instead" });
  await expect(instead.getByRole("link")).toHaveCount(2);
  await expect(instead.getByRole("link", { name: /Xbox|Steam|PlayStation|Roblox|Google Play/ }).first()).toBeVisible();
});

test("without an emoji font, the country's code stands in for its flag", async ({ page }) => {
  // A browser that draws flag emoji as letters or boxes: its canvas shows no colour.
  await page.addInitScript(() => {
    const original = CanvasRenderingContext2D.prototype.getImageData;
    CanvasRenderingContext2D.prototype.getImageData = function (...args) {
      const data = original.apply(this, args);
      data.data.fill(0);
      return data;
    };
  });
  await open(page, "/US");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading.getByText("US", { exact: true })).toBeVisible();
  await expect(heading.getByText("🇺🇸")).toBeHidden();
});

test("with flag emoji, the flag shows and the code badge does not", async ({ page }) => {
  await page.addInitScript(() => {
    CanvasRenderingContext2D.prototype.getImageData = function () {
      const data = new ImageData(24, 24);
      data.data.set([200, 30, 30, 255]);
      return data;
    };
  });
  await open(page, "/US");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading.getByText("🇺🇸")).toBeVisible();
  await expect(heading.getByText("US", { exact: true })).toBeHidden();
});

test("/countries has an A–Z index that jumps to each letter", async ({ page }) => {
  await open(page, "/countries");
  const index = page.getByRole("navigation", { name: "Countries from A to Z" });
  await index.getByRole("link", { name: "V", exact: true }).click();
  await expect(page).toHaveURL(/#countries-V$/);
  const v = page.getByRole("region", { name: "V", exact: true });
  await expect(v.getByRole("link", { name: /Vietnam/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "A", exact: true }).getByRole("link", { name: /Åland Islands/ })).toBeVisible();
});
