//! Each helper against the shapes production sends, and the ones it might.

use super::*;
use serde::Deserialize;

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Sample {
    #[serde(deserialize_with = "amount")]
    amount: Option<Decimal>,
    #[serde(deserialize_with = "epoch")]
    at: Option<i64>,
    #[serde(deserialize_with = "text")]
    id: Option<String>,
    #[serde(deserialize_with = "flag")]
    on: Option<bool>,
    #[serde(deserialize_with = "text_list")]
    tags: Vec<String>,
}

fn parse(json: &str) -> Result<Sample, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn numbers_come_as_strings_or_numbers() -> Result<(), serde_json::Error> {
    let a = parse(r#"{"amount":"10.21","at":"1787679708","id":42,"on":"true"}"#)?;
    let b = parse(r#"{"amount":10.21,"at":1787679708,"id":"42","on":true}"#)?;
    assert_eq!(a.amount, b.amount);
    assert_eq!(a.amount.map(|d| d.to_string()).as_deref(), Some("10.21"));
    assert_eq!(a.at, Some(1_787_679_708));
    assert_eq!(a.at, b.at);
    assert_eq!(a.id, b.id);
    assert_eq!(a.on, Some(true));
    Ok(())
}

#[test]
fn floats_keep_their_short_form() -> Result<(), serde_json::Error> {
    let s = parse(r#"{"amount":0.56}"#)?;
    assert_eq!(s.amount.map(|d| d.to_string()).as_deref(), Some("0.56"));
    let s = parse(r#"{"amount":5.0}"#)?;
    assert_eq!(
        s.amount.map(|d| d.normalize().to_string()).as_deref(),
        Some("5")
    );
    Ok(())
}

#[test]
fn nulls_and_blanks_are_absent() -> Result<(), serde_json::Error> {
    let s = parse(r#"{"amount":null,"at":null,"id":null,"on":null,"tags":null}"#)?;
    assert!(s.amount.is_none() && s.at.is_none() && s.id.is_none() && s.on.is_none());
    assert!(s.tags.is_empty());
    assert!(parse(r#"{"amount":""}"#)?.amount.is_none());
    assert_eq!(parse(r#"{"tags":["a",null,"b"]}"#)?.tags, ["a", "b"]);
    Ok(())
}

#[test]
fn nonsense_is_an_error_not_a_zero() {
    assert!(parse(r#"{"amount":"ten"}"#).is_err());
    assert!(parse(r#"{"amount":true}"#).is_err());
    assert!(parse(r#"{"on":"maybe"}"#).is_err());
    assert!(parse(r#"{"at":"soon"}"#).is_err());
}

#[test]
fn amounts_come_as_objects_too() -> Result<(), serde_json::Error> {
    for json in [
        r#"{"amount":{"amount":5,"currency":"USD"}}"#,
        r#"{"amount":{"currency":"USD","amount":"5.00"}}"#,
        r#"{"amount":{"value":5.0}}"#,
    ] {
        let parsed = parse(json)?.amount.map(|d| d.normalize().to_string());
        assert_eq!(parsed.as_deref(), Some("5"), "{json}");
    }
    assert!(parse(r#"{"amount":{"amount":null}}"#)?.amount.is_none());
    assert!(parse(r#"{"amount":{"currency":"USD"}}"#).is_err());
    assert!(parse(r#"{"amount":{"amount":{"amount":5}}}"#).is_err());
    assert!(parse(r#"{"amount":[5]}"#).is_err());
    Ok(())
}

#[derive(Deserialize, Debug)]
struct Listed {
    #[serde(deserialize_with = "amount")]
    price: Option<Decimal>,
}

#[test]
fn a_lenient_list_counts_what_it_skips() -> Result<(), serde_json::Error> {
    let before = skipped_elements();
    let list: LenientList<Listed> =
        serde_json::from_str(r#"[{"price":"1"},{"price":"ten"},{"price":{"x":1}},{"price":2}]"#)?;
    let prices: Vec<_> = list.items.iter().map(|l| l.price).collect();
    assert_eq!(prices, [Some(Decimal::ONE), Some(Decimal::TWO)]);
    assert_eq!(list.skipped, 2);
    assert!(skipped_elements() >= before + 2);
    let empty: LenientList<Listed> = serde_json::from_str("null")?;
    assert_eq!((empty.items.len(), empty.skipped), (0, 0));
    Ok(())
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Spare {
    #[serde(deserialize_with = "optional_epoch")]
    at: Option<i64>,
    #[serde(deserialize_with = "optional_amount")]
    sent: Option<Decimal>,
    #[serde(deserialize_with = "optional_object")]
    inner: Option<Listed>,
    #[serde(deserialize_with = "text")]
    id: Option<String>,
}

#[test]
fn a_spare_field_that_does_not_read_is_left_out_and_counted() -> Result<(), serde_json::Error> {
    let before = skipped_fields();
    let spare: Spare =
        serde_json::from_str(r#"{"at":"yesterday","sent":[1],"inner":"a string","id":"kept"}"#)?;
    assert_eq!((spare.at, spare.sent), (None, None));
    assert!(spare.inner.is_none());
    assert_eq!(spare.id.as_deref(), Some("kept"));
    assert!(skipped_fields() >= before + 3);
    let fine: Spare = serde_json::from_str(r#"{"at":"5","sent":"1.5","inner":{"price":"2"}}"#)?;
    assert_eq!(fine.at, Some(5));
    assert_eq!(fine.inner.and_then(|i| i.price), Some(Decimal::TWO));
    Ok(())
}

#[test]
fn epoch_accepts_fractions() -> Result<(), serde_json::Error> {
    assert_eq!(parse(r#"{"at":"1787679708.9"}"#)?.at, Some(1_787_679_708));
    Ok(())
}
