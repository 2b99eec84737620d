//! Responsibility: who is said to be behind the event, by whom, across documents; and
//! whether those positions are incompatible.

use crosscheck_model::{
    Claim, Conflict, ConflictKind, ConflictSide, Document, EventScope, Evidence, PartyPositions,
    Position, Stance,
};

use crate::entities::Names;

/// One entry per party, in order of first claim; positions by stance and speaker.
pub fn positions(docs: &[Document], names: &Names) -> Vec<PartyPositions> {
    let mut out: Vec<PartyPositions> = Vec::new();
    for doc in docs {
        for claim in doc.claims.iter().filter(|c| c.event == EventScope::Main) {
            // One actor, one party: "Russian warplanes" are Russia's position.
            let party = names.canonical(&crosscheck_extract::actor_of(&claim.party));
            let by = claim.by.as_deref().map(|b| names.canonical(b));
            let k = match out.iter().position(|p| p.party == party) {
                Some(k) => k,
                None => {
                    out.push(PartyPositions {
                        party,
                        positions: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            add_position(&mut out[k], claim, by, &doc.id);
        }
    }
    out
}

fn add_position(entry: &mut PartyPositions, claim: &Claim, by: Option<String>, document: &str) {
    let evidence = Evidence::of(document, &claim.span);
    match entry
        .positions
        .iter_mut()
        .find(|p| p.stance == claim.stance && p.by == by)
    {
        Some(p) => {
            if !p.documents.iter().any(|d| d == document) {
                p.documents.push(document.to_string());
            }
            if !p.evidence.contains(&evidence) {
                p.evidence.push(evidence);
            }
            if !p.rules.contains(&claim.rule) {
                p.rules.push(claim.rule.clone());
            }
        }
        None => entry.positions.push(Position {
            stance: claim.stance,
            by,
            documents: vec![document.to_string()],
            evidence: vec![evidence],
            rules: vec![claim.rule.clone()],
        }),
    }
}

/// The rule of a plea that the act was justified ("fired in self-defense").
const JUSTIFICATION: &str = "claims/self-defense";

/// Whether positions are incompatible: two named parties each blamed by a different
/// source, or one party both said to be and said not to be responsible. A named party is one
/// of the event's entities (a state, an organization, a person) or a country, not a
/// description of the attackers: "men of North African appearance" beside "Arab appearance"
/// is one account, not two; and one source blaming two parties together ("Russian and regime
/// warplanes") is one account too.
pub fn contested(parties: &[PartyPositions], names: &Names) -> Option<Conflict> {
    let blamed: Vec<&PartyPositions> = parties
        .iter()
        .filter(|p| p.positions.iter().any(|x| x.stance != Stance::Denies))
        .collect();
    // A plea of self-defense justifies the act it admits; it denies no one's account.
    let denial =
        |x: &Position| x.stance == Stance::Denies && x.rules.iter().any(|r| r != JUSTIFICATION);
    let denied_and_blamed = blamed.iter().any(|p| p.positions.iter().any(denial));
    // "the gunman" beside "Dekitta Holmes" is one person told two ways: only parties that
    // name someone make two.
    let named: Vec<&&PartyPositions> = blamed
        .iter()
        .filter(|p| {
            !crosscheck_extract::generic_party(&p.party)
                && (names.knows(&p.party) || crosscheck_extract::is_country(&p.party))
        })
        .collect();
    // Who blames a party: each source, by name. The outlet's own naming of a doer is no
    // position of anyone's, and no rival to a source's.
    let blamers = |p: &PartyPositions| -> Vec<String> {
        p.positions
            .iter()
            .filter(|x| x.stance != Stance::Denies)
            .filter_map(|x| x.by.clone())
            .collect()
    };
    let rival = named.iter().enumerate().any(|(i, a)| {
        named[i + 1..].iter().any(|b| {
            let (of_a, of_b) = (blamers(a), blamers(b));
            // A source that blames one and not the other, and another that does the reverse.
            of_a.iter().any(|s| !of_b.contains(s)) && of_b.iter().any(|s| !of_a.contains(s))
        })
    });
    if !rival && !denied_and_blamed {
        return None;
    }
    let sides: Vec<ConflictSide> = parties
        .iter()
        .flat_map(|p| {
            [
                Stance::Claims,
                Stance::Asserts,
                Stance::Suggests,
                Stance::Denies,
            ]
            .into_iter()
            .filter_map(move |stance| side(p, stance))
        })
        .collect();
    let summary = sides
        .iter()
        .map(|s| s.position.clone())
        .collect::<Vec<_>>()
        .join("; ");
    Some(Conflict {
        topic: "responsibility".to_string(),
        kind: ConflictKind::Contested,
        summary,
        sides,
    })
}

/// The side of one party's positions of one stance: "Ukraine is responsible (suggested)".
fn side(party: &PartyPositions, stance: Stance) -> Option<ConflictSide> {
    let positions: Vec<&Position> = party
        .positions
        .iter()
        .filter(|p| p.stance == stance)
        .collect();
    if positions.is_empty() {
        return None;
    }
    let mut sources: Vec<String> = Vec::new();
    let mut documents: Vec<String> = Vec::new();
    let mut evidence: Vec<Evidence> = Vec::new();
    for p in &positions {
        evidence.extend(p.evidence.iter().cloned());
        let source = p.by.clone().unwrap_or_else(|| "unattributed".to_string());
        if !sources.contains(&source) {
            sources.push(source);
        }
        for d in &p.documents {
            if !documents.contains(d) {
                documents.push(d.clone());
            }
        }
    }
    let name = &party.party;
    let position = match stance {
        Stance::Claims => format!("{name} claims responsibility"),
        Stance::Asserts => format!("{name} is responsible, say {}", sources.join(", ")),
        Stance::Suggests => format!("{name} may be responsible, suggest {}", sources.join(", ")),
        Stance::Denies => format!("{name} is not responsible, say {}", sources.join(", ")),
    };
    Some(ConflictSide {
        position,
        sources,
        documents,
        value: None,
        qualifier: None,
        party: Some(name.clone()),
        stance: Some(stance),
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::CanonicalEntity;
    use crosscheck_model::{EntityType, Span};

    fn claim(stance: Stance, party: &str, by: &str) -> Claim {
        Claim {
            stance,
            party: party.into(),
            by: Some(by.into()),
            event: EventScope::Main,
            rule: "test".into(),
            span: Span {
                text: String::new(),
                start: 0,
                end: 0,
                field: None,
            },
        }
    }

    fn doc(id: &str, claims: Vec<Claim>) -> Document {
        let mut d = Document::new(id.into(), format!("{id}.txt"), String::new());
        d.claims = claims;
        d
    }

    #[test]
    fn positions_gather_across_documents_under_canonical_names() {
        let entities = [CanonicalEntity {
            id: "E1".into(),
            name: "Islamic State".into(),
            entity_type: EntityType::Org,
            aliases: vec!["ISIS".into(), "IS".into()],
            documents: vec![],
        }];
        let names = Names::new(&entities);
        let docs = [
            doc(
                "a",
                vec![claim(Stance::Claims, "Islamic State", "Islamic State")],
            ),
            doc(
                "b",
                vec![
                    claim(Stance::Claims, "ISIS", "ISIS"),
                    claim(Stance::Suggests, "Ukraine", "Russian authorities"),
                    claim(Stance::Denies, "Ukraine", "Volodymyr Zelenskyy"),
                ],
            ),
        ];
        let parties = positions(&docs, &names);
        assert_eq!(parties.len(), 2);
        assert_eq!(parties[0].party, "Islamic State");
        assert_eq!(parties[0].positions.len(), 1);
        assert_eq!(parties[0].positions[0].documents, ["a", "b"]);
        let conflict = contested(&parties, &names).unwrap();
        assert_eq!(conflict.topic, "responsibility");
        assert_eq!(conflict.sides.len(), 3);
        assert_eq!(
            conflict.sides[2].position,
            "Ukraine is not responsible, say Volodymyr Zelenskyy"
        );
    }

    fn entity(name: &str) -> CanonicalEntity {
        CanonicalEntity {
            id: name.into(),
            name: name.into(),
            entity_type: EntityType::Org,
            aliases: vec![],
            documents: vec![],
        }
    }

    #[test]
    fn only_rival_accounts_of_named_parties_contest() {
        let entities = [entity("Russia"), entity("Syrian government")];
        let names = Names::new(&entities);
        let blame = |party: &str, by: &str| claim(Stance::Asserts, party, by);
        // One source blaming both together is one account.
        let joint = [doc(
            "a",
            vec![
                blame("Russia", "Civil Defence"),
                blame("Syrian government", "Civil Defence"),
            ],
        )];
        assert!(contested(&positions(&joint, &names), &names).is_none());
        // Each blamed by a different source: two accounts.
        let rival = [
            doc("a", vec![blame("Russia", "activists")]),
            doc("b", vec![blame("Syrian government", "Washington")]),
        ];
        assert!(contested(&positions(&rival, &names), &names).is_some());
        // Descriptions of the attackers are no parties to contest.
        let described = [
            doc(
                "a",
                vec![blame("men of North African appearance", "police")],
            ),
            doc("b", vec![blame("Arab appearance", "witnesses")]),
        ];
        assert!(contested(&positions(&described, &names), &names).is_none());
        // The outlet's own naming of a doer is no account to rival a source's.
        let mut own = blame("Syrian government", "");
        own.by = None;
        let narrated = [
            doc("a", vec![blame("Russia", "activists")]),
            doc("b", vec![own]),
        ];
        assert!(contested(&positions(&narrated, &names), &names).is_none());
        // A country the packs name is a named party: "росіяни" and "українці".
        let names = Names::new(&[]);
        let sides = [
            doc("a", vec![blame("росіяни", "ФК Минай")]),
            doc("b", vec![blame("українці", "Шинник")]),
        ];
        assert!(contested(&positions(&sides, &names), &names).is_some());
    }

    #[test]
    fn a_plea_of_self_defense_contests_nothing() {
        let names = Names::new(&[]);
        let plea = |rule: &str| {
            let mut c = claim(Stance::Denies, "Montanez", "Montanez");
            c.rule = rule.into();
            [doc(
                "a",
                vec![claim(Stance::Asserts, "Montanez", "police"), c],
            )]
        };
        let docs = plea("claims/self-defense");
        assert!(contested(&positions(&docs, &names), &names).is_none());
        let docs = plea("claims/not-guilty");
        assert!(contested(&positions(&docs, &names), &names).is_some());
    }

    #[test]
    fn one_uncontested_claim_is_no_conflict() {
        let names = Names::new(&[]);
        let docs = [doc(
            "a",
            vec![claim(Stance::Claims, "Islamic State", "Islamic State")],
        )];
        assert!(contested(&positions(&docs, &names), &names).is_none());
    }
}
