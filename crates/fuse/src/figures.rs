//! Figure histories: every report of a count, in the order the sources gave them, the latest
//! overall count, its trend, and the conflicts between reports.
//!
//! Reports are ordered by when their document was published (else the latest past date it
//! reports, its year resolved from the event), then by the time the text gives them ("a
//! previous report" and "initially" come before, "recent updates" and "rose to" after), then
//! by position. Only overall counts (`of: people`, or the kind's own population: "11
//! suspects" arrested, or a document's only count of its kind) make the latest figure and
//! the trend; group counts ("10 U.S. citizens") are a breakdown. Figures about another incident never count.

use std::collections::{BTreeMap, HashMap};

use crosscheck_model::{
    Conflict, ConflictKind, ConflictSide, Document, EventScope, Evidence, Figure, FigureHistory,
    FigureKind, QuestionReason, QuestionedFigure, ReportedFigure, Trend,
};

/// One history per kind of figure the event's documents report, in kind order.
pub fn histories(docs: &[Document]) -> Vec<FigureHistory> {
    let mut by_kind: BTreeMap<FigureKind, Vec<Ordered>> = BTreeMap::new();
    for doc in docs {
        let reported = reported(doc);
        // A headline's counts stay in the document's own facts, not in the event's
        // histories: a round-up's "8 Dead, 27 Wounded In Weekend Shootings" is no count of
        // the one shooting it joined, and the body gives the toll it tells.
        let of_body = |f: &&Figure| f.event != EventScope::Other && f.span.field.is_none();
        let mut of_kind: HashMap<FigureKind, usize> = HashMap::new();
        for f in doc.figures.iter().filter(of_body) {
            *of_kind.entry(f.kind).or_default() += 1;
        }
        for (position, figure) in doc.figures.iter().enumerate() {
            if !of_body(&figure) {
                continue;
            }
            by_kind.entry(figure.kind).or_default().push(Ordered {
                reported: reported.clone(),
                told: told_rank(doc, figure),
                position,
                in_lead: doc.in_lead(&figure.span),
                // A document's only count of a kind is its toll, whatever its noun ("a
                // shooting that left one man dead").
                overall: is_overall(figure) || of_kind[&figure.kind] == 1,
                report: ReportedFigure {
                    figure: figure.clone(),
                    document: doc.id.clone(),
                    reported: reported.clone(),
                    evidence: vec![Evidence::of(&doc.id, &figure.span)],
                },
            });
        }
    }
    by_kind
        .into_iter()
        .map(|(kind, mut reports)| {
            reports.sort_by(|a, b| a.key().cmp(&b.key()));
            history(kind, reports)
        })
        .collect()
}

/// A report with what orders it.
struct Ordered {
    reported: Option<String>,
    told: i8,
    position: usize,
    /// Whether the headline or lead gives it: what the document is about.
    in_lead: bool,
    /// Whether it counts everyone of its kind, not a group of them.
    overall: bool,
    report: ReportedFigure,
}

impl Ordered {
    fn key(&self) -> (Option<&str>, i8, usize) {
        (self.reported.as_deref(), self.told, self.position)
    }
}

/// A count this many times what the rest of the event says is of another scope.
const OUTLIER_FACTOR: u64 = 10;
/// Counts below this are never questioned: a first report of one dead may well become ten.
const OUTLIER_MIN: u64 = 20;

/// The reports that the rest of the event contradicts by an order of magnitude, with the
/// count it gives instead: each document speaks first of its own event, so the other
/// documents' first counts are what the event says; a count ten times their median, that no
/// other document comes near and that its own document's headline and lead do not give, is
/// background (a war's toll, a city's year of homicides). With no other document, its own
/// first count is the measure.
fn outliers(reports: &[Ordered]) -> Vec<Option<u64>> {
    let mut first: Vec<(&str, u64)> = Vec::new();
    let mut by_position: Vec<&Ordered> = reports.iter().collect();
    by_position.sort_by_key(|r| r.position);
    for r in by_position {
        let doc = r.report.document.as_str();
        if let Some(n) = r.report.figure.number() {
            if !first.iter().any(|(d, _)| *d == doc) {
                first.push((doc, n));
            }
        }
    }
    reports
        .iter()
        .map(|r| {
            let v = r.report.figure.number()?;
            if v < OUTLIER_MIN || r.in_lead {
                return None;
            }
            let doc = r.report.document.as_str();
            let mut others: Vec<u64> = first
                .iter()
                .filter(|(d, _)| *d != doc)
                .map(|(_, n)| *n)
                .collect();
            if others.is_empty() {
                others = first
                    .iter()
                    .filter(|(_, n)| *n != v)
                    .map(|(_, n)| *n)
                    .collect();
            }
            if others.is_empty() || others.iter().any(|o| o * 2 >= v) {
                return None;
            }
            others.sort_unstable();
            let median = others[others.len() / 2];
            (v >= OUTLIER_FACTOR * median.max(1)).then_some(median)
        })
        .collect()
}

