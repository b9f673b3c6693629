// The whole purchase in Vietnamese, as a Vietnamese shopper makes it: a gift card, a top-up
// and an eSIM, from the brand page to the delivered goods, with JavaScript and without.
// Every page on the way is read for English: no English word may show, beyond the names of
// brands, coins and networks.
import { Page } from "@playwright/test";
import { test, expect, open, hydrated } from "./fixtures";

/** English words of the shop's own interface (none of them is also a Vietnamese word). */
const ENGLISH = new Set(
  `the and your you order orders pay payment paid buy now amount send sent only network copy
   copied address time left gift card cards top phone number price choose wallet done delivered
   awaiting received delivering help terms privacy refunds countries country all search brand
   brands redeem how for with this that are will our shop back reload open check plan days
   minutes continue yes cancel code details what buying bought progress step expires expired
   skip content language footer sells supplied mobile fees fee includes exactly within before
   after here more about see show new use get not don isn doesn can't cannot please enter
   receipt link coupon optional news offers install activation ready sandbox simulate deliver
   let fail hold review push along finished status live loading error something went wrong
   page found home trending popular game other credit went there nothing already`
    .split(/\s+/)
    .filter(Boolean),
);

/** Names a Vietnamese page shows as they are: brands, the shop, coins and networks. */
const NAMES = ["Amazon.com", "T-Mobile", "eSIM", "Storefront", "Cryptorefills", "USDC", "Solana"];

