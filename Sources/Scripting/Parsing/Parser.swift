/// Builds the syntax tree of a script from its tokens, by recursive descent.
///
/// The grammar follows Python's, restricted to the statements and expressions gradviz
/// supports. Recursion is bounded: every nested bracket, unary operator, exponent and block
/// counts against ``Limits/maxNesting``, and every expression against
/// ``Limits/maxExpressionHeight``, so deeply nested input is a diagnostic and never a stack
/// overflow.
///
/// A syntax error does not stop the parser: it records the error, skips to the next line
/// (and past the block that line opens) and goes on, so that independent mistakes are all
/// reported in one pass.
struct Parser {
  let source: SourceText
  var tokens: TokenStream
  /// The position of the current token; never past the final `endOfFile`.
  private(set) var index = 0
  /// The token at ``index``.
  private(set) var current: Token
  /// How many nested constructs the parser is inside.
  var nesting = 0
  /// How many function bodies the parser is inside.
  var functionDepth = 0
  /// How many loops the parser is inside, in the current function.
  var loopDepth = 0
  /// The errors recorded so far, in the order found.
  var errors: [ScriptError] = []
  /// Whether this parser reads the expression of an f-string's replacement field, whose end
  /// is the `}`.
  var isField = false

  init(source: SourceText, lexer: Lexer, nesting: Int = 0) {
    self.source = source
    self.tokens = TokenStream(lexer)
    self.current = tokens[0]
    self.nesting = nesting
  }

  /// The statements of `source`.
  ///
  /// - Throws: a ``ScriptError`` for the first lexical or syntax error, with the errors found
  ///   after it (up to ``Limits/maxReportedErrors``) attached.
  /// - Complexity: O(n) in the length of the text; memory for the syntax tree and the tokens
  ///   of one statement at a time.
  static func parse(_ source: SourceText) throws(ScriptError) -> [Statement] {
    var parser = Parser(source: source, lexer: Lexer(source))
    var statements: [Statement] = []
    while parser.current.kind != .endOfFile, parser.errors.count < Limits.maxReportedErrors {
      parser.parseStatementRecovering(into: &statements)
      parser.tokens.discard(before: parser.index - 1)
    }
    guard let first = parser.errors.first else { return statements }
    var rest = Array(parser.errors.dropFirst())
    if parser.errors.count >= Limits.maxReportedErrors, parser.current.kind != .endOfFile {
      rest[rest.count - 1] = rest[rest.count - 1].adding(notes: [
        "too many errors; gradviz stopped reading the script here"
      ])
    }
    throw first.adding(more: rest)
  }

  // MARK: - Recovery

  /// Parses one statement; on a syntax error, records it and skips to the next statement.
  mutating func parseStatementRecovering(into statements: inout [Statement]) {
    let start = index
    do {
      try parseStatement(into: &statements)
    } catch {
      let failure = index
      synchronize(from: start)
      record(error, from: start, failedAt: failure)
    }
  }

  /// Records `error`, thrown at token `failure` while parsing from token `start`. A lexical
  /// error among the tokens read is the real cause, and is recorded instead; else a bracket
  /// opened in the statement that is never closed, since it swallows the rest of the script
  /// into one logical line (unless the error is the nesting limit, which stops the parser
  /// first).
  mutating func record(_ error: any Error, from start: Int, failedAt failure: Int) {
    for position in start...max(start, failure) {
      if case .error(let lexical) = tokens[position].kind {
        errors.append(tokens.error(lexical))
        return
      }
    }
    let startOffset = tokens[start].span.start
    let parseError = ScriptError(error, in: source)
    if parseError.message != Self.nestedTooDeeply,
      let open = tokens.unclosedBrackets.first(where: { $0.start >= startOffset })
    {
      errors.append(self.error("'\(source.text(of: open))' was never closed", at: open))
      return
    }
    errors.append(parseError)
  }

