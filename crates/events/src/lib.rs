//! Which documents report the same real-world event.
//!
//! Documents arrive one at a time; each is profiled ([`Profile`]: weighted words and names,
//! publication and event days, a copy signature), then either recognised as a syndicated
//! copy of an earlier document, or placed in the most similar open event, or made the
//! founder of a new one ([`Clusterer`]). Once an event's members are known, the undated
//! ones take its year ([`resolve_years`]).

mod cluster;
mod duplicates;
mod profile;
mod terms;
mod years;

pub use cluster::{Assignment, Candidate, Clusterer, Config, Evidence, Held};
pub use duplicates::Signature;
pub use profile::Profile;
pub use years::{resolve_year, resolve_years};
