//! Serde helpers for what production sends: numbers as strings or numbers, nulls where
//! lists or flags belong, and lists where one bad element must not sink the rest.

use rust_decimal::{prelude::ToPrimitive, Decimal};
use serde::{
    de::{self, DeserializeOwned, Visitor},
    Deserialize, Deserializer,
};
use std::{
    fmt,
    str::FromStr,
    sync::atomic::{AtomicU64, Ordering},
};

/// A scalar that may arrive as a string, an integer, a float or a bool.
enum Scalar {
    Text(String),
    Float(f64),
    Int(i128),
    Bool(bool),
    Null,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, number, bool or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

/// An amount of money from `"10.21"`, `10.21`, `10` or `{"amount": 10.21, "currency": "USD"}`
/// (production sends all three, for the same field); `null` and `""` are `None`. A float goes
/// through its shortest exact text form, so `0.56` becomes exactly 0.56, never
/// 0.5600000000000001. Every money field and bound goes through this one decoder.
pub fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    scalar_decimal(d.deserialize_any(AmountVisitor)?)
}

fn scalar_decimal<E: de::Error>(value: Scalar) -> Result<Option<Decimal>, E> {
    match value {
        Scalar::Null => Ok(None),
        Scalar::Text(t) if t.trim().is_empty() => Ok(None),
        Scalar::Text(t) => parse_decimal(&t).map(Some).map_err(E::custom),
        Scalar::Int(i) => parse_decimal(&i.to_string()).map(Some).map_err(E::custom),
        Scalar::Float(f) if f.is_finite() => {
            parse_decimal(&f.to_string()).map(Some).map_err(E::custom)
        }
        Scalar::Float(f) => Err(E::custom(format!("{f} is not an amount"))),
        Scalar::Bool(b) => Err(E::custom(format!("{b} is not an amount"))),
    }
}

/// A scalar, or the scalar under `amount` (or `value`) of a `{amount, currency}` object.
struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount: a string, a number or an {amount, currency} object")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        ScalarVisitor.visit_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        ScalarVisitor.visit_string(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        ScalarVisitor.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        ScalarVisitor.visit_u64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        ScalarVisitor.visit_f64(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        ScalarVisitor.visit_bool(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                // A nested object under `amount` is not an amount: refuse it below.
                "amount" | "value" if found.is_none() => {
                    found = Some(map.next_value_seed(ScalarSeed)?);
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        found.ok_or_else(|| de::Error::custom("an amount object without `amount`"))
    }
}

/// Reads one scalar (and refuses objects and lists) as a map value.
struct ScalarSeed;

impl<'de> de::DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| format!("`{text}` is not an amount"))
}

/// Epoch seconds from `"1787679708"`, `1787679708` or `1787679708.5`; null is `None`.
pub fn epoch<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let Some(value) = scalar_decimal(scalar(d)?)? else {
        return Ok(None);
    };
    value
        .trunc()
        .to_i64()
        .map(Some)
        .ok_or_else(|| de::Error::custom(format!("{value} is not a time")))
}

/// Text from a string or a number (ids and denominations come both ways); null is `None`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Null => None,
        Scalar::Text(t) => Some(t),
        Scalar::Int(i) => Some(i.to_string()),
        Scalar::Float(f) => Some(f.to_string()),
        Scalar::Bool(b) => Some(b.to_string()),
    })
}

/// A flag from `true`, `"true"`, `1`, `"1"`; null is `None`.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::Bool(b) => Ok(Some(b)),
        Scalar::Int(i) => Ok(Some(i != 0)),
        Scalar::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(Some(true)),
            "false" | "0" | "no" | "" => Ok(Some(false)),
            other => Err(de::Error::custom(format!("`{other}` is not true or false"))),
        },
        Scalar::Float(f) => Err(de::Error::custom(format!("{f} is not true or false"))),
    }
}

