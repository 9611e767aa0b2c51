//! The refused rows of an uploaded CSV, by line: the domain's message where the domain knows the
//! refusal, else the catalogue's, in the reader's language.

use leptos::prelude::*;

use crate::i18n::{Lang, Msg, field_error_text, format_line, use_i18n};
use senkoi_domain::wire::FieldError;

/// The text of one refused row (without its line).
pub fn row_refusal_text(lang: Lang, problem: &FieldError) -> String {
    let own = match problem.code.as_str() {
        "ceiling-not-applicable" => Some(Msg::ProblemCeilingNotApplicable),
        "duplicate-cell" => Some(Msg::ProblemDuplicateCell),
        "invalid-csv" => Some(Msg::ProblemInvalidCsv),
        "missing-column" => Some(Msg::ProblemMissingColumn),
        "ceiling-below-hires" => Some(Msg::ProblemCeilingBelowHiresRow),
        _ => None,
    };
    let known = senkoi_domain::DomainError::from_field_code(&problem.field, &problem.code).is_some();
    match own {
        // The server's Japanese message of a rule's refusal carries its figures.
        Some(_)
            if lang == Lang::Ja && problem.code == "ceiling-below-hires" && !problem.message.is_empty() =>
        {
            strip_line(&problem.message).to_string()
        }
        Some(Msg::ProblemMissingColumn) => {
            format!("{} {}", Msg::ProblemMissingColumn.text(lang), problem.field)
        }
        Some(msg) if !known => msg.text(lang).to_string(),
        _ => field_error_text(lang, &problem.field, &problem.code),
    }
}

/// The server's message without its `N行目: ` prefix (the list shows the line itself).
fn strip_line(message: &str) -> &str {
    message.split_once("行目: ").map_or(message, |(_, rest)| rest)
}

#[component]
pub fn ImportErrors(errors: Vec<FieldError>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-box" role="alert" data-testid="import-errors">
            <p class="error-heading">{move || i18n.t(Msg::AdminImportRefused)}</p>
            <ul class="import-errors">
                {errors
                    .into_iter()
                    .map(|problem| {
                        let line = problem.line;
                        view! {
                            <li data-testid=format!("import-error-line-{}", line.unwrap_or(0))>
                                {move || {
                                    let lang = i18n.lang();
                                    let text = row_refusal_text(lang, &problem);
                                    match line {
                                        Some(line) => format!("{}: {text}", format_line(lang, line)),
                                        None => text,
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(field: &str, code: &str, message: &str) -> FieldError {
        FieldError { field: field.into(), code: code.into(), message: message.into(), line: Some(3) }
    }

    #[test]
    fn a_refused_row_reads_as_the_domain_words_it_else_as_the_catalogue_does() {
        let prefecture = row("prefecture", "invalid-prefecture", "3行目: …");
        assert_eq!(
            row_refusal_text(Lang::En, &prefecture),
            field_error_text(Lang::En, "prefecture", "invalid-prefecture")
        );
        let duplicate = row("file", "duplicate-cell", "3行目: 2行目と同じ");
        assert_eq!(row_refusal_text(Lang::En, &duplicate), Msg::ProblemDuplicateCell.text(Lang::En));
        let below = row(
            "",
            "ceiling-below-hires",
            "3行目: シーリング数（1名）が採用済みの人数（2名）を下回るため設定できません。",
        );
        assert!(row_refusal_text(Lang::Ja, &below).starts_with("シーリング数（1名）"));
        assert_eq!(row_refusal_text(Lang::En, &below), Msg::ProblemCeilingBelowHiresRow.text(Lang::En));
    }
}
