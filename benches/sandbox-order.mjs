// A $25 Amazon.com order made on a running shop's sandbox, as the shop's client would make
// it; resolves to its id. Shared by the benchmarks.
export async function placeOrder(base, email = "bench@example.com") {
  const answer = await fetch(`${base}/sandbox/api/v5/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-cr-application": "bench" },
    body: JSON.stringify({
      deliveries: [{ kind: "giftcard", quantity: 1, deliverable: { beneficiary_account: email, brand_name: "Amazon.com", country_code: "US", denomination: "25" } }],
      payment: { type: "via", payment_via: "USER_WALLET", coin: "USDC", network: "Solana" },
      user: { email, has_accepted_newsletter: false },
      lang: "en",
      acquisition: { utm_source: "bench" },
    }),
  });
  return (await answer.json()).order_id;
}
