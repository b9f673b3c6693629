// axe-core's WCAG 2 A/AA rules (landmarks, labels, headings, contrast) on the shop floor,
// in the light and the dark theme.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, open } from "./fixtures";

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const path of ["/US", "/US/amazon-com", "/US/airbnb", "/US/t-mobile", "/countries?q=united", "/XX", "/help", "/orders"]) {
      test(`${path} has no accessibility violations`, async ({ page, consoleErrors }) => {
        consoleErrors.allow(/status of 404/); // /XX is a 404 page on purpose
        await open(page, path);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        expect(summary).toEqual([]);
      });
    }

    test("an order's payment page and its delivered page have no accessibility violations", async ({ page, request }) => {
      await open(page, "/US/amazon-com");
      await page.getByRole("radio", { name: /\$25/ }).check();
      await page.getByRole("textbox", { name: "Your email" }).fill(`axe-${Date.now()}@example.com`);
      await page.getByRole("button", { name: "Buy now" }).click();
      await expect(page).toHaveURL(/\/orders\//);
      await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
      const check = async () => {
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      };
      expect(await check()).toEqual([]);
      const id = page.url().split("/orders/")[1];
      for (const action of ["pay", "deliver"]) {
        await request.post(`/sandbox/api/__control/orders/${id}/${action}`, { data: {} });
      }
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your code is ready");
      expect(await check()).toEqual([]);
    });

    test("the open country list has no accessibility violations", async ({ page }) => {
      await open(page, "/US");
      await page.getByRole("combobox", { name: "Country" }).fill("an");
      const results = await new AxeBuilder({ page }).include(".country-picker").withTags(["wcag2a", "wcag2aa"]).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    });
  });
}

test("everything on a brand page is reachable by keyboard, with a visible focus", async ({ page }) => {
  await open(page, "/US/airbnb");
  const reached = new Set<string>();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // The ring may sit on the element, or (radios and checkboxes) on the tile or chip
      // that holds it: what a sighted keyboard user sees either way.
      const ring = (node: Element | null) => (node ? getComputedStyle(node).outlineStyle : "none");
      const outline = [el, el.closest("label"), el.nextElementSibling]
        .map(ring)
        .find((style) => style !== "none") ?? "none";
      return { label: el.getAttribute("aria-label") ?? el.textContent?.trim() ?? el.id, outline, id: el.id, tag: el.tagName };
    });
    if (!focused) continue;
    reached.add(`${focused.tag}#${focused.id}:${focused.label}`.slice(0, 60));
    expect(focused.outline, `focus is visible on ${focused.tag} ${focused.label}`).not.toBe("none");
  }
  const all = [...reached].join("\n");
  expect(all).toContain("Skip to content");
  expect(all).toContain("country-search");
  expect(all).toContain("custom-amount");
});
