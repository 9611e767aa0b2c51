// Starts the SPA. A file of its own, not an inline script, so the Content-Security-Policy can be
// `script-src 'self' 'wasm-unsafe-eval'`.
import init from '/pkg/senkoi_frontend.js';

init();
