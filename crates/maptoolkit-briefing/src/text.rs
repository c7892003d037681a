//! Small pieces of wording shared by the composers: points as list items, people, dates.

use maptoolkit_core::{Driver, Point, Toolkit};

use crate::{Inline, ListItem};

/// Points as list items, nested the same way.
pub(crate) fn list_items(points: &[Point]) -> Vec<ListItem> {
    points
        .iter()
        .map(|p| ListItem {
            content: vec![Inline::text(&p.text)],
            children: list_items(&p.children),
        })
        .collect()
}

/// Points as readable lines for a spreadsheet cell: `• text`, indented two spaces per level.
pub(crate) fn points_cell(points: &[Point]) -> String {
    let mut lines = Vec::new();
    push_point_lines(points, 0, &mut lines);
    lines.join("\n")
}

fn push_point_lines(points: &[Point], depth: usize, lines: &mut Vec<String>) {
    for p in points {
        lines.push(format!("{}• {}", "  ".repeat(depth), p.text));
        push_point_lines(&p.children, depth + 1, lines);
    }
}

/// What a briefing says where a driver lacks an optional field.
pub(crate) const NOT_RECORDED: &str = "Not recorded";

/// A driver's date of publication as readers see it ("1 December 2016"), or "Not recorded".
pub(crate) fn published_text(driver: &Driver) -> String {
    driver
        .published
        .map_or_else(|| NOT_RECORDED.to_string(), |p| p.to_uk_string())
}

/// The member a driver's owner names, as "Victoria Treadway (VT)", the owner as written, or
/// "Not allocated" when no one is responsible yet.
pub(crate) fn owner_name(toolkit: &Toolkit, owner: Option<&str>) -> String {
    let Some(owner) = owner else {
        return "Not allocated".to_string();
    };
    match toolkit.member(owner) {
        Some(m) if m.name.trim() != m.initials.trim() => {
            format!("{} ({})", m.name.trim(), m.initials.trim())
        }
        Some(m) => m.initials.trim().to_string(),
        None => owner.to_string(),
    }
}

/// "1 item", "2 items".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_cell_shows_nesting() {
        let points = vec![
            Point::with_children("a", vec![Point::with_children("b", vec![Point::new("c")])]),
            Point::new("d"),
        ];
        assert_eq!(points_cell(&points), "• a\n  • b\n    • c\n• d");
    }
}
