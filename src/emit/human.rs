//! rustc-style output for people at a terminal: a header, the source line
//! with the span underlined and labelled, then notes.

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec};
use codespan_reporting::term::{self, Chars, Config, Styles, StylesWriter};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::LineIndex;

use super::{ceil_boundary, clamp_span, floor_boundary, in_order, one_line};

/// Said of every attributed finding, so a reader does not "fix" a quote.
const ATTRIBUTED_NOTE: &str =
    "note: the claim is reported speech; the draft attributes it to a speaker";

/// Findings of one file from which each is rendered on rayon's threads, into
/// a buffer of its own, and the buffers written in order: a finding takes
/// codespan some 50,000 instructions, so a few dozen already pay for the
/// handing over, and a large draft's hundreds need not wait on one core.
const PARALLEL_MIN: usize = 64;

/// Writes every finding, in file order and then by span start, each followed
/// by a blank line as rustc does. Colour is the caller's decision
/// (`--color`, `NO_COLOR`, whether stdout is a terminal).
pub fn write(out: &mut dyn io::Write, reports: &[FileReport], color: bool) -> io::Result<()> {
    for report in reports {
        let file = FileView::of(report);
        let diagnostics = in_order(report);
        if diagnostics.len() < PARALLEL_MIN {
            for diagnostic in diagnostics {
                file.emit(out, diagnostic, color)?;
            }
            continue;
        }
        let rendered: Vec<io::Result<Vec<u8>>> = diagnostics
            .par_iter()
            .map(|diagnostic| {
                let mut buffer = Vec::new();
                file.emit(&mut buffer, diagnostic, color).map(|()| buffer)
            })
            .collect();
        // as the loop above: what came before the first error is written
        for buffer in rendered {
            out.write_all(&buffer?)?;
        }
    }
    Ok(())
}

/// One report's draft as codespan is shown it, with what each of its
/// findings needs to be rendered: shared by the threads that render them.
/// It is codespan's file too, as a [`SimpleFile`] of the draft would be,
/// but on the line starts of its [`LineIndex`], which a `SimpleFile` would
/// find a second time.
struct FileView<'r> {
    report: &'r FileReport,
    /// The draft without a byte order mark.
    source: &'r str,
    /// Bytes of the mark left out (0 or 3).
    shift: usize,
    index: LineIndex,
    /// codespan's line starts (0, then after each `\n`) when they are not
    /// the index's: when the source still starts with a byte order mark,
    /// which the index leaves out of the first line.
    own_starts: Option<Vec<usize>>,
}

impl<'r> FileView<'r> {
    fn of(report: &'r FileReport) -> FileView<'r> {
        // A byte order mark is invisible on a terminal but counts as a
        // column for codespan, which would put every underline on the first
        // line one column to the right; it is left out and spans moved back.
        let (source, shift) = match report.source.strip_prefix('\u{feff}') {
            Some(rest) => (rest, '\u{feff}'.len_utf8()),
            None => (report.source.as_str(), 0),
        };
        let index = LineIndex::new(source);
        let own_starts =
            (index.starts().first() != Some(&0)).then(|| files::line_starts(source).collect());
        FileView {
            report,
            source,
            shift,
            index,
            own_starts,
        }
    }

    /// codespan's line starts.
    fn starts(&self) -> &[usize] {
        self.own_starts.as_deref().unwrap_or(self.index.starts())
    }

    /// Where a 0-based line starts, as [`SimpleFile`] answers: the end of
    /// the source for the line after the last.
    fn line_start(&self, line: usize) -> Result<usize, files::Error> {
        let starts = self.starts();
        match starts.get(line) {
            Some(&start) => Ok(start),
            None if line == starts.len() => Ok(self.source.len()),
            None => Err(files::Error::LineTooLarge {
                given: line,
                max: starts.len() - 1,
            }),
        }
    }

    /// Writes one finding of the report, its long line cut around it.
    fn emit(
        &self,
        out: &mut dyn io::Write,
        diagnostic: &Diagnostic,
        color: bool,
    ) -> io::Result<()> {
        let path = self.report.path.as_str();
        let rendered = to_codespan(self.report, diagnostic, self.shift);
        let span = rendered
            .labels
            .first()
            .map_or(0..0, |label| label.range.clone());
        match Excerpt::of(path, self.source, &self.index, span) {
            Some((excerpt, moved)) => {
                let mut rendered = rendered;
                for label in &mut rendered.labels {
                    label.range = moved.clone();
                }
                emit(out, &excerpt, &rendered, color)
            }
            None => emit(out, self, &rendered, color),
        }
    }
}

impl<'a> Files<'a> for FileView<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.report.path.as_str())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self
            .starts()
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        Ok(self.line_start(line_index)?..self.line_start(line_index + 1)?)
    }
}

