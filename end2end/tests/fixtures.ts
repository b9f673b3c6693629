// What every test gets: a page that fails the test on any console error, page error or
// hydration warning (an automatic fixture: no test can forget it), and a way to wait until
// the islands are live (the page marks <html data-hydrated> when the last island hydrates).
import { test as base, expect, Page } from "@playwright/test";

type ConsoleWatch = {
  /** Lets a test that provokes an error on purpose (a 404 page) say which one it expects. */
  allow: (pattern: RegExp) => void;
};

export const test = base.extend<{ consoleErrors: ConsoleWatch }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      page.on("console", (message) => {
        const text = message.text();
        if (message.type() === "error" || (message.type() === "warning" && /hydrat/i.test(text))) {
          errors.push(`${message.type()}: ${text}`);
        }
      });
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      await use({ allow: (pattern) => allowed.push(pattern) });
      const unexpected = errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
      expect(unexpected, "no console errors, page errors or hydration warnings").toEqual([]);
    },
    { auto: true },
  ],
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