  /// Skips the rest of a statement that failed to parse: to the end of its logical line,
  /// and past the indented block that follows it, if any.
  mutating func synchronize(from start: Int) {
    if tokens[start].kind == .indent {
      seek(to: start)
      skipBlock()
      return
    }
    while true {
      switch current.kind {
      case .newline:
        advance()
      case .dedent where index > start, .endOfFile:
        break
      default:
        advance()
        continue
      }
      break
    }
    if index == start, current.kind != .endOfFile { advance() }
    if current.kind == .indent { skipBlock() }
  }

  /// Skips an indented block, from its `indent` to its matching `dedent`; lexical errors in it
  /// are recorded.
  mutating func skipBlock() {
    var depth = 0
    repeat {
      switch current.kind {
      case .indent: depth += 1
      case .dedent: depth -= 1
      case .endOfFile: return
      case .error(let lexical): errors.append(tokens.error(lexical))
      default: break
      }
      advance()
    } while depth > 0
  }

  // MARK: - Tokens

  /// Whether the current token is `punctuation`.
  @inline(__always)
  func at(_ punctuation: Punctuation) -> Bool {
    if case .punctuation(let found) = current.kind { return found == punctuation }
    return false
  }

  /// Whether the current token is `keyword`.
  @inline(__always)
  func at(_ keyword: Keyword) -> Bool {
    if case .keyword(let found) = current.kind { return found == keyword }
    return false
  }

  /// The text of `token` if it is a name.
  func name(of token: Token) -> String? {
    guard case .name = token.kind else { return nil }
    return source.text(of: token.span)
  }

  /// Whether the current token is the end of the script.
  var atEnd: Bool {
    if case .endOfFile = current.kind { return true }
    return false
  }

  /// Whether the current token ends a simple statement: a line break, `;` or the end.
  var atEndOfStatement: Bool {
    switch current.kind {
    case .newline, .endOfFile, .dedent: true
    default: at(.semicolon)
    }
  }

  /// The token after the current one (the current one when it is the last).
  var next: Token { tokens[index + 1] }

  /// The token before the current one.
  var previous: Token { tokens[max(tokens.base, index - 1)] }

