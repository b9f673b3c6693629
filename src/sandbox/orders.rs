//! Sandbox orders: created waiting for payment, moved on by timers and by the control
//! endpoints, watched by event streams. In memory, bounded, safe to share.

use super::{catalog_json::stable_id, validation::Priced};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, SystemTime, UNIX_EPOCH},
};
use tokio::sync::watch;

/// The guide's 30 minutes to pay.
pub const PAYMENT_WINDOW: Duration = Duration::from_secs(30 * 60);

/// How many orders the sandbox keeps; the oldest go first.
const MAX_ORDERS: usize = 5_000;

/// What a control endpoint (or a timer) does to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Pay,
    Deliver,
    Expire,
    Fail,
    Underpay,
    /// Back to `Created`: the wallet is still being set up (only before any payment).
    Created,
    /// The payment is seen, not yet confirmed (`PaymentStarted`).
    Start,
    /// The payment is confirmed; delivery hasn't started (`PaymentReceived`).
    Receive,
    /// Held for a person to check (`WaitingForManualAction`).
    Hold,
    /// The payment couldn't be set up (`PaymentSetupFailed`).
    SetupFail,
    /// Cancelled by upstream (`Canceled`).
    Cancel,
    /// The first item that isn't settled fails to deliver; the order is refunded.
    FailDelivery,
}

impl Action {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "pay" => Self::Pay,
            "deliver" => Self::Deliver,
            "expire" => Self::Expire,
            "fail" => Self::Fail,
            "underpay" => Self::Underpay,
            "created" => Self::Created,
            "start" => Self::Start,
            "receive" => Self::Receive,
            "hold" => Self::Hold,
            "setup-fail" => Self::SetupFail,
            "cancel" => Self::Cancel,
            "fail-delivery" => Self::FailDelivery,
            _ => return None,
        })
    }
}

