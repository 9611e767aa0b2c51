//! Training records (研修実績) and completion applications (研修修了申請): each in its own module;
//! what both need to know of a resident in training is the store's (`crate::store::training`).
//! The rules themselves are the domain's (`training`, `completion`).

pub mod completions;
pub mod records;

use crate::endpoint::Endpoint;

pub fn endpoints() -> Vec<Endpoint> {
    [records::endpoints(), completions::endpoints()].into_iter().flatten().collect()
}