fn history(kind: FigureKind, reports: Vec<Ordered>) -> FigureHistory {
    let against = outliers(&reports);
    let mut questioned = Vec::new();
    let mut kept = Vec::new();
    for (r, against) in reports.into_iter().zip(against) {
        match against {
            Some(against) => questioned.push(QuestionedFigure {
                report: r.report,
                reason: QuestionReason::OrderOfMagnitude,
                against,
            }),
            None => kept.push(r),
        }
    }
    let reports = kept;
    let (overall, breakdown): (Vec<&Ordered>, Vec<&Ordered>) =
        reports.iter().partition(|r| r.overall);
    let told = tellings(&overall);
    let latest = told.last().map(|last| {
        // Of the tellings as late as the last one, the most authoritative source's, and of
        // equals the highest: within a day a toll rises; a lower one is an earlier count.
        told.iter()
            .filter(|t| t.reported == last.reported && t.told == last.told)
            .max_by_key(|t| (authority(&t.report.figure), t.report.figure.number()))
            .map_or_else(|| last.report.clone(), |t| t.report.clone())
    });
    FigureHistory {
        kind,
        latest,
        trend: trend(&told),
        breakdown: breakdown.iter().map(|r| r.report.clone()).collect(),
        reports: reports.into_iter().map(|r| r.report).collect(),
        questioned,
    }
}

/// What each source of each document says the count is at each time it speaks of: the
/// first such report in the text — the lead states the toll, and "one person" further down
/// is a detail, not a revision.
fn tellings<'a>(overall: &[&'a Ordered]) -> Vec<&'a Ordered> {
    let mut out: Vec<&Ordered> = Vec::new();
    for &r in overall {
        let same = |t: &&Ordered| {
            t.reported == r.reported
                && t.told == r.told
                && t.report.document == r.report.document
                && t.report.figure.source == r.report.figure.source
        };
        if !out.iter().any(same) {
            out.push(r);
        }
    }
    out
}

/// When a document's reports were made: its publication date, else the latest date it
/// reports as past, where the year is known.
fn reported(doc: &Document) -> Option<String> {
    doc.published.clone().or_else(|| {
        doc.published_not_before
            .clone()
            .filter(|d| !d.starts_with("XXXX"))
    })
}

/// Whether the words before a figure place it before (-1) or after (+1) the document's
/// other reports.
fn told_rank(doc: &Document, figure: &Figure) -> i8 {
    const EARLIER: &[&str] = &[
        "previous report",
        "earlier report",
        "initially",
        "initial report",
        "at first",
        "first reports",
        "had earlier",
        "earlier toll",
        "preliminary",
        // French, Russian, Ukrainian.
        "précédent bilan",
        "premier bilan",
        "initialement",
        "ранее сообщалось",
        "первоначально",
        "раніше повідомлялося",
        "спочатку",
    ];
    const LATER: &[&str] = &[
        "recent update",
        "revised",
        "lowered to",
        "corrected",
        "new toll",
        "new death toll",
        "dernier bilan",
        "nouveau bilan",
        "s'est alourdi",
        "s’est alourdi",
        "возросло",
        "возрос",
        "увеличилось",
        "последним данным",
        "зросла",
        "зросло",
        "збільшилася",
        "останніми даними",
        "latest",
        "rose to",
        "risen to",
        "rises to",
        "climbed to",
        "updated",
        "now stands",
        "has since",
    ];
    let start = figure.span.start.min(doc.text.len());
    let sentence_start = doc
        .sentences
        .iter()
        .find(|(s, e)| *s <= start && start <= *e)
        .map_or(0, |(s, _)| *s);
    let before = doc
        .text
        .get(sentence_start..start)
        .unwrap_or_default()
        .to_lowercase();
    if EARLIER.iter().any(|w| before.contains(w)) {
        -1
    } else if LATER.iter().any(|w| before.contains(w)) {
        1
    } else {
        0
    }
}

