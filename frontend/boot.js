// Starts the SPA. A file of its own, not an inline script, so the Content-Security-Policy can be
// `script-src 'self' 'wasm-unsafe-eval'`. `cargo xtask build-spa` replaces both paths with the
// files' content-hashed names.
import init from '/pkg/senkoi_frontend.js';

// The address the user last asked for by a link: a page's module loads before the router shows
// the address, so after a failed load the page to open again is this one.
let asked = null;
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (link && link.origin === location.origin) asked = { href: link.href, at: Date.now() };
}, true);

// A page's module did not load. When a deploy has replaced this build (the site's index.html no
// longer names this boot file), its modules are gone: open the page again from the new build,
// once per build, and answer true. Otherwise (offline, say) answer false and let the load fail.
globalThis.senkoiReplaced = async () => {
  const mine = new URL(import.meta.url).pathname;
  const once = `senkoi-reloaded:${mine}`;
  try {
    const index = await fetch('/', { cache: 'no-store' });
    if (!index.ok || (await index.text()).includes(mine) || sessionStorage.getItem(once)) return false;
    sessionStorage.setItem(once, '1');
  } catch {
    return false;
  }
  const recent = asked && Date.now() - asked.at < 10000;
  location.assign(recent ? asked.href : location.href);
  return true;
};

init({ module_or_path: '/pkg/senkoi_frontend_bg.wasm' });
