//! `cargo xtask` as a user runs it: exit codes, messages, and what lands in the output folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file below `dir` (relative path → bytes).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_fixtures(to: &Path) {
    for (rel, bytes) in tree(&fixtures()) {
        let path = to.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// A copy of the fixtures with three faults in three files.
fn broken_toolkit() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_fixtures(dir.path());
    let edit = |rel: &str, from: &str, to: &str| {
        let path = dir.path().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} lacks {from}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "drivers/carter-review.toml",
        "owner = \"TP\"",
        "owner = \"ZZ\"",
    );
    edit(
        "drivers/five-year-forward-view.toml",
        "review_due = \"2025-10\"",
        "review_due = \"2013-01\"",
    );
    edit(
        "stories/knowledge-brokers-on-the-wards.toml",
        "\"knowledge-for-healthcare\"",
        "\"k4h\"",
    );
    dir
}

#[test]
fn validate_passes_on_the_fixtures() {
    let out = xtask(&[
        "validate",
        fixtures().to_str().unwrap(),
        "--as-of",
        "2017-06-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("valid (drivers: 5, stories: 2, ideas: 1, meetings: 3")
    );
}

#[test]
fn validate_lists_every_fault_with_file_and_field_and_exits_1() {
    let dir = broken_toolkit();
    let out = xtask(&[
        "validate",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2017-06-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "drivers/carter-review.toml:10:9: owner: `ZZ` is not a member",
        "drivers/five-year-forward-view.toml:8:14: review_due: 2013-01 is before published 2014-10",
        "stories/knowledge-brokers-on-the-wards.toml:5:61: drivers[1]: unknown driver `k4h`",
        "error: the toolkit is not valid (3 errors, 2 warnings)",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        xtask(&["validate", "--as-of", "11.1.18"]).status.code(),
        Some(2)
    );
    assert_eq!(xtask(&["frobnicate"]).status.code(), Some(2));
    let out = xtask(&["export", "--format", "odt", "--out", "/nonexistent/never"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown format `odt` (known formats: docx, pdf, csv"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_csv_writes_the_registers() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = xtask(&[
        "export",
        fixtures().to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
        "--format",
        "csv",
        "--as-of",
        "2017-12-01",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files: Vec<String> = tree(out_dir.path()).into_keys().collect();
    assert_eq!(
        files,
        [
            ".maptoolkit-export",
            "drivers.csv",
            "ideas.csv",
            "meetings.csv",
            "review.csv",
            "stories.csv"
        ]
    );
}

#[test]
fn invalid_input_leaves_the_output_folder_untouched() {
    let out_dir = tempfile::tempdir().unwrap();
    let keep = out_dir.path().join("briefing.docx");
    fs::write(&keep, b"an earlier briefing").unwrap();
    let before = tree(out_dir.path());
    let broken = broken_toolkit();
    let out = xtask(&[
        "export",
        broken.path().to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("owner: `ZZ` is not a member"));
    assert_eq!(tree(out_dir.path()), before);
}

#[test]
fn same_input_and_date_give_byte_identical_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let out = xtask(&[
            "export",
            "--out",
            dir.path().to_str().unwrap(),
            "--as-of",
            "2017-12-01",
            "-q",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert!(ta.len() >= 8, "{:?}", ta.keys());
    assert!(ta == tb, "outputs differ");
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let trees: Vec<_> = ["1", "3"]
        .iter()
        .map(|threads| {
            let dir = tempfile::tempdir().unwrap();
            let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
                .args([
                    "export",
                    "--out",
                    dir.path().to_str().unwrap(),
                    "--audience",
                    "members",
                    "--as-of",
                    "2017-12-01",
                    "-q",
                ])
                .env("RAYON_NUM_THREADS", threads)
                .env("SOURCE_DATE_EPOCH", "1500000000")
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            tree(dir.path())
        })
        .collect();
    assert!(
        trees[0] == trees[1],
        "outputs differ between 1 and 3 threads"
    );
}

/// Runs an export with `args` after `export`, with a fixed date and threads, and checks it passed.
fn export_quietly(args: &[&str], threads: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("export")
        .args(args)
        .args(["--as-of", "2017-12-01", "-q"])
        .env("RAYON_NUM_THREADS", threads)
        .env("SOURCE_DATE_EPOCH", "1500000000")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn several_folders_and_audiences_are_each_exported_as_if_alone() {
    let work = tempfile::tempdir().unwrap();
    let other = work.path().join("Other Trust");
    copy_fixtures(&other);
    let fixtures = fixtures();
    let dirs = [fixtures.to_str().unwrap(), other.to_str().unwrap()];
    let together = work.path().join("together");
    for threads in ["1", "3"] {
        let out = work.path().join(format!("together-{threads}"));
        let mut args = dirs.to_vec();
        args.extend([
            "--audience",
            "public,members",
            "--out",
            out.to_str().unwrap(),
        ]);
        export_quietly(&args, threads);
        if threads == "1" {
            fs::rename(&out, &together).unwrap();
        } else {
            assert!(tree(&out) == tree(&together), "1 and 3 threads differ");
        }
    }
    for (dir, name) in [(dirs[0], "fixtures"), (dirs[1], "other-trust")] {
        for audience in ["public", "members"] {
            let alone = work.path().join(format!("alone-{name}-{audience}"));
            export_quietly(
                &[
                    dir,
                    "--audience",
                    audience,
                    "--out",
                    alone.to_str().unwrap(),
                ],
                "2",
            );
            let part = together.join(name).join(audience);
            let (t, a) = (tree(&part), tree(&alone));
            assert!(t.contains_key("briefing.pdf"), "{:?}", t.keys());
            assert!(
                t == a,
                "{name} for {audience} differs from its export alone"
            );
        }
    }
    let members = tree(&together.join("other-trust/members"));
    assert!(members.contains_key("meetings/meeting-2017-03-22.docx"));
    let public = tree(&together.join("other-trust/public"));
    assert!(!public.contains_key("meetings/meeting-2017-03-22.docx"));
}

#[test]
fn an_invalid_folder_among_several_writes_nothing() {
    let out_dir = tempfile::tempdir().unwrap();
    let broken = broken_toolkit();
    let out = xtask(&[
        "export",
        fixtures().to_str().unwrap(),
        broken.path().to_str().unwrap(),
        "--audience",
        "public,members",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("owner: `ZZ` is not a member"));
    assert!(
        tree(out_dir.path()).is_empty(),
        "{:?}",
        tree(out_dir.path()).keys()
    );
}

#[test]
fn two_folders_of_one_name_are_refused() {
    let work = tempfile::tempdir().unwrap();
    let (a, b) = (work.path().join("a/toolkit"), work.path().join("b/toolkit"));
    copy_fixtures(&a);
    copy_fixtures(&b);
    let out_dir = work.path().join("out");
    let out = xtask(&[
        "export",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("would both be written to") && err.contains("rename"),
        "{err}"
    );
    assert!(!out_dir.exists());
}

#[test]
fn a_public_export_removes_what_a_members_export_left() {
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path().to_str().unwrap();
    let run = |audience: &str| {
        let out = xtask(&[
            "export",
            "--out",
            dir,
            "--audience",
            audience,
            "--as-of",
            "2017-12-01",
            "-q",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        tree(out_dir.path())
    };
    let members = run("members");
    assert!(members.contains_key("meetings/meeting-2017-03-22.docx"));
    let public = run("public");
    assert!(
        !public.contains_key("meetings/meeting-2017-03-22.docx"),
        "{:?}",
        public.keys()
    );
    assert!(public.contains_key("meetings/meeting-2017-02-08.docx"));
    assert!(!public.keys().any(|k| k.ends_with(".tmp")));
}

#[test]
fn import_writes_a_valid_toolkit_and_never_overwrites_without_force() {
    let archive = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/maptoolkit-import/tests/data/archive.txt");
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path().join("imported");
    let dir_arg = dir.to_str().unwrap();
    let out = xtask(&["import", archive.to_str().unwrap(), "--out", dir_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("skipped `New year, new MAP!`"),
        "{}",
        stderr(&out)
    );
    let out = xtask(&["validate", dir_arg, "--as-of", "2017-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("drivers: 2, stories: 0, ideas: 0, meetings: 3")
    );

    let toolkit_toml = dir.join("toolkit.toml");
    fs::write(
        &toolkit_toml,
        "name = \"Edited by hand\"\norganisation = \"Ours\"\n",
    )
    .unwrap();
    let out = xtask(&["import", archive.to_str().unwrap(), "--out", dir_arg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("give --force to replace them"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(&toolkit_toml).unwrap(),
        "name = \"Edited by hand\"\norganisation = \"Ours\"\n"
    );

    let out = xtask(&[
        "import",
        archive.to_str().unwrap(),
        "--out",
        dir_arg,
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::read_to_string(&toolkit_toml)
            .unwrap()
            .contains("MAP Toolkit")
    );
}
