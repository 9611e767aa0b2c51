//! The API through HTTP, as a client sees it, on a fresh database per test (SQLite, or PostgreSQL
//! when `SENKOI_TEST_DATABASE_URL` names a server).

mod accounts;
mod announcements;
mod applying;
mod audit;
mod board;
mod catalogue;
mod ceilings;
mod consultations;
mod dashboard;
mod decisions;
mod demo;
mod directors;
mod errors;
mod legacy;
mod mail;
mod openapi;
mod oversight;
mod reference;
mod rounds;
mod sandbox;
mod schema;
mod second_factor;
mod sessions;
mod societies;
mod society_feeds;
mod spa;
mod staff;
mod system;
mod throttles;
mod training;
mod walkthrough;
mod webhooks;
