//! A synthetic but realistic toolkit, for benchmarks and large tests.
//!
//! Drivers of about 350 words each with nested key features and UK punctuation (en-dashes, curly
//! quotes, £), plus stories and meetings (some protected), all deterministic per seed. Members
//! and themes grow with the drivers, so a benchmark over sizes grows every dimension together.
//! A small built-in generator (SplitMix64) keeps it free of randomness crates and of the clock.

use crate::{
    AgendaItem, Driver, Entry, Level, MapStory, Meeting, Member, PartialDate, Point,
    Teleconference, Theme, ToolkitInfo, ToolkitSource,
};

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NOUNS: &[&str] = &[
    "evidence",
    "workforce",
    "library service",
    "care pathway",
    "commissioning",
    "knowledge",
    "leadership",
    "integrated care",
    "patient safety",
    "primary care",
    "digital services",
    "health literacy",
    "research",
    "quality improvement",
    "outcomes",
    "STP footprint",
    "acute trust",
    "community services",
    "budget",
];
const VERBS: &[&str] = &[
    "supports",
    "requires",
    "strengthens",
    "reviews",
    "sets out",
    "asks for",
    "describes",
    "improves",
    "measures",
    "shares",
    "funds",
    "prioritises",
];
const ADJECTIVES: &[&str] = &[
    "national",
    "regional",
    "local",
    "sustainable",
    "shared",
    "evidence-based",
    "efficient",
    "compassionate",
    "coherent",
    "proactive",
    "system-wide",
];
const FIRST_NAMES: &[&str] = &[
    "Aisha", "Bethan", "Callum", "Deepa", "Eilidh", "Femi", "Gareth", "Hannah", "Imran", "Joanne",
    "Kwame", "Lowri", "Mairead", "Nadia", "Owain", "Priya", "Rhys", "Siobhan", "Tomasz", "Zoë",
];
const SURNAMES: &[&str] = &[
    "Ahmed",
    "Brown",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fraser",
    "Gallagher",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lloyd",
    "MacLeod",
    "Nowak",
    "O’Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Thomas",
];
const SOURCES: &[&str] = &[
    "NHS England",
    "Health Education England (HEE)",
    "Department of Health and Social Care",
    "NHS Improvement",
    "Care Quality Commission",
    "The King’s Fund",
    "National Institute for Health and Care Excellence",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    while s.split(' ').count() < words {
        if !s.is_empty() {
            s.push(' ');
        }
        let clause = match rng.below(6) {
            0 => format!(
                "the {} {} “{}”",
                rng.pick(ADJECTIVES),
                rng.pick(NOUNS),
                rng.pick(NOUNS)
            ),
            1 => format!(
                "{} – {} {}",
                rng.pick(NOUNS),
                rng.pick(VERBS),
                rng.pick(NOUNS)
            ),
            2 => format!("a £{} million {}", 1 + rng.below(900), rng.pick(NOUNS)),
            3 => format!("the organisation’s {} {}", rng.pick(NOUNS), rng.pick(VERBS)),
            _ => format!(
                "{} {} {}",
                rng.pick(ADJECTIVES),
                rng.pick(NOUNS),
                rng.pick(VERBS)
            ),
        };
        s.push_str(&clause);
    }
    let mut chars = s.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

fn points(rng: &mut Rng, n: usize, depth: usize) -> Vec<Point> {
    (0..n)
        .map(|_| {
            let children = if depth < 3 && rng.below(3) == 0 {
                {
                    let n = 2 + rng.below(2);
                    points(rng, n, depth + 1)
                }
            } else {
                vec![]
            };
            Point {
                text: {
                    let words = 10 + rng.below(8);
                    sentence(rng, words)
                },
                children,
            }
        })
        .collect()
}

fn date(rng: &mut Rng, from_year: u16) -> PartialDate {
    let year = from_year + rng.below(8) as u16;
    let month = 1 + rng.below(12) as u8;
    match rng.below(3) {
        0 => PartialDate::new(year, Some(month), None),
        _ => PartialDate::new(year, Some(month), Some(1 + rng.below(28) as u8)),
    }
    .expect("generated dates are valid")
}

/// A valid toolkit of `n` drivers, `n / 5` stories and `n / 20` meetings (at least one each),
/// `3 + n / 4` members who own the drivers in turn and `5 + n / 100` themes, the same for the
/// same `seed`.
///
/// ```
/// let source = maptoolkit_core::synthetic(400, 1);
/// assert_eq!(source.drivers.len(), 400);
/// assert_eq!((source.info.members.len(), source.info.themes.len()), (103, 9));
/// assert_eq!(source, maptoolkit_core::synthetic(400, 1));
/// assert!(source.validate(None).is_ok());
/// ```
pub fn synthetic(n: usize, seed: u64) -> ToolkitSource {
    let mut rng = Rng(seed);
    let themes: Vec<Theme> = [
        "transformation",
        "workforce",
        "integrated-care",
        "digital",
        "quality",
    ]
    .iter()
    .map(|id| Theme {
        id: id.to_string(),
        name: id.replace('-', " "),
        description: None,
    })
    .chain((5..5 + n / 100).map(|i| Theme {
        id: format!("theme-{i:04}"),
        name: format!("Theme {i}"),
        description: None,
    }))
    .collect();
    let mut members = vec![
        Member {
            initials: "TP".into(),
            name: "Tracey Pratchett".into(),
            role: None,
        },
        Member {
            initials: "VT".into(),
            name: "Victoria Treadway".into(),
            role: None,
        },
        Member {
            initials: "FG".into(),
            name: "FG".into(),
            role: None,
        },
    ];
    members.extend((3..3 + n / 4).map(|i| {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let surname = SURNAMES[(i / FIRST_NAMES.len()) % SURNAMES.len()];
        let initial = |name: &str| name.chars().next().unwrap_or('X');
        Member {
            initials: format!("{}{}{i}", initial(first), initial(surname)),
            name: format!("{first} {surname} {i}"),
            role: None,
        }
    }));
    let info = ToolkitInfo {
        name: "Synthetic MAP Toolkit".into(),
        organisation: "Benchmark NHS Library and Knowledge Service".into(),
        members,
        themes,
    };
    let drivers = (0..n)
        .map(|i| {
            let published = date(&mut rng, 2012);
            let review_due = PartialDate::new(
                published.year() + 1 + rng.below(3) as u16,
                published.month(),
                None,
            );
            let driver = Driver {
                title: format!(
                    "{} {} – driver {i}",
                    sentence(&mut rng, 5).trim_end_matches('.'),
                    rng.pick(NOUNS)
                ),
                alternative_titles: vec![],
                source: rng.pick(SOURCES).to_string(),
                link: Some(format!("https://www.example.nhs.uk/drivers/{i}")),
                publication_format: Some("PDF".into()),
                published: Some(published),
                last_updated: None,
                review_due,
                primary_audience: Some(sentence(&mut rng, 8)),
                owner: Some({
                    // Every other driver names its owner in full, as the archive sometimes does.
                    let member = &info.members[i % info.members.len()];
                    if i % 2 == 0 {
                        &member.initials
                    } else {
                        &member.name
                    }
                    .clone()
                }),
                level: Some([Level::National, Level::Regional, Level::Local][rng.below(3)]),
                archived: false,
                draft: false,
                protected: false,
                themes: vec![info.themes[rng.below(info.themes.len())].id.clone()],
                headline: (i % 2 == 0).then(|| {
                    format!("Driver {i} changes what the organisation asks of its library.")
                }),
                summary: format!(
                    "{} {}\n\n{}",
                    sentence(&mut rng, 30),
                    sentence(&mut rng, 25),
                    sentence(&mut rng, 30)
                ),
                impact: points(&mut rng, 3, 1),
                key_features: points(&mut rng, 4, 1),
            };
            Entry::new(format!("driver-{i:05}"), driver)
        })
        .collect::<Vec<_>>();
    let stories = (0..(n / 5).max(1))
        .map(|i| {
            let story = MapStory {
                title: sentence(&mut rng, 6).trim_end_matches('.').to_string(),
                service: format!("{} Library and Knowledge Service", rng.pick(ADJECTIVES)),
                date: date(&mut rng, 2016),
                team: None,
                resources: None,
                timeframe: None,
                story: format!("{}\n\n{}", sentence(&mut rng, 40), sentence(&mut rng, 30)),
                drivers: vec![drivers[rng.below(drivers.len())].slug.clone()],
                themes: vec![],
                impact: points(&mut rng, 2, 2),
                next_steps: Some(sentence(&mut rng, 10)),
                quote: None,
                protected: i % 7 == 0,
            };
            Entry::new(format!("story-{i:05}"), story)
        })
        .collect();
    let meetings = (0..(n / 20).max(1))
        .map(|i| {
            let day = crate::Date::from_day_number(17_000 + i as i64 * 14);
            let meeting = Meeting {
                title: format!("Meeting {}", day.to_uk_string()),
                date: day.into(),
                start: "13:00".parse().ok(),
                end: "14:00".parse().ok(),
                protected: i % 3 == 0,
                teleconference: Some(Teleconference {
                    dial_in: Some("+44-203-478-5289".into()),
                    access_code: Some("237 585 892".into()),
                    notes: None,
                }),
                chair: Some(info.members[i % info.members.len()].initials.clone()),
                venue: None,
                attendees: vec![],
                apologies: vec![],
                agenda: (0..6)
                    .map(|j| AgendaItem {
                        title: sentence(&mut rng, 4).trim_end_matches('.').to_string(),
                        standing: j % 2 == 1,
                        papers: vec![],
                        items: if j == 5 {
                            vec![sentence(&mut rng, 6)]
                        } else {
                            vec![]
                        },
                        lead: None,
                        minutes: Some(10),
                    })
                    .collect(),
            };
            Entry::new(format!("meeting-{i:04}"), meeting)
        })
        .collect();
    ToolkitSource {
        info,
        drivers,
        stories,
        ideas: Vec::new(),
        meetings,
        briefings: Vec::new(),
    }
}
