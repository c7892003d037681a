//! The site's one style sheet: `style.css` beside this file, and a rule per review status
//! colour, taken from the briefing crate so every format colours statuses alike.

use maptoolkit_briefing::ReviewRag;

/// The style sheet's text.
pub(crate) fn style_sheet() -> String {
    let mut css = include_str!("style.css").to_string();
    for rag in [
        ReviewRag::Red,
        ReviewRag::Amber,
        ReviewRag::Green,
        ReviewRag::Grey,
    ] {
        css.push_str(&format!(
            ".tag--{} {{ background: #{}; color: #{}; }}\n",
            rag.as_str(),
            rag.fill().hex(),
            rag.text().hex()
        ));
    }
    css
}
