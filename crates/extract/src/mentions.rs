//! The entity mentions of a document by position: what the statement and claim readers look
//! up to tell whom a phrase names.

use crosscheck_model::{Entity, EntityType};

pub(crate) struct Mentions<'a> {
    /// Byte range in the text and the entity, in text order.
    pub(crate) spans: Vec<(usize, usize, &'a Entity)>,
}

impl<'a> Mentions<'a> {
    /// The mentions in the text of the `entities` whose type `keep` accepts.
    pub(crate) fn new(entities: &'a [Entity], keep: impl Fn(EntityType) -> bool) -> Self {
        let mut spans: Vec<_> = entities
            .iter()
            .filter(|e| keep(e.entity_type))
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.field.is_none())
                    .map(move |m| (m.start, m.end, e))
            })
            .collect();
        spans.sort_by_key(|&(start, end, _)| (start, end));
        Self { spans }
    }

    /// The last mention lying within `[start, end)`.
    pub(crate) fn last_within(
        &self,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize, &'a Entity)> {
        let from = self.spans.partition_point(|&(s, _, _)| s < start);
        self.spans[from..]
            .iter()
            .take_while(|&&(s, _, _)| s < end)
            .filter(|&&(_, e, _)| e <= end)
            .last()
            .copied()
    }
}
