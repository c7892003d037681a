//! Who an export is for: the public or the toolkit's members, and the marking members' output
//! carries.

/// The marking of members' documents, on the cover and in the header and footer of every page.
pub const MEMBERS_MARKING: &str = "OFFICIAL-SENSITIVE: MAP Toolkit members only";

/// Who a briefing is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Executive teams and anyone else: nothing protected, no teleconference details.
    #[default]
    Public,
    /// The toolkit group: everything, including protected records and dial-in details.
    Members,
}

impl Audience {
    /// `public` or `members`.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => "members",
        }
    }

    /// The protective marking every page of a document for this audience carries:
    /// `OFFICIAL-SENSITIVE: MAP Toolkit members only` for members, none for the public.
    pub fn marking(self) -> Option<&'static str> {
        match self {
            Audience::Public => None,
            Audience::Members => Some(MEMBERS_MARKING),
        }
    }

    /// Who the audience is, as a cover page says it.
    pub fn description(self) -> &'static str {
        match self {
            Audience::Public => "Executive teams and senior managers",
            Audience::Members => {
                "Toolkit group members (includes protected content: do not circulate)"
            }
        }
    }
}

impl std::str::FromStr for Audience {
    type Err = String;

    fn from_str(s: &str) -> Result<Audience, String> {
        match s {
            "public" => Ok(Audience::Public),
            "members" => Ok(Audience::Members),
            _ => Err(format!(
                "unknown audience `{s}` (expected public or members)"
            )),
        }
    }
}
