//! Reading claims: sentences, their structure, numbers, quantities, dates,
//! negation, attribution.
pub mod attribution;
pub mod dates;
pub mod gazetteer;
pub mod negation;
pub mod normalize;
pub mod numbers;
pub mod quantities;
pub mod sentences;
pub mod structure;
pub mod tokens;
pub mod wordset;
