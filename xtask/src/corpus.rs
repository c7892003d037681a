//! `cargo xtask gen-corpus N --out DIR [--seed S]`: a synthetic, realistic toolkit for benchmarks.
//!
//! The toolkit comes from [`maptoolkit_core::synthetic`]. The same drivers are also written as one
//! Markdown file and one Typst file, laid out as our briefing is, so peers (pandoc, typst) are
//! measured on the content our exporters render.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use maptoolkit_core::{Point, ToolkitSource};

/// The generated toolkit.
pub type Corpus = ToolkitSource;

/// Generates `n` drivers with `seed`.
pub fn generate(n: usize, seed: u64) -> Corpus {
    maptoolkit_core::synthetic(n, seed)
}

/// Writes the corpus as a toolkit folder plus `corpus.md` and `corpus.typ` beside it.
///
/// # Errors
/// When a file cannot be written.
pub fn write(corpus: &Corpus, out: &Path) -> Result<()> {
    // A smaller corpus written over a larger one must not keep the larger one's records.
    let toolkit = out.join("toolkit");
    if fs::symlink_metadata(&toolkit).is_ok() {
        if !toolkit.join("toolkit.toml").is_file() {
            anyhow::bail!(
                "{} exists and is not a toolkit folder: give another --out",
                toolkit.display()
            );
        }
        fs::remove_dir_all(&toolkit).with_context(|| format!("removing {}", toolkit.display()))?;
    }
    let put = |rel: String, text: String| -> Result<()> {
        let path = out.join(rel);
        fs::create_dir_all(path.parent().expect("has a folder"))?;
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
    };
    put(
        "toolkit/toolkit.toml".into(),
        toml::to_string(&corpus.info)?,
    )?;
    for e in &corpus.drivers {
        put(
            format!("toolkit/drivers/{}.toml", e.slug),
            toml::to_string(&e.record)?,
        )?;
    }
    for e in &corpus.stories {
        put(
            format!("toolkit/stories/{}.toml", e.slug),
            toml::to_string(&e.record)?,
        )?;
    }
    for e in &corpus.meetings {
        put(
            format!("toolkit/meetings/{}.toml", e.slug),
            toml::to_string(&e.record)?,
        )?;
    }
    put("corpus.md".into(), markdown(corpus))?;
    put("corpus.typ".into(), typst(corpus))?;
    Ok(())
}

fn md_points(out: &mut String, points: &[Point], depth: usize) {
    for p in points {
        let _ = writeln!(out, "{}- {}", "    ".repeat(depth), p.text);
        md_points(out, &p.children, depth + 1);
    }
}

/// The drivers as one Markdown document, laid out as our briefing is.
fn markdown(corpus: &Corpus) -> String {
    let mut md = format!(
        "---\ntitle: \"{}: executive briefing\"\nlang: en-GB\n---\n\n",
        corpus.info.name
    );
    for d in corpus.drivers.iter().map(|e| &e.record) {
        let _ = writeln!(md, "## {}\n", d.title);
        let _ = writeln!(
            md,
            "| | |\n|---|---|\n| Source | {} |\n| Published | {} ({}) |\n| Primary audience | {} |\n| Owner | {} |\n",
            d.source,
            d.published.map(|p| p.to_uk_string()).unwrap_or_default(),
            d.publication_format.as_deref().unwrap_or_default(),
            d.primary_audience.as_deref().unwrap_or_default(),
            d.owner.as_deref().unwrap_or_default()
        );
        let _ = writeln!(
            md,
            "[{}]({})\n",
            d.title,
            d.link.as_deref().unwrap_or_default()
        );
        let _ = writeln!(md, "### Summary\n\n{}\n", d.summary);
        md.push_str("### What this means for library and knowledge services\n\n");
        md_points(&mut md, &d.impact, 0);
        md.push_str("\n### Key features\n\n");
        md_points(&mut md, &d.key_features, 0);
        md.push('\n');
    }
    md
}

fn typ_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '#' | '*'
                | '_'
                | '`'
                | '$'
                | '<'
                | '>'
                | '@'
                | '['
                | ']'
                | '\\'
                | '/'
                | '='
                | '-'
                | '+'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn typ_points(out: &mut String, points: &[Point], depth: usize) {
    for p in points {
        let _ = writeln!(out, "{}- {}", "  ".repeat(depth), typ_escape(&p.text));
        typ_points(out, &p.children, depth + 1);
    }
}

/// The drivers as one Typst document, laid out as our briefing is.
fn typst(corpus: &Corpus) -> String {
    let mut t = String::from(
        "#set page(paper: \"a4\", margin: 2cm)\n#set text(lang: \"en\", region: \"GB\", size: 11pt)\n#outline()\n\n",
    );
    for d in corpus.drivers.iter().map(|e| &e.record) {
        let _ = writeln!(t, "== {}\n", typ_escape(&d.title));
        let _ = writeln!(
            t,
            "#table(columns: 2, [Source], [{}], [Published], [{}], [Primary audience], [{}], [Owner], [{}])\n",
            typ_escape(&d.source),
            typ_escape(&d.published.map(|p| p.to_uk_string()).unwrap_or_default()),
            typ_escape(d.primary_audience.as_deref().unwrap_or_default()),
            typ_escape(d.owner.as_deref().unwrap_or_default())
        );
        let _ = writeln!(
            t,
            "#link(\"{}\")[{}]\n",
            d.link.as_deref().unwrap_or_default(),
            typ_escape(&d.title)
        );
        let _ = writeln!(t, "=== Summary\n\n{}\n", typ_escape(&d.summary));
        t.push_str("=== What this means for library and knowledge services\n\n");
        typ_points(&mut t, &d.impact, 0);
        t.push_str("\n=== Key features\n\n");
        typ_points(&mut t, &d.key_features, 0);
        t.push('\n');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `gen-corpus 10` into the folder of a 50-driver corpus used to leave the other 40.
    #[test]
    fn a_smaller_corpus_replaces_a_larger_one() {
        let dir = tempfile::tempdir().unwrap();
        write(&generate(50, 1), dir.path()).unwrap();
        write(&generate(10, 1), dir.path()).unwrap();
        let drivers = fs::read_dir(dir.path().join("toolkit/drivers"))
            .unwrap()
            .count();
        assert_eq!(drivers, 10);
    }

    #[test]
    fn corpus_is_deterministic_per_seed_and_validates() {
        let a = generate(40, 7);
        let b = generate(40, 7);
        assert_eq!(a.drivers, b.drivers);
        assert_ne!(generate(40, 8).drivers, a.drivers);
        let dir = tempfile::tempdir().unwrap();
        write(&a, dir.path()).unwrap();
        let loaded = maptoolkit_core::load(&dir.path().join("toolkit"), None).unwrap();
        assert_eq!(loaded.toolkit.drivers().len(), 40);
        fn point_words(points: &[Point]) -> usize {
            points
                .iter()
                .map(|p| p.text.split_whitespace().count() + point_words(&p.children))
                .sum()
        }
        let words: usize = a
            .drivers
            .iter()
            .map(|e| {
                let d = &e.record;
                let text = format!(
                    "{} {} {} {}",
                    d.title,
                    d.source,
                    d.primary_audience.as_deref().unwrap_or_default(),
                    d.summary
                );
                text.split_whitespace().count()
                    + point_words(&d.impact)
                    + point_words(&d.key_features)
            })
            .sum();
        let average = words / 40;
        assert!(
            (300..420).contains(&average),
            "average words per driver: {average}"
        );
    }
}
