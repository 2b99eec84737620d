use proptest::prelude::*;

use super::*;
use crate::entities::find_entities;
use crate::segment::sentences;

fn statements(text: &str) -> Vec<Statement> {
    let s = sentences(text);
    find_statements("en", text, &s, &find_entities("en", text, &s))
}

/// (speaker, content, direct, via) of each statement.
fn summary(text: &str) -> Vec<(String, String, bool, Vec<String>)> {
    statements(text)
        .into_iter()
        .map(|s| (s.speaker.unwrap_or_default(), s.content, s.direct, s.via))
        .collect()
}

#[test]
fn direct_quotes_with_speaker_after_or_before() {
    let s = summary("“We will rebuild the bridge,” Mayor Anne Hidalgo said on Monday.");
    assert_eq!(s.len(), 1);
    assert!(s[0].0.contains("Hidalgo"));
    assert_eq!(s[0].1, "We will rebuild the bridge");
    assert!(s[0].2);

    let s = summary("\"The plant is safe,\" said John Smith, a spokesman for the utility.");
    assert!(s[0].0.contains("John Smith"));
    let role = statements("\"The plant is safe,\" said John Smith, a spokesman for the utility.")
        [0]
    .role
    .clone();
    assert_eq!(role.as_deref(), Some("a spokesman for the utility"));

    let s = summary("The minister told reporters: “Nobody will be forgotten in this town.”");
    assert_eq!(s[0].1, "Nobody will be forgotten in this town");
}

#[test]
fn reported_speech_and_relays() {
    let s = summary("According to the fire brigade, cited by the Interfax agency, three floors collapsed overnight.");
    assert_eq!(s[0].0, "fire brigade");
    assert_eq!(s[0].3, ["Interfax agency"]);
    assert!(s[0].1.starts_with("three floors"));

    let s = summary("“The border will stay closed for now,” Macron said, BFM TV reported.");
    assert_eq!(s[0].3, ["BFM TV"]);

    let s = summary("Rescuers reached the last survivors before dawn, the regional governor said.");
    assert_eq!(s[0].0, "regional governor");
    assert_eq!(s[0].1, "Rescuers reached the last survivors before dawn");
}

#[test]
fn pronouns_resolve_only_from_the_sentence_before() {
    let text =
        "The police chief said the suspect had fled north. “We are searching every farm,” he said.";
    let s = summary(text);
    assert_eq!(s[1].0, "police chief");

    // Two sentences away: the pronoun stays as written, never guessed.
    let text = "The police chief said the suspect had fled north.\nThe roads were closed at noon.\n“We are searching every farm,” he said.";
    let s = summary(text);
    assert_eq!(s.last().map(|x| x.0.as_str()), Some("he"));
}

#[test]
fn a_quote_without_a_cue_continues_the_statement_before() {
    let text =
        "“The water rose in minutes,” the farmer said.\n“We lost everything we had in the barn.”";
    let s = summary(text);
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].0, "farmer");
}

#[test]
fn speakers_of_relative_coordinated_and_participle_cues() {
    let s = summary("Many Green supporters who said they would vote NDP stayed home.");
    assert_eq!(s[0].0, "Many Green supporters");

    let s = summary("The mayor said the bridge was safe and added that it would reopen on Monday.");
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].0, "mayor");
    assert_eq!(s[1].1, "it would reopen on Monday");

    let s = summary("The ministry published a notice on Tuesday saying that travel was unsafe.");
    assert!(s.iter().any(|x| x.1 == "travel was unsafe"), "{s:?}");

    // Nothing names who sniffed: no speaker is made up.
    assert!(
        summary("She apologized and then, behind her back, sniffed that “nobody cares.”")
            .is_empty()
    );
}

#[test]
fn quotes_signed_with_a_dash() {
    let s = statements("“He represents our greatest shame.” ― Sonya Herridge\nShe left.");
    assert_eq!(s[0].speaker.as_deref(), Some("Sonya Herridge"));
    assert_eq!(s[0].cue, None);
    // A dash inside a sentence is not a signature.
    assert!(summary("“We stay” — for now, the mayor thinks.")
        .iter()
        .all(|x| x.0 != "for now"));
}

#[test]
fn not_statements() {
    // Scare quotes, adjectives that look like cues, numbers after "added".
    assert!(summary("The fire was “contained” by the evening.").is_empty());
    assert!(summary("The suspects' alleged plans were never proven.").is_empty());
    assert!(summary("The index added 0.4 per cent to 2,106 points.").is_empty());
    assert!(summary("Witnesses did not say whether the doors were locked.").is_empty());
}

proptest! {
    #[test]
    fn never_panics_and_spans_hold(text in "([A-Za-zé’“”\" ,.:;-]{0,12}| said| told| according to| he| “| ”| \"| ,”|\n| X said that| added| cited by| reported| Agence France-Presse| told AFP| told Reuters| according to Interfax citing| Jean Dupont){0,40}") {
        for s in statements(&text) {
            prop_assert_eq!(&text[s.span.start..s.span.end], s.span.text.as_str());
            prop_assert!(!s.content.is_empty());
            prop_assert!(s.span.text.contains(&s.content));
        }
    }
}

#[test]
fn an_opening_adverbial_is_not_the_speaker() {
    let speakers = |text: &str| summary(text).into_iter().map(|s| s.0).collect::<Vec<_>>();
    assert_eq!(
        speakers("In a statement late on Tuesday the Syrian Civil Defence said warplanes struck the aid convoy."),
        ["Syrian Civil Defence"]
    );
    assert_eq!(
        speakers("Later in the day Reuters reported that jets hit the town."),
        ["Reuters"]
    );
    assert_eq!(
        speakers("Then investigators said the man fled."),
        ["investigators"]
    );
}

#[test]
fn going_on_is_not_saying() {
    let s = summary("Police said as the man continued to advance, officers fired at him.");
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Police");
    // "continued" with what was said is still a cue.
    let s = summary("The mayor continued, “We will not give up on this town.”");
    assert_eq!(s[0].0, "mayor");
}

#[test]
fn a_relative_pronoun_stands_for_the_name_past_a_clause() {
    let s = summary(
        "The figures were released by state minister Ralf Jaeger who said all of the suspects were local.",
    );
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, "Ralf Jaeger");
    // No name there: no speaker.
    let s = summary("The figures were released by a minister who said nothing more.");
    assert!(s.iter().all(|x| x.0 != "minister"), "{s:?}");
}

#[test]
fn a_count_of_people_opens_what_is_said_and_a_measure_does_not() {
    let s = summary(
        "The Syrian Observatory for Human Rights said 18 people were killed in the strike. \
         It said Russian planes carried it out.",
    );
    assert_eq!(s[0].1, "18 people were killed in the strike");
    // "It" is the organization that spoke before.
    assert_eq!(s[1].0, "Syrian Observatory for Human Rights");
    assert!(summary("The index added 0.4 per cent on Monday.").is_empty());
}
