//! The entry point: a validated toolkit and options in, a [`Bundle`] of documents and registers out.

use std::borrow::Cow;

use maptoolkit_core::Toolkit;

use crate::executive::{defined_briefing, executive_briefing};
use crate::meeting_pack::meeting_pack;
use crate::{
    ArtifactPath, Audience, Bundle, ExportOptions, NamedDocument, Register, Site, registers,
    site_pages,
};

/// Composes everything an export writes: the executive briefing (`briefing`), a briefing per
/// briefing definition (`briefings/<slug>`), a meeting pack per meeting (`meetings/<slug>`), the
/// registers and the website, for the options' audience.
///
/// Protection is enforced in this module, in one function, [`visible_to`], that this, [`compose_documents`],
/// [`compose_registers`] and [`compose_site`] all go through: for [`Audience::Public`] the toolkit is
/// [redacted](Toolkit::redacted) before anything is composed, so no protected story, idea,
/// meeting or briefing, and no teleconference detail, can reach any format.
///
/// ```
/// use maptoolkit_briefing::{compose, ExportOptions};
/// let toolkit = maptoolkit_core::testing::toolkit();
/// let bundle = compose(&toolkit, &ExportOptions::as_of("2017-06-01".parse().unwrap()));
/// let paths: Vec<&str> = bundle.documents.iter().map(|d| d.path.as_str()).collect();
/// assert_eq!(paths, ["briefing", "meetings/meeting-2017-02-08"]); // the protected meeting is left out
/// assert!(bundle.documents[0].document.text_lines().iter().any(|l| l == "Developing People – Improving Care"));
/// ```
pub fn compose(toolkit: &Toolkit, options: &ExportOptions) -> Bundle {
    let visible = visible_to(toolkit, options.audience);
    let toolkit = &*visible;
    Bundle {
        documents: documents(toolkit, options),
        registers: all_registers(toolkit, options),
        site: Some(site_pages::site(toolkit, options)),
    }
}

/// The toolkit as `audience` may see it: for [`Audience::Public`] a [redacted](Toolkit::redacted)
/// copy, unless it has nothing to hide, when it is used as it is.
///
/// A caller that composes several halves of a bundle for one audience can call this once and
/// hand the result to each; they then find nothing to hide and copy nothing. They redact all the
/// same, so skipping this is never a leak.
pub fn visible_to(toolkit: &Toolkit, audience: Audience) -> Cow<'_, Toolkit> {
    match audience {
        Audience::Public if !toolkit.is_public() => Cow::Owned(toolkit.redacted()),
        Audience::Public | Audience::Members => Cow::Borrowed(toolkit),
    }
}

/// The toolkit as `audience` may see it, taking ownership: for [`Audience::Public`] it is
/// [redacted](Toolkit::into_redacted) in place, without a copy.
///
/// A caller that holds its own toolkit and composes for one audience can call this first, so
/// that [`compose_documents`] and [`compose_registers`] find nothing to hide and copy nothing.
/// They redact all the same, so skipping this is never a leak.
pub fn for_audience(toolkit: Toolkit, audience: Audience) -> Toolkit {
    match audience {
        Audience::Public => toolkit.into_redacted(),
        Audience::Members => toolkit,
    }
}

/// The documents of [`compose`] alone: the executive briefing, the briefings of the briefing
/// definitions and the meeting packs.
///
/// With [`compose_registers`], this lets a caller compose, render and drop one half before
/// composing the other, so the two never take memory at the same time.
pub fn compose_documents(toolkit: &Toolkit, options: &ExportOptions) -> Vec<NamedDocument> {
    documents(&visible_to(toolkit, options.audience), options)
}

/// The registers of [`compose`] alone: drivers, review schedule, stories, ideas and meetings.
pub fn compose_registers(toolkit: &Toolkit, options: &ExportOptions) -> Vec<Register> {
    all_registers(&visible_to(toolkit, options.audience), options)
}

/// The website of [`compose`] alone: a page per current driver, theme, MAP Story, Ideas Capture
/// plan and meeting the audience may see, list pages, a home page and feed entries.
pub fn compose_site(toolkit: &Toolkit, options: &ExportOptions) -> Site {
    site_pages::site(&visible_to(toolkit, options.audience), options)
}

/// The documents, from a toolkit already [visible](visible_to) to the audience.
fn documents(toolkit: &Toolkit, options: &ExportOptions) -> Vec<NamedDocument> {
    let include = options.include;
    let mut documents = Vec::new();
    if include.drivers || include.stories || include.ideas {
        documents.push(NamedDocument {
            path: ArtifactPath::new(&["briefing"]),
            document: executive_briefing(toolkit, options),
        });
    }
    if include.drivers {
        for (slug, briefing) in toolkit.briefings() {
            documents.push(NamedDocument {
                path: ArtifactPath::new(&["briefings", slug]),
                document: defined_briefing(toolkit, briefing, options),
            });
        }
    }
    if include.meetings {
        for (slug, meeting) in toolkit.meetings() {
            documents.push(NamedDocument {
                path: ArtifactPath::new(&["meetings", slug]),
                document: meeting_pack(toolkit, meeting, options),
            });
        }
    }
    documents
}

/// The registers, from a toolkit already [visible](visible_to) to the audience.
fn all_registers(toolkit: &Toolkit, options: &ExportOptions) -> Vec<Register> {
    let include = options.include;
    let mut out = Vec::new();
    if include.drivers {
        out.push(registers::drivers(toolkit));
        out.push(registers::review(toolkit, options));
    }
    if include.stories {
        out.push(registers::stories(toolkit));
    }
    if include.ideas {
        out.push(registers::ideas(toolkit));
    }
    if include.meetings {
        out.push(registers::meetings(toolkit));
    }
    for register in &mut out {
        register.created = options.created;
        register.marking = options.audience.marking().map(String::from);
    }
    out
}
