//! CSV as the board and directors exchange it with spreadsheets: read with a header row, each row
//! keyed by its line (so refusals name it), and written so that Excel opens it right (UTF-8 with a
//! byte order mark, CRLF) and never runs a cell as a formula.

use senkoi_domain::DomainError;

use crate::error::FieldError;

/// The byte order mark Excel writes and needs to read UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A refusal of line `line`.
pub fn refused(line: u64, field: &str, code: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.into(), code: code.into(), message: message.into(), line: Some(line) }
}

/// The domain's refusal of line `line`, its message prefixed with the line.
pub fn refused_by(line: u64, error: DomainError) -> FieldError {
    refused(
        line,
        error.field().unwrap_or_default(),
        error.code(),
        format!("{}行目: {}", line, error.message_ja()),
    )
}

/// One data row: its line in the file (the header is line 1) and its non-empty cells by column.
pub struct Row {
    pub line: u64,
    pub cells: serde_json::Map<String, serde_json::Value>,
}

impl Row {
    /// Takes the cell of `column` out of the row; empty when absent.
    pub fn take(&mut self, column: &str) -> String {
        match self.cells.remove(column) {
            Some(serde_json::Value::String(s)) => s,
            _ => String::new(),
        }
    }
}

/// Reads a whole file whose header names at least `required`; answers its rows, or every
/// refusal of the file's form (a missing column, an unreadable line) by line.
pub fn read(bytes: &[u8], required: &[&str]) -> Result<Vec<Row>, Vec<FieldError>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(bytes);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => {
            return Err(vec![refused(1, "file", "invalid-csv", format!("CSVとして読み取れません: {e}"))]);
        }
    };
    let missing: Vec<FieldError> = required
        .iter()
        .filter(|c| !headers.iter().any(|h| h == **c))
        .map(|c| refused(1, c, "missing-column", format!("1行目: 列「{c}」がありません。")))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        match record {
            Ok(record) => rows.push(Row {
                line,
                cells: headers
                    .iter()
                    .zip(record.iter())
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(h, v)| (h.to_owned(), serde_json::Value::String(v.to_owned())))
                    .collect(),
            }),
            Err(e) => errors.push(refused(
                line,
                "file",
                "invalid-csv",
                format!("{line}行目: CSVとして読み取れません: {e}"),
            )),
        }
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is written
/// behind an apostrophe, so that text a resident typed can never run in a director's Excel.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}").into() } else { cell.into() }
}

/// Writes `header` and `rows` as Excel reads them.
pub fn write(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| defused(cell).into_owned()))?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_open_in_excel_and_never_run_a_formula() {
        let rows = vec![
            vec!["山田, 太郎".to_string(), "=HYPERLINK(\"x\")".into(), "-1".into(), "ok".into()],
            vec!["\"quoted\"".to_string(), "@SUM(A1)".into(), "+81".into(), "".into()],
        ];
        let bytes = write(&["氏名", "a", "b", "c"], rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}氏名,a,b,c\r\n\"山田, 太郎\",\"'=HYPERLINK(\"\"x\"\")\",'-1,ok\r\n\
             \"\"\"quoted\"\"\",'@SUM(A1),'+81,\r\n"
        );
    }

    #[test]
    fn rows_are_read_by_line_and_bad_files_refused_whole() {
        let rows = read("\u{FEFF}a,b\n1,\n 2 ,x\n".as_bytes(), &["a"]).map_err(|e| format!("{e:?}")).unwrap();
        let mut second = rows.into_iter().nth(1).unwrap();
        assert_eq!(
            (second.line, second.take("a"), second.take("b"), second.take("c")),
            (3, "2".into(), "x".into(), "".into())
        );
        let missing = read(b"a\n1\n", &["a", "b"]).err().unwrap();
        assert_eq!(
            (missing[0].line, missing[0].code.as_str(), missing[0].field.as_str()),
            (Some(1), "missing-column", "b")
        );
        let ragged = read(b"a,b\n1,2\n3\n", &["a"]).err().unwrap();
        assert_eq!((ragged[0].line, ragged[0].code.as_str()), (Some(3), "invalid-csv"));
    }
}
