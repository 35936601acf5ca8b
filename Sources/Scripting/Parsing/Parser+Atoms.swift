/// Atoms: names, literals, strings and f-strings, and bracketed displays (parenthesized
/// expressions, tuples, lists, comprehensions).
extension Parser {
  /// Parses an atom.
  mutating func parseAtom() throws -> Expression {
    let token = current
    switch token.kind {
    case .integer(let value):
      advance()
      return Expression(.integer(value), span: token.span)
    case .float(let value):
      advance()
      return Expression(.float(value), span: token.span)
    case .string, .formatString:
      return try parseStrings()
    case .name:
      advance()
      return Expression(.name(source.text(of: token.span)), span: token.span)
    case .keyword(.true), .keyword(.false):
      advance()
      return Expression(.boolean(token.is(.true)), span: token.span)
    case .keyword(.none):
      advance()
      return Expression(.none, span: token.span)
    case .keyword(.lambda):
      return try parseLambda()
    case .keyword(let keyword):
      throw unsupported(keyword, at: token.span)
    case .punctuation(.leftParen):
      return try parseParenthesized()
    case .punctuation(.leftBracket):
      return try parseList()
    case .punctuation(.leftBrace):
      throw error(
        "dictionaries and sets are not supported", at: token.span,
        notes: ["use a list, such as [a, b], and index it with xs[0]"])
    case .punctuation(.dot) where next.is(.dot):
      throw error("'...' (Ellipsis) is not supported", at: token.span)
    default:
      throw expected("an expression")
    }
  }

  /// Parses `( )`, `( expression )`, a tuple `( a, b )` or a generator `( x for x in xs )`.
  private mutating func parseParenthesized() throws -> Expression {
    let open = advance()
    if at(.rightParen) {
      let close = advance()
      return Expression(.tuple([]), span: SourceSpan(from: open.span, to: close.span))
    }
    let first = try parseExpression()
    if at(.for) {
      let comprehension = try parseComprehension(element: first, closing: .rightParen, open: open)
      return try closed(comprehension, open: open)
    }
    guard at(.comma) else {
      guard at(.rightParen) else { throw unclosed(open, expecting: "')'") }
      let close = advance()
      return Expression(
        first.kind, span: SourceSpan(from: open.span, to: close.span), height: first.height)
    }
    var elements = [first]
    while at(.comma) {
      advance()
      if at(.rightParen) { break }
      elements.append(try parseExpression())
    }
    guard at(.rightParen) else { throw unclosed(open, expecting: "',' or ')'") }
    let close = advance()
    return try make(.tuple(elements), span: SourceSpan(from: open.span, to: close.span))
  }

  /// Parses `[ ]`, `[ a, b ]` or `[ x for x in xs if c ]`.
  private mutating func parseList() throws -> Expression {
    let open = advance()
    var elements: [Expression] = []
    while !at(.rightBracket) {
      if current.kind == .endOfFile { throw unclosed(open, expecting: "']'") }
      let element = try parseExpression()
      if elements.isEmpty, at(.for) {
        let comprehension = try parseComprehension(
          element: element, closing: .rightBracket, open: open)
        guard at(.rightBracket) else { throw unclosed(open, expecting: "']'") }
        let close = advance()
        return try make(comprehension.kind, span: SourceSpan(from: open.span, to: close.span))
      }
      elements.append(element)
      if at(.comma) {
        advance()
      } else if !at(.rightBracket) {
        throw unclosed(open, expecting: "',' or ']'")
      }
    }
    let close = advance()
    return try make(.list(elements), span: SourceSpan(from: open.span, to: close.span))
  }

  /// `expression` spanning to the `)` that closes `open`, which it moves past.
  private mutating func closed(_ expression: Expression, open: Token) throws -> Expression {
    guard at(.rightParen) else { throw unclosed(open, expecting: "')'") }
    let close = advance()
    return try make(expression.kind, span: SourceSpan(from: open.span, to: close.span))
  }

  /// Parses the `for ... in ... [if ...]` clauses after a comprehension's `element`, up to
  /// (not past) `closing`.
  mutating func parseComprehension(element: Expression, closing: Punctuation, open: Token)
    throws -> Expression
  {
    var clauses: [Comprehension.Clause] = []
    var entered = 0
    defer { nesting -= entered }
    while at(.for) || at(.if) {
      try enterNesting(at: current.span)
      entered += 1
      if at(.for) {
        advance()
        let target = try parseTargetList()
        guard at(.in) else { throw expected("'in'") }
        advance()
        clauses.append(.for(target, in: try parseDisjunction()))
      } else {
        advance()
        clauses.append(.if(try parseDisjunction()))
      }
    }
    if !at(closing), current.kind != .endOfFile, !at(.comma) {
      throw unclosed(open, expecting: "'\(closing.rawValue)'")
    }
    return try make(
      .comprehension(Comprehension(element: element, clauses: clauses)),
      span: SourceSpan(from: element.span, to: previous.span))
  }

  // MARK: - Strings

  /// Parses adjacent string literals and f-strings, which Python joins into one.
  private mutating func parseStrings() throws -> Expression {
    let start = current.span
    var pieces: [FormatPiece] = []
    var text = ""
    var isFormatted = false
    while true {
      switch current.kind {
      case .string(let index):
        text += tokens.literal(index)
        advance()
        continue
      case .formatString(let index):
        isFormatted = true
        let token = advance()
        for segment in tokens.formatString(index) {
          switch segment {
          case .literal(let literal):
            text += literal
          case .field(let span, let conversion, let spec, let selfDocumenting):
            if !text.isEmpty || selfDocumenting != nil {
              pieces.append(.literal(text + (selfDocumenting ?? "")))
              text = ""
            }
            let expression = try parseField(span, in: token)
            let effective: Unicode.Scalar? =
              conversion ?? (selfDocumenting != nil && spec.isEmpty ? "r" : nil)
            pieces.append(
              .field(
                expression, conversion: effective, spec: spec, selfDocumenting: selfDocumenting))
          }
        }
        continue
      default:
        break
      }
      break
    }
    let span = SourceSpan(from: start, to: previous.span)
    guard isFormatted else { return Expression(.string(text), span: span) }
    if !text.isEmpty { pieces.append(.literal(text)) }
    return try make(.formatString(pieces), span: span)
  }

  /// Parses the expression of an f-string's replacement field at `span`.
  private mutating func parseField(_ span: SourceSpan, in token: Token) throws -> Expression {
    try enterNesting(at: span)
    defer { nesting -= 1 }
    var parser = Parser(source: source, lexer: Lexer(source, expressionIn: span), nesting: nesting)
    parser.isField = true
    parser.functionDepth = functionDepth
    let expression = try parser.parseExpressionList()
    guard parser.current.kind == .endOfFile else {
      throw parser.expected("'}' after the f-string's expression")
    }
    return expression
  }
}

extension Expression {
  /// `kind` at `span` with a known height, for a node that only changes its span.
  init(_ kind: Kind, span: SourceSpan, height: Int) {
    self.init(kind, span: span)
    self.height = height
  }
}
