//! The partner API's JSON as it arrives (and the requests we send), kept inside the client.
//! Every field is optional or defaulted: what is missing is decided in `mapping`.

mod catalog;
mod orders;
mod requests;

pub use catalog::*;
pub use orders::*;
pub use requests::*;
