//! What societies' systems reach with their client-credentials token (the [`crate::auth::society::Society`] extractor): the change feeds of their
//! specialty ([`feeds`]), their webhooks ([`webhooks`]) and, on a demo server, a sandbox
//! ([`sandbox`]). Every request with a society's token, on any route, passes
//! the gate (`routes/gate.rs`) first: it is throttled per client and refused once the board revoked
//! the client, even while the token has not expired.

pub mod feeds;
pub mod sandbox;
pub mod webhooks;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(feeds::configure).configure(webhooks::configure).configure(sandbox::configure);
}
