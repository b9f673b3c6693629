//! An order's frames as they travel between instances: a numbered line of text each, so
//! a relay can tell a newer frame from an older one that arrived late.

use crate::{
    domain::order_status::OrderStatus,
    services::order_feed::{Frame, Shown},
};

/// A frame as it travels between instances: its kind, then the order's JSON for the kinds
/// that carry one.
pub fn encode(frame: &Frame) -> String {
    match frame {
        Frame::Opening => "opening".into(),
        Frame::Order(shown) => format!("order\n{}", shown.json),
        Frame::Lost(shown) => format!("lost\n{}", shown.json),
        Frame::Stop => "stop".into(),
        Frame::NotFound => "not-found".into(),
        Frame::Unreachable => "unreachable".into(),
    }
}

pub fn decode(text: &str) -> Option<Frame> {
    let (kind, json) = text.split_once('\n').unwrap_or((text, ""));
    let shown = || {
        serde_json::from_str::<OrderStatus>(json)
            .ok()
            .map(|status| Shown::read(status, json.to_string()))
    };
    Some(match kind {
        "opening" => Frame::Opening,
        "order" => Frame::Order(shown()?),
        "lost" => Frame::Lost(shown()?),
        "stop" => Frame::Stop,
        "not-found" => Frame::NotFound,
        "unreachable" => Frame::Unreachable,
        _ => return None,
    })
}

/// A numbered frame as `PUBLISH` sends it: `seq`, a newline, the frame.
pub fn decode_numbered(text: &str) -> Option<(u64, Frame)> {
    let (seq, frame) = text.split_once('\n')?;
    Some((seq.parse().ok()?, decode(frame)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_read_back_as_they_were_sent() {
        for frame in [
            Frame::Opening,
            Frame::Stop,
            Frame::NotFound,
            Frame::Unreachable,
        ] {
            assert_eq!(decode(&encode(&frame)), Some(frame));
        }
        assert_eq!(decode("order\n{not json"), None);
        assert_eq!(decode("something else"), None);
        assert_eq!(decode_numbered("7\nstop"), Some((7, Frame::Stop)));
        assert_eq!(decode_numbered("stop"), None);
    }
}
