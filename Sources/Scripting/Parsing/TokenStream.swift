/// The tokens the parser reads, lexed on demand and kept only while they may be needed.
///
/// Tokens are addressed by their position in the whole script. The stream keeps a window of
/// them: those of the statement being parsed, and one token of lookahead; the parser drops
/// the rest after each top-level statement, so a ten-megabyte script never holds all its
/// tokens at once.
struct TokenStream {
  private var lexer: Lexer
  private var window: [Token] = []
  /// The position of `window[0]`.
  private(set) var base = 0
  /// The position of `endOfFile`, once lexed.
  private var endPosition: Int?

  init(_ lexer: Lexer) {
    self.lexer = lexer
    fill(through: 1)
  }

  /// The token at `position`, which must be in the window (the last one, `endOfFile`, for
  /// positions past it).
  subscript(position: Int) -> Token {
    let clamped = min(position, (endPosition ?? Int.max), base + window.count - 1)
    return window[max(0, clamped - base)]
  }

  /// Lexes tokens up to `position` (or the end).
  mutating func fill(through position: Int) {
    while base + window.count <= position, endPosition == nil {
      let token = lexer.next()
      window.append(token)
      if case .endOfFile = token.kind { endPosition = base + window.count - 1 }
    }
  }

  /// Forgets the tokens before `position`; the window is compacted once enough of it is
  /// forgotten, so that this costs O(1) amortised.
  mutating func discard(before position: Int) {
    let count = min(position - base, window.count - 1)
    guard count >= 256, count * 2 >= window.count else { return }
    window.removeSubrange(0..<count)
    base += count
  }

  /// The diagnostic of the `error` token `.error(index)`.
  func error(_ index: Int) -> ScriptError {
    lexer.error(index)
  }

  /// The opening brackets never closed, once the whole script has been lexed; empty before.
  var unclosedBrackets: [SourceSpan] {
    lexer.isFinished ? lexer.openBrackets : []
  }
}
