// What every test needs: a page that fails on console errors, and a way to wait until the
// islands are live (the page marks <html data-hydrated> when the last island hydrates).
import { test as base, expect, Page } from "@playwright/test";

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      const text = message.text();
      if (message.type() === "error" || (message.type() === "warning" && /hydrat/i.test(text))) {
        errors.push(`${message.type()}: ${text}`);
      }
    });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    await use(errors);
    expect(errors, "no console errors or hydration warnings").toEqual([]);
  },
});

export { expect };

/** Opens a path and waits for every island to hydrate. */
export async function open(page: Page, path: string) {
  const response = await page.goto(path);
  await hydrated(page);
  return response;
}

export async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}
