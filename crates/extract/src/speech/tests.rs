use super::*;
use crate::entities::find_entities;
use crate::segment::sentences;

fn statements(text: &str) -> Vec<Statement> {
    let s = sentences(text);
    find_statements(text, &s, &find_entities(text, &s))
}

#[test]
fn smoke() {
    for s in statements("“We will win,” Macron said, BMF TV reported.") {
        eprintln!("{s:?}");
    }
}
