//! Facts against claims.
