import { test, expect, open } from "./fixtures";

test("the picker offers all 233 countries", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await picker.focus();
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("listbox", { name: "Countries" }).getByRole("option")).toHaveCount(233);
});

test("typing filters the countries", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await picker.fill("viet");
  const options = page.getByRole("listbox", { name: "Countries" }).getByRole("option");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("Vietnam");
  await expect(page.getByRole("status").filter({ hasText: "1 country matches" })).toBeAttached();
  await picker.fill("zzzz");
  await expect(options).toHaveCount(0);
});

test("choosing a country by keyboard lands on its shop and survives a reload", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await picker.fill("germ");
  await picker.press("ArrowDown");
  await picker.press("ArrowUp");
  await expect(picker).toHaveAttribute("aria-activedescendant", "country-option-DE");
  await picker.press("Enter");
  await expect(page).toHaveURL(/\/DE$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Germany");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Germany");
  // The choice is remembered: the home page goes back to it.
  await page.goto("/");
  await expect(page).toHaveURL(/\/DE$/);
});

test("clicking an option chooses it", async ({ page }) => {
  await open(page, "/US");
  await page.getByRole("combobox", { name: "Country" }).fill("brazil");
  await page.getByRole("option", { name: /Brazil/ }).click();
  await expect(page).toHaveURL(/\/BR$/);
});

test("Enter in an empty picker goes nowhere; an unclear name lists the matches", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await picker.focus();
  await expect(picker).not.toHaveAttribute("aria-activedescendant", /.+/);
  await picker.press("Enter");
  await expect(page).toHaveURL(/\/US$/);
  await picker.fill("zzz");
  await expect(page.getByText("No country matches. Try its English name or its two-letter code.")).toBeVisible();
  await picker.fill("united");
  await picker.press("Enter");
  await expect(page).toHaveURL(/\/countries\?q=united$/);
  await expect(page.getByRole("main").getByRole("link", { name: /United Kingdom/ })).toBeVisible();
});

test("escape closes the list", async ({ page }) => {
  await open(page, "/US");
  const picker = page.getByRole("combobox", { name: "Country" });
  await picker.fill("fr");
  await expect(page.getByRole("listbox", { name: "Countries" })).toBeVisible();
  await picker.press("Escape");
  await expect(page.getByRole("listbox", { name: "Countries" })).toHaveCount(0);
  await expect(picker).toHaveAttribute("aria-expanded", "false");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the picker is a form that finds the country", async ({ page }) => {
    await page.goto("/US");
    const picker = page.getByRole("combobox", { name: "Country" });
    await picker.fill("viet");
    await picker.press("Enter");
    await expect(page).toHaveURL(/\/VN$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Vietnam");
  });

  test("an unclear name lists the matches as links", async ({ page }) => {
    await page.goto("/countries?q=united");
    await expect(page.getByRole("main").getByRole("status")).toContainText("countries match");
    await page.getByRole("link", { name: /United Kingdom/ }).click();
    await expect(page).toHaveURL(/\/GB$/);
  });
});
