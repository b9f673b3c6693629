//! One order and its state machine: what each action does in each state, and the goods
//! a delivered line carries.

use super::Action;
use crate::sandbox::{brands::Kind, catalog_bodies::stable_id, text::Lang, validation::Priced};
use rust_decimal::Decimal;
use std::time::{SystemTime, UNIX_EPOCH};

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
    /// The language of the brand's texts (redeem instructions) for this order's `lang`:
    /// English for a brand upstream has no translation for.
    pub texts: Lang,
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
    /// The `lang` the order was created with: upstream's own words (why it refunded, why a
    /// card failed) follow it.
    pub lang: Lang,
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
                kind: if l.brand.kind == Kind::GiftCard {
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
                is_top_up: l.brand.kind == Kind::TopUp,
                is_esim: l.brand.kind == Kind::Esim,
                link_delivery: l.brand.link_delivery,
                state: "WaitingForPayment",
                goods: None,
                failure: None,
                texts: l.brand.texts_in(priced.lang),
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
            lang: priced.lang,
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
                let (refund, failure) = match self.lang {
                    Lang::En => (
                        "The brand could not issue the card; your coins were sent back.",
                        "The brand rejected the card request.",
                    ),
                    Lang::Vi => (
                        "Thương hiệu không phát hành được thẻ; số tiền mã hóa bạn đã thanh toán được hoàn lại.",
                        "Thương hiệu đã từ chối yêu cầu phát hành thẻ.",
                    ),
                };
                self.refund = Some((self.amount, refund.into()));
                let failing = match action {
                    Action::FailDelivery => 1,
                    _ => self.lines.len(),
                };
                for line in self.lines.iter_mut().take(failing) {
                    line.state = "Failed";
                    line.failure = Some(failure.into());
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
}
