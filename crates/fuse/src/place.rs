//! Where the event happened: the place its documents' headlines and leads name most, as
//! the gazetteer knows it (GeoNames cities of 15,000+ people with their US state, countries
//! and US states).

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_model::fold::folded_words;
use crosscheck_model::{Document, EntityType, Place};

struct Entry {
    name: &'static str,
    country: &'static str,
    admin: &'static str,
    coordinates: Option<(f64, f64)>,
    population: u64,
}

/// Every gazetteer entry by folded name, the most populous first.
static GAZETTEER: LazyLock<HashMap<Vec<String>, Vec<Entry>>> = LazyLock::new(|| {
    let mut map: HashMap<Vec<String>, Vec<Entry>> = HashMap::new();
    for line in include_str!("../data/gazetteer.tsv").lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, country, lat, lon, population, admin] = f[..] else {
            continue;
        };
        let coordinates = lat.parse().ok().zip(lon.parse().ok());
        map.entry(folded_words(name)).or_default().push(Entry {
            name,
            country,
            admin,
            coordinates,
            population: population.parse().unwrap_or(0),
        });
    }
    for entries in map.values_mut() {
        entries.sort_by_key(|e| std::cmp::Reverse(e.population));
    }
    map
});

/// Words before a city's name that name a part of it: "East Baltimore" and "South Side
/// Chicago" are in Baltimore and Chicago.
const CITY_PARTS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "downtown",
    "central",
    "greater",
    "suburban",
];

/// The gazetteer's entries for a folded name, or for the city a part of it names ("East
/// Baltimore"); a name the gazetteer knows whole ("South Africa", "North Carolina") is that.
fn known(key: Vec<String>) -> Option<(Vec<String>, &'static [Entry])> {
    if let Some(entries) = GAZETTEER.get(&key) {
        return Some((key, entries));
    }
    let first = key.first()?;
    if key.len() < 2 || !CITY_PARTS.contains(&first.as_str()) {
        return None;
    }
    let city = key[1..].to_vec();
    let entries = GAZETTEER.get(&city)?;
    entries
        .iter()
        .all(|x| x.coordinates.is_some())
        .then_some((city, entries.as_slice()))
}

/// The event's place: among the places the documents' headlines and leads name that the
/// gazetteer knows, a city before a country, the one named most; a city's namesakes are
/// told apart by the countries the documents name (Moscow, Russia, not Moscow, Idaho).
pub fn event_place(docs: &[Document]) -> Option<Place> {
    let mut votes: HashMap<Vec<String>, usize> = HashMap::new();
    let mut countries: HashMap<&str, usize> = HashMap::new();
    for doc in docs {
        for e in doc
            .entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Location)
        {
            let key = folded_words(&e.name);
            // "Pa." is Pennsylvania abbreviated, not the town in Burkina Faso.
            if e.name.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            let Some((key, entries)) = known(key) else {
                continue;
            };
            if let Some(region) = entries.iter().find(|x| x.coordinates.is_none()) {
                *countries.entry(region.country).or_insert(0) += 1;
            }
            let in_lead = e.mentions.iter().any(|m| doc.in_lead(m));
            // "Washington warned…" names a government, not where it happened: only the
            // headline and lead place an event.
            if in_lead {
                *votes.entry(key).or_insert(0) += 1;
            }
        }
    }
    // A name that is a country or a US state is that region, whatever towns share it.
    let is_city = |key: &Vec<String>| {
        GAZETTEER
            .get(key)
            .is_some_and(|v| v.iter().all(|x| x.coordinates.is_some()))
    };
    let (key, _) = votes
        .iter()
        .max_by_key(|(k, v)| (is_city(k), **v, std::cmp::Reverse((*k).clone())))?;
    let entries = GAZETTEER.get(key)?;
    let entry = if is_city(key) {
        entries
            .iter()
            .max_by_key(|x| (countries.get(x.country).copied().unwrap_or(0), x.population))?
    } else {
        entries
            .iter()
            .filter(|x| x.coordinates.is_none())
            .max_by_key(|x| (countries.get(x.country).copied().unwrap_or(0), x.population))?
    };
    Some(Place {
        name: entry.name.to_string(),
        country: (!entry.country.is_empty()).then(|| entry.country.to_string()),
        admin: (!entry.admin.is_empty()).then(|| entry.admin.to_string()),
        lat: entry.coordinates.map(|c| c.0),
        lon: entry.coordinates.map(|c| c.1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Entity, Span};

    fn doc(text: &str, places: &[&str]) -> Document {
        let mut d = Document::new("d".into(), "d.txt".into(), text.into());
        d.sentences = vec![(0, text.len())];
        d.entities = places
            .iter()
            .map(|p| {
                let start = text.find(p).unwrap();
                Entity {
                    id: "e".into(),
                    name: p.to_string(),
                    entity_type: EntityType::Location,
                    aliases: vec![],
                    mentions: vec![Span {
                        text: p.to_string(),
                        start,
                        end: start + p.len(),
                        field: None,
                    }],
                }
            })
            .collect();
        d
    }

    #[test]
    fn the_city_of_the_lead_with_its_country_and_coordinates() {
        let d = doc(
            "Gunmen attacked a hall near Moscow, Russia.",
            &["Moscow", "Russia"],
        );
        let place = event_place(&[d]).unwrap();
        assert_eq!(
            (place.name.as_str(), place.country.as_deref()),
            ("Moscow", Some("Russia"))
        );
        assert!(place.lat.is_some_and(|lat| (lat - 55.75).abs() < 0.1));
        let idaho = doc(
            "A shooting in Moscow, United States.",
            &["Moscow", "United States"],
        );
        assert_eq!(
            event_place(&[idaho]).unwrap().country.as_deref(),
            Some("United States")
        );
        let part = doc(
            "Two men were shot in East Baltimore. The chief came from Las Vegas.",
            &["East Baltimore", "Las Vegas"],
        );
        assert_eq!(event_place(&[part]).unwrap().name, "Baltimore");
        let unknown = doc("Nothing in Narnia.", &["Narnia"]);
        assert_eq!(event_place(&[unknown]), None);
    }
}
