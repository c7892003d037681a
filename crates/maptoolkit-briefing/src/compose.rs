//! The entry points: a validated toolkit and options in, a [`Bundle`] of documents and registers
//! out, or one briefing of a definition built in code.

use std::borrow::Cow;

use maptoolkit_core::{Briefing, Report, Toolkit};

use crate::executive::{defined_briefing, executive_briefing};
use crate::meeting_pack::meeting_pack;
use crate::{
    ArtifactPath, Audience, Bundle, Document, ExportOptions, NamedDocument, Register, Site,
    registers, site_pages,
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

/// Composes one briefing from a definition a program built (see [`Briefing::new`]), without
/// validating the toolkit again: the definition alone is checked against it
/// ([`Toolkit::check_briefing`]).
///
/// The briefing is composed for its own [audience](Briefing::audience), whatever
/// `options.audience` says: a public briefing from the toolkit [visible](visible_to) to the
/// public, so no protected story or idea reaches it; a members' one carries the members'
/// marking. The other options (the as-of date, the creation time, the record kinds) apply.
///
/// ```
/// use maptoolkit_briefing::{Audience, ExportOptions, compose_briefing};
/// use maptoolkit_core::Briefing;
/// let toolkit = maptoolkit_core::testing::toolkit();
/// let options = ExportOptions::as_of("2017-12-01".parse().unwrap());
/// let date: maptoolkit_core::Date = "2017-12-05".parse().unwrap();
/// let briefing = Briefing::new("Leadership for the Board", Audience::Public, date)
///     .readers("Trust Board")
///     .drivers(["developing-people"])
///     .summary("One national driver.");
/// let document = compose_briefing(&toolkit, &briefing, &options).unwrap();
/// assert_eq!(document.meta.title, "Leadership for the Board");
/// assert!(document.text_lines().iter().any(|l| l == "Developing People – Improving Care"));
///
/// // Every problem of the definition at once.
/// let wrong = briefing.clone().drivers(["carter-review"]).summary(" ");
/// let report = compose_briefing(&toolkit, &wrong, &options).unwrap_err();
/// assert_eq!(report.errors().count(), 2);
/// ```
///
/// # Errors
/// A [`Report`] of every problem of the definition (errors first, then warnings) when it has an
/// error.
pub fn compose_briefing(
    toolkit: &Toolkit,
    briefing: &Briefing,
    options: &ExportOptions,
) -> Result<Document, Report> {
    let report = toolkit.check_briefing(briefing);
    if report.errors().next().is_some() {
        return Err(report);
    }
    let audience = briefing.audience();
    let options = ExportOptions {
        audience,
        ..options.clone()
    };
    Ok(defined_briefing(
        &visible_to(toolkit, audience),
        briefing,
        &options,
    ))
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

#[cfg(test)]
mod tests {
    use maptoolkit_core::{Audience, Briefing, Date, Entry, testing};

    use super::*;

    /// The testing toolkit with a second, protected MAP Story on its driver.
    fn with_protected_story() -> Toolkit {
        let mut source = testing::source();
        let mut story = testing::story();
        story.title = "A protected story of the leadership programme".to_string();
        story.protected = true;
        source.stories.push(Entry::new("protected-story", story));
        source.validate(None).expect("valid").toolkit
    }

    fn briefing(audience: Audience) -> Briefing {
        let date: Date = "2017-12-05".parse().unwrap();
        Briefing::new("Leadership for the Board", audience, date)
            .drivers(["developing-people"])
            .summary("One national driver.")
    }

    #[test]
    fn a_public_briefing_never_shows_protected_content() {
        let toolkit = with_protected_story();
        // Members' options do not widen a public briefing: its own audience decides.
        let options = ExportOptions {
            audience: Audience::Members,
            ..ExportOptions::as_of("2017-12-01".parse().unwrap())
        };
        let text = compose_briefing(&toolkit, &briefing(Audience::Public), &options)
            .unwrap()
            .text_lines()
            .join("\n");
        assert!(
            text.contains("Evidence for the leadership programme"),
            "{text}"
        );
        assert!(!text.contains("A protected story"), "{text}");
        assert!(!text.contains(crate::MEMBERS_MARKING), "{text}");

        let members = compose_briefing(&toolkit, &briefing(Audience::Members), &options).unwrap();
        let text = members.text_lines().join("\n");
        assert!(text.contains("A protected story"), "{text}");
        assert_eq!(
            members.meta.marking.as_deref(),
            Some(crate::MEMBERS_MARKING)
        );
    }

    #[test]
    fn every_problem_of_a_definition_is_reported_at_once() {
        let toolkit = testing::toolkit();
        let mut wrong = briefing(Audience::Public)
            .drivers(["developing-people", "carter-review"])
            .themes(["estates"])
            .summary("")
            .purpose(maptoolkit_core::Purpose::Decision);
        wrong.title = String::new();
        let options = ExportOptions::as_of("2017-12-01".parse().unwrap());
        let report = compose_briefing(&toolkit, &wrong, &options).unwrap_err();
        let fields: Vec<&str> = report.errors().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "drivers[1]",
                "recommendations",
                "summary",
                "themes[0]",
                "title"
            ]
        );
        assert!(report.errors().all(|d| d.file == "briefing"), "{report:?}");
    }
}
