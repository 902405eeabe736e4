//! The map from bytes of a document's plain text back to bytes of the original.

use std::ops::Range;

/// One run of text and the original bytes it came from. When `linear`, text
/// byte `i` of the run is original byte `orig.start + i` (copied text, the
/// same bytes: a line break read as a space is not linear); otherwise
/// the whole run came from the whole `orig` range (a decoded entity, or a
/// separator that markup implied).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    text_start: usize,
    text_end: usize,
    orig: Range<usize>,
    linear: bool,
}

/// Maps byte ranges of a document's text to byte ranges of the original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    text_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    pub fn new(orig_len: usize) -> OffsetMap {
        OffsetMap {
            // prose takes a segment or two a line (a line break read as a
            // space is one): sized for that, so that a large draft's map is
            // not copied as it grows; capacity never written takes no memory
            segments: Vec::with_capacity(orig_len / 16),
            text_len: 0,
            orig_len,
        }
    }

    /// Records that the next `len` bytes of text were copied from the original
    /// starting at `orig_start`.
    pub fn push_linear(&mut self, len: usize, orig_start: usize) {
        if len == 0 {
            return;
        }
        let orig = orig_start..orig_start + len;
        if let Some(last) = self.segments.last_mut() {
            if last.linear && last.text_end == self.text_len && last.orig.end == orig.start {
                last.text_end += len;
                last.orig.end = orig.end;
                self.text_len += len;
                return;
            }
        }
        self.push(len, orig, true);
    }

    /// Records that the next `len` bytes of text stand for the original bytes
    /// `orig` as a whole (an entity, a separator implied by markup).
    pub fn push_whole(&mut self, len: usize, orig: Range<usize>) {
        if len == 0 {
            return;
        }
        self.push(len, orig, false);
    }

    fn push(&mut self, len: usize, orig: Range<usize>, linear: bool) {
        let start = self.text_len;
        self.text_len += len;
        self.segments.push(Segment {
            text_start: start,
            text_end: self.text_len,
            orig,
            linear,
        });
    }

    /// The runs of text within `range` that were not copied byte for byte
    /// (decoded entities, implied separators, collapsed white space), and
    /// whether `range` reaches past the text.
    pub fn decoded_in(&self, range: Range<usize>) -> (Vec<Range<usize>>, bool) {
        let first = self.segments.partition_point(|s| s.text_end <= range.start);
        let decoded = self.segments[first.min(self.segments.len())..]
            .iter()
            .take_while(|s| s.text_start < range.end)
            .filter(|s| !s.linear)
            .map(|s| s.text_start..s.text_end)
            .collect();
        (decoded, range.end > self.text_len)
    }

    /// The original bytes of text `range` when every byte of it was copied
    /// from the original, in order and without a gap: then the original
    /// there holds exactly the text's bytes. `None` when any part of it was
    /// decoded, implied by markup, or has markup between its bytes.
    pub fn copied_original(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.start > range.end || range.end > self.text_len {
            return None;
        }
        let first = self.segments.partition_point(|s| s.text_end <= range.start);
        let mut orig: Option<Range<usize>> = None;
        for s in self.segments.get(first..)? {
            if s.text_start >= range.end {
                break;
            }
            if !s.linear {
                return None;
            }
            let from = range.start.max(s.text_start);
            let to = range.end.min(s.text_end);
            let piece = s.orig.start + (from - s.text_start)..s.orig.start + (to - s.text_start);
            orig = match orig {
                None => Some(piece),
                Some(so_far) if so_far.end == piece.start => Some(so_far.start..piece.end),
                Some(_) => return None,
            };
        }
        orig.filter(|o| o.len() == range.len())
    }

    fn segment_at(&self, text_offset: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.text_end <= text_offset);
        self.segments.get(i)
    }

    fn start_of(&self, text_offset: usize) -> usize {
        match self.segment_at(text_offset) {
            Some(s) if s.linear => s.orig.start + (text_offset.saturating_sub(s.text_start)),
            Some(s) => s.orig.start,
            None => self.orig_len,
        }
    }

    fn end_of(&self, last_text_byte: usize) -> usize {
        match self.segment_at(last_text_byte) {
            Some(s) if s.linear => s.orig.start + (last_text_byte - s.text_start) + 1,
            Some(s) => s.orig.end,
            None => self.orig_len,
        }
    }

    /// The original byte range that produced text `range`. Empty ranges map to
    /// an empty range at the original position.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.start_of(range.start).min(self.orig_len);
        if range.end <= range.start {
            return start..start;
        }
        let end = self.end_of(range.end - 1).clamp(start, self.orig_len);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_runs_are_told_from_copied_ones() {
        let mut map = OffsetMap::new(20);
        map.push_linear(3, 0);
        map.push_whole(1, 3..8);
        map.push_linear(4, 8);
        assert_eq!(map.decoded_in(0..3), (vec![], false));
        assert_eq!(map.decoded_in(4..8), (vec![], false));
        let decoded: Vec<Range<usize>> = std::iter::once(3..4).collect();
        assert_eq!(map.decoded_in(2..5), (decoded, false));
        assert_eq!(map.decoded_in(6..9), (vec![], true));
    }

    #[test]
    fn linear_runs_map_byte_for_byte_and_merge() {
        let mut map = OffsetMap::new(20);
        map.push_linear(3, 2);
        map.push_linear(4, 5);
        assert_eq!(map.segments.len(), 1);
        assert_eq!(map.to_original(1..4), 3..6);
    }

    #[test]
    fn whole_runs_map_to_their_whole_source() {
        // text "a–b" from "a&ndash;b"
        let mut map = OffsetMap::new(9);
        map.push_linear(1, 0);
        map.push_whole(3, 1..8);
        map.push_linear(1, 8);
        assert_eq!(map.to_original(1..4), 1..8);
        assert_eq!(map.to_original(2..3), 1..8);
        assert_eq!(map.to_original(0..5), 0..9);
        assert_eq!(map.to_original(4..5), 8..9);
    }

    #[test]
    fn empty_and_out_of_range_ranges_stay_inside_the_original() {
        let mut map = OffsetMap::new(5);
        map.push_linear(5, 0);
        assert_eq!(map.to_original(2..2), 2..2);
        assert_eq!(map.to_original(7..9), 5..5);
    }
}