/// Whether a figure is an overall count of its kind, not a group's.
fn is_overall(figure: &Figure) -> bool {
    let Some(of) = figure.of.as_deref() else {
        return true;
    };
    let population: &[&str] = match figure.kind {
        FigureKind::Arrested => &["suspects", "suspect", "men", "persons", "individuals"],
        FigureKind::Attackers => &["gunmen", "attackers", "assailants", "shooters", "militants"],
        FigureKind::Hostages => &["hostages"],
        _ => &[],
    };
    of == "people" || population.contains(&of)
}

/// How much a source's word weighs when two reports are equally late: officials and
/// emergency services over agencies and unnamed reports.
fn authority(figure: &Figure) -> u8 {
    const OFFICIAL: &[&str] = &[
        "ministry",
        "minister",
        "committee",
        "police",
        "authorities",
        "officials",
        "official",
        "services",
        "governor",
        "health",
        "coroner",
        "sheriff",
        "mayor",
        "government",
    ];
    match figure.source.as_deref().map(str::to_lowercase) {
        Some(s) if OFFICIAL.iter().any(|w| s.contains(w)) => 2,
        Some(_) => 1,
        None => 0,
    }
}

fn trend(overall: &[&Ordered]) -> Trend {
    let numbers: Vec<(Option<&str>, u64)> = overall
        .iter()
        .filter_map(|r| Some((r.reported.as_deref(), r.report.figure.number()?)))
        .collect();
    if disputed(overall) {
        return Trend::Disputed;
    }
    let (Some(first), Some(last)) = (numbers.first(), numbers.last()) else {
        return Trend::Consistent;
    };
    let highest = numbers.iter().map(|(_, n)| *n).max().unwrap_or(last.1);
    let lowest = numbers.iter().map(|(_, n)| *n).min().unwrap_or(first.1);
    // A toll that dipped and came back ("59", then "58", then "59") rose to its last
    // count: the reports differ, and the dossier shows how.
    if last.1 < highest {
        Trend::RevisedDown
    } else if last.1 > lowest {
        Trend::Rising
    } else {
        Trend::Consistent
    }
}

/// Whether two documents, or two sources, give different overall counts at the same time
/// with nothing in the text to order them.
fn disputed(overall: &[&Ordered]) -> bool {
    overall.iter().enumerate().any(|(i, a)| {
        overall[i + 1..].iter().any(|b| {
            a.reported.is_some()
                && a.reported == b.reported
                && a.told == b.told
                && (a.report.document != b.report.document
                    || a.report.figure.source != b.report.figure.source)
                && a.report.figure.number() != b.report.figure.number()
        })
    })
}

/// The conflicts a history shows: an `update` when a later count replaces an earlier one,
/// a `discrepancy` when documents of the same day disagree.
pub fn conflicts(history: &FigureHistory) -> Vec<Conflict> {
    let mut in_document: HashMap<&str, usize> = HashMap::new();
    for r in &history.reports {
        *in_document.entry(&r.document).or_default() += 1;
    }
    let overall: Vec<&ReportedFigure> = history
        .reports
        .iter()
        .filter(|r| is_overall(&r.figure) || in_document[r.document.as_str()] == 1)
        .collect();
    let kind = history.kind.name();
    let mut out = Vec::new();
    match history.trend {
        Trend::Rising | Trend::RevisedDown => {
            let sides = sides(&overall);
            // The counts in the order they came, each run of one count once ("59 → 58 →
            // 59": a toll that came back is said so).
            let mut path: Vec<String> = overall.iter().filter_map(|r| position(r)).collect();
            path.dedup();
            out.push(Conflict {
                topic: kind.to_string(),
                kind: ConflictKind::Update,
                summary: format!("{kind}: {} as reports came in", path.join(" → ")),
                sides,
            });
        }
        Trend::Disputed => {
            let sides = sides(&overall);
            let values: Vec<String> = sides
                .iter()
                .map(|s| format!("{} ({})", s.position, s.sources.join(", ")))
                .collect();
            out.push(Conflict {
                topic: kind.to_string(),
                kind: ConflictKind::Discrepancy,
                summary: format!(
                    "{kind}: sources differ at the same time: {}",
                    values.join(" vs ")
                ),
                sides,
            });
        }
        Trend::Consistent => {}
    }
    out
}

/// A report's count as a side states it ("at least 60").
fn position(r: &ReportedFigure) -> Option<String> {
    let n = r.figure.number()?;
    Some(match r.figure.qualifier {
        crosscheck_model::Qualifier::AtLeast => format!("at least {n}"),
        crosscheck_model::Qualifier::MoreThan => format!("more than {n}"),
        crosscheck_model::Qualifier::About => format!("about {n}"),
        _ => n.to_string(),
    })
}

