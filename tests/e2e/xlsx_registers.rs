//! The registers workbook read back by openpyxl, an independent reader: a sheet per register
//! with the CSV's columns, cells typed by column kind with the right values and number formats,
//! and a package openxml-audit finds no error in. Every check reads the workbook streamed
//! through a scratch folder, as an export to a folder writes it, and first finds it the same, as
//! openpyxl reads it, as the one built in memory.

use maptoolkit_briefing::{
    ArtifactPath, ArtifactSink, ArtifactWriter, Audience, Bundle, ColumnKind, Exporter, MemorySink,
    Register, ReviewRag, Table, compose_registers,
};
use maptoolkit_xlsx::XlsxExporter;
use serde_json::Value;

use crate::util::{fixtures, options};
use maptoolkit_tests::{assert_schema_valid, xlsx_dump};

/// A [`MemorySink`] with a scratch folder, as a folder sink has: the workbook streams its rows.
struct Streaming {
    files: MemorySink,
    scratch: tempfile::TempDir,
}

impl ArtifactSink for Streaming {
    fn create(&self, path: &ArtifactPath) -> std::io::Result<Box<dyn ArtifactWriter + '_>> {
        self.files.create(path)
    }

    fn scratch(&self) -> std::io::Result<Option<std::path::PathBuf>> {
        Ok(Some(self.scratch.path().to_path_buf()))
    }
}

/// The workbook as streamed through a scratch folder, after checking that it reads the same
/// as the one built in memory and that the scratch folder is left empty.
fn workbook(registers: Vec<Register>) -> Vec<u8> {
    let bundle = Bundle {
        registers,
        ..Bundle::default()
    };
    let in_memory = XlsxExporter.export(&bundle).unwrap();
    assert_eq!(in_memory.len(), 1);
    assert_eq!(in_memory[0].path.as_str(), "registers.xlsx");
    let sink = Streaming {
        files: MemorySink::default(),
        scratch: tempfile::tempdir().unwrap(),
    };
    XlsxExporter.export_to(&bundle, &sink).unwrap();
    let left: Vec<_> = std::fs::read_dir(sink.scratch.path()).unwrap().collect();
    assert!(left.is_empty(), "the scratch folder holds {left:?}");
    let streamed = sink.files.into_artifacts();
    assert_eq!(streamed.len(), 1);
    assert_eq!(streamed[0].path, in_memory[0].path);
    // Streamed sheets write their strings inline: no shared-strings part.
    let has_shared_strings = |bytes: &[u8]| {
        bytes
            .windows(b"xl/sharedStrings.xml".len())
            .any(|w| w == b"xl/sharedStrings.xml")
    };
    assert!(!has_shared_strings(&streamed[0].bytes));
    assert!(
        read(&in_memory[0].bytes) == read(&streamed[0].bytes),
        "the streamed workbook reads differently from the one built in memory"
    );
    streamed[0].bytes.clone()
}

fn read(bytes: &[u8]) -> Value {
    serde_json::from_str(&xlsx_dump(bytes)).expect("the dump is JSON")
}

/// The spreadsheet name of column `index` (0 → A).
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    name
}

