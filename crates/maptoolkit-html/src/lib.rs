//! Exporting a toolkit as a static website with an Atom feed.
//!
//! [`HtmlExporter`] renders a bundle's [`Site`] (see
//! [`compose_site`](maptoolkit_briefing::compose_site)) into `site/`: a page per entry of
//! [`Site::pages`] (`index.html`, `drivers/<slug>.html`, `themes/<id>.html`, `stories/`,
//! `ideas/`, `meetings/` and a list page per kind), one style sheet, and `feed.xml`, an Atom
//! feed of the current drivers, when the site has a base URL. Pages work without JavaScript and
//! follow NHS identity and WCAG: one `h1`, landmarks, a skip link, visible focus, `lang`, tables
//! with header cells, review status as colour and word.
//!
//! ```
//! use maptoolkit_briefing::{
//!     ArtifactPath, Block, Bundle, Document, Exporter, Inline, Metadata, NavLink, Site, SitePage,
//!     Timestamp,
//! };
//! use maptoolkit_html::HtmlExporter;
//!
//! let meta = Metadata {
//!     title: "MAP Toolkit".into(),
//!     subject: "Content as of 1 December 2017.".into(),
//!     author: "Library and Knowledge Service".into(),
//!     language: "en-GB".into(),
//!     as_of: "2017-12-01".into(),
//!     created: Timestamp::from_unix_seconds(0),
//!     marking: None,
//! };
//! let home = ArtifactPath::new(&["index"]);
//! let page = |path: &[&str], blocks| SitePage {
//!     path: ArtifactPath::new(path),
//!     section: home.clone(),
//!     document: Document { meta: meta.clone(), blocks },
//! };
//! let site = Site {
//!     meta: meta.clone(),
//!     base_url: None,
//!     navigation: vec![NavLink { text: "Home".into(), path: home.clone() }],
//!     pages: vec![
//!         page(&["index"], vec![
//!             Block::Title("MAP Toolkit".into()),
//!             Block::Paragraph(vec![Inline::Link {
//!                 text: "Developing People – Improving Care".into(),
//!                 url: "drivers/developing-people".into(), // a page of the site
//!             }]),
//!         ]),
//!         page(&["drivers", "developing-people"], vec![Block::Title("Developing People".into())]),
//!     ],
//!     feed: vec![],
//! };
//! let bundle = Bundle { site: Some(site), ..Bundle::default() };
//! let files = HtmlExporter.export(&bundle).unwrap();
//! let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
//! // No feed without a base URL: Atom needs absolute links.
//! assert_eq!(paths, ["site/index.html", "site/drivers/developing-people.html", "site/style.css"]);
//! let home = String::from_utf8(files[0].bytes.clone()).unwrap();
//! assert!(home.contains("<html lang=\"en-GB\">"));
//! assert!(home.contains("<a href=\"drivers/developing-people.html\">Developing People – Improving Care</a>"));
//! ```
#![warn(missing_docs)]

mod blocks;
mod escape;
mod feed;
mod page;
mod style;

use maptoolkit_briefing::{
    Artifact, ArtifactPath, ArtifactSink, Bundle, ExportError, Exporter, Parts, Site, SitePage,
};
use rayon::prelude::*;

pub use escape::{escape, escaped};
pub use feed::TAG_DATE;

/// The folder, under the output folder, the site is written into.
pub const SITE_DIR: &str = "site";

/// Writes the site of a bundle as HTML pages, a style sheet and an Atom feed.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlExporter;

impl Exporter for HtmlExporter {
    fn name(&self) -> &str {
        "html"
    }

    fn extension(&self) -> &str {
        "html"
    }

    fn parts(&self) -> Parts {
        Parts::SITE
    }

    fn export(&self, bundle: &Bundle) -> Result<Vec<Artifact>, ExportError> {
        let mut files = Vec::new();
        if let Some(site) = &bundle.site {
            render(site, |path, text| {
                files.push(Artifact {
                    path,
                    bytes: text.into_bytes(),
                });
                Ok(())
            })?;
        }
        Ok(files)
    }

    /// Pages are rendered and written on every core, each straight into its file: one page's
    /// text is held at a time per thread, never the whole site's.
    fn export_to(&self, bundle: &Bundle, sink: &dyn ArtifactSink) -> Result<(), ExportError> {
        let Some(site) = &bundle.site else {
            return Ok(());
        };
        let emit = |path: ArtifactPath, text: String| {
            let write = |e: std::io::Error| ExportError::write(&path, e);
            let mut out = sink.create(&path).map_err(write)?;
            out.write_all(text.as_bytes()).map_err(write)?;
            out.flush().map_err(write)
        };
        let feed = feed::render(site);
        site.pages
            .par_iter()
            .try_for_each(|page| emit(page_path(page), page::render(site, page, feed.is_some())))?;
        emit(
            ArtifactPath::new(&[SITE_DIR, "style.css"]),
            style::style_sheet(),
        )?;
        match feed {
            Some(feed) => emit(ArtifactPath::new(&[SITE_DIR, "feed.xml"]), feed),
            None => Ok(()),
        }
    }
}

/// Where a page is written: `site/<its path>.html`.
fn page_path(page: &SitePage) -> ArtifactPath {
    let mut parts = vec![SITE_DIR];
    parts.extend(page.path.components());
    ArtifactPath::new(&parts).with_extension("html")
}

/// Renders every file of `site`, in a fixed order, handing each to `emit` with its path.
///
/// # Errors
/// What `emit` returns.
pub fn render(
    site: &Site,
    mut emit: impl FnMut(ArtifactPath, String) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let feed = feed::render(site);
    for page in &site.pages {
        emit(page_path(page), page::render(site, page, feed.is_some()))?;
    }
    emit(
        ArtifactPath::new(&[SITE_DIR, "style.css"]),
        style::style_sheet(),
    )?;
    if let Some(feed) = feed {
        emit(ArtifactPath::new(&[SITE_DIR, "feed.xml"]), feed)?;
    }
    Ok(())
}