/// The goods of a delivered line.
#[derive(Clone, Debug)]
pub struct Goods {
    pub pin_code: Option<String>,
    pub pin_serial: Option<String>,
    pub security_code: Option<String>,
    /// An eSIM's activation QR code, as a picture.
    pub qr_image_url: Option<String>,
    /// A top-up's reference at the phone operator.
    pub operator_reference: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Line {
    pub id: String,
    pub kind: &'static str,
    pub category: &'static str,
    pub brand: &'static str,
    pub country: &'static str,
    pub currency: &'static str,
    pub denomination: String,
    pub localized: String,
    pub beneficiary: String,
    pub coin_amount: Decimal,
    pub face_value: Decimal,
    pub is_top_up: bool,
    pub is_esim: bool,
    pub link_delivery: bool,
    pub state: &'static str,
    pub goods: Option<Goods>,
    pub failure: Option<String>,
}

/// One order, in the sandbox's own terms (state names are upstream's).
#[derive(Clone, Debug)]
pub struct Record {
    pub id: String,
    pub created_at: u64,
    pub email: String,
    pub coin: &'static str,
    pub network: &'static str,
    pub payment_method: String,
    /// `LIGHTNING_LIKE` for Lightning invoices.
    pub protocol: Option<&'static str>,
    pub amount: Decimal,
    pub original: Decimal,
    pub wallet: String,
    pub qr_text: String,
    pub sent: Decimal,
    pub state: &'static str,
    pub payment_state: &'static str,
    pub lines: Vec<Line>,
    pub refund: Option<(Decimal, String)>,
    /// Where the sandbox is reached from (for the QR and redeem links it hands out).
    pub base_url: String,
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn random_code(groups: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..groups)
        .map(|_| {
            (0..4)
                .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

impl Record {
    pub fn new(priced: &Priced, email: &str, base_url: &str) -> Self {
        let created_at = now_secs();
        let id = stable_id(&[
            &created_at.to_string(),
            &fastrand::u64(..).to_string(),
            email,
        ]);
        let wallet = priced.network.new_wallet_address();
        let lines = priced
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line {
                id: stable_id(&[&id, &i.to_string()]),
                kind: if l.brand.kind == super::brands::Kind::GiftCard {
                    "giftcard"
                } else {
                    "mobile_recharge"
                },
                category: l.brand.category,
                brand: l.brand.name,
                country: l.country,
                currency: l.currency,
                denomination: l.denomination.clone(),
                localized: l.localized.clone(),
                beneficiary: l.beneficiary.clone(),
                coin_amount: l.coin_amount,
                face_value: l.face_value,
                is_top_up: l.brand.kind == super::brands::Kind::TopUp,
                is_esim: l.brand.kind == super::brands::Kind::Esim,
                link_delivery: l.brand.link_delivery,
                state: "WaitingForPayment",
                goods: None,
                failure: None,
            })
            .collect();
        Self {
            qr_text: priced.network.qr_text(&wallet, priced.total),
            id,
            created_at,
            email: email.to_string(),
            coin: priced.coin.name,
            network: priced.network.name,
            payment_method: priced.network.payment_method(priced.coin.name),
            protocol: priced.network.protocol(),
            amount: priced.total,
            original: priced.original,
            wallet,
            sent: Decimal::ZERO,
            state: "WaitingForPayment",
            payment_state: "PaymentRequested",
            lines,
            refund: None,
            base_url: base_url.to_string(),
        }
    }

    pub fn is_final(&self) -> bool {
        matches!(
            self.state,
            "Done" | "Expired" | "PaymentFailed" | "PaymentSetupFailed" | "Refunded" | "Canceled"
        )
    }

    fn awaits_payment(&self) -> bool {
        matches!(
            self.state,
            "Created" | "WaitingForPayment" | "PaymentStarted" | "PartialPaymentStarted"
        )
    }

    /// Paid, and not yet delivered.
    fn awaits_delivery(&self) -> bool {
        matches!(
            self.state,
            "PaymentReceived" | "WaitingForDelivery" | "WaitingForManualAction"
        )
    }

    fn set_lines(&mut self, state: &'static str) {
        self.lines.iter_mut().for_each(|l| l.state = state);
    }

    /// Applies an action, or says why it does not apply to the order as it is.
    pub fn apply(&mut self, action: Action) -> Result<(), String> {
        let refuse = |state: &str| Err(format!("cannot {action:?} an order that is {state}"));
        match action {
            Action::Pay if self.awaits_payment() => {
                self.sent = self.amount;
                self.state = "WaitingForDelivery";
                self.payment_state = "PaymentCompleted";
                self.set_lines("WaitingForDelivery");
            }
            Action::Underpay if self.state == "WaitingForPayment" => {
                self.sent = (self.amount / Decimal::from(2)).round_dp(self.amount.scale());
                self.state = "PartialPaymentStarted";
                self.payment_state = "PaymentReceived";
            }
            Action::Deliver if !self.is_final() => {
                self.sent = self.amount;
                self.state = "Done";
                self.payment_state = "PaymentCompleted";
                self.deliver_goods();
            }
            Action::Expire if self.awaits_payment() => {
                self.state = "Expired";
                self.payment_state = if self.sent > Decimal::ZERO {
                    "ExpiredAfterPaymentDetection"
                } else {
                    "Expired"
                };
                self.set_lines("Canceled");
            }
            Action::Fail if self.awaits_payment() => {
                self.state = "PaymentFailed";
                self.payment_state = "PaymentFailed";
                self.set_lines("Canceled");
            }
            Action::Fail | Action::FailDelivery if self.awaits_delivery() => {
                self.state = "Refunded";
                self.payment_state = "Refunded";
                self.refund = Some((
                    self.amount,
                    "The brand could not issue the card; your coins were sent back.".into(),
                ));
                let failing = match action {
                    Action::FailDelivery => 1,
                    _ => self.lines.len(),
                };
                for line in self.lines.iter_mut().take(failing) {
                    line.state = "Failed";
                    line.failure = Some("The brand rejected the card request.".into());
                }
            }
            Action::Created if self.state == "WaitingForPayment" && self.sent.is_zero() => {
                self.state = "Created";
                self.payment_state = "WalletCreated";
            }
            Action::Start if self.awaits_payment() => {
                self.sent = self.amount;
                self.state = "PaymentStarted";
                self.payment_state = "PaymentReceived";
            }
            Action::Receive if self.awaits_payment() => {
                self.sent = self.amount;
                self.state = "PaymentReceived";
                self.payment_state = "PaymentCompleted";
            }
            Action::Hold if self.awaits_delivery() => {
                self.state = "WaitingForManualAction";
            }
            Action::SetupFail if matches!(self.state, "Created" | "WaitingForPayment") => {
                self.state = "PaymentSetupFailed";
                self.payment_state = "PaymentFailed";
                self.set_lines("Canceled");
            }
            Action::Cancel if !self.is_final() => {
                self.state = "Canceled";
                self.payment_state = if self.sent > Decimal::ZERO {
                    "Refunded"
                } else {
                    "Expired"
                };
                self.set_lines("Canceled");
            }
            _ => return refuse(self.state),
        }
        Ok(())
    }

    fn deliver_goods(&mut self) {
        let base = self.base_url.clone();
        for line in &mut self.lines {
            line.state = "Done";
            let code = random_code(4);
            line.goods = Some(if line.is_top_up {
                Goods {
                    pin_code: None,
                    pin_serial: Some(format!("TX{}", fastrand::u64(10_000_000..99_999_999))),
                    security_code: None,
                    qr_image_url: None,
                    operator_reference: Some(format!("OPR-{}", random_code(2))),
                }
            } else if line.is_esim {
                let activation = code.replace('-', "");
                Goods {
                    pin_code: Some(format!("LPA:1$smdp.sandbox.example${activation}")),
                    pin_serial: Some(format!("89{}", fastrand::u64(1_000_000_000..9_999_999_999))),
                    security_code: None,
                    qr_image_url: Some(format!("{base}/activation/{activation}.svg")),
                    operator_reference: None,
                }
            } else if line.link_delivery {
                Goods {
                    pin_code: Some(format!("{base}/redeem/{code}")),
                    pin_serial: None,
                    security_code: None,
                    qr_image_url: None,
                    operator_reference: None,
                }
            } else {
                Goods {
                    pin_code: Some(code),
                    pin_serial: Some(fastrand::u64(100_000_000_000..999_999_999_999).to_string()),
                    security_code: Some(fastrand::u32(1000..9999).to_string()),
                    qr_image_url: None,
                    operator_reference: None,
                }
            });
        }
    }

    /// The order as upstream sends it: `created_at` a string, `payment_requested_at` and
    /// `payment_value` numbers, amounts strings.
    pub fn to_json(&self) -> Value {
        let deliveries: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                let mut deliverable = json!({
                    "denomination": l.denomination,
                    "localized_denomination": l.localized,
                    "family": l.brand,
                    "brand_name": l.brand,
                    "category": l.category,
                    "beneficiary_account": l.beneficiary,
                    "country_code": l.country,
                    "delivery_type": if l.is_top_up { "by_phone" } else { "by_email" },
                    "coin_amount": l.coin_amount.to_string(),
                    "currency_code": l.currency,
                });
                if let (Some(goods), Some(map)) = (&l.goods, deliverable.as_object_mut()) {
                    map.insert("pin_code".into(), json!(goods.pin_code));
                    map.insert("pin_serial".into(), json!(goods.pin_serial));
                    map.insert("security_code".into(), json!(goods.security_code));
                    if let Some(url) = &goods.qr_image_url {
                        map.insert("qr_image_url".into(), json!(url));
                    }
                    if let Some(reference) = &goods.operator_reference {
                        map.insert("operator_reference".into(), json!(reference));
                    }
                    let plain_card = !(l.is_top_up || l.is_esim || l.link_delivery);
                    let barcode = goods
                        .pin_code
                        .as_ref()
                        .filter(|_| plain_card)
                        .map(|code| format!("{}/barcodes/{code}.jpg", self.base_url));
                    map.insert("barcode_image_url".into(), json!(barcode));
                    map.insert(
                        "redeem_instructions".into(),
                        json!(format!(
                            "<p>Redeem your <b>{}</b> at <a href=\"https://www.example.com/redeem\">example.com/redeem</a>.</p>\
                             <script>window.__sandboxScriptRan = true;</script>\
                             <ol><li>Sign in.</li><li>Enter the code.</li></ol>",
                            l.brand
                        )),
                    );
                }
                if let (Some(failure), Some(map)) = (&l.failure, deliverable.as_object_mut()) {
                    map.insert("error_description".into(), json!(failure));
                    map.insert("failure_reason".into(), json!(failure));
                }
                json!({"id": l.id, "delivery_state": l.state, "kind": l.kind, "deliverable": deliverable})
            })
            .collect();
        // Production sends epoch seconds as strings mostly, as numbers at times: half the
        // orders (by id) swap the two forms.
        let swap_forms = self.id.bytes().last().is_some_and(|b| b % 2 == 1);
        let (created_at, requested_at) = if swap_forms {
            (json!(self.created_at), json!(self.created_at.to_string()))
        } else {
            (json!(self.created_at.to_string()), json!(self.created_at))
        };
        let mut order = json!({
            "order_id": self.id,
            "created_at": created_at,
            "wallet_address": self.wallet,
            "payment_method": self.payment_method,
            "network": self.network,
            "coin": self.coin,
            "coin_amount": self.amount.to_string(),
            "original_price": self.original.to_string(),
            "qr_url": format!("{}/v3/qrs/{}", self.base_url, self.id),
            "qr_text": self.qr_text,
            "payment_method_protocol": self.protocol,
            "sent_coin_amount": self.sent.to_string(),
            "payment_state": self.payment_state,
            "payment_via": "USER_WALLET",
            "payment_requested_at": requested_at,
            "payment_id": stable_id(&[&self.id, "payment"]),
            "payment_value": self.lines.iter().map(|l| l.face_value).sum::<Decimal>().to_string().parse::<f64>().unwrap_or(0.0),
            "deliveries": deliveries,
            "order_state": self.state,
            "user": {"email": self.email},
        });
        if let (Some((amount, reason)), Some(map)) = (&self.refund, order.as_object_mut()) {
            map.insert(
                "refund".into(),
                json!({"amount": amount.to_string(), "currency": self.coin, "reason": reason}),
            );
        }
        order
    }
}

/// When orders move on their own.
#[derive(Clone, Copy, Debug)]
pub struct Timings {
    /// `None`: never paid automatically, only by the control endpoint.
    pub pay_after: Option<Duration>,
    pub deliver_after: Duration,
    pub expire_after: Duration,
}

#[derive(Default)]
struct Orders {
    by_id: HashMap<String, watch::Sender<Record>>,
    arrival: VecDeque<String>,
}

/// Every order, each behind a `watch` channel that event streams subscribe to.
#[derive(Clone)]
pub struct OrderStore {
    orders: Arc<Mutex<Orders>>,
    timings: Timings,
    /// Timer tasks still running.
    timers: Arc<std::sync::atomic::AtomicUsize>,
}

/// Counts a timer task for as long as it runs.
struct TimerRunning(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for TimerRunning {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl OrderStore {
    pub fn new(timings: Timings) -> Self {
        Self {
            orders: Arc::default(),
            timings,
            timers: Arc::default(),
        }
    }

    /// Timer tasks still running (evicted orders' timers end with them).
    pub fn running_timers(&self) -> usize {
        self.timers.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Orders> {
        self.orders.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Files a new order and starts its clocks (payment, then expiry).
    pub fn insert(&self, record: Record) -> Value {
        let id = record.id.clone();
        let json = record.to_json();
        {
            let mut orders = self.lock();
            let (sender, _) = watch::channel(record);
            orders.by_id.insert(id.clone(), sender);
            orders.arrival.push_back(id.clone());
            while orders.arrival.len() > MAX_ORDERS {
                if let Some(oldest) = orders.arrival.pop_front() {
                    orders.by_id.remove(&oldest);
                }
            }
        }
        if let Some(after) = self.timings.pay_after {
            self.later(&id, after, Action::Pay);
        }
        self.later(&id, self.timings.expire_after, Action::Expire);
        json
    }

    pub fn get(&self, id: &str) -> Option<Record> {
        self.lock().by_id.get(id).map(|s| s.borrow().clone())
    }

    /// How many orders were placed with `email`.
    pub fn count_for(&self, email: &str) -> usize {
        self.lock()
            .by_id
            .values()
            .filter(|s| s.borrow().email == email)
            .count()
    }

    pub fn subscribe(&self, id: &str) -> Option<watch::Receiver<Record>> {
        self.lock().by_id.get(id).map(watch::Sender::subscribe)
    }

    /// Applies an action now. `None` for an unknown order; `Some(Err)` when the order is not
    /// in a state the action applies to.
    pub fn apply(&self, id: &str, action: Action) -> Option<Result<Value, String>> {
        let sender = self.lock().by_id.get(id)?.clone();
        let mut outcome = Err(String::new());
        sender.send_if_modified(|record| {
            outcome = record.apply(action).map(|()| record.to_json());
            outcome.is_ok()
        });
        if outcome.is_ok() && sender.borrow().state == "WaitingForDelivery" {
            self.later(id, self.timings.deliver_after, Action::Deliver);
        }
        Some(outcome)
    }

    /// Applies `action` after `delay` if it still applies then (a timer never overrides
    /// what a control endpoint did meanwhile: `apply` refuses actions that no longer fit).
    /// The timer ends early when the order is evicted (its sender dropped), so a flood of
    /// orders can't leave a sleeping task behind for each.
    fn later(&self, id: &str, delay: Duration, action: Action) {
        let Some(mut watching) = self.subscribe(id) else {
            return;
        };
        let (store, id) = (self.clone(), id.to_string());
        self.timers
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let running = TimerRunning(self.timers.clone());
        tokio::spawn(async move {
            let _running = running;
            let deadline = tokio::time::sleep(delay);
            tokio::pin!(deadline);
            loop {
                tokio::select! {
                    _ = &mut deadline => {
                        let _ = store.apply(&id, action);
                        return;
                    }
                    changed = watching.changed() => {
                        if changed.is_err() {
                            return;
                        }
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::validation::{validate, LineInput, OrderInput, Verdict};

    fn record() -> Record {
        let input = OrderInput {
            email: "a@example.com".into(),
            payment_via: "USER_WALLET".into(),
            coin: "USDC".into(),
            network: None,
            coupon: None,
            lines: vec![LineInput {
                brand_name: "Amazon.com".into(),
                country_code: "US".into(),
                denomination: super::super::validation::Denomination::Amount {
                    value: Decimal::from(25),
                    currency: Some("USD".into()),
                },
                beneficiary: "a@example.com".into(),
                kind: None,
            }],
        };
        let Verdict::Fine(priced) = validate(&input) else {
            panic!("valid order");
        };
        Record::new(&priced, "a@example.com", "http://sandbox")
    }

    #[test]
    fn the_happy_path_ends_with_a_code() {
        let mut r = record();
        assert_eq!(r.state, "WaitingForPayment");
        assert!(r.qr_text.starts_with("solana:"));
        assert_eq!(r.apply(Action::Pay), Ok(()));
        assert_eq!(r.state, "WaitingForDelivery");
        assert_eq!(r.apply(Action::Deliver), Ok(()));
        assert_eq!(r.state, "Done");
        let json = r.to_json();
        assert!(json["deliveries"][0]["deliverable"]["pin_code"].is_string());
        assert!(
            r.apply(Action::Pay).is_err(),
            "a done order can't be paid again"
        );
    }

    #[test]
    fn underpaid_orders_can_still_be_paid_or_expire() {
        let mut r = record();
        assert_eq!(r.apply(Action::Underpay), Ok(()));
        assert_eq!(r.state, "PartialPaymentStarted");
        assert!(r.sent > Decimal::ZERO && r.sent < r.amount);
        let mut expired = r.clone();
        assert_eq!(expired.apply(Action::Expire), Ok(()));
        assert_eq!(expired.payment_state, "ExpiredAfterPaymentDetection");
        assert_eq!(r.apply(Action::Pay), Ok(()));
    }

    #[test]
    fn failing_after_payment_refunds() {
        let mut r = record();
        assert_eq!(r.apply(Action::Pay), Ok(()));
        assert_eq!(r.apply(Action::Fail), Ok(()));
        assert_eq!(r.state, "Refunded");
        assert!(r.to_json()["refund"]["amount"].is_string());
        let mut unpaid = record();
        assert_eq!(unpaid.apply(Action::Fail), Ok(()));
        assert_eq!(unpaid.state, "PaymentFailed");
    }

    #[tokio::test(start_paused = true)]
    async fn timers_of_evicted_orders_end() {
        let store = OrderStore::new(Timings {
            pay_after: Some(Duration::from_secs(3600)),
            deliver_after: Duration::from_secs(5),
            expire_after: PAYMENT_WINDOW,
        });
        for _ in 0..MAX_ORDERS + 300 {
            store.insert(record());
        }
        // Let the timers of evicted orders see their order go.
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert_eq!(store.running_timers(), 2 * MAX_ORDERS);
    }

    #[tokio::test(start_paused = true)]
    async fn orders_move_on_by_themselves() {
        let store = OrderStore::new(Timings {
            pay_after: Some(Duration::from_secs(20)),
            deliver_after: Duration::from_secs(5),
            expire_after: PAYMENT_WINDOW,
        });
        let r = record();
        let id = r.id.clone();
        store.insert(r);
        tokio::time::sleep(Duration::from_secs(21)).await;
        assert_eq!(store.get(&id).map(|r| r.state), Some("WaitingForDelivery"));
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(store.get(&id).map(|r| r.state), Some("Done"));
    }

    #[tokio::test(start_paused = true)]
    async fn unpaid_orders_expire_after_thirty_minutes() {
        let store = OrderStore::new(Timings {
            pay_after: None,
            deliver_after: Duration::from_secs(5),
            expire_after: PAYMENT_WINDOW,
        });
        let r = record();
        let id = r.id.clone();
        store.insert(r);
        tokio::time::sleep(Duration::from_secs(29 * 60)).await;
        assert_eq!(store.get(&id).map(|r| r.state), Some("WaitingForPayment"));
        tokio::time::sleep(Duration::from_secs(61)).await;
        assert_eq!(store.get(&id).map(|r| r.state), Some("Expired"));
    }
}
