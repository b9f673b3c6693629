import { test, expect, open } from "./fixtures";

test("the home page sends the shopper to a country's shop and loads cleanly", async ({ page }) => {
  await open(page, "/");
  await expect(page).toHaveURL(/\/US$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("United States");
  await expect(page.getByRole("banner").getByRole("link", { name: "Storefront" })).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
});

test("the browser's language picks the country on a first visit", async ({ browser }) => {
  const context = await browser.newContext({ locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/VN$/);
  await context.close();
});

test("an unknown page is a real 404 with a way back", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/);
  const response = await page.goto("/no/such/page/here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the shop" }).click();
  await expect(page).toHaveURL(/\/[A-Z]{2}$/);
});

test("health says which upstream the shop uses", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.ok()).toBeTruthy();
  expect(await response.json()).toMatchObject({ status: "ok", upstream: "embedded sandbox" });
});
