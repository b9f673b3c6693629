// The sandbox's prices, from the one list the Rust tests check against the sandbox too
// (tests/fixtures/sandbox-prices.json): specs name what is bought, never a price.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export type PriceCase = {
  about: string;
  /** The brand's address in the shop: "amazon-com" for /US/amazon-com. */
  brand: string;
  brand_name: string;
  country: string;
  /** The face value, in `currency`. */
  amount: string;
  currency: string;
  coin: string;
  /** As the shop shows it: "Solana", "Polygon (Matic)", "Mainnet". */
  network: string;
  /** The coin amount as the shop shows it: "25.53". */
  price: string;
  /** An eSIM plan's name, for a line that is one. */
  product?: string;
  /** A coupon the line is priced with: then `price` is after it, and `off` what it took off. */
  coupon?: string;
  off?: string;
  /** What is left to pay after the sandbox's underpayment (half sent). */
  remaining_after_underpay?: string;
};

const cases: PriceCase[] = JSON.parse(
  readFileSync(resolve(__dirname, "../../tests/fixtures/sandbox-prices.json"), "utf8"),
).cases;

type Options = { country?: string; coupon?: string };

/** The fixture's line for `amount` of `brand` paid in `coin` on `network` (in the US unless told). */
export function sandboxLine(brand: string, amount: string, coin = "USDC", network = "Solana", options: Options = {}): PriceCase {
  const { country = "US", coupon } = options;
  const line = cases.find(
    (c) =>
      c.brand === brand &&
      c.country === country &&
      c.amount === amount &&
      c.coin === coin &&
      c.network === network &&
      c.coupon === coupon,
  );
  if (!line) {
    throw new Error(
      `tests/fixtures/sandbox-prices.json has no line for ${country}/${brand} ${amount} in ${coin} on ${network}` +
        (coupon ? ` with ${coupon}` : ""),
    );
  }
  return line;
}

/** The bare coin amount, as the payment page and the copy button have it: "102.10". */
export function coins(brand: string, amount: string, coin = "USDC", network = "Solana", options: Options = {}): string {
  return sandboxLine(brand, amount, coin, network, options).price;
}

/** The price as the brand page shows it: "102.10 USDC". */
export function price(brand: string, amount: string, coin = "USDC", network = "Solana", options: Options = {}): string {
  return withCoin(coins(brand, amount, coin, network, options), coin);
}

/** "102.10 USDC" for "102.10" and "USDC". */
export function withCoin(amount: string, coin: string): string {
  return `${amount} ${coin}`;
}

/** `amount` for a pattern: "102\\.10". */
export function escaped(amount: string): string {
  return amount.replace(/\./g, "\\.");
}

/** A pattern for text that holds `amount` and `coin`, whatever space (a no-break space) is between. */
export function pattern(amount: string, coin: string): RegExp {
  return new RegExp(`${escaped(amount)}\\s${coin}`);
}

/** `amount` in a token's smallest units ("102.10" with 6 decimals: "102100000"), as EIP-681 writes it. */
export function baseUnits(amount: string, decimals: number): string {
  const [whole, fraction = ""] = amount.split(".");
  return BigInt(whole + fraction.padEnd(decimals, "0").slice(0, decimals)).toString();
}