  /// Moves to the next token and returns the one it leaves.
  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if case .endOfFile = token.kind { return token }
    index += 1
    tokens.fill(through: index + 1)
    current = tokens[index]
    return token
  }

  /// Goes back to the token at `position`, which must still be in the stream's window.
  mutating func seek(to position: Int) {
    index = position
    current = tokens[index]
  }

  /// Moves past `punctuation`, or throws `expected WHAT`.
  @discardableResult
  mutating func expect(_ punctuation: Punctuation, _ what: String) throws -> Token {
    guard at(punctuation) else { throw expected(what) }
    return advance()
  }

  /// A token as error messages name it: `'x'`, `'+'`, `a string`, `end of line`.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .name, .keyword, .integer, .float, .punctuation:
      "'\(source.text(of: token.span))'"
    case .string: "a string"
    case .formatString: "an f-string"
    case .magic: "a notebook command"
    case .error: "unreadable text"
    case .newline: "end of line"
    case .indent: "an indented line"
    case .dedent: "the end of the indented block"
    case .endOfFile: isField ? "'}'" : "end of file"
    }
  }

  // MARK: - Errors

  func error(_ message: String, at span: SourceSpan, notes: [String] = []) -> ScriptError {
    source.error(message, at: span, notes: notes)
  }

  /// `expected WHAT but found TOKEN` at the current token.
  func expected(_ what: String) -> ScriptError {
    if case .error(let lexical) = current.kind { return tokens.error(lexical) }
    if current.kind == .endOfFile, let open = innermostOpenBracket() {
      return error("'\(source.text(of: open.span))' was never closed", at: open.span)
    }
    if case .punctuation(let punctuation) = current.kind,
      let message = Self.unsupportedOperatorMessage(punctuation)
    {
      return error(message.message, at: current.span, notes: message.notes)
    }
    return error("expected \(what) but found \(describe(current))", at: current.span)
  }

  /// The message for an operator that Python has and gradviz does not.
  static func unsupportedOperatorMessage(_ punctuation: Punctuation)
    -> (message: String, notes: [String])?
  {
    switch punctuation {
    case .at:
      ("the '@' operator (__matmul__) is not supported", ["Value is a scalar; use * and sum()"])
    case .pipe: ("the '|' operator (__or__) is not supported", ["for logic, use 'or'"])
    case .ampersand: ("the '&' operator (__and__) is not supported", ["for logic, use 'and'"])
    case .tilde: ("the '~' operator (__invert__) is not supported", ["for logic, use 'not'"])
    case .leftShift: ("the '<<' operator (__lshift__) is not supported", [])
    case .rightShift: ("the '>>' operator (__rshift__) is not supported", [])
    case .walrus: ("the ':=' operator is not supported", ["assign on a line of its own"])
    default: nil
    }
  }

  /// The innermost bracket left open before the current token on its logical line.
  func innermostOpenBracket() -> Token? {
    var closers = 0
    var position = index - 1
    while position >= tokens.base {
      switch tokens[position].kind {
      case .newline, .indent, .dedent:
        return nil
      case .punctuation(let punctuation) where punctuation.isClosingBracket:
        closers += 1
      case .punctuation(let punctuation) where punctuation.isOpeningBracket:
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
    if case .error(let lexical) = current.kind { return tokens.error(lexical) }
    let opening = source.text(of: open.span)
    let found = current
    if found.kind == .endOfFile {
      return error("'\(opening)' was never closed", at: open.span)
    }
    if case .punctuation(let punctuation) = found.kind, punctuation.isClosingBracket {
      return error(
        "closing '\(punctuation.rawValue)' does not match opening '\(opening)'", at: found.span)
    }
    let openLine = source.location(of: open.span.start).line
    let foundLine = source.location(of: found.span.start).line
    if foundLine > source.location(of: previous.span.end).line, foundLine > openLine {
      return expected(what).adding(notes: [
        "the '\(opening)' on line \(openLine) is still open here; is a closing bracket missing?"
      ])
    }
    switch found.kind {
    case .name, .integer, .float, .string, .formatString:
      return expected(what).adding(notes: ["is a ',' missing?"])
    default:
      return expected(what)
    }
  }

  /// The error for a keyword the language does not support where it is found.
  func unsupported(_ keyword: Keyword, at span: SourceSpan) -> ScriptError {
    switch keyword {
    case .elif, .else:
      return error("'\(keyword.rawValue)' without a matching 'if'", at: span)
    case .break, .continue:
      return error("'\(keyword.rawValue)' outside loop", at: span)
    case .return:
      return error("'return' outside function", at: span)
    case .try, .except, .finally, .raise, .with:
      return error(
        "'\(keyword.rawValue)' is not supported", at: span,
        notes: ["gradviz scripts have no exceptions or context managers"])
    case .yield, .async, .await:
      return error("'\(keyword.rawValue)' is not supported", at: span)
    case .in, .is, .and, .or, .not, .if, .for, .lambda, .as, .from, .import, .class, .def,
      .global, .nonlocal, .assert, .del, .while, .pass, .true, .false, .none:
      return expected("an expression")
    }
  }

  /// Enters one level of nesting.
  ///
  /// - Throws: `expression nested too deeply` at `span` past ``Limits/maxNesting`` levels.
  mutating func enterNesting(at span: SourceSpan) throws {
    nesting += 1
    if nesting > Limits.maxNesting {
      nesting -= 1
      throw nestedTooDeeply(at: span)
    }
  }

  static let nestedTooDeeply = "expression nested too deeply"

  private func nestedTooDeeply(at span: SourceSpan) -> ScriptError {
    error(
      Self.nestedTooDeeply, at: span,
      notes: [
        "gradviz allows at most \(Limits.maxNesting) levels of brackets, operators and blocks"
      ])
  }
}
