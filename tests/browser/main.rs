//! The SPA in headless Chromium: open it, search programs, open a detail page, switch the language.
//! Needs the built SPA (`SENKOI_TEST_SPA_DIR`) and Chromium; `cargo xtask test` provides both.
