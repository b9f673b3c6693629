// What the browser is told it may run: every page type loads, hydrates and does its work
// (server functions, the event stream, the copy buttons) under its Content-Security-Policy
// without one violation.
import { Page } from "@playwright/test";
import { test, expect, open } from "./fixtures";
import { shownPrice } from "./locators";
import { price } from "./prices";

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** Opens `path` under the watch, checks its policy, and leaves it open for more steps. */
async function expectPolicy(page: Page, path: string) {
  const response = await open(page, path);
  expect(await violations(page), path).toEqual([]);
  const csp = response?.headers()["content-security-policy"] ?? "";
  // A page rendered for this request names its nonce; one kept for everyone, its scripts' hashes.
  expect(csp, path).toMatch(/script-src 'self' ('nonce-[^']+' |('sha256-[^']+' )+)'wasm-unsafe-eval'/);
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
}

test("no page type breaks its Content-Security-Policy, hydration and live updates included", async ({
  page,
  consoleErrors,
}) => {
  consoleErrors.allow(/404/);
  await watchViolations(page);

  await expectPolicy(page, "/US");
  await page.getByRole("searchbox", { name: "Search brands" }).fill("amaz");
  await expect(page.getByRole("link", { name: /Amazon\.com/ }).first()).toBeVisible();
  expect(await violations(page), "search").toEqual([]);

  // A server function (the custom amount's price) and a coin switch.
  await expectPolicy(page, "/US/airbnb");
  await page.getByRole("textbox", { name: "Amount in USD" }).fill("100");
  await expect(shownPrice(page)).toHaveText(price("airbnb", "100"));
  expect(await violations(page), "custom amount").toEqual([]);

  // The payment page: QR code, copy buttons, countdown and the event stream.
  await page.getByRole("textbox", { name: "Your email" }).fill(`csp-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  await expectPolicy(page, new URL(page.url()).pathname);
  await expect(page.getByRole("img", { name: "QR code with the payment details" })).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const copyAmount = page.getByRole("button", { name: "Copy the amount" });
  await copyAmount.click();
  await expect(copyAmount).toHaveText("Copied ✓");
  expect(await violations(page), "payment page").toEqual([]);

  await expectPolicy(page, "/countries");
  await expectPolicy(page, "/orders");
  await expectPolicy(page, "/US/no-such-brand");
});
