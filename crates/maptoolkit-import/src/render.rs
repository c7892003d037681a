//! Rendering a driver back to the post layout the archive uses.

use maptoolkit_core::{Driver, Point};

use crate::labels::Field;

/// Renders a driver as a MAP Toolkit post: the title line, then every field under its template
/// label, blank lines between, bullets `•` indented two spaces per level.
///
/// Importing the text gives the driver back, except what posts never carried: `level`,
/// `archived`, `draft` and `themes`. Dates are written as in the archive (`1 December 2016`,
/// `February 2018`).
///
/// ```
/// use maptoolkit_import::{import, render_post, ImportOptions};
/// let driver = maptoolkit_core::testing::driver();
/// let text = render_post(&driver);
/// assert!(text.contains("Group member responsible: "));
/// let back = import(&text, &ImportOptions::default());
/// assert_eq!(back.source.drivers[0].record.key_features, driver.key_features);
/// ```
pub fn render_post(driver: &Driver) -> String {
    let mut out = String::new();
    let mut block = |text: &str| {
        out.push_str(text);
        out.push_str("\n\n");
    };
    let line = |field: Field, value: &str| format!("{}: {value}", field.label());
    block(&driver.title);
    block(&line(Field::Title, &driver.title));
    // Always written, empty when there are none, so a title ending in brackets stays whole.
    block(
        line(
            Field::AlternativeTitles,
            &driver.alternative_titles.join("; "),
        )
        .trim_end(),
    );
    block(&line(Field::Source, &driver.source));
    block(&format!("{}:", Field::Impact.label()));
    block(&bullets(&driver.impact));
    block(&line(Field::Link, driver.link.as_deref().unwrap_or("")));
    if let Some(format) = &driver.publication_format {
        block(&line(Field::PublicationFormat, format));
    }
    if let Some(published) = driver.published {
        block(&line(Field::Published, &published.to_uk_string()));
    }
    block(&format!(
        "{}: {}",
        Field::Summary.label(),
        maptoolkit_core::paragraphs(&driver.summary).join("\n\n")
    ));
    if !driver.key_features.is_empty() {
        block(&format!("{}:", Field::KeyFeatures.label()));
        block(&bullets(&driver.key_features));
    }
    if let Some(audience) = &driver.primary_audience {
        block(&line(Field::PrimaryAudience, audience));
    }
    if let Some(d) = driver.last_updated {
        block(&line(Field::LastUpdated, &d.to_uk_string()));
    }
    if let Some(d) = driver.review_due {
        block(&line(Field::ReviewDue, &d.to_uk_string()));
    }
    if let Some(owner) = &driver.owner {
        block(&line(Field::Owner, owner));
    }
    out
}

/// Points as bullet lines, two more spaces of indent per level.
fn bullets(points: &[Point]) -> String {
    fn walk(points: &[Point], depth: usize, out: &mut Vec<String>) {
        for p in points {
            out.push(format!("{}• {}", "  ".repeat(depth + 1), p.text));
            walk(&p.children, depth + 1, out);
        }
    }
    let mut lines = Vec::new();
    walk(points, 0, &mut lines);
    lines.join("\n")
}
