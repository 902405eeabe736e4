//! Reading claims: sentences, their structure, numbers, quantities, dates,
//! negation, attribution.
pub mod attribution;
pub mod dates;
pub mod event_naming;
pub mod gazetteer;
pub mod inflection;
pub mod negation;
pub mod normalize;
pub mod numbers;
pub mod quantities;
pub mod sentences;
pub mod structure;
pub mod tokens;
pub mod wordset;

/// Runs `build` (which forces a table of the readers' into being) on a
/// thread of its own, once per process: the first reader that needs the
/// table then finds it built or being built (and waits for it as it would
/// for its own build), while the work before it went on meanwhile. If no
/// thread can be started, the first reader builds it, as without this.
pub(crate) fn build_in_background(started: &'static std::sync::Once, build: fn()) {
    started.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("factlint-tables".into())
            .spawn(build);
    });
}
