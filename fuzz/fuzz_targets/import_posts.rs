//! Fuzz target: arbitrary text through the post importer, as text posts and as WordPress exports.
//!
//! The importer promises to return only sources that validate; anything it cannot use goes into
//! its report, and every record it writes fits the loader's size limit. The input is read three
//! ways: as posts saved as text, as a whole WordPress export (WXR, mostly refused as XML, which
//! must be an error and never a panic), and as the HTML content of one item of a well-formed
//! export, so that the HTML reader sees arbitrary markup. So: no panic, and every source
//! validates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maptoolkit_import::{Import, ImportOptions, import, import_wxr};

fn check(imported: &Import) {
    if let Err(report) = imported.source.clone().validate(None) {
        panic!("the importer returned a source that does not validate:\n{report:#?}");
    }
}

/// A WordPress export with one published item whose HTML is `html`.
fn wxr_item(html: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item>\
         <title>A Plan for Libraries</title>\
         <content:encoded><![CDATA[{}]]></content:encoded>\
         <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>\
         <wp:post_password>{}</wp:post_password>\
         </item></channel></rss>\n",
        html.replace("]]>", "]]]]><![CDATA[>"),
        if html.len() % 2 == 0 { "" } else { "secret" }
    )
}

fuzz_target!(|text: &str| {
    let options = ImportOptions::default();
    check(&import(text, &options));
    if let Ok(imported) = import_wxr(text, &options) {
        check(&imported);
    }
    if let Ok(imported) = import_wxr(&wxr_item(text), &options) {
        check(&imported);
    }
});