/** The page's words (text, titles, labels, alternative texts) outside code and other languages. */
async function wordsOf(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    // Wallet addresses and codes are not words; the switch to English is rightly English.
    root.querySelectorAll('script, style, code, [lang]:not([lang="vi"])').forEach((e) => e.remove());
    // With JavaScript, a <noscript>'s content is markup as text: read it as a page would.
    root.querySelectorAll("noscript").forEach((e) => {
      const parsed = document.createElement("div");
      parsed.innerHTML = e.textContent ?? "";
      e.replaceWith(parsed);
    });
    const attributes = [...root.querySelectorAll("[aria-label], [title], [placeholder], [alt], meta[name=description]")].flatMap(
      (e) => ["aria-label", "title", "placeholder", "alt", "content"].map((a) => e.getAttribute(a) ?? ""),
    );
    return [root.textContent ?? "", ...attributes].join(" ");
  });
  // Email addresses and web addresses (`example.com/redeem`) are not words either.
  let rest = text.replace(/\S+@\S+/g, " ").replace(/\b[\w.-]+\.[a-z]{2,}\/\S*/gi, " ");
  for (const name of NAMES) rest = rest.split(name).join(" ");
  return rest.split(/[^\p{L}']+/u).filter(Boolean);
}

async function expectNoEnglish(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  const english = (await wordsOf(page)).filter((word) => ENGLISH.has(word.toLowerCase()));
  expect(english, `English words on ${page.url()}`).toEqual([]);
}

function shopper(tag: string) {
  return `e2e-vi-${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** With JavaScript the islands must be live before a click; without, the page is ready. */
async function visit(page: Page, path: string, javaScript: boolean) {
  if (javaScript) await open(page, path);
  else await page.goto(path);
}

async function afterNavigation(page: Page, javaScript: boolean) {
  if (javaScript) await hydrated(page);
}

/** From the payment page on: pays and delivers with the sandbox panel, in Vietnamese. */
async function payAndReceive(page: Page, javaScript: boolean, ready: string) {
  await expect(page).toHaveURL(/\/vi\/orders\/[A-Za-z0-9_-]+/);
  await expect(page.getByRole("heading", { level: 1, name: "Thanh toán đơn hàng của bạn" })).toBeVisible();
  await expect(page.getByText("Chỉ gửi USDC trên mạng Solana")).toBeVisible();
  await expect(page.getByText(/^Còn lại \d{1,2}:\d\d$/)).toBeVisible();
  await expectNoEnglish(page);

  await page.getByRole("button", { name: "Giả lập thanh toán", exact: true }).click();
  await afterNavigation(page, javaScript);
  await page.getByRole("button", { name: "Giao hàng ngay" }).click();
  await afterNavigation(page, javaScript);
  await expect(page.getByRole("heading", { level: 1, name: ready })).toBeVisible();
  await expect(page.getByRole("list", { name: "Tiến trình" }).getByRole("listitem").last()).toHaveText("Hoàn tất");
  await expectNoEnglish(page);
  // A status line with nothing to say shows nothing (no lone "●").
  const loneDots = await page
    .getByRole("status")
    .evaluateAll((lines) => lines.filter((l) => !l.textContent?.trim() && getComputedStyle(l, "::before").content.includes("●")).length);
  expect(loneDots).toBe(0);
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "in Vietnamese, with JavaScript" : "in Vietnamese, without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("a gift card", async ({ page }) => {
      await visit(page, "/vi/US/amazon-com", javaScript);
      await expect(page.getByRole("heading", { level: 1, name: "Thẻ quà tặng Amazon.com" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Cách sử dụng" })).toBeVisible();
      await expectNoEnglish(page);
      await page.getByRole("radio", { name: /25,00\s*US\$/ }).check();
      await page.getByRole("textbox", { name: "Email của bạn" }).fill(shopper("gift"));
      await page.getByRole("button", { name: "Mua ngay" }).click();
      await afterNavigation(page, javaScript);
      await payAndReceive(page, javaScript, "Mã thẻ của bạn đã sẵn sàng");
    });

    test("a mobile top-up", async ({ page }) => {
      await visit(page, "/vi/US/t-mobile", javaScript);
      await expectNoEnglish(page);
      await page.getByRole("radio", { name: /10,00\s*US\$/ }).check();
      await page.getByRole("textbox", { name: "Số điện thoại cần nạp tiền" }).fill("+1 (415) 555-2671");
      await page.getByRole("textbox", { name: "Email của bạn" }).fill(shopper("topup"));
      await page.getByRole("button", { name: "Mua ngay" }).click();
      await afterNavigation(page, javaScript);
      // A top-up comes back for a yes, in Vietnamese too.
      await expect(page.getByRole("heading", { name: "Nạp tiền cho số +1 415-555-2671?" })).toBeVisible();
      await expectNoEnglish(page);
      await page.getByRole("button", { name: "Đồng ý, nạp tiền cho +1 415-555-2671" }).click();
      await afterNavigation(page, javaScript);
      await payAndReceive(page, javaScript, "Bạn đã nạp tiền thành công");
      // The credit is on the phone: no code to enter, and no steps to redeem one.
      await expect(page.getByRole("heading", { name: "Cách sử dụng" })).toHaveCount(0);
    });

    test("an eSIM", async ({ page }) => {
      await visit(page, "/vi/US/esim", javaScript);
      await expectNoEnglish(page);
      await page.getByRole("radio", { name: /1 GB 7 ngày/ }).check();
      await page.getByRole("textbox", { name: "Email của bạn" }).fill(shopper("esim"));
      await page.getByRole("textbox", { name: "Gửi eSIM đến (email, không bắt buộc)" }).fill("du-khach@example.com");
      await page.getByRole("button", { name: "Mua ngay" }).click();
      await afterNavigation(page, javaScript);
      await payAndReceive(page, javaScript, "eSIM của bạn đã sẵn sàng");
      // How to install it, not how to redeem a gift card.
      await expect(page.getByText(/rồi quét mã QR hoặc nhập mã kích hoạt/)).toBeVisible();
      await expect(page.getByText(/Đổi thẻ/)).toHaveCount(0);
    });
  });
}

test("the header switches language on the same page, and the shop remembers it", async ({ page }) => {
  await open(page, "/US/amazon-com");
  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await hydrated(page);
  await expect(page).toHaveURL(/\/vi\/US\/amazon-com$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  // `/` now opens the Vietnamese shop.
  await page.goto("/");
  await expect(page).toHaveURL(/\/vi\/[A-Z]{2}$/);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/[A-Z]{2}$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the country picker finds countries by either name, with or without accents", async ({ page }) => {
  await open(page, "/vi/US");
  const picker = page.getByRole("combobox");
  await picker.fill("duc");
  await expect(page.getByRole("option").first()).toContainText("Đức");
  await picker.fill("viet nam");
  await expect(page.getByRole("option").first()).toContainText("Việt Nam");
  await picker.fill("Germany");
  await expect(page.getByRole("option").first()).toContainText("Đức");
  await picker.press("Enter");
  await expect(page).toHaveURL(/\/vi\/DE$/);
});
