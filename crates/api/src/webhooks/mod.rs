//! Webhooks to societies' systems, by the Standard Webhooks scheme: each delivery carries
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the signature an HMAC-SHA256
//! of `id.timestamp.body` with the endpoint's `whsec_` secret ([`signature`]). Deliveries are queued
//! in the transaction of the change they tell of ([`outbox`]) and sent by a worker ([`worker`]).

pub mod outbox;
pub mod signature;
pub mod worker;