/// One side per distinct count, in order of first report.
fn sides(reports: &[&ReportedFigure]) -> Vec<ConflictSide> {
    let mut sides: Vec<ConflictSide> = Vec::new();
    for r in reports {
        let (Some(n), Some(position)) = (r.figure.number(), position(r)) else {
            continue;
        };
        let source = r
            .figure
            .source
            .clone()
            .unwrap_or_else(|| "unattributed".to_string());
        match sides.iter_mut().find(|s| s.position == position) {
            Some(side) => {
                if !side.sources.contains(&source) {
                    side.sources.push(source);
                }
                if !side.documents.contains(&r.document) {
                    side.documents.push(r.document.clone());
                }
                side.evidence.extend(r.evidence.iter().cloned());
            }
            None => sides.push(ConflictSide {
                position,
                sources: vec![source],
                documents: vec![r.document.clone()],
                value: Some(n),
                qualifier: Some(r.figure.qualifier),
                party: None,
                stance: None,
                evidence: r.evidence.clone(),
            }),
        }
    }
    sides
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Qualifier, Span};

    fn figure(
        kind: FigureKind,
        value: u64,
        of: &str,
        start: usize,
        source: Option<&str>,
    ) -> Figure {
        Figure {
            kind,
            value: Some(value),
            min: Some(value),
            max: Some(value),
            qualifier: Qualifier::Exact,
            of: Some(of.into()),
            includes: Vec::new(),
            event: EventScope::Main,
            when: None,
            source: source.map(String::from),
            via: Vec::new(),
            rule: "test".into(),
            span: Span {
                text: value.to_string(),
                start,
                end: start + 2,
                field: None,
            },
        }
    }

    fn doc(id: &str, published: &str, text: &str, figures: Vec<Figure>) -> Document {
        let mut d = Document::new(id.into(), format!("{id}.txt"), text.into());
        d.published = Some(published.into());
        d.sentences = vec![(0, text.len())];
        d.figures = figures;
        d
    }

    #[test]
    fn reports_are_ordered_by_publication_then_by_what_the_text_says() {
        use FigureKind::Killed;
        let text = "At least 60 died. A previous report said 40 deaths.";
        let first = doc(
            "a",
            "2024-03-23",
            text,
            vec![
                figure(Killed, 60, "people", 9, None),
                figure(Killed, 40, "people", 41, Some("FSB")),
            ],
        );
        let mut other = figure(Killed, 130, "people", 0, None);
        other.event = EventScope::Other;
        let later = doc(
            "b",
            "2024-03-25",
            "137 dead, 3 children.",
            vec![
                figure(Killed, 137, "people", 0, None),
                figure(Killed, 3, "children", 10, None),
                other,
            ],
        );
        let h = &histories(&[later, first])[0];
        let values: Vec<Option<u64>> = h.reports.iter().map(|r| r.figure.value).collect();
        assert_eq!(
            values,
            [Some(40), Some(60), Some(137), Some(3)],
            "130 is another event's"
        );
        assert_eq!(h.latest.as_ref().and_then(|r| r.figure.value), Some(137));
        assert_eq!(h.trend, Trend::Rising);
        assert_eq!(h.breakdown.len(), 1, "three children is a group count");
        let update = &conflicts(h)[0];
        assert_eq!(update.kind, ConflictKind::Update);
        assert_eq!(update.summary, "killed: 40 → 60 → 137 as reports came in");
    }

    #[test]
    fn a_toll_that_dips_and_comes_back_is_an_update() {
        use FigureKind::Killed;
        // 59, then 58 (without the gunman), then 59 again: the reports differ.
        let docs: Vec<_> = [
            ("a", "2017-10-01", 59),
            ("b", "2017-10-02", 58),
            ("c", "2017-10-03", 59),
        ]
        .into_iter()
        .map(|(id, day, n)| {
            doc(
                id,
                day,
                "59 dead.",
                vec![figure(Killed, n, "people", 0, None)],
            )
        })
        .collect();
        let h = &histories(&docs)[0];
        assert_eq!(h.trend, Trend::Rising);
        assert_eq!(
            conflicts(h)[0].summary,
            "killed: 59 → 58 → 59 as reports came in"
        );
    }

    #[test]
    fn a_count_ten_times_the_events_is_set_apart() {
        use FigureKind::Killed;
        // Lead, second sentence, then background far below the lead.
        let text = "A blast killed 16. Rescuers searched. Aid came. It rained. \
                    The war has killed 290000 people.";
        let background = text.find("290000").unwrap();
        let mut a = doc(
            "a",
            "2016-07-05",
            text,
            vec![
                figure(Killed, 16, "people", 15, None),
                figure(Killed, 290_000, "people", background, None),
            ],
        );
        a.sentences = vec![(0, 18), (19, 37), (38, 47), (48, 57), (58, text.len())];
        let b = doc(
            "b",
            "2016-07-06",
            "The toll rose to 18.",
            vec![figure(Killed, 18, "people", 17, None)],
        );
        let h = &histories(&[a, b])[0];
        assert_eq!(h.questioned.len(), 1);
        assert_eq!(h.questioned[0].report.figure.value, Some(290_000));
        assert_eq!(h.questioned[0].against, 18);
        assert_eq!(h.latest.as_ref().unwrap().figure.value, Some(18));
        assert!(h.reports.iter().all(|r| r.figure.value != Some(290_000)));
        assert!(conflicts(h).iter().all(|c| !c.summary.contains("290000")));
    }

    #[test]
    fn a_documents_only_count_of_a_kind_is_its_toll() {
        use FigureKind::Killed;
        let alone = doc(
            "a",
            "2016-08-21",
            "The shooting left one man dead.",
            vec![figure(Killed, 1, "man", 20, None)],
        );
        let h = &histories(&[alone])[0];
        assert_eq!(h.latest.as_ref().and_then(|r| r.figure.value), Some(1));
        assert!(h.breakdown.is_empty());
        // Beside another count of its kind, a group is a part.
        let groups = doc(
            "b",
            "2016-08-21",
            "Two men and two women were killed.",
            vec![
                figure(Killed, 2, "men", 0, None),
                figure(Killed, 2, "women", 12, None),
            ],
        );
        let h = &histories(&[groups])[0];
        assert!(h.latest.is_none(), "{:?}", h.latest);
        assert_eq!(h.breakdown.len(), 2);
    }

    #[test]
    fn same_day_disagreement_is_a_discrepancy() {
        use FigureKind::Killed;
        let a = doc(
            "a",
            "2017-10-02",
            "58 dead.",
            vec![figure(Killed, 58, "people", 0, Some("police"))],
        );
        let b = doc(
            "b",
            "2017-10-02",
            "59 dead.",
            vec![figure(Killed, 59, "people", 0, Some("the sheriff"))],
        );
        let h = &histories(&[a, b])[0];
        assert_eq!(h.trend, Trend::Disputed);
        let c = &conflicts(h)[0];
        assert_eq!(c.kind, ConflictKind::Discrepancy);
        assert_eq!(c.sides.len(), 2);
        assert!(
            c.summary.contains("58 (police) vs 59 (the sheriff)"),
            "{}",
            c.summary
        );
    }

    #[test]
    fn the_more_authoritative_of_equally_late_reports_is_the_latest() {
        use FigureKind::Injured;
        let a = doc(
            "a",
            "2024-01-02",
            "12 hurt; 14 hurt.",
            vec![
                figure(Injured, 12, "people", 0, Some("Health Ministry")),
                figure(Injured, 14, "people", 9, Some("a witness")),
            ],
        );
        let h = &histories(&[a])[0];
        assert_eq!(h.latest.as_ref().and_then(|r| r.figure.value), Some(12));
        assert_eq!(
            h.trend,
            Trend::Disputed,
            "two sources, one time, two counts"
        );
    }

    #[test]
    fn a_detail_further_down_is_no_revision() {
        use FigureKind::Killed;
        let text = "At least 84 people died. One person was a child.";
        let a = doc(
            "a",
            "2016-07-15",
            text,
            vec![
                figure(Killed, 84, "people", 9, None),
                figure(Killed, 1, "people", 25, None),
            ],
        );
        let h = &histories(&[a])[0];
        assert_eq!(h.latest.as_ref().and_then(|r| r.figure.value), Some(84));
        assert_eq!(h.trend, Trend::Consistent);
        assert_eq!(h.reports.len(), 2, "every report is still listed");
    }

    #[test]
    fn arrests_of_suspects_are_an_overall_count() {
        let a = doc(
            "a",
            "2024-03-25",
            "11 suspects.",
            vec![figure(FigureKind::Arrested, 11, "suspects", 0, None)],
        );
        let h = &histories(&[a])[0];
        assert_eq!(h.latest.as_ref().and_then(|r| r.figure.value), Some(11));
        assert!(h.breakdown.is_empty());
    }
}
