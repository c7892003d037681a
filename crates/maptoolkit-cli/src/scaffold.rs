//! `maptoolkit new` and `maptoolkit schema`: a toolkit folder to start from, and the JSON
//! Schemas that let editors check record files as people type.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::Ui;

/// The options of `new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The folder to make; it must not exist or be empty
    pub dir: PathBuf,
    /// The toolkit's name
    #[arg(long, default_value = "MAP Toolkit")]
    pub name: String,
    /// Who keeps the toolkit: the library and knowledge service
    #[arg(long, default_value = "Our library and knowledge service")]
    pub organisation: String,
}

/// The options of `schema`.
#[derive(Debug, Clone, clap::Args)]
pub struct SchemaArgs {
    /// Where to write the schemas
    #[arg(long, short, default_value = "schemas")]
    pub out: PathBuf,
}

/// The record folders of a toolkit, with the schema of each one's files.
const RECORDS: [(&str, &str); 5] = [
    ("drivers", "driver.schema.json"),
    ("stories", "story.schema.json"),
    ("ideas", "idea.schema.json"),
    ("meetings", "meeting.schema.json"),
    ("briefings", "briefing.schema.json"),
];

/// Runs `new`: a folder that validates, with `schemas/` and a `.taplo.toml` for editors.
pub fn new(args: &NewArgs, ui: &Ui) -> ExitCode {
    match scaffold(args) {
        Ok(()) => {
            ui.say(&format!(
                "made {}: add drivers/<slug>.toml files, then run `maptoolkit validate {}`",
                args.dir.display(),
                args.dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(message) => {
            ui.error(&message, None);
            ExitCode::from(1)
        }
    }
}

fn scaffold(args: &NewArgs) -> Result<(), String> {
    let dir = &args.dir;
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(format!(
            "{}: is not empty (give a new folder)",
            dir.display()
        ));
    }
    let failed = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    for (folder, _) in RECORDS {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(|e| failed(&path, e))?;
    }
    let toolkit = dir.join("toolkit.toml");
    fs::write(&toolkit, toolkit_toml(&args.name, &args.organisation))
        .map_err(|e| failed(&toolkit, e))?;
    write_schemas(&dir.join("schemas"))?;
    let taplo = dir.join(".taplo.toml");
    fs::write(&taplo, taplo_toml()).map_err(|e| failed(&taplo, e))?;
    Ok(())
}

/// A `toolkit.toml` with its fields explained. TOML strings are written with JSON's escapes,
/// which TOML's basic strings share.
fn toolkit_toml(name: &str, organisation: &str) -> String {
    let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
    format!(
        "# The toolkit: who keeps it, the group's members and the themes drivers belong to.\n\
         name = {}\n\
         organisation = {}\n\
         \n\
         # One [[members]] table per group member; drivers name their owner by initials.\n\
         # [[members]]\n\
         # initials = \"AB\"\n\
         # name = \"Alex Brown\"\n\
         # role = \"Library Services Manager\"\n\
         \n\
         # One [[themes]] table per theme; drivers list theme ids.\n\
         # [[themes]]\n\
         # id = \"workforce\"\n\
         # name = \"Workforce and education\"\n",
        quote(name),
        quote(organisation)
    )
}

/// Taplo's settings: each kind of file checked against its schema.
fn taplo_toml() -> String {
    let mut text = String::from(
        "# Editors with the Taplo extension (VS Code \"Even Better TOML\", and others) check each\n\
         # file against its schema as you type. Paths are relative to this file.\n",
    );
    let rules = std::iter::once(("toolkit.toml".to_string(), "toolkit.schema.json"))
        .chain(RECORDS.iter().map(|(f, s)| (format!("{f}/*.toml"), *s)));
    for (include, schema) in rules {
        text.push_str(&format!(
            "\n[[rule]]\ninclude = [\"{include}\"]\n\n[rule.schema]\npath = \"./schemas/{schema}\"\n"
        ));
    }
    text
}

/// Writes every JSON Schema into `out`.
fn write_schemas(out: &Path) -> Result<Vec<PathBuf>, String> {
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = Vec::new();
    for (name, schema) in maptoolkit::core::schemas() {
        let path = out.join(name);
        let mut json = serde_json::to_string_pretty(&schema).expect("a schema serialises");
        json.push('\n');
        fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Runs `schema`.
pub fn schema(args: &SchemaArgs, ui: &Ui) -> ExitCode {
    match write_schemas(&args.out) {
        Ok(written) => {
            for path in written {
                ui.say(&format!("wrote {}", path.display()));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            ui.error(&message, None);
            ExitCode::from(1)
        }
    }
}
