//! Diagnostics to bytes, one module per output format.