#[test]
fn every_register_is_a_sheet_of_typed_cells() {
    let registers = compose_registers(&fixtures(), &options(Audience::Members));
    let book = read(&workbook(registers.clone()));
    assert_eq!(book["created"], "2017-12-01T00:00:00");
    let sheets = book["sheets"].as_array().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Drivers", "Review", "Stories", "Ideas", "Meetings"]);
    let mut seen = std::collections::BTreeSet::new();
    for (register, sheet) in registers.iter().zip(sheets) {
        let name = &register.name;
        // The members' marking is the first line; the table starts below it.
        let all = sheet["rows"].as_array().unwrap();
        assert_eq!(
            all[0][0]["value"],
            maptoolkit_briefing::MEMBERS_MARKING,
            "{name}"
        );
        // And it is printed at the top and bottom of every page.
        for part in ["header", "footer"] {
            assert_eq!(
                sheet[part],
                maptoolkit_briefing::MEMBERS_MARKING,
                "{name} {part}"
            );
        }
        let rows = &all[1..];
        assert_eq!(rows.len(), register.table.rows.len() + 1, "{name}");
        assert_eq!(sheet["freeze"], "A3", "{name}");
        let last = column_letter(register.table.columns.len() - 1);
        assert_eq!(
            sheet["filter"],
            format!("A2:{last}{}", register.table.rows.len() + 2),
            "{name}"
        );
        // Fitted widths (openpyxl merges neighbouring columns of one width into one entry),
        // none wider than the cap of 420 pixels (60 characters).
        let widths = sheet["widths"].as_object().unwrap();
        assert!(!widths.is_empty(), "{name}");
        assert!(
            widths
                .values()
                .all(|w| (1.0..=60.0).contains(&w.as_f64().unwrap())),
            "{name}: {widths:?}"
        );
        for (column, header) in register
            .table
            .columns
            .iter()
            .zip(rows[0].as_array().unwrap())
        {
            assert_eq!(header["value"], column.as_str(), "{name}");
            assert_eq!(header["bold"], true, "{name}: {column}");
        }
        for (row, cells) in register.table.rows.iter().zip(&rows[1..]) {
            for (c, (text, cell)) in row.iter().zip(cells.as_array().unwrap()).enumerate() {
                let kind = register.kind(c);
                let what = format!("{name}.{} = {text:?}: {cell}", register.table.columns[c]);
                if text.is_empty() {
                    assert_eq!(cell["value"], Value::Null, "{what}");
                    continue;
                }
                match kind {
                    ColumnKind::Text => {
                        assert_eq!(
                            (&cell["type"], &cell["value"]),
                            (&Value::from("s"), &Value::from(text.as_str())),
                            "{what}"
                        );
                    }
                    ColumnKind::Date => {
                        let (first_day, format) = match text.len() {
                            4 => (format!("{text}-01-01"), "yyyy"),
                            7 => (format!("{text}-01"), "mmm yyyy"),
                            _ => (text.clone(), "d mmm yyyy"),
                        };
                        assert_eq!(cell["is_date"], true, "{what}");
                        assert_eq!(cell["value"], first_day.as_str(), "{what}");
                        assert_eq!(cell["format"], format, "{what}");
                        seen.insert(format);
                    }
                    ColumnKind::Link => {
                        assert_eq!(cell["link"], text.as_str(), "{what}");
                        assert_eq!(cell["value"], text.as_str(), "{what}");
                        seen.insert("link");
                    }
                    ColumnKind::Number => {
                        assert_eq!(cell["type"], "n", "{what}");
                        assert_eq!(cell["value"].as_f64(), text.parse::<f64>().ok(), "{what}");
                        seen.insert("number");
                    }
                    ColumnKind::ReviewStatus => {
                        let rag = ReviewRag::of(text).expect("a status word");
                        assert_eq!(cell["value"], text.as_str(), "{what}");
                        assert_eq!(cell["fill"], rag.fill().hex(), "{what}");
                        assert_eq!(cell["font"], rag.text().hex(), "{what}");
                        seen.insert(rag.as_str());
                    }
                }
            }
        }
    }
    // The fixtures hold each kind (no review is overdue as of 1 December 2017), so none of the
    // checks above went unused.
    let expected = ["amber", "d mmm yyyy", "green", "link", "mmm yyyy", "number"];
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn dates_show_only_the_precision_written_and_text_is_never_evaluated() {
    let register = Register {
        name: "dates".into(),
        table: Table {
            caption: "Dates".into(),
            columns: vec!["date".into(), "text".into()],
            rows: vec![
                vec!["2018".into(), "=1+1".into()],
                vec![
                    "2018-02".into(),
                    "Developing People – Improving Care’s".into(),
                ],
                vec!["2018-01-11".into(), "@SUM(A1)".into()],
            ],
        },
        kinds: vec![ColumnKind::Date, ColumnKind::Text],
        created: maptoolkit_briefing::Timestamp::from_unix_seconds(1_500_000_000),
        marking: None,
    };
    let book = read(&workbook(vec![register]));
    assert_eq!(book["created"], "2017-07-14T02:40:00");
    let rows = book["sheets"][0]["rows"].as_array().unwrap();
    let got: Vec<(String, String, String)> = rows[1..]
        .iter()
        .map(|r| {
            (
                r[0]["value"].as_str().unwrap().to_string(),
                r[0]["format"].as_str().unwrap().to_string(),
                r[1]["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("2018-01-01", "yyyy", "=1+1"),
        (
            "2018-02-01",
            "mmm yyyy",
            "Developing People – Improving Care’s",
        ),
        ("2018-01-11", "d mmm yyyy", "@SUM(A1)"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, expected);
    // Text cells are strings, not formulas.
    assert!(rows[1..].iter().all(|r| r[1]["type"] == "s"));
}

#[test]
fn the_workbook_passes_openxml_audit() {
    let registers = compose_registers(&fixtures(), &options(Audience::Members));
    let bundle = Bundle {
        registers: registers.clone(),
        ..Bundle::default()
    };
    let in_memory = XlsxExporter.export(&bundle).unwrap().remove(0).bytes;
    assert_schema_valid(&[
        ("registers.xlsx".to_string(), workbook(registers)),
        ("in-memory.xlsx".to_string(), in_memory),
    ]);
}
