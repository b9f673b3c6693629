//! An order's event stream from upstream, read into order events.

use super::{
    answers::{decode, decode_missing},
    mapping,
    sse::{SseItem, SseParser},
    wire, ApiError,
};
use crate::domain::OrderEvent;
use futures::{stream, Stream, StreamExt};
use std::{collections::VecDeque, pin::Pin, time::Duration};

/// Parses an event stream body into order events; ends after `stop` or when upstream closes.
/// Upstream sends a comment every 15 s: a stream that says nothing for `idle` is a
/// connection that died without closing (a half-open one), and ends with a timeout error
/// so that it is opened again.
pub(super) fn event_stream(
    response: reqwest::Response,
    idle: Duration,
) -> impl Stream<Item = Result<OrderEvent, ApiError>> {
    struct State {
        body: Pin<Box<dyn Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
        parser: SseParser,
        ready: VecDeque<Result<OrderEvent, ApiError>>,
        stopped: bool,
    }
    let state = State {
        body: Box::pin(response.bytes_stream()),
        parser: SseParser::default(),
        ready: VecDeque::new(),
        stopped: false,
    };
    stream::unfold(state, move |mut state| async move {
        loop {
            if let Some(item) = state.ready.pop_front() {
                return Some((item, state));
            }
            if state.stopped {
                return None;
            }
            let next = tokio::time::timeout(idle, state.body.next()).await;
            let chunk = match next {
                Ok(Some(Ok(chunk))) => chunk,
                Ok(Some(Err(e))) => {
                    state.stopped = true;
                    return Some((Err(ApiError::Transport(e.to_string())), state));
                }
                Ok(None) => return None,
                Err(_) => {
                    state.stopped = true;
                    return Some((Err(ApiError::Timeout(idle)), state));
                }
            };
            for item in state.parser.feed(&chunk) {
                let SseItem::Event { event, data, .. } = item else {
                    continue;
                };
                match event.as_str() {
                    "stop" => {
                        let payload: wire::StopPayload =
                            serde_json::from_str(&data).unwrap_or_default();
                        state.ready.push_back(Ok(OrderEvent::Stop {
                            error: payload.error,
                        }));
                        state.stopped = true;
                        break;
                    }
                    "message" => state.ready.push_back(
                        decode::<wire::Order>("order_events", data.as_bytes()).and_then(|raw| {
                            mapping::order(raw)
                                .map(|order| OrderEvent::Update(Box::new(order)))
                                .map_err(|m| decode_missing("order_events", m))
                        }),
                    ),
                    _ => {}
                }
            }
        }
    })
}
