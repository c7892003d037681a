//! The library pipeline as another program uses it: a format of its own through `Export::run`,
//! and the output folder's guarantees.

#[path = "../examples/markdown.rs"]
mod markdown;

use maptoolkit_tests::tree;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use maptoolkit::briefing::Audience;
use maptoolkit::core::Report;
use maptoolkit::{Export, OutputError, Progress, Quiet};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

fn export(out: &Path, formats: &[&str], audience: Audience) -> Export {
    let mut export = Export::new(FIXTURES, out, "2017-12-01".parse().unwrap());
    export.formats = formats.iter().map(|f| f.to_string()).collect();
    export.audiences = vec![audience];
    export
}

#[test]
fn a_third_party_format_runs_through_the_whole_pipeline() {
    let mut formats = maptoolkit::formats();
    formats.register(Box::new(markdown::Markdown)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("briefings");
    let done = export(&target, &["markdown", "csv"], Audience::Public)
        .run(&formats, &Quiet)
        .unwrap();
    let files: Vec<PathBuf> = done.files.clone();
    assert!(files.contains(&PathBuf::from("briefing.md")), "{files:?}");
    assert!(files.contains(&PathBuf::from("drivers.csv")), "{files:?}");
    let md = fs::read_to_string(target.join("briefing.md")).unwrap();
    assert!(md.starts_with("# "), "{md}");
    assert!(md.contains("Developing People – Improving Care"), "{md}");
    // The protected meeting of the fixtures is not in the public set, in any format.
    assert!(
        !files.iter().any(|f| f.ends_with("meeting-2017-03-22.md")),
        "{files:?}"
    );
}

#[test]
fn a_public_export_over_a_members_one_leaves_no_protected_file() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("briefings");
    let formats = maptoolkit::formats();
    export(&target, &["csv", "docx"], Audience::Members)
        .run(&formats, &Quiet)
        .unwrap();
    assert!(tree(&target).contains_key("meetings/meeting-2017-03-22.docx"));
    export(&target, &["csv", "docx"], Audience::Public)
        .run(&formats, &Quiet)
        .unwrap();
    let public = tree(&target);
    assert!(
        !public.contains_key("meetings/meeting-2017-03-22.docx"),
        "{:?}",
        public.keys()
    );
    assert!(public.contains_key("meetings/meeting-2017-02-08.docx"));
}

#[test]
fn a_failed_render_leaves_the_old_set_whole() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("briefings");
    let mut formats = maptoolkit::formats();
    formats.register(Box::new(Failing)).unwrap();
    export(&target, &["csv"], Audience::Public)
        .run(&formats, &Quiet)
        .unwrap();
    let before = tree(&target);
    let err = export(&target, &["docx", "failing"], Audience::Public)
        .run(&formats, &Quiet)
        .unwrap_err();
    assert!(err.to_string().contains("no ink"), "{err}");
    assert!(tree(&target) == before, "the old set changed");
    let siblings: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(siblings.len(), 2, "{siblings:?}"); // the folder and its lock file
}

#[test]
fn an_output_folder_of_someone_elses_files_is_refused() {
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let err = export(out.path(), &["csv"], Audience::Public)
        .run(&maptoolkit::formats(), &Quiet)
        .unwrap_err();
    assert!(
        matches!(err, maptoolkit::Error::Output(OutputError::NotOurs { .. })),
        "{err}"
    );
    assert!(err.hint().unwrap().contains("new or empty folder"));
    assert_eq!(tree(out.path()).len(), 1);
}

/// A format that writes half a file, then fails.
struct Failing;

impl maptoolkit::briefing::Exporter for Failing {
    fn name(&self) -> &str {
        "failing"
    }

    fn extension(&self) -> &str {
        "txt"
    }

    fn export(
        &self,
        _: &maptoolkit::briefing::Bundle,
    ) -> Result<Vec<maptoolkit::briefing::Artifact>, maptoolkit::briefing::ExportError> {
        Err(maptoolkit::briefing::ExportError::Render {
            format: "failing".into(),
            document: String::new(),
            message: "no ink".into(),
        })
    }

    fn export_to(
        &self,
        _: &maptoolkit::briefing::Bundle,
        sink: &dyn maptoolkit::briefing::ArtifactSink,
    ) -> Result<(), maptoolkit::briefing::ExportError> {
        let path = maptoolkit::briefing::ArtifactPath::new(&["half"]).with_extension("txt");
        let mut file = sink.create(&path).unwrap();
        file.write_all(b"half").unwrap();
        Err(maptoolkit::briefing::ExportError::Render {
            format: "failing".into(),
            document: "half".into(),
            message: "no ink".into(),
        })
    }
}

