/// Builds the syntax tree of a script from its tokens, by recursive descent.
///
/// The grammar follows Python's, restricted to the statements and expressions gradviz
/// supports. Recursion is bounded: every nested bracket, unary operator, exponent and block
/// counts against ``Limits/maxNesting``, and every expression against
/// ``Limits/maxExpressionHeight``, so deeply nested input is a diagnostic and never a stack
/// overflow.
struct Parser {
  let source: SourceText
  let tokens: [Token]
  /// The position of the current token; never past the final `endOfFile`.
  var index = 0
  /// How many nested constructs the parser is inside.
  var nesting = 0
  /// How many function bodies the parser is inside.
  var functionDepth = 0

  private init(source: SourceText, tokens: [Token]) {
    self.source = source
    self.tokens = tokens
  }

  /// The statements of `source`.
  ///
  /// - Throws: a ``ScriptError`` for the first lexical or syntax error.
  /// - Complexity: O(n) in the length of the text.
  static func parse(_ source: SourceText) throws -> [Statement] {
    var parser = Parser(source: source, tokens: try Lexer.tokenize(source))
    var statements: [Statement] = []
    while parser.current.kind != .endOfFile {
      try parser.parseStatement(into: &statements)
    }
    return statements
  }

  // MARK: - Tokens

  var current: Token { tokens[index] }

  /// Whether the current token is `punctuation`.
  func at(_ punctuation: Punctuation) -> Bool {
    tokens[index].kind == .punctuation(punctuation)
  }

  /// The token after the current one (the current one when it is the last).
  var next: Token { tokens[min(index + 1, tokens.count - 1)] }

  /// Moves to the next token and returns the one it leaves.
  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  /// A token as error messages name it: `'x'`, `'+'`, `a string`, `end of line`.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .name, .keyword, .integer, .float, .punctuation:
      "'\(source.text(of: token.span))'"
    case .string: "a string"
    case .newline: "end of line"
    case .indent: "an indented line"
    case .dedent: "the end of the indented block"
    case .endOfFile: "end of file"
    }
  }

  // MARK: - Errors

  func error(_ message: String, at span: SourceSpan, notes: [String] = []) -> ScriptError {
    source.error(message, at: span, notes: notes)
  }

  /// `expected WHAT but found TOKEN` at the current token.
  func expected(_ what: String) -> ScriptError {
    if current.kind == .endOfFile, let open = innermostOpenBracket() {
      return error("'\(source.text(of: open.span))' was never closed", at: open.span)
    }
    if case .punctuation(let punctuation) = current.kind, punctuation.isComparison {
      return error("comparison operators are not supported yet", at: current.span)
    }
    return error("expected \(what) but found \(describe(current))", at: current.span)
  }

  /// The innermost bracket left open before the current token on its logical line.
  func innermostOpenBracket() -> Token? {
    var closers = 0
    var position = index - 1
    while position >= 0 {
      switch tokens[position].kind {
      case .newline, .indent, .dedent:
        return nil
      case .punctuation(.rightParen), .punctuation(.rightBracket), .punctuation(.rightBrace):
        closers += 1
      case .punctuation(.leftParen), .punctuation(.leftBracket), .punctuation(.leftBrace):
        if closers == 0 { return tokens[position] }
        closers -= 1
      default:
        break
      }
      position -= 1
    }
    return nil
  }

  /// The error for a missing closing bracket, expected at the current token, for the bracket
  /// `open`. When the input ends, or the next line starts, inside the brackets, it names the
  /// opening bracket as never closed, which is nearly always the real mistake.
  func unclosed(_ open: Token, expecting what: String) -> ScriptError {
    let opening = source.text(of: open.span)
    let found = current
    let previous = tokens[max(0, index - 1)]
    let newLine =
      source.location(of: found.span.start).line > source.location(of: previous.span.end).line
    if found.kind == .endOfFile || newLine {
      return error("'\(opening)' was never closed", at: open.span)
    }
    if case .punctuation(let punctuation) = found.kind,
      [.rightParen, .rightBracket, .rightBrace].contains(punctuation)
    {
      return error(
        "closing '\(punctuation.rawValue)' does not match opening '\(opening)'", at: found.span)
    }
    return expected(what)
  }

  /// The error for a keyword the language does not support (yet) where it is found.
  func unsupported(_ keyword: Keyword, at span: SourceSpan) -> ScriptError {
    let message =
      switch keyword {
      case .if, .elif, .else: "'\(keyword.rawValue)' statements are not supported yet"
      case .for, .while: "'\(keyword.rawValue)' loops are not supported yet"
      case .break, .continue: "'\(keyword.rawValue)' outside loop"
      case .import, .from: "'\(keyword.rawValue)' is not supported: Value is built in"
      case .class: "classes are not supported: Value is built in"
      case .def: "functions can only be defined at the top level"
      case .return: "'return' outside function"
      default: "'\(keyword.rawValue)' is not supported yet"
      }
    return error(message, at: span)
  }

  /// Enters one level of nesting.
  ///
  /// - Throws: `expression nested too deeply` at `span` past ``Limits/maxNesting`` levels.
  mutating func enterNesting(at span: SourceSpan) throws {
    nesting += 1
    if nesting > Limits.maxNesting { throw nestedTooDeeply(at: span) }
  }

  private func nestedTooDeeply(at span: SourceSpan) -> ScriptError {
    error(
      "expression nested too deeply", at: span,
      notes: ["gradviz allows at most \(Limits.maxNesting) levels of brackets and operators"])
  }
}