/// A whole number from a string or a number; null is `None`.
pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match scalar_decimal(scalar(d)?)? {
        None => Ok(None),
        Some(value) if value.fract().is_zero() && value >= Decimal::ZERO => value
            .to_string()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| de::Error::custom(format!("{value} is not a whole number"))),
        Some(value) => Err(de::Error::custom(format!("{value} is not a whole number"))),
    }
}

/// Upstream list elements skipped because they did not parse, since the process started
/// (shown on `/healthz`: a rising count means production changed a shape).
static SKIPPED_ELEMENTS: AtomicU64 = AtomicU64::new(0);

pub fn skipped_elements() -> u64 {
    SKIPPED_ELEMENTS.load(Ordering::Relaxed)
}

/// A list where `null` means empty and elements that do not parse are skipped, each logged
/// at WARN with the path of the field that broke, and counted: one odd brand must not take a
/// whole country's shop down, and none may vanish without a word.
#[derive(Debug)]
pub struct LenientList<T> {
    pub items: Vec<T>,
    /// How many elements were skipped.
    pub skipped: usize,
}

impl<T> Default for LenientList<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            skipped: 0,
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for LenientList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw: Option<Vec<serde_json::Value>> = Option::deserialize(d)?;
        let mut list = Self::default();
        for (index, value) in raw.unwrap_or_default().into_iter().enumerate() {
            match serde_path_to_error::deserialize(value) {
                Ok(item) => list.items.push(item),
                Err(error) => {
                    list.skipped += 1;
                    SKIPPED_ELEMENTS.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        element = std::any::type_name::<T>().rsplit("::").next().unwrap_or("?"),
                        index,
                        path = %error.path(),
                        error = %error.inner(),
                        "skipped an upstream list element that does not parse"
                    );
                }
            }
        }
        Ok(list)
    }
}

/// Fields of upstream answers the shop can do without, dropped because they did not parse
/// (a timestamp that isn't one, a refund of an unknown shape), since the process started.
static SKIPPED_FIELDS: AtomicU64 = AtomicU64::new(0);

pub fn skipped_fields() -> u64 {
    SKIPPED_FIELDS.load(Ordering::Relaxed)
}

/// Counts and logs an element the shop had to leave out for want of what it needs (a brand
/// without a name, a problem without a code): like an element that doesn't parse.
pub fn skip_element(what: &'static str, why: &str) {
    SKIPPED_ELEMENTS.fetch_add(1, Ordering::Relaxed);
    tracing::warn!(
        element = what,
        why,
        "skipped an upstream element the shop can't use"
    );
}

/// A field the shop can do without, read with `strict`: a value that doesn't read is
/// logged, counted and left out, never a reason to refuse the whole answer.
fn optional_field<'de, D, T>(
    d: D,
    what: &'static str,
    strict: fn(serde_json::Value) -> Result<Option<T>, serde_json::Error>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(d)?;
    match strict(value) {
        Ok(parsed) => Ok(parsed),
        Err(error) => {
            SKIPPED_FIELDS.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(field = what, %error, "left out an upstream field that does not parse");
            Ok(None)
        }
    }
}

/// `amount`, for a field the shop can do without.
pub fn optional_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    optional_field(d, "amount", amount)
}

/// `epoch`, for a field the shop can do without.
pub fn optional_epoch<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional_field(d, "time", epoch)
}

/// An object the shop can do without (a refund, a user), when it reads.
pub fn optional_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    optional_field(
        d,
        std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or("object"),
        Option::<T>::deserialize,
    )
}

/// A `LenientList` for fields that need only the elements.
pub fn lenient_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    LenientList::deserialize(d).map(|list| list.items)
}

/// A list of text where `null` and null elements are dropped.
pub fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let raw: Option<Vec<Option<String>>> = Option::deserialize(d)?;
    Ok(raw.unwrap_or_default().into_iter().flatten().collect())
}

#[cfg(test)]
mod tests;
