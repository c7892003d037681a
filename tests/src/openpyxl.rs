//! openpyxl, the independent reader of workbooks.

use std::path::Path;

use crate::tool::{TempFile, run};

/// A workbook read back by openpyxl (`tests/tools/xlsx_dump.py`) as JSON: every sheet's name,
/// frozen panes, autofilter, column widths, printed header and footer, and cells with type, value,
/// format, link and colours; the workbook's creation time, title and category.
#[track_caller]
pub fn xlsx_dump(xlsx: &[u8]) -> String {
    let file = TempFile::new(xlsx, "workbook.xlsx");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/xlsx_dump.py");
    run(
        "python3",
        &[script.to_str().unwrap()],
        file.path(),
        &[],
        "openpyxl reads the workbook (.ci/run installs it)",
    )
}
