/// A stretch of a script's text, as offsets in Unicode scalars from the start of the source.
///
/// Spans are cheap to store in every token and syntax node; ``SourceText`` turns them into
/// lines and columns only when a diagnostic is made.
struct SourceSpan: Equatable, Sendable {
  /// The offset of the first scalar.
  var start: Int
  /// The offset just past the last scalar; equal to `start` for an empty span.
  var end: Int

  init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// An empty span at `offset`.
  init(at offset: Int) {
    self.init(start: offset, end: offset)
  }

  /// The span from the start of `first` to the end of `last`.
  init(from first: SourceSpan, to last: SourceSpan) {
    self.init(start: first.start, end: max(first.end, last.end))
  }
}
