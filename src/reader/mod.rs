//! Reading claims: sentences, numbers, quantities, dates, negation, attribution.
pub mod dates;
pub mod gazetteer;
pub mod numbers;
