//! The entry point: a validated toolkit and options in, a [`Bundle`] of documents and registers out.

use maptoolkit_core::Toolkit;

use crate::executive::executive_briefing;
use crate::meeting_pack::meeting_pack;
use crate::{ArtifactPath, Audience, Bundle, ExportOptions, NamedDocument, registers};

/// Composes everything an export writes: the executive briefing (`briefing`), a meeting pack per
/// meeting (`meetings/<slug>`) and the registers, for the options' audience.
///
/// Protection is enforced here, once: for [`Audience::Public`] the toolkit is
/// [redacted](Toolkit::redacted) before anything is composed, so no protected story, idea or
/// meeting, and no teleconference detail, can reach any format.
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
    let redacted;
    let toolkit = match options.audience {
        // A toolkit with nothing to hide is used as it is, rather than copied.
        Audience::Public if !toolkit.is_public() => {
            redacted = toolkit.redacted();
            &redacted
        }
        Audience::Public | Audience::Members => toolkit,
    };
    let include = options.include;
    let mut bundle = Bundle::default();
    if include.drivers || include.stories || include.ideas {
        bundle.documents.push(NamedDocument {
            path: ArtifactPath::new(&["briefing"]),
            document: executive_briefing(toolkit, options),
        });
    }
    if include.meetings {
        for (slug, meeting) in toolkit.meetings() {
            bundle.documents.push(NamedDocument {
                path: ArtifactPath::new(&["meetings", slug]),
                document: meeting_pack(toolkit, meeting, options),
            });
        }
    }
    if include.drivers {
        bundle.registers.push(registers::drivers(toolkit));
        bundle.registers.push(registers::review(toolkit, options));
    }
    if include.stories {
        bundle.registers.push(registers::stories(toolkit));
    }
    if include.ideas {
        bundle.registers.push(registers::ideas(toolkit));
    }
    if include.meetings {
        bundle.registers.push(registers::meetings(toolkit));
    }
    bundle
}
