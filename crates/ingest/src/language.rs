//! Language identification of the clean body.

/// Texts shorter than this give no reliable guess and get no language.
const MIN_CHARS: usize = 40;
/// The head of a text that is enough to tell its language: identification is linear in the
/// length, and the rest of an article does not change the verdict.
const SAMPLE_BYTES: usize = 1024;

/// The language of `text` as an ISO 639-1 code (ISO 639-3 where 639-1 has none), or `None`
/// when the text is too short or the guess is unreliable.
pub fn identify(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
        return None;
    }
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    Some(iso639_1(code).unwrap_or(code).to_string())
}

/// Normalizes a language given by the input ("en", "EN", "en-US", "eng") to the same form.
pub(crate) fn normalize(given: &str) -> Option<String> {
    let primary = given.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 if primary.bytes().all(|b| b.is_ascii_lowercase()) => Some(primary),
        3 if primary.bytes().all(|b| b.is_ascii_lowercase()) => {
            Some(iso639_1(&primary).unwrap_or(&primary).to_string())
        }
        _ => None,
    }
}

/// ISO 639-3 to ISO 639-1 for the languages whatlang knows (and the common bibliographic
/// variants inputs use).
fn iso639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" | "cze" => "cs",
        "cmn" | "zho" | "chi" => "zh",
        "cym" | "wel" => "cy",
        "dan" => "da",
        "deu" | "ger" => "de",
        "ell" | "gre" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" | "fre" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" | "arm" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" | "geo" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" | "mac" => "mk",
        "mya" | "bur" => "my",
        "nep" => "ne",
        "nld" | "dut" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" | "fas" | "per" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" | "rum" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" | "slo" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_long_enough_text() {
        let en = "The investigative committee said at least sixty people died in the attack on the concert hall.";
        assert_eq!(identify(en).as_deref(), Some("en"));
        let fr = "Le comité d'enquête a déclaré qu'au moins soixante personnes sont mortes dans l'attaque de la salle.";
        assert_eq!(identify(fr).as_deref(), Some("fr"));
        assert_eq!(identify("Short."), None);
    }

    #[test]
    fn normalizes_given_codes() {
        assert_eq!(normalize("en-US").as_deref(), Some("en"));
        assert_eq!(normalize("DEU").as_deref(), Some("de"));
        assert_eq!(normalize("English"), None);
    }
}