/// Lines longer than this (in bytes) are not printed whole: a minified page
/// or a file with no line breaks would print megabytes per finding.
const LONG_LINE: usize = 1000;

/// Bytes of a long line shown on each side of a finding's span.
const CONTEXT: usize = 120;

/// A window onto the lines of a span that are too long to print whole, cut
/// with `…`, which reports the file's own line and column numbers.
struct Excerpt<'s> {
    name: &'s str,
    text: String,
    /// Line starts within `text`.
    starts: Vec<usize>,
    /// 0-based line of the file where `text` starts.
    first_line: usize,
    /// Characters of that line before the window, in the file.
    before: usize,
    /// Bytes of the `…` that stands for them (0 when the window starts the line).
    ellipsis: usize,
}

impl<'s> Excerpt<'s> {
    /// The excerpt for `span` of `source`, and the span moved into it; `None`
    /// when the span's lines are short enough to print whole.
    fn of(
        name: &'s str,
        source: &str,
        index: &LineIndex,
        span: Range<usize>,
    ) -> Option<(Excerpt<'s>, Range<usize>)> {
        let first_line = index.line_of(span.start);
        let last_line = index.line_of(span.end);
        let begin = index.line_start(first_line).min(span.start);
        let end = index
            .line_start(last_line + 1)
            .min(source.len() + 1)
            .saturating_sub(1)
            .max(span.end);
        let end = source[..end]
            .trim_end_matches(['\n', '\r'])
            .len()
            .max(span.end);
        if end - begin <= LONG_LINE {
            return None;
        }
        let from = floor_boundary(source, span.start.saturating_sub(CONTEXT).max(begin));
        let to = ceil_boundary(source, (span.end + CONTEXT).min(end));
        let ellipsis = if from > begin { '…'.len_utf8() } else { 0 };
        let mut text = String::with_capacity(to - from + 2 * ellipsis);
        if ellipsis > 0 {
            text.push('…');
        }
        text.push_str(&source[from..to]);
        if to < end {
            text.push('…');
        }
        let starts = files::line_starts(&text).collect();
        let before = index.line_col(source, from).1 - 1;
        let moved = span.start - from + ellipsis..span.end - from + ellipsis;
        Some((
            Excerpt {
                name,
                text,
                starts,
                first_line,
                before,
                ellipsis,
            },
            moved,
        ))
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        let within = match self.starts.binary_search(&byte_index) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        };
        Ok(self.first_line + within)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let range = self.line_range((), line_index)?;
        let byte_index = floor_boundary(&self.text, byte_index.clamp(range.start, range.end));
        if line_index == self.first_line {
            let from = self.ellipsis.min(byte_index);
            Ok(self.before + self.text[from..byte_index].chars().count() + 1)
        } else {
            Ok(self.text[range.start..byte_index].chars().count() + 1)
        }
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let within = line_index.saturating_sub(self.first_line);
        let start = self.starts.get(within).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(within + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}

/// Writes a diagnostic on `source` (a rule file's text) as [`emit`] does,
/// with the line of its first label cut around it when the line is long, as
/// a finding's draft line is.
pub(crate) fn emit_cut(
    out: &mut dyn io::Write,
    name: &str,
    source: &str,
    diagnostic: &Report<()>,
    color: bool,
) -> io::Result<()> {
    let index = LineIndex::new(source);
    let span = diagnostic
        .labels
        .first()
        .map_or(0..0, |label| label.range.clone());
    match Excerpt::of(name, source, &index, span) {
        Some((excerpt, moved)) => {
            let mut cut = diagnostic.clone();
            for label in &mut cut.labels {
                label.range = moved.clone();
            }
            emit(out, &excerpt, &cut, color)
        }
        None => emit(out, &SimpleFile::new(name, source), diagnostic, color),
    }
}

/// Writes one codespan diagnostic the way rustc would, so that every
/// diagnostic factlint prints (findings, and errors in rule files) looks
/// alike.
pub(crate) fn emit<'f, F: Files<'f, FileId = ()>>(
    out: &mut dyn io::Write,
    file: &'f F,
    diagnostic: &Report<()>,
    color: bool,
) -> io::Result<()> {
    let config = config();
    let mut buffer = Vec::new();
    let result = if color {
        let styles = styles();
        let mut writer = StylesWriter::new(Ansi::new(&mut buffer), &styles);
        term::emit_to_write_style(&mut writer, &config, file, diagnostic)
    } else {
        term::emit_to_io_write(&mut buffer, &config, file, diagnostic)
    };
    result.map_err(io_error)?;
    write_as_rustc(out, &buffer)
}

/// codespan indents the `-->` line one column further than rustc does, and
/// leaves the padding of empty gutters and blank source lines at the ends of
/// lines, where rustc trims it. Both are fixed here so that the output is
/// rustc's to the column and diffs of it are free of invisible changes.
fn write_as_rustc(out: &mut dyn io::Write, rendered: &[u8]) -> io::Result<()> {
    for (number, line) in rendered.split_inclusive(|&b| b == b'\n').enumerate() {
        let (mut body, newline) = match line.strip_suffix(b"\n") {
            Some(body) => (body, true),
            None => (line, false),
        };
        while let Some(rest) = body.strip_suffix(b" ") {
            body = rest;
        }
        // The header is one line (messages are flattened), so the locus is
        // always the second.
        if number == 1 && is_locus(body) {
            body = &body[1..];
        }
        out.write_all(body)?;
        if newline {
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Whether a line is `  --> path:line:col`, possibly with colour codes
/// between the indent and the arrow.
fn is_locus(line: &[u8]) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    let rest = &line[indent..];
    indent >= 2 && (rest.starts_with(b"-->") || rest.starts_with(b"\x1b["))
}

/// [`write`] into memory.
pub fn render(reports: &[FileReport], color: bool) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and spans are clamped before codespan
    // sees them, so there is no error to report here.
    let _ = write(&mut out, reports, color);
    out
}

/// `shift` is how many bytes at the start of the source codespan is not shown.
fn to_codespan(report: &FileReport, d: &Diagnostic, shift: usize) -> Report<()> {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        // rustc's word for a finding that is neither; codespan has no "info".
        Severity::Info => Level::Note,
    };
    // codespan subtracts line starts from span ends and walks chars from
    // them; an offset past the end or inside a character must not reach it.
    let span = clamp_span(&report.source, &d.span);
    let span = span.start.saturating_sub(shift)..span.end.saturating_sub(shift);
    let mut notes = Vec::new();
    if !d.note.is_empty() {
        notes.push(format!("note: {}", d.note));
    }
    if d.attributed {
        notes.push(ATTRIBUTED_NOTE.to_string());
    }
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    Report::new(level)
        .with_code(&d.rule)
        .with_message(one_line(&d.message))
        .with_label(Label::primary((), span).with_message(one_line(&d.label)))
        .with_notes(notes)
}

/// ASCII borders and rustc's multi-line underline (`_____^`, `|`, `|___^`)
/// rather than codespan's box drawing, so output reads like the compiler
/// output people already know and survives any terminal font.
fn config() -> Config {
    let mut chars = Chars::ascii();
    chars.multi_top_left = ' ';
    chars.multi_top = '_';
    chars.multi_bottom_left = '|';
    chars.multi_bottom = '_';
    chars.multi_left = '|';
    Config {
        chars,
        ..Config::default()
    }
}

/// rustc's palette: bold bright blue gutter, bold coloured underlines.
fn styles() -> Styles {
    let gutter = ColorSpec::new()
        .set_fg(Some(Color::Blue))
        .set_bold(true)
        .set_intense(true)
        .clone();
    let mut styles = Styles {
        line_number: gutter.clone(),
        source_border: gutter.clone(),
        note_bullet: gutter,
        ..Styles::default()
    };
    for spec in [
        &mut styles.primary_label_error,
        &mut styles.primary_label_warning,
        &mut styles.primary_label_note,
        &mut styles.primary_label_help,
    ] {
        spec.set_bold(true);
    }
    styles
}

fn io_error(error: files::Error) -> io::Error {
    match error {
        files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Kind};
    use crate::emit::test_support::{finding, report};

    const TREATY_MD: &str = "\
# Russia–Iran treaty: what we know

Russia and Iran signed a “comprehensive strategic partnership” treaty in
Moscow on 17 January 2025. The Russia–Iran treaty has 45 articles and
runs for 20 years.

“The treaty has 45 articles,” Lavrov told reporters.
";

    /// Tehran's version, saved on Windows, wrapped mid-sentence.
    const PACT_CRLF: &str = "\
Iran's parliament says the two countries signed the pact on\r\n\
18 January 2025 in the Kremlin.\r\n\
\r\n\
Officials called it historic.\r\n";

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).expect("output is UTF-8")
    }

    fn article_count() -> Diagnostic {
        let mut d = finding(
            TREATY_MD,
            "45 articles",
            "ru-ir-treaty/article-count",
            Kind::Contradiction,
            Severity::Error,
        );
        d.message = "the draft says the treaty has 45 articles; it has 47".into();
        d.label = "states 45 articles".into();
        d.note =
            "the treaty has 47 articles (text published by the Kremlin, 17 January 2025)".into();
        d.help = Some("write \"47 articles\"".into());
        d.found = Some("45 articles".into());
        d.expected = Some("47 articles".into());
        let at = d.span.start;
        d.fix = Some(Edit {
            range: at..at + 2,
            replacement: "47".into(),
        });
        d
    }

    fn lavrov_quote() -> Diagnostic {
        let quote = TREATY_MD.find("“The treaty").unwrap();
        let start = quote + TREATY_MD[quote..].find("45 articles").unwrap();
        let mut d = article_count();
        d.span = start..start + "45 articles".len();
        d.fix = None;
        d.attributed = true;
        d
    }

    fn duration_unstated() -> Diagnostic {
        let mut d = finding(
            PACT_CRLF,
            "the pact",
            "ru-ir-treaty/duration",
            Kind::Unstated,
            Severity::Warning,
        );
        d.message = "the draft never says how long the treaty runs".into();
        d.label = "the treaty is mentioned here".into();
        d.note = "the treaty is concluded for 20 years (article 47)".into();
        d.help = Some("add that it runs for 20 years".into());
        d
    }

    fn signing_date() -> Diagnostic {
        let start = PACT_CRLF.find("signed").unwrap();
        let end = PACT_CRLF.find(" in the Kremlin").unwrap();
        let mut d = finding(
            PACT_CRLF,
            "signed",
            "ru-ir-treaty/signing-date",
            Kind::Contradiction,
            Severity::Error,
        );
        d.span = start..end;
        d.message = "the draft dates the signing to 18 January 2025; it was 17 January".into();
        d.label = "dates the signing to 18 January 2025".into();
        d.note = "signed in Moscow on 17 January 2025".into();
        d.found = Some("18 January 2025".into());
        d.expected = Some("17 January 2025".into());
        d
    }

    #[test]
    fn long_lines_are_shown_in_a_window_with_their_own_line_and_column() {
        let filler = "é word ".repeat(400);
        let source = format!("first line\n{filler}The treaty has 45 articles. {filler}\nlast\n");
        let d = finding(
            &source,
            "45 articles",
            "ru-ir-treaty/article-count",
            Kind::Contradiction,
            Severity::Error,
        );
        let out = text(render(&[report("long.txt", &source, vec![d])], false));
        let column = filler.chars().count() + "The treaty has ".len() + 1;
        assert!(out.contains(&format!("--> long.txt:2:{column}")), "{out}");
        assert!(out.len() < 1000, "{out}");
        let shown = out.lines().find(|l| l.starts_with("2 | ")).unwrap();
        assert!(
            shown.starts_with("2 | …") && shown.ends_with('…'),
            "{shown}"
        );
        let underline = out.lines().find(|l| l.contains("^^^")).unwrap();
        let at = underline.find('^').unwrap();
        let shown_at = shown.find("45 articles").unwrap();
        assert_eq!(
            shown[..shown_at].chars().count(),
            underline[..at].chars().count(),
            "{out}"
        );
    }

    #[test]
    fn contradiction_after_multibyte_text() {
        let out = text(render(
            &[report("drafts/treaty.md", TREATY_MD, vec![article_count()])],
            false,
        ));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn span_across_crlf_lines() {
        let out = text(render(
            &[report("drafts/pact.txt", PACT_CRLF, vec![signing_date()])],
            false,
        ));
        assert!(!out.contains('\r'), "{out:?}");
        insta::assert_snapshot!(out);
    }

    #[test]
    fn unstated_fact_at_a_subject_mention() {
        let out = text(render(
            &[report(
                "drafts/pact.txt",
                PACT_CRLF,
                vec![duration_unstated()],
            )],
            false,
        ));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn attributed_claim() {
        let out = text(render(
            &[report("drafts/treaty.md", TREATY_MD, vec![lavrov_quote()])],
            false,
        ));
        assert!(out.contains(ATTRIBUTED_NOTE), "{out}");
        insta::assert_snapshot!(out);
    }

    #[test]
    fn info_is_a_note_and_bad_spans_are_clamped() {
        let mut past_end = finding(
            TREATY_MD,
            "Moscow",
            "ru-ir-treaty/place",
            Kind::Unstated,
            Severity::Info,
        );
        past_end.span = 10_000..10_007;
        past_end.message = "the draft does not say where the treaty was signed".into();
        past_end.label = "the article ends here".into();
        let dash = TREATY_MD.find('–').unwrap();
        let mut mid_char = past_end.clone();
        mid_char.rule = "ru-ir-treaty/parties".into();
        mid_char.span = dash + 1..dash + 2;
        mid_char.message = "span inside a character".into();
        mid_char.label = "the dash".into();
        let out = text(render(
            &[report(
                "drafts/treaty.md",
                TREATY_MD,
                vec![past_end, mid_char],
            )],
            false,
        ));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn several_files_in_order() {
        let out = text(render(
            &[
                report(
                    "drafts/treaty.md",
                    TREATY_MD,
                    vec![lavrov_quote(), article_count()],
                ),
                report("drafts/empty.md", "", vec![]),
                report(
                    "drafts/pact.txt",
                    PACT_CRLF,
                    vec![signing_date(), duration_unstated()],
                ),
            ],
            false,
        ));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn a_byte_order_mark_is_not_shown_and_does_not_shift_the_underline() {
        let draft = "\u{feff}The treaty has 45 articles.\r\n";
        let mut d = finding(draft, "45", "s/n", Kind::Contradiction, Severity::Error);
        d.label = "here".into();
        let out = text(render(&[report("bom.md", draft, vec![d])], false));
        assert_eq!(
            out,
            "error[s/n]: contradiction finding\n --> bom.md:1:16\n  |\n\
             1 | The treaty has 45 articles.\n  |                ^^ here\n\n"
        );
        // A span inside the mark itself is clamped to the start.
        let mut inside = finding(draft, "The", "s/n", Kind::Contradiction, Severity::Error);
        inside.span = 1..2;
        let out = text(render(&[report("bom.md", draft, vec![inside])], false));
        assert!(out.contains(" --> bom.md:1:1\n"), "{out}");
    }

    #[test]
    fn a_file_view_answers_codespan_as_a_simple_file_does() {
        let texts = [
            "",
            "a",
            "a\n",
            "ab\ncd\r\n\nef",
            "\u{feff}\u{feff}x\ny",
            "\u{feff}é\n",
        ];
        for text in texts {
            let r = report("a.md", text, vec![]);
            let view = FileView::of(&r);
            let simple = SimpleFile::new("a.md", view.source);
            assert_eq!(view.name(()).ok(), Some("a.md"));
            assert_eq!(view.source(()).ok(), Some(*simple.source()));
            for byte in 0..text.len() + 3 {
                assert_eq!(
                    view.line_index((), byte).ok(),
                    simple.line_index((), byte).ok(),
                    "{text:?} {byte}"
                );
            }
            for line in 0..text.len() + 3 {
                assert_eq!(
                    format!("{:?}", view.line_range((), line)),
                    format!("{:?}", simple.line_range((), line)),
                    "{text:?} {line}"
                );
            }
        }
    }

    #[test]
    fn many_findings_are_rendered_as_one_at_a_time() {
        let bom = format!("\u{feff}{TREATY_MD}");
        let mut findings = Vec::new();
        let mut long = finding(
            &bom,
            "45 articles",
            "s/n",
            Kind::Contradiction,
            Severity::Error,
        );
        long.span = 5..bom.len() - 5;
        while findings.len() < 2 * PARALLEL_MIN {
            findings.extend([article_count(), lavrov_quote(), long.clone()]);
        }
        for color in [false, true] {
            let many = [report("drafts/treaty.md", &bom, findings.clone())];
            let each: Vec<u8> = in_order(&many[0])
                .into_iter()
                .flat_map(|d| render(&[report("drafts/treaty.md", &bom, vec![d.clone()])], color))
                .collect();
            assert_eq!(text(render(&many, color)), text(each));
        }
    }

    #[test]
    fn empty_file_and_empty_report_list() {
        assert!(render(&[], false).is_empty());
        let mut d = finding("x", "x", "s/x", Kind::Unstated, Severity::Warning);
        d.span = 3..9;
        let out = text(render(&[report("empty.md", "", vec![d])], false));
        assert!(
            out.starts_with("warning[s/x]: unstated finding\n --> empty.md:1:1\n"),
            "{out}"
        );
    }

    #[test]
    fn newlines_in_message_and_label_do_not_break_the_layout() {
        let mut d = finding("x 45 y", "45", "s/n", Kind::Contradiction, Severity::Error);
        d.message = "two\nlines".into();
        d.label = "also\r\ntwo".into();
        let out = text(render(&[report("a.md", "x 45 y", vec![d])], false));
        assert_eq!(
            out,
            "error[s/n]: two lines\n --> a.md:1:3\n  |\n1 | x 45 y\n  |   ^^ also two\n\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let reports = [report("drafts/treaty.md", TREATY_MD, vec![article_count()])];
        let plain = text(render(&reports, false));
        let coloured = text(render(&reports, true));
        assert!(!plain.contains('\x1b'));
        assert!(coloured.contains("\x1b["));
        assert_eq!(strip_ansi(&coloured), plain);
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn no_panic_on_any_span() {
        for text in ["a–b\r\nc", "\u{feff}a\r\n"] {
            let d = finding(text, "a", "s/x", Kind::Contradiction, Severity::Error);
            for start in 0..=text.len() + 2 {
                for end in 0..=text.len() + 2 {
                    let mut d = d.clone();
                    d.span = start..end;
                    let out = render(&[report("a.md", text, vec![d])], true);
                    assert!(!out.is_empty());
                }
            }
        }
    }
}
