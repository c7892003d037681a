//! `maptoolkit` as a user runs it: exit codes, messages, and what lands in the output folder.

use maptoolkit_tests::tree;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's fixtures, as an argument.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn maptoolkit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maptoolkit"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file below `dir` (relative path → bytes).
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
    let out = maptoolkit(&[
        "validate",
        fixtures().to_str().unwrap(),
        "--as-of",
        "2017-06-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("valid (drivers: 5, stories: 2, ideas: 1, meetings: 4, briefings: 2")
    );
}

#[test]
fn validate_lists_every_fault_with_file_and_field_and_exits_1() {
    let dir = broken_toolkit();
    let out = maptoolkit(&[
        "validate",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2017-06-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Each problem as rustc shows one: the file, line and column, the line, a caret, the help.
    for expected in [
        "error: owner: `ZZ` is not a member\n",
        "drivers/carter-review.toml:10:9\n",
        "10 | owner = \"ZZ\"\n   |         ^^^^\n",
        "= help: use the initials or full name of a member in toolkit.toml (members: TP, VT, FG)",
        "error: review_due: 2013-01 is before published 2014-10\n",
        "drivers/five-year-forward-view.toml:8:14\n",
        "error: drivers[1]: unknown driver `k4h`\n",
        "stories/knowledge-brokers-on-the-wards.toml:",
        "the toolkit is not valid (3 errors, 5 warnings)",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        maptoolkit(&["validate", "--as-of", "11.1.18"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(maptoolkit(&["frobnicate"]).status.code(), Some(2));
    let out = maptoolkit(&[
        "export",
        FIXTURES,
        "--format",
        "odt",
        "--out",
        "/nonexistent/never",
    ]);
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
    let out = maptoolkit(&[
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
    let out = maptoolkit(&[
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
        let out = maptoolkit(&[
            "export",
            FIXTURES,
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

/// Every entry below `dir`, folders too, relative to it.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        found.push(path.strip_prefix(dir).unwrap().to_path_buf());
        if path.is_dir() {
            found.extend(
                entries(&path)
                    .into_iter()
                    .map(|p| path.strip_prefix(dir).unwrap().join(p)),
            );
        }
    }
    found.sort();
    found
}

#[test]
fn the_streamed_workbook_leaves_nothing_in_the_output_or_the_temporary_folder() {
    let work = tempfile::tempdir().unwrap();
    let (tmp, out) = (work.path().join("tmp"), work.path().join("out"));
    fs::create_dir(&tmp).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_maptoolkit"))
        .args(["export", FIXTURES, "--out", out.to_str().unwrap()])
        .args(["--audience", "public,members", "--format", "xlsx,csv"])
        .args(["--as-of", "2017-12-01", "-q"])
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(entries(&tmp), Vec::<PathBuf>::new());
    let found = entries(&out);
    for audience in ["public", "members"] {
        let xlsx = fs::read(out.join("fixtures").join(audience).join("registers.xlsx")).unwrap();
        // Streamed through the scratch folder: strings inline, no shared-strings part.
        let shared = b"xl/sharedStrings.xml";
        assert!(!xlsx.windows(shared.len()).any(|w| w == shared));
    }
    assert!(
        found
            .iter()
            .all(|p| !p.to_string_lossy().contains(".scratch")),
        "{found:?}"
    );
    // Only what was asked for: the marker, the folders of the toolkit and its audiences, their
    // CSV files and workbooks.
    for p in &found {
        let ext = p.extension().and_then(|e| e.to_str());
        assert!(
            p == Path::new(".maptoolkit-export")
                || out.join(p).is_dir() && !p.to_string_lossy().contains('.')
                || matches!(ext, Some("csv" | "xlsx")),
            "{} is in the output",
            p.display()
        );
    }
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let trees: Vec<_> = ["1", "3"]
        .iter()
        .map(|threads| {
            let dir = tempfile::tempdir().unwrap();
            let out = Command::new(env!("CARGO_BIN_EXE_maptoolkit"))
                .args([
                    "export",
                    FIXTURES,
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
    let out = Command::new(env!("CARGO_BIN_EXE_maptoolkit"))
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
            let (t, mut a) = (tree(&part), tree(&alone));
            // Only the output folder itself carries the marker.
            assert!(a.remove(".maptoolkit-export").is_some());
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
    let out = maptoolkit(&[
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
    let out = maptoolkit(&[
        "export",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("both would be written to") && err.contains("rename one folder"),
        "{err}"
    );
    assert!(!out_dir.exists());
}

#[test]
fn a_public_export_removes_what_a_members_export_left() {
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path().to_str().unwrap();
    let run = |audience: &str| {
        let out = maptoolkit(&[
            "export",
            FIXTURES,
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
    let archive =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../maptoolkit-import/tests/data/archive.txt");
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path().join("imported");
    let dir_arg = dir.to_str().unwrap();
    let out = maptoolkit(&["import", archive.to_str().unwrap(), "--out", dir_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("skipped `New year, new MAP!`"),
        "{}",
        stderr(&out)
    );
    let out = maptoolkit(&["validate", dir_arg, "--as-of", "2017-06-01"]);
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
    let out = maptoolkit(&["import", archive.to_str().unwrap(), "--out", dir_arg]);
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

    let out = maptoolkit(&[
        "import",
        archive.to_str().unwrap(),
        "--out",
        dir_arg,
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The folder's own toolkit.toml is kept, gaining the members the posts name.
    let info = fs::read_to_string(&toolkit_toml).unwrap();
    assert!(
        info.starts_with("name = \"Edited by hand\"\norganisation = \"Ours\"\n"),
        "{info}"
    );
    assert!(info.contains("[[members]]"), "{info}");
    let out = maptoolkit(&["validate", dir_arg, "--as-of", "2017-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `--force` into a toolkit with members and themes of its own keeps them all, adds the
/// members it lacks, and leaves a folder that validates.
#[test]
fn import_force_keeps_the_toolkits_members_and_themes() {
    let archive =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../maptoolkit-import/tests/data/archive.txt");
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("toolkit");
    copy_fixtures(&dir);
    let before = fs::read_to_string(dir.join("toolkit.toml")).unwrap();
    let dir_arg = dir.to_str().unwrap();
    let out = maptoolkit(&[
        "import",
        archive.to_str().unwrap(),
        "-o",
        dir_arg,
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = fs::read_to_string(dir.join("toolkit.toml")).unwrap();
    let info: toml::Table = after.parse().unwrap();
    let old: toml::Table = before.parse().unwrap();
    for key in ["name", "organisation"] {
        assert_eq!(info[key], old[key], "{key}");
    }
    let list = |t: &toml::Table, key: &str, field: &str| -> Vec<String> {
        t.get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .map(|m| m[field].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (members, old_members) = (
        list(&info, "members", "initials"),
        list(&old, "members", "initials"),
    );
    assert!(!old_members.is_empty());
    assert_eq!(
        members[..old_members.len()],
        old_members[..],
        "kept, in order"
    );
    assert_eq!(list(&info, "themes", "id"), list(&old, "themes", "id"));
    let out = maptoolkit(&["validate", dir_arg, "--as-of", "2017-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A symbolic link for the folder or a record folder inside it is never written through.
#[cfg(unix)]
#[test]
fn import_never_writes_through_a_symbolic_link() {
    let archive =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../maptoolkit-import/tests/data/archive.txt");
    let work = tempfile::tempdir().unwrap();
    let elsewhere = work.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let dir = work.path().join("toolkit");
    fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("drivers")).unwrap();
    let linked = work.path().join("linked");
    std::os::unix::fs::symlink(&elsewhere, &linked).unwrap();
    for (out_dir, force) in [
        (&dir, false),
        (&dir, true),
        (&linked, false),
        (&linked, true),
    ] {
        let mut args = vec![
            "import",
            archive.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        let out = maptoolkit(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("symbolic link"),
            "{out_dir:?} {force}: {}",
            stderr(&out)
        );
        assert_eq!(
            fs::read_dir(&elsewhere).unwrap().count(),
            0,
            "{out_dir:?} {force}"
        );
    }
}

/// A second import into a folder while another holds it fails at once, naming the lock; an
/// export's output folder is refused, so the next export cannot remove the import.
#[test]
fn import_takes_the_folders_lock_and_refuses_an_export_folder() {
    let archive =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../maptoolkit-import/tests/data/archive.txt");
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("toolkit");
    let held = maptoolkit::ImportFolder::open(&dir).unwrap();
    let out = maptoolkit(&[
        "import",
        archive.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("another maptoolkit run is writing this folder")
            && stderr(&out).contains(".toolkit.maptoolkit-lock"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("toolkit.toml").exists());
    drop(held);

    let exported = work.path().join("site");
    let out = maptoolkit(&[
        "export",
        FIXTURES,
        "-o",
        exported.to_str().unwrap(),
        "--as-of",
        "2017-06-01",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for force in [false, true] {
        let mut args = vec![
            "import",
            archive.to_str().unwrap(),
            "-o",
            exported.to_str().unwrap(),
        ];
        if force {
            args.push("--force");
        }
        let out = maptoolkit(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is an export's output folder"),
            "{}",
            stderr(&out)
        );
        assert!(!exported.join("toolkit.toml").exists());
    }
}

/// The report shows a title's control characters escaped, never raw to the terminal.
#[test]
fn import_report_escapes_control_characters() {
    let work = tempfile::tempdir().unwrap();
    let posts = work.path().join("posts.txt");
    fs::write(
        &posts,
        "Category Archives: News\n\nNews of the \u{1b}]0;pwned\u{7}week\n\nSome news.\n",
    )
    .unwrap();
    let dir = work.path().join("toolkit");
    let out = maptoolkit(&[
        "import",
        posts.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(!err.contains(['\u{1b}', '\u{7}']), "{err:?}");
    assert!(err.contains("News of the ␛]0;pwned␇week"), "{err}");
}

#[test]
fn import_reads_a_wordpress_export_and_names_every_post() {
    let site =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../maptoolkit-import/tests/data/site.xml");
    let work = tempfile::tempdir().unwrap();
    let themes = work.path().join("themes.toml");
    fs::write(
        &themes,
        "name = \"MAP\"\norganisation = \"NHS\"\n\n[[themes]]\nid = \"workforce\"\nname = \"Workforce\"\n",
    )
    .unwrap();
    let dir = work.path().join("imported");
    let out = maptoolkit(&[
        "import",
        site.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
        "--themes-from",
        themes.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    for line in [
        "site.xml: line 107: imported `Meeting 14th June 2017 2-3pm` as protected meeting: meetings/meeting-2017-06-14.toml",
        "site.xml: line 150: skipped `NHS Long Term Plan`: a WordPress draft (never published)",
        "site.xml: line 205: imported `Seven Day Services` as draft driver (no `Date of publication`): drivers/seven-day-services.toml",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    let driver =
        fs::read_to_string(dir.join("drivers/developing-people-improving-care.toml")).unwrap();
    assert!(driver.contains("themes = [\"workforce\"]"), "{driver}");
    let out = maptoolkit(&["validate", dir.to_str().unwrap(), "--as-of", "2017-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `-q` prints errors only: the report's lines for posts imported or skipped are left out.
#[test]
fn quiet_import_prints_nothing_when_every_post_is_accounted_for() {
    let site =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../maptoolkit-import/tests/data/site.xml");
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("imported");
    let out = maptoolkit(&[
        "import",
        "-q",
        site.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&out), "");
    assert!(dir.join("drivers/seven-day-services.toml").is_file());
}

/// Runs the command in `cwd`, as a user would from that folder.
fn maptoolkit_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maptoolkit"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn paths_are_relative_to_the_current_folder() {
    let work = tempfile::tempdir().unwrap();
    let out = maptoolkit_in(work.path(), &["new", "my-toolkit"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let toolkit = work.path().join("my-toolkit");
    for file in ["toolkit.toml", ".taplo.toml", "schemas/driver.schema.json"] {
        assert!(toolkit.join(file).is_file(), "{file}");
    }
    // A copy of the fixtures' records, so there is something to export.
    copy_fixtures(&toolkit);
    // Inside the toolkit, DIR defaults to the current folder; OUT to exports/ there.
    let out = maptoolkit_in(&toolkit, &["validate", "--as-of", "2017-12-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(".: valid (drivers: 5"),
        "{}",
        stdout(&out)
    );
    let out = maptoolkit_in(
        work.path(),
        &["export", "my-toolkit", "--as-of", "2017-12-01"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(work.path().join("exports/briefing.pdf").is_file());
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>().len(),
        1,
        "one summary line: {}",
        stdout(&out)
    );
    assert!(
        stdout(&out).starts_with("wrote 35 files (4 documents) to exports in "),
        "{}",
        stdout(&out)
    );
    // Outside a toolkit, with no DIR, it says what to do.
    let out = maptoolkit_in(work.path(), &["export"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no toolkit.toml in the current folder"));
}

#[test]
fn a_missing_folder_is_named_once() {
    let work = tempfile::tempdir().unwrap();
    let out = maptoolkit_in(work.path(), &["validate", "nosuchdir"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: nosuchdir: is not a folder (give the folder that holds toolkit.toml)\n"
    );
}

#[test]
fn quiet_prints_nothing_on_success_and_verbose_lists_every_file() {
    let work = tempfile::tempdir().unwrap();
    let out_dir = work.path().join("out");
    let run = |flag: &str| {
        maptoolkit_in(
            work.path(),
            &[
                flag,
                "export",
                FIXTURES,
                "-o",
                out_dir.to_str().unwrap(),
                "-f",
                "csv",
            ],
        )
    };
    let out = run("-q");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!((stdout(&out).as_str(), stderr(&out).as_str()), ("", ""));
    let out = run("-v");
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert!(lines[0].starts_with("wrote ") && lines[0].ends_with("drivers.csv"));
    // Warnings go to standard error, rendered with their file.
    assert!(stderr(&out).contains("warning: link: no link to the main document"));
}

#[test]
fn version_and_completions() {
    let out = maptoolkit(&["--version"]);
    assert_eq!(
        stdout(&out),
        format!("maptoolkit {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = maptoolkit(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("_maptoolkit()"), "{}", stdout(&out));
}

#[test]
fn source_date_epoch_outside_four_digit_years_is_a_usage_error() {
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_maptoolkit"))
        .args(["export", FIXTURES, "-o"])
        .arg(work.path().join("out"))
        .env("SOURCE_DATE_EPOCH", "253402300800")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("SOURCE_DATE_EPOCH is `253402300800`: outside the years 1980 to 9999"),
        "{}",
        stderr(&out)
    );
    assert!(!work.path().join("out").exists());
}

#[test]
fn a_format_named_twice_is_written_once() {
    let work = tempfile::tempdir().unwrap();
    let out_dir = work.path().join("out");
    let out = maptoolkit(&[
        "export",
        FIXTURES,
        "-o",
        out_dir.to_str().unwrap(),
        "-f",
        "csv,csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(tree(&out_dir).len(), 6);
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_output_folder_is_never_followed() {
    let work = tempfile::tempdir().unwrap();
    let out_dir = work.path().join("out");
    let elsewhere = work.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("meeting-2017-02-08.docx"), "not ours").unwrap();
    let export = || maptoolkit(&["export", FIXTURES, "-o", out_dir.to_str().unwrap(), "-q"]);
    assert_eq!(export().status.code(), Some(0));
    // Someone swaps a subfolder for a link, and hand-edits the marker to name other files.
    fs::remove_dir_all(out_dir.join("meetings")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out_dir.join("meetings")).unwrap();
    fs::write(
        out_dir.join(".maptoolkit-export"),
        "../elsewhere/meeting-2017-02-08.docx\n",
    )
    .unwrap();
    let out = export();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(tree(&elsewhere).len(), 1);
    assert_eq!(
        fs::read(elsewhere.join("meeting-2017-02-08.docx")).unwrap(),
        b"not ours"
    );
    assert!(
        !fs::symlink_metadata(out_dir.join("meetings"))
            .unwrap()
            .is_symlink()
    );
    assert!(out_dir.join("meetings/meeting-2017-02-08.docx").is_file());
}

/// A toolkit big enough that an export takes a while: the fixtures with each driver copied
/// `copies` times.
fn large_toolkit(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_fixtures(dir.path());
    for entry in fs::read_dir(dir.path().join("drivers")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for i in 0..copies {
            fs::write(path.with_file_name(format!("{stem}-copy-{i}.toml")), &text).unwrap();
        }
    }
    dir
}

#[cfg(unix)]
#[test]
fn a_killed_export_leaves_the_old_set_or_the_new_one() {
    use std::time::Instant;
    let toolkit = large_toolkit(40);
    let work = tempfile::tempdir().unwrap();
    let run = |audience: &str, out: &Path| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_maptoolkit"));
        c.args([
            "export",
            toolkit.path().to_str().unwrap(),
            "-q",
            "-a",
            audience,
        ])
        .args(["--as-of", "2017-12-01", "-o"])
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1512086400");
        c
    };
    // The two sets a reader may see: the members' (with the protected pack) and the public's.
    let old_set = work.path().join("old");
    let new_set = work.path().join("new");
    assert!(run("members", &old_set).status().unwrap().success());
    #[allow(
        clippy::disallowed_methods,
        reason = "spreads the kills over one export's length; nothing is asserted about time"
    )]
    let started = Instant::now();
    assert!(run("public", &new_set).status().unwrap().success());
    let full = started.elapsed();
    let (old_tree, new_tree) = (tree(&old_set), tree(&new_set));
    assert!(old_tree.contains_key("meetings/meeting-2017-03-22.pdf"));
    assert!(!new_tree.contains_key("meetings/meeting-2017-03-22.pdf"));

    let out = work.path().join("out");
    assert!(run("members", &out).status().unwrap().success());
    let mut seen_old = 0;
    for step in 0..12u32 {
        let mut child = run("public", &out).spawn().unwrap();
        std::thread::sleep(full * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&out);
        if now == old_tree {
            seen_old += 1;
        } else {
            assert!(
                now == new_tree,
                "after a kill at step {step}, OUT is a mix: {:?}",
                now.keys()
            );
            // Start again from the old set.
            assert!(run("members", &out).status().unwrap().success());
        }
    }
    assert!(seen_old > 0, "no kill landed before the swap");
    // The next run removes what killed runs left, and leaves no protected file.
    assert!(run("public", &out).status().unwrap().success());
    assert!(tree(&out) == new_tree);
    let mut left: Vec<String> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".new.maptoolkit-lock",
            ".old.maptoolkit-lock",
            ".out.maptoolkit-lock",
            "new",
            "old",
            "out"
        ]
    );
}

#[test]
fn driver_theme_and_since_narrow_the_full_briefing_and_unknown_names_are_refused() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = maptoolkit(&[
        "export",
        FIXTURES,
        "-o",
        out_dir.path().to_str().unwrap(),
        "-f",
        "pdf",
        "--as-of",
        "2017-12-01",
        "--driver",
        "five-year-forward-view",
        "--driver",
        "carter-review",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = Command::new("pdftotext")
        .arg(out_dir.path().join("briefing.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let sections = &text[text.rfind("At a glance").unwrap()..];
    let fyfv = sections.find("Five Year Forward View").unwrap();
    let carter = sections
        .find("Operational productivity and performance")
        .unwrap();
    assert!(fyfv < carter, "in the order given");
    // The appendices of stories and ideas name the drivers they align to; the briefing
    // before them covers only the two.
    let briefing = &text[..text.rfind("Appendix: MAP Stories").unwrap()];
    assert!(!briefing.contains("Knowledge for Healthcare: a development framework"));

    for (args, message) in [
        (&["--driver", "nope"][..], "--driver `nope`: no such driver"),
        (
            &["--theme", "estates"][..],
            "--theme `estates`: no such theme",
        ),
        (
            &["--theme", "transformation", "--since", "2030"][..],
            "the driver selection matches no driver",
        ),
    ] {
        let out_dir = tempfile::tempdir().unwrap();
        let mut all = vec![
            "export",
            FIXTURES,
            "-o",
            out_dir.path().to_str().unwrap(),
            "-f",
            "csv",
            "--as-of",
            "2017-12-01",
        ];
        all.extend_from_slice(args);
        let out = maptoolkit(&all);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
}

// The edges: each test is named after what broke.

/// A copy of the fixtures in a fresh folder, with `edit` applied to one of its files.
fn fixtures_with(rel: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_fixtures(dir.path());
    let path = dir.path().join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    dir
}

#[test]
fn theme_ids_that_fold_together_fail_validate_rather_than_export() {
    for (first, second) in [("Dup", "dup"), ("a--b", "a-b")] {
        let tk = fixtures_with(
            "toolkit.toml",
            "[[themes]]\nid = \"transformation\"",
            &format!(
                "[[themes]]\nid = \"{first}\"\nname = \"First\"\n\n[[themes]]\nid = \"{second}\"\nname = \"Second\"\n\n[[themes]]\nid = \"transformation\""
            ),
        );
        let out = maptoolkit(&[
            "validate",
            tk.path().to_str().unwrap(),
            "--as-of",
            "2017-12-01",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "themes[2].id: theme id `{second}` has the same output name"
            )),
            "{err}"
        );
        assert!(
            err.contains("toolkit.toml:"),
            "names file, line and column: {err}"
        );
    }
}

#[test]
fn export_never_deletes_a_toolkit_copied_into_its_output_folder() {
    let work = tempfile::tempdir().unwrap();
    let out2 = work.path().join("out2");
    let export = |dir: &Path| {
        maptoolkit(&[
            "export",
            dir.to_str().unwrap(),
            "-o",
            out2.to_str().unwrap(),
            "-f",
            "csv",
            "--as-of",
            "2017-12-01",
        ])
    };
    assert_eq!(export(&fixtures()).status.code(), Some(0));
    let mytk = out2.join("mytk");
    copy_fixtures(&mytk);
    let before = tree(&out2);
    let out = export(&mytk);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds a toolkit folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&out2), before, "nothing changed");
    // An output folder inside the toolkit being exported is refused too.
    let out = maptoolkit(&[
        "export",
        mytk.to_str().unwrap(),
        "-o",
        mytk.join("exports").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is inside the toolkit folder"),
        "{}",
        stderr(&out)
    );
    assert!(!mytk.join("exports").exists());
}

#[test]
fn refused_runs_leave_the_file_system_as_they_found_it() {
    let work = tempfile::tempdir().unwrap();
    let tk = work.path().join("tk");
    copy_fixtures(&tk);
    let before = tree(work.path());
    let run = |out: &str| maptoolkit_in(work.path(), &["export", "tk", "-o", out, "-f", "csv"]);
    // `x/..` where `x` does not exist: no `x` is made.
    let out = run("x/../out");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("names a folder that does not exist"),
        "{}",
        stderr(&out)
    );
    // A file of the toolkit as the output folder: no lock file inside the toolkit.
    let out = run("tk/toolkit.toml");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A folder of someone else's: no lock file beside it.
    let out = run("tk/drivers");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(tree(work.path()), before, "nothing was written");
    let names: Vec<_> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["tk"], "no lock file or folder left");
    // The root of the file system, by name.
    let out = run("/");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/: is the root of the file system, which an export cannot replace"),
        "{}",
        stderr(&out)
    );
    // `out/.` is the folder `out`, every time.
    for _ in 0..2 {
        let out = run("out/.");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert!(work.path().join("out/drivers.csv").is_file());
}

#[test]
fn base_urls_the_feed_cannot_use_are_usage_errors_naming_the_flag() {
    let work = tempfile::tempdir().unwrap();
    for url in [
        "https://@/",
        "https://example.org:99999999/",
        "example.org/map/",
    ] {
        let out = maptoolkit(&[
            "export",
            FIXTURES,
            "-o",
            work.path().join("out").to_str().unwrap(),
            "--base-url",
            url,
        ]);
        assert_eq!(out.status.code(), Some(2), "{url}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("--base-url"),
            "{url}: {}",
            stderr(&out)
        );
        assert!(!work.path().join("out").exists());
    }
    // An IPv6 host gives RFC 4151 ids under ip6.arpa.
    let out_dir = work.path().join("out");
    let out = maptoolkit(&[
        "export",
        FIXTURES,
        "-o",
        out_dir.to_str().unwrap(),
        "-f",
        "html",
        "--as-of",
        "2017-12-01",
        "--base-url",
        "https://[::1]/map",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let feed = fs::read_to_string(out_dir.join("site/feed.xml")).unwrap();
    let authority = format!("{}ip6.arpa", "0.".repeat(32).replacen("0.", "1.", 1));
    assert!(
        feed.contains(&format!("<id>tag:{authority},2017:map/feed</id>")),
        "{feed}"
    );
    assert!(
        feed.contains("href=\"https://[::1]/map/feed.xml\""),
        "{feed}"
    );
}

#[test]
fn as_of_and_source_date_epoch_take_one_range_and_every_format_stamps_it_alike() {
    let work = tempfile::tempdir().unwrap();
    let out_dir = work.path().join("out");
    for (date, expected) in [
        (
            "1979-12-31",
            "`1979-12-31` is outside the years 1980 to 9999",
        ),
        (
            "1900-01-01",
            "`1900-01-01` is outside the years 1980 to 9999",
        ),
        (
            "0999-01-01",
            "`0999-01-01` is outside the years 1980 to 9999",
        ),
    ] {
        let out_arg = out_dir.to_str().unwrap();
        for args in [
            vec!["export", FIXTURES, "-o", out_arg, "--as-of", date],
            vec!["validate", FIXTURES, "--as-of", date],
        ] {
            let out = maptoolkit(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(expected), "{}", stderr(&out));
        }
    }
    assert!(!out_dir.exists());
    // The earliest day: Word, the workbook and the PDF all say 1980.
    let out = maptoolkit(&[
        "export",
        FIXTURES,
        "-o",
        out_dir.to_str().unwrap(),
        "-f",
        "docx,xlsx,pdf",
        "--as-of",
        "1980-01-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for file in ["briefing.docx", "registers.xlsx"] {
        let core =
            maptoolkit_tests::part(&fs::read(out_dir.join(file)).unwrap(), "docProps/core.xml");
        assert!(core.contains(">1980-01-01T00:00:00Z<"), "{file}: {core}");
    }
    let info = maptoolkit_tests::pdfinfo(&fs::read(out_dir.join("briefing.pdf")).unwrap(), &[]);
    assert!(info.contains("1980"), "{info}");
}

#[test]
fn control_characters_in_titles_never_reach_the_terminal() {
    // Escaped in TOML (a value) and raw in the file (a syntax error shown with its line).
    let escaped = fixtures_with(
        "drivers/carter-review.toml",
        "owner = \"TP\"",
        "owner = \"\\u001b[2J\\u0007ZZ\"",
    );
    let raw = fixtures_with(
        "drivers/carter-review.toml",
        "owner = \"TP\"",
        "owner = \"\u{1b}[2J\u{7}TP\"",
    );
    for tk in [&escaped, &raw] {
        for args in [
            vec!["validate", tk.path().to_str().unwrap()],
            vec![
                "export",
                tk.path().to_str().unwrap(),
                "-o",
                "/nonexistent-never-written",
            ],
        ] {
            let out = maptoolkit(&args);
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            let err = stderr(&out);
            assert!(
                !err.contains('\u{1b}') && !err.contains('\u{7}'),
                "{args:?}: {err:?}"
            );
            assert!(err.contains('␛'), "{args:?}: shown as a symbol: {err}");
        }
    }
}
