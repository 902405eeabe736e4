//! Who acts: the country a fact's claim names as doing its event ("The
//! United States withdrew …"), and whether a sentence's event has another.

use std::ops::Range;

use super::events::cue_at;
use crate::reader::attribution;
use crate::reader::gazetteer::Place;
use crate::reader::tokens::{self, Token};
use crate::rules::Fact;

/// The country a fact's claim names right before its first cue: "The
/// United States withdrew …".
pub(super) fn actor_of(fact: &Fact) -> Option<Place> {
    let tokens = tokens::tokenize(&fact.claim, 0..fact.claim.len());
    let cue = (0..tokens.len()).find(|&i| fact.cues.iter().any(|c| cue_at(&tokens, i, c)))?;
    actor_before(&tokens, cue)
}

/// A country named as the subject of the verb at `cue`, within a few words
/// before it ("Iran partially withdrew", "the United States quit").
fn actor_before(tokens: &[Token], cue: usize) -> Option<Place> {
    (cue.saturating_sub(5)..cue).find_map(|k| match attribution::place_at(tokens, k) {
        Some((len, Some(place))) if k + len <= cue => {
            let between = &tokens[k + len..cue];
            between
                .iter()
                .all(|t| {
                    t.is_word()
                        && !matches!(
                            t.norm.as_str(),
                            "and" | "or" | "with" | "from" | "of" | "to"
                        )
                })
                .then_some(place)
        }
        _ => None,
    })
}

/// Whether the cue nearest the date at `toks` has another country than
/// `actor` as its subject.
pub(super) fn other_actor(
    tokens: &[Token],
    toks: Range<usize>,
    cues: &[Vec<String>],
    actor: Place,
) -> bool {
    let is_cue = |i: usize| cues.iter().any(|c| cue_at(tokens, i, c));
    let before = (toks.start.saturating_sub(14)..toks.start)
        .rev()
        .find(|&i| is_cue(i));
    let after = (toks.end..tokens.len().min(toks.end + 10)).find(|&i| is_cue(i));
    before
        .or(after)
        .and_then(|cue| actor_before(tokens, cue))
        .is_some_and(|place| place != actor)
}
