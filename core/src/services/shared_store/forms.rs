//! Returned forms in Redis: a form sent back by one instance is read by whichever instance
//! serves the brand page next. Each expires after `KEEP_FOR`, as in memory.

use super::{key, RedisLink, StoreDown};
use crate::{
    domain::checkout::ReturnedForm,
    services::checkout_store::{is_token, new_token, FormStore, KEEP_FOR},
};
use futures::future::BoxFuture;

pub struct SharedForms {
    link: RedisLink,
}

impl SharedForms {
    pub fn new(link: RedisLink) -> Self {
        Self { link }
    }
}

impl FormStore for SharedForms {
    fn keep(&self, form: ReturnedForm) -> BoxFuture<'_, Result<String, StoreDown>> {
        Box::pin(async move {
            let token = new_token();
            let json = serde_json::to_string(&form).map_err(|e| StoreDown(e.to_string()))?;
            self.link
                .set_for(&key(&format!("form:{token}")), &json, KEEP_FOR)
                .await?;
            Ok(token)
        })
    }

    fn get<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Option<ReturnedForm>> {
        Box::pin(async move {
            if !is_token(token) {
                return None;
            }
            let json = self
                .link
                .get(&key(&format!("form:{token}")))
                .await
                .ok()
                .flatten()?;
            serde_json::from_str(&json)
                .map_err(|error| tracing::warn!(%error, "a kept form does not read"))
                .ok()
        })
    }

    fn bytes(&self) -> Option<usize> {
        None
    }
}
