//! At phone width each row of a data table becomes a card whose cells name their columns (the
//! stylesheet shows a cell's `data-label` above it). The names come from the table's own header,
//! so no table can leave a column of bare numbers: an observer of the page labels every body cell
//! of every `.data-table` from its column's header cell (its `data-label` when it has one, else
//! its text) whenever the page changes — a new page, new rows, or a language switch that rewrites
//! the headers. A cell that names itself (`data-label` set by its view) is left alone.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, MutationObserver, MutationObserverInit};

/// Marks a label this module wrote, so a later header change rewrites it.
const FROM_HEADER: &str = "data-label-from-header";

/// Starts watching the document; labels what is there already.
pub fn watch() {
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let scheduled = std::rc::Rc::new(std::cell::Cell::new(false));
    let label_soon = Closure::<dyn FnMut()>::new({
        let scheduled = scheduled.clone();
        move || {
            scheduled.set(false);
            label_all();
        }
    });
    // One pass per frame, however many changes the frame made.
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if !scheduled.replace(true)
            && let Some(window) = web_sys::window()
        {
            let _ = window.request_animation_frame(label_soon.as_ref().unchecked_ref());
        }
    });
    let Ok(observer) = MutationObserver::new(on_change.as_ref().unchecked_ref()) else { return };
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    let _ = observer.observe_with_options(&body, &options);
    // Both live as long as the page.
    on_change.forget();
    label_all();
}

fn label_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(tables) = document.query_selector_all("table.data-table") else { return };
    for i in 0..tables.length() {
        if let Some(table) = tables.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            label_table(&table);
        }
    }
}

fn label_table(table: &Element) {
    let Ok(Some(head_row)) = table.query_selector("thead tr") else { return };
    let headers = columns(&head_row, |cell| {
        cell.get_attribute("data-label")
            .unwrap_or_else(|| cell.text_content().unwrap_or_default())
            .trim()
            .to_string()
    });
    let Ok(rows) = table.query_selector_all("tbody tr") else { return };
    for r in 0..rows.length() {
        let Some(row) = rows.item(r).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let cells = row.children();
        let mut column = 0;
        for c in 0..cells.length() {
            let Some(cell) = cells.item(c) else { continue };
            let own = cell.has_attribute("data-label") && !cell.has_attribute(FROM_HEADER);
            if let (false, Some(label)) = (own, headers.get(column))
                && cell.get_attribute("data-label").as_deref() != Some(label.as_str())
            {
                let _ = cell.set_attribute("data-label", label);
                let _ = cell.set_attribute(FROM_HEADER, "");
            }
            column += span(&cell);
        }
    }
}

/// The header's name of each column, a spanning cell repeated over its columns.
fn columns(row: &Element, name: impl Fn(&Element) -> String) -> Vec<String> {
    let cells = row.children();
    let mut names = Vec::new();
    for c in 0..cells.length() {
        if let Some(cell) = cells.item(c) {
            let text = name(&cell);
            names.extend(std::iter::repeat_n(text, span(&cell)));
        }
    }
    names
}

fn span(cell: &Element) -> usize {
    cell.get_attribute("colspan").and_then(|s| s.trim().parse::<usize>().ok()).filter(|n| *n > 0).unwrap_or(1)
}
