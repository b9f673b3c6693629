// The shop's moving parts as a shopper (or a screen reader) finds them: by role, name and
// text, never by the classes the styles use.
import { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The brand page's price next to Buy, a live region named "Price" ("Price, 25.53 USDC"). */
export function shownPrice(page: Page) {
  return page.getByRole("status", { name: "Price" });
}

/**
 * A value on the payment page's list ("Send exactly", "To this address"): the definition
 * whose copy button names it ("Copy the amount", "Copy the address"), and in it the value.
 * The copy buttons need JavaScript: without it, find the value by its text.
 */
export function paymentValue(page: Page, what: "the amount" | "the remaining amount" | "the address" | "the invoice") {
  return page
    .getByRole("region", { name: "Payment details" })
    .getByRole("definition")
    .filter({ has: page.getByRole("button", { name: `Copy ${what}` }) })
    .getByRole("code");
}

/** The time left to pay, as it reads: "29:05 left". */
export function timeLeft(page: Page) {
  return page.getByText(/^\d{1,2}:\d\d left$/);
}

/** "29:05 left" in seconds. */
export function seconds(text: string | null): number {
  const match = /^(\d{1,2}):(\d\d) left$/.exec(text ?? "");
  if (!match) throw new Error(`not a time left: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The order's progress, "Awaiting payment" to "Done", one list item a step. */
export function progressSteps(page: Page) {
  return page.getByRole("list", { name: "Progress" }).getByRole("listitem");
}

const STEPS = ["Awaiting payment", "Payment received", "Delivering", "Done"] as const;

/**
 * The progress as a screen reader reads it: the steps before `current` end in "(done)",
 * `current` is the current step, and the rest are still to come.
 */
export async function expectProgress(page: Page, current: (typeof STEPS)[number]) {
  const at = STEPS.indexOf(current);
  const steps = progressSteps(page);
  await expect(steps).toHaveText(STEPS.map((step, index) => (index < at ? `${step} (done)` : step)));
  for (const index of STEPS.keys()) {
    if (index === at) {
      await expect(steps.nth(index)).toHaveAttribute("aria-current", "step");
    } else {
      await expect(steps.nth(index)).not.toHaveAttribute("aria-current");
    }
  }
}

/** 1745 seconds as the page writes them: "29:05 left". */
export function timeLeftText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")} left`;
}
