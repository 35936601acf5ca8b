/// A stretch of a script's text, as offsets in Unicode scalars from the start of the source.
///
/// Spans are cheap to store in every token and syntax node (two 32-bit offsets: a script
/// holds well under 2³¹ scalars, since `Script` reads files into memory); ``SourceText``
/// turns them into lines and columns only when a diagnostic is made.
struct SourceSpan: Equatable, Sendable {
  private var storedStart: Int32
  private var storedEnd: Int32

  /// The offset of the first scalar.
  var start: Int {
    get { Int(storedStart) }
    set { storedStart = Int32(clamping: newValue) }
  }

  /// The offset just past the last scalar; equal to `start` for an empty span.
  var end: Int {
    get { Int(storedEnd) }
    set { storedEnd = Int32(clamping: newValue) }
  }

  init(start: Int, end: Int) {
    storedStart = Int32(clamping: start)
    storedEnd = Int32(clamping: max(start, end))
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
