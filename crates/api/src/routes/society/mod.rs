//! What societies' systems reach with their client-credentials token (the [`crate::auth::society::Society`] extractor): the change feeds of their
//! specialty ([`feeds`]), their webhooks ([`webhooks`]) and, on a demo server, a sandbox
//! ([`sandbox`]). Every request with a society's token, on any route, passes
//! the gate (`routes/gate.rs`) first: it is throttled per client and refused once the board revoked
//! the client, even while the token has not expired.

pub mod feeds;
pub mod sandbox;
pub mod webhooks;

use crate::endpoint::Endpoint;

pub fn endpoints() -> Vec<Endpoint> {
    [feeds::endpoints(), webhooks::endpoints(), sandbox::endpoints()].into_iter().flatten().collect()
}
