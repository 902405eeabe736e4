//! A progress bar on standard error, for people watching a long run: only on
//! a terminal, only for the human format, and only once the run has taken
//! longer than a moment, so that a quick check never flickers.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
const SHOW_AFTER: Duration = Duration::from_millis(400);

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: bool,
}

impl Progress {
    /// A bar for `total` inputs; `enabled` says whether one may be drawn at all.
    pub(crate) fn new(total: usize, enabled: bool) -> Progress {
        let bar = (enabled && total > 1).then(|| {
            let style = ProgressStyle::with_template(
                "{spinner} checked {pos}/{len} files {wide_bar} {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            // Hidden until the run has taken longer than a moment.
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            shown: false,
        }
    }

    /// One more input is done.
    pub(crate) fn tick(&mut self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown && self.start.elapsed() >= SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Runs `f`, which writes to standard error, with the bar out of its way.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar, before the report is written.
    pub(crate) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
