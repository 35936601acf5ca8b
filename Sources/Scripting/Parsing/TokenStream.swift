/// The tokens the parser reads, lexed on demand and kept only while they may be needed.
///
/// Tokens are addressed by their position in the whole script. The stream keeps a window of
/// them: those of the statement being parsed, and one token of lookahead; the parser drops
/// the rest after each top-level statement, so a ten-megabyte script never holds all its
/// tokens at once.
struct TokenStream {
  /// The lexer, whose ``Lexer/tokens`` are the window: the tokens from position `base` on.
  private var lexer: Lexer
  /// The position of `lexer.tokens[0]`.
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
    let clamped = min(position, endPosition ?? Int.max, base + lexer.tokens.count - 1)
    return lexer.tokens[max(0, clamped - base)]
  }

  /// Lexes tokens up to `position` (or the end).
  mutating func fill(through position: Int) {
    while base + lexer.tokens.count <= position, endPosition == nil {
      lexer.lexMore()
      if case .endOfFile = lexer.tokens[lexer.tokens.count - 1].kind {
        endPosition = base + lexer.tokens.count - 1
      }
    }
  }

  /// Forgets the tokens before `position`; the window is compacted once enough of it is
  /// forgotten, so that this costs O(1) amortised.
  mutating func discard(before position: Int) {
    let count = min(position - base, lexer.tokens.count - 1)
    guard count >= 256, count * 2 >= lexer.tokens.count else { return }
    lexer.tokens.removeSubrange(0..<count)
    base += count
  }

  /// The diagnostic of the `error` token `.error(index)`.
  func error(_ index: Int) -> ScriptError {
    lexer.error(index)
  }

  /// The value of the string literal `.string(index)`.
  func literal(_ index: Int) -> String {
    lexer.literal(index)
  }

  /// The pieces of the f-string `.formatString(index)`.
  func formatString(_ index: Int) -> [FormatSegment] {
    lexer.formatString(index)
  }

  /// The opening brackets never closed, once the whole script has been lexed; empty before.
  var unclosedBrackets: [SourceSpan] {
    lexer.isFinished ? lexer.openBrackets : []
  }
}
