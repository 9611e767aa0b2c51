//! Webhooks to societies' systems, by the Standard Webhooks scheme: each delivery carries
//! `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the signature an HMAC-SHA256
//! of `id.timestamp.body` with the endpoint's `whsec_` secret ([`signature`]).

pub mod signature;
