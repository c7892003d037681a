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
