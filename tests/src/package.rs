//! The parts of an Office Open XML package (a .docx or .xlsx is a zip of XML parts).

use std::io::{Cursor, Read};

/// The text of one part, failing the test if the package has no such part.
#[track_caller]
pub fn part(package: &[u8], name: &str) -> String {
    let mut archive = archive(package);
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("no part {name} ({e})"));
    let mut text = String::new();
    file.read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("part {name} is not UTF-8 text ({e})"));
    text
}

/// Every entry name, in archive order.
#[track_caller]
pub fn part_names(package: &[u8]) -> Vec<String> {
    let mut archive = archive(package);
    (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().to_string())
        .collect()
}

/// The text of every part that is text, one after another: what a search of the whole package
/// for a word (a protected marker, say) must look through.
#[track_caller]
pub fn all_parts(package: &[u8]) -> String {
    let mut archive = archive(package);
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut text = String::new();
        if part.read_to_string(&mut text).is_ok() {
            all.push_str(&text);
        }
    }
    all
}

#[track_caller]
fn archive(package: &[u8]) -> zip::ZipArchive<Cursor<&[u8]>> {
    zip::ZipArchive::new(Cursor::new(package))
        .unwrap_or_else(|e| panic!("an Office file is a zip package ({e})"))
}
