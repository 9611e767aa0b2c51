//! One announcement as readers see it (`data-testid=announcement`): date, audience, title and
//! body in the reader's language — the English text where the board wrote one, else the Japanese
//! marked as such — and "edited" when it was changed after publication.

use leptos::prelude::*;
use senkoi_domain::wire::AnnouncementView;

use crate::i18n::{Lang, Msg, audience_label, format_date, use_i18n};

/// The title and body for a reader of `lang`, and the language they are in (English falls back
/// to Japanese).
pub fn texts_in(lang: Lang, announcement: &AnnouncementView) -> (String, String, Lang) {
    match (lang, &announcement.title_en, &announcement.body_en) {
        (Lang::En, Some(title), Some(body)) => (title.clone(), body.clone(), Lang::En),
        _ => (announcement.title.clone(), announcement.body.clone(), Lang::Ja),
    }
}

#[component]
pub fn AnnouncementItem(announcement: AnnouncementView) -> impl IntoView {
    let i18n = use_i18n();
    let (audience, published_at, edited) =
        (announcement.audience, announcement.published_at, announcement.updated_at);
    let datetime = published_at.to_rfc3339();
    let texts = Memo::new(move |_| texts_in(i18n.lang(), &announcement));
    let text_lang = move || texts.get().2.tag();
    view! {
        <li class="announcement" data-testid="announcement">
            <div class="announcement-meta">
                <time datetime=datetime>{move || format_date(i18n.lang(), published_at)}</time>
                <span class="badge">{move || audience_label(i18n.lang(), audience)}</span>
                {edited.map(|at| view! {
                    <span class="muted" data-testid="announcement-edited">
                        {move || format!("{}（{}）", i18n.t(Msg::AnnouncementEdited), format_date(i18n.lang(), at))}
                    </span>
                })}
            </div>
            <h3 lang=text_lang>{move || texts.get().0}</h3>
            <p class="announcement-body pre-wrap" lang=text_lang>{move || texts.get().1}</p>
            {move || (texts.get().2 != i18n.lang()).then(|| view! { <p class="muted">{i18n.t(Msg::AnnouncementJapaneseOnly)}</p> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use senkoi_domain::announcement::Audience;

    #[test]
    fn english_readers_read_the_english_text_where_there_is_one() {
        let mut a = AnnouncementView {
            id: "a".into(),
            title: "お知らせ".into(),
            body: "本文".into(),
            title_en: None,
            body_en: None,
            audience: Audience::All,
            published_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: None,
            withdrawn_at: None,
        };
        assert_eq!(texts_in(Lang::En, &a), ("お知らせ".into(), "本文".into(), Lang::Ja));
        a.title_en = Some("Notice".into());
        a.body_en = Some("Text".into());
        assert_eq!(texts_in(Lang::En, &a), ("Notice".into(), "Text".into(), Lang::En));
        assert_eq!(texts_in(Lang::Ja, &a), ("お知らせ".into(), "本文".into(), Lang::Ja));
    }
}
