//! The same toolkit and date give the same bytes, in every format.

use maptoolkit_briefing::Audience;

use crate::util::{export_all, fixtures};

#[test]
fn same_input_gives_byte_identical_files_in_every_format() {
    let toolkit = fixtures();
    let first = export_all(&toolkit, Audience::Members);
    let _other = export_all(&crate::util::marked_toolkit(), Audience::Public);
    let second = export_all(&toolkit, Audience::Members);
    assert_eq!(first.len(), second.len());
    for ((fa, a), (fb, b)) in first.iter().zip(&second) {
        assert_eq!((fa, &a.path), (fb, &b.path));
        assert!(a.bytes == b.bytes, "{fa}: {} differs between runs", a.path);
    }
}

#[test]
fn each_format_renders_only_the_parts_it_declares() {
    use maptoolkit_briefing::{Bundle, compose_documents, compose_registers};
    // Batch exports compose only what a format declares it renders (`Exporter::parts`): a
    // format that read the other part too would lose it there.
    for audience in [Audience::Members, Audience::Public] {
        let toolkit = crate::util::marked_toolkit();
        let options = crate::util::options(audience);
        let whole = maptoolkit_briefing::compose(&toolkit, &options);
        assert!(!whole.documents.is_empty() && !whole.registers.is_empty());
        for exporter in crate::util::exporters() {
            let parts = exporter.parts();
            let partial = Bundle {
                documents: if parts.documents {
                    compose_documents(&toolkit, &options)
                } else {
                    Vec::new()
                },
                registers: if parts.registers {
                    compose_registers(&toolkit, &options)
                } else {
                    Vec::new()
                },
                site: parts
                    .site
                    .then(|| maptoolkit_briefing::compose_site(&toolkit, &options)),
            };
            let from_whole = exporter.export(&whole).unwrap();
            let from_partial = exporter.export(&partial).unwrap();
            assert!(!from_whole.is_empty(), "{} wrote nothing", exporter.name());
            assert!(
                from_whole == from_partial,
                "{} reads a part it does not declare ({parts:?})",
                exporter.name()
            );
        }
    }
}