/// What a program's progress was told, in order.
#[derive(Default)]
struct Events(std::sync::Mutex<Vec<String>>);

impl Progress for Events {
    fn warnings(&self, dir: &Path, warnings: &Report) {
        let d = &warnings.diagnostics[0];
        // The warning's line, as a person would be shown it.
        let text = warnings.source(&d.file).expect("the text is at hand");
        let line = text.lines().nth(d.span.unwrap().line - 1).unwrap();
        self.0.lock().unwrap().push(format!(
            "warnings of {}: {} ({line})",
            dir.file_name().unwrap().to_string_lossy(),
            warnings.diagnostics.len()
        ));
    }

    fn started(&self, file: &Path) {
        self.0
            .lock()
            .unwrap()
            .push(format!("started {}", file.display()));
    }
}

/// A folder's warnings reach the progress with their files' text before anything is written;
/// the warnings returned let go of the text, which a large toolkit with a warning in every file
/// would otherwise hold all through the rendering.
#[test]
fn warnings_are_shown_with_their_lines_before_rendering_then_let_go() {
    let out = tempfile::tempdir().unwrap();
    let events = Events::default();
    let done = export(&out.path().join("briefings"), &["csv"], Audience::Public)
        .run(&maptoolkit::formats(), &events)
        .unwrap();
    let events = events.0.into_inner().unwrap();
    assert!(
        events[0].starts_with("warnings of fixtures: "),
        "{events:?}"
    );
    // The line of the value the first warning is about: `field = value`.
    assert!(events[0].contains(" = \""), "{events:?}");
    assert!(
        events[1..].iter().all(|e| e.starts_with("started ")),
        "{events:?}"
    );
    let (_, report) = &done.warnings[0];
    assert!(!report.diagnostics.is_empty());
    assert_eq!(report.source(&report.diagnostics[0].file), None);
}

/// `examples/one_briefing.rs`, built as `cargo test` builds it (the whole workspace's features,
/// so nothing is rebuilt): the path of the program.
fn one_briefing_example() -> PathBuf {
    let built = std::process::Command::new(env!("CARGO"))
        .args(["build", "--workspace", "--example", "one_briefing"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    // The test runs from target/<profile>/deps; examples are built beside it.
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples/one_briefing")
}

/// The example run as a program: one briefing of two drivers, as PDF and text; and on a toolkit
/// that is not valid, every problem with its place, and nothing written.
#[test]
fn the_one_briefing_example_writes_its_pdf_and_its_text() {
    let example = one_briefing_example();
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(&example)
        .args([Path::new(FIXTURES), &out.path().join("board")])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let board = out.path().join("board");
    let files = tree(&board);
    let files: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(files, [maptoolkit::MARKER, "board.pdf", "board.txt"]);
    let text = fs::read_to_string(board.join("board.txt")).unwrap();
    let pdf = maptoolkit_tests::pdftotext_file(&board.join("board.pdf"), &[]);
    for expected in [
        "Two drivers for the Board",
        "Trust Board",
        "Two national drivers that shape our library service.",
        "Five Year Forward View",
        "Operational productivity and performance in English NHS acute hospitals",
    ] {
        assert!(
            text.lines().any(|l| l.contains(expected)),
            "{expected}: {text}"
        );
        assert!(pdf.contains(expected), "{expected}: {pdf}");
    }
    // Only the two chosen drivers: no other fixture driver is in either file.
    for other in ["Developing People", "Knowledge for Healthcare"] {
        assert!(!text.contains(other), "{other}: {text}");
        assert!(!pdf.contains(other), "{other}: {pdf}");
    }

    let broken = out.path().join("broken");
    fs::create_dir(&broken).unwrap();
    fs::write(
        broken.join("toolkit.toml"),
        "name = \" \"\norganisation = 3\n",
    )
    .unwrap();
    let run = std::process::Command::new(&example)
        .args([&broken, &out.path().join("nothing")])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    for expected in [
        "error: the toolkit is not valid (2 errors, 0 warnings):\n",
        "toolkit.toml:1:8: name: is blank (it is required)",
        "toolkit.toml:2:16: organisation: wrong type: integer `3`, expected a string",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    assert!(!out.path().join("nothing").exists());
}
