//! Helpers shared by the importer's tests.

use maptoolkit_import::{Import, ImportOptions, import};

/// Imports a text with the default options.
pub fn run(input: &str) -> Import {
    import(input, &ImportOptions::default())
}

/// Writes an import's toolkit to a temporary folder and loads it back: the imported folder
/// always validates (drafts are warnings). Returns the loader's warnings as `file: field: message`.
#[track_caller]
pub fn loads(imported: &Import) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    maptoolkit_import::write_toolkit(dir.path(), &imported.source, false).unwrap();
    match maptoolkit_core::load(dir.path(), None) {
        Ok(v) => v.warnings.iter().map(|w| w.to_string()).collect(),
        Err(report) => panic!("the imported folder does not validate:\n{report}"),
    }
}

/// Fails unless a warning of [`loads`] is about `file` and says `message`.
#[track_caller]
pub fn assert_warned(warnings: &[String], file: &str, message: &str) {
    assert!(
        warnings
            .iter()
            .any(|w| w.contains(file) && w.contains(message)),
        "no warning about {file} saying {message:?} in {warnings:#?}"
    );
}

/// The members an import made, as (initials, name).
pub fn members(imported: &Import) -> Vec<(&str, &str)> {
    imported
        .source
        .info
        .members
        .iter()
        .map(|m| (m.initials.as_str(), m.name.as_str()))
        .collect()
}
