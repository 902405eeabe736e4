//! Reading claims: sentences, numbers, quantities, dates, negation, attribution.
pub mod dates;
pub mod gazetteer;
pub mod numbers;
pub mod negation;
pub mod normalize;
pub mod quantities;
pub mod sentences;
pub mod tokens;
pub mod attribution;
