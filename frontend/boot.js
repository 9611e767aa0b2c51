// Starts the SPA. A file of its own, not an inline script, so the Content-Security-Policy can be
// `script-src 'self' 'wasm-unsafe-eval'`. `cargo xtask build-spa` replaces both paths with the
// files' content-hashed names.
import init from '/pkg/senkoi_frontend.js';

init({ module_or_path: '/pkg/senkoi_frontend_bg.wasm' });
