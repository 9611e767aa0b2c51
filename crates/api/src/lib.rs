//! senkoi-api: the HTTP API of Senkoi (actix-web), its storage (sea-orm) and the `senkoi` binary's commands.

pub mod audit;
pub mod auth;
pub mod cells;
pub mod cli;
pub mod clock;
pub mod counting;
pub mod db;
pub mod demo;
pub mod entities;
pub mod error;
pub mod ical;
pub mod ids;
pub mod integral;
pub mod mail;
pub mod middleware;
pub mod notices;
pub mod openapi;
pub mod routes;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;
pub mod stored;
pub mod telemetry;
pub mod throttle;
