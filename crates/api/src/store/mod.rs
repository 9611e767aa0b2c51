//! Reads and writes that several route modules share, by aggregate, below the routes: a route
//! module calls these, never another route module.

pub mod audit;
pub mod links;
pub mod second_factor;
pub mod sessions;
pub mod staff;
