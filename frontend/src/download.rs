//! Hands a file fetched with the session's token to the browser as a download: a link to its
//! bytes (an object URL), clicked once and then let go.

use wasm_bindgen::JsCast;

use crate::api::directing::Download;

/// Saves `file` as `name` through the browser's download; `false` when the browser refused.
pub fn save(file: &Download, name: &str) -> bool {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(file.bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.content_type);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let document = leptos::prelude::document();
    let saved = document
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|link| {
            link.set_href(&url);
            link.set_download(name);
            link.click();
        })
        .is_some();
    // Let go of the bytes once the browser has surely read them.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    saved
}
