/// Expressions, by recursive descent with Python's precedence.
///
/// ```
/// expression  := lambda | disjunction ['if' disjunction 'else' expression]
/// disjunction := conjunction ('or' conjunction)*
/// conjunction := inversion ('and' inversion)*
/// inversion   := 'not' inversion | comparison
/// comparison  := sum (('<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not' 'in'
///                      | 'is' | 'is' 'not') sum)*
/// sum         := term (('+' | '-') term)*
/// term        := factor (('*' | '/' | '//' | '%') factor)*
/// factor      := ('-' | '+') factor | power
/// power       := primary ['**' factor]
/// primary     := atom ('.' NAME | '(' arguments ')' | '[' subscript ']')*
/// ```
/// So `-x**2` is `-(x**2)`, `2**-1` is `2**(-1)`, and `2**3**2` is `2**(3**2)`.
///
/// Each construct that nests (an expression inside brackets, a unary operator, an exponent,
/// `not`) counts a level against ``Limits/maxNesting``; the functions on the recursive path
/// leave leaves and messages to helpers, so each level takes little stack.
extension Parser {
  /// Parses an expression.
  mutating func parseExpression() throws -> Expression {
    if let leaf = simpleLeaf() { return leaf }
    try enterNesting(at: current.span)
    defer { nesting -= 1 }
    if at(.lambda) { return try parseLambda() }
    let body = try parseDisjunction()
    guard at(.if) else { return body }
    advance()
    let test = try parseDisjunction()
    guard at(.else) else { throw expected("'else' after the condition") }
    advance()
    let orElse = try parseExpression()
    return try make(
      .conditional(body: body, test: test, orElse: orElse),
      span: SourceSpan(from: body.span, to: orElse.span))
  }

  /// A name or a number that makes a whole expression, as in `x = 2.5`, read without going
  /// down the grammar: the token after it cannot continue an expression.
  private mutating func simpleLeaf() -> Expression? {
    let kind: Expression.Kind
    switch current.kind {
    case .name: kind = .name(source.text(of: current.span))
    case .integer(let value): kind = .integer(value)
    case .float(let value): kind = .float(value)
    default: return nil
    }
    switch next.kind {
    case .newline, .endOfFile:
      break
    case .punctuation(let punctuation):
      switch punctuation {
      case .comma, .rightParen, .rightBracket, .semicolon, .equal, .colon: break
      default: return nil
      }
    default:
      return nil
    }
    return Expression(kind, span: advance().span, height: 1)
  }

  /// Parses `expression (',' expression)* [',']`: one expression, or a tuple of several.
  mutating func parseExpressionList() throws -> Expression {
    let first = try parseExpression()
    guard at(.comma) else { return first }
    var elements = [first]
    while at(.comma) {
      advance()
      if atEndOfStatement || at(.equal) || at(.rightParen) || current.kind.isAugmented {
        break
      }
      elements.append(try parseExpression())
    }
    return try make(
      .tuple(elements), span: SourceSpan(from: first.span, to: previous.span))
  }

  /// `or`, then `and`: left-associative chains, parsed in loops.
  mutating func parseDisjunction() throws -> Expression {
    var left = try parseConjunction()
    while at(.or) {
      let operatorSpan = advance().span
      let right = try parseConjunction()
      left = try make(
        .logical(.or, left, right, operatorSpan: operatorSpan),
        span: SourceSpan(from: left.span, to: right.span))
    }
    return left
  }

  private mutating func parseConjunction() throws -> Expression {
    var left = try parseInversion()
    while at(.and) {
      let operatorSpan = advance().span
      let right = try parseInversion()
      left = try make(
        .logical(.and, left, right, operatorSpan: operatorSpan),
        span: SourceSpan(from: left.span, to: right.span))
    }
    return left
  }

  private mutating func parseInversion() throws -> Expression {
    guard at(.not) else { return try parseComparison() }
    let operatorSpan = advance().span
    try enterNesting(at: operatorSpan)
    defer { nesting -= 1 }
    let operand = try parseInversion()
    return try make(.unary(.not, operand), span: SourceSpan(from: operatorSpan, to: operand.span))
  }

  private mutating func parseComparison() throws -> Expression {
    let first = try parseBinary(minimumPrecedence: 1)
    var links: [Comparison] = []
    while let (operation, span) = comparisonOperator() {
      let operand = try parseBinary(minimumPrecedence: 1)
      links.append(Comparison(operation: operation, operatorSpan: span, operand: operand))
    }
    guard let last = links.last else { return first }
    return try make(
      .comparison(first, links), span: SourceSpan(from: first.span, to: last.operand.span))
  }

  /// Moves past a comparison operator and returns it, if one is at the current token.
  private mutating func comparisonOperator() -> (ComparisonOperator, SourceSpan)? {
    switch current.kind {
    case .punctuation(let punctuation):
      guard let operation = ComparisonOperator(punctuation) else { return nil }
      return (operation, advance().span)
    case .keyword(.in):
      return (.in, advance().span)
    case .keyword(.not) where next.is(.in):
      let start = advance().span
      return (.notIn, SourceSpan(from: start, to: advance().span))
    case .keyword(.is):
      let start = advance().span
      guard at(.not) else { return (.is, start) }
      return (.isNot, SourceSpan(from: start, to: advance().span))
    default:
      return nil
    }
  }

  /// Precedence climbing over `+ - * / // %`: one loop per level, so a long sum does not
  /// recurse.
  private mutating func parseBinary(minimumPrecedence: Int) throws -> Expression {
    var left = try parseFactor()
    while let operation = try binaryOperator(atLeast: minimumPrecedence) {
      let operatorSpan = advance().span
      let right = try parseBinary(minimumPrecedence: operation.precedence + 1)
      left = try make(
        .binary(operation, left, right, operatorSpan: operatorSpan),
        span: SourceSpan(from: left.span, to: right.span), at: operatorSpan)
    }
    return left
  }

  /// The left-associative binary operator at the current token, if it binds at least as
  /// tightly as `precedence`.
  ///
  /// - Throws: for an operator that Python has and gradviz does not, such as `@` or `|`.
  private func binaryOperator(atLeast precedence: Int) throws -> BinaryOperator? {
    guard case .punctuation(let punctuation) = current.kind else { return nil }
    if let unsupported = Self.unsupportedOperatorMessage(punctuation), punctuation != .tilde,
      punctuation != .walrus
    {
      throw error(unsupported.message, at: current.span, notes: unsupported.notes)
    }
    guard let operation = BinaryOperator(punctuation), operation != .power,
      operation.precedence >= precedence
    else { return nil }
    return operation
  }

  private mutating func parseFactor() throws -> Expression {
    let operation: UnaryOperator
    if at(.minus) {
      operation = .negate
    } else if at(.plus) {
      operation = .plus
    } else if at(.tilde) {
      throw expected("an expression")
    } else {
      return try parsePower()
    }
    let operatorSpan = advance().span
    try enterNesting(at: current.span)
    defer { nesting -= 1 }
    let operand = try parseFactor()
    return try make(
      .unary(operation, operand), span: SourceSpan(from: operatorSpan, to: operand.span))
  }

  private mutating func parsePower() throws -> Expression {
    let base = try parsePrimary()
    guard at(.doubleStar) else { return base }
    let operatorSpan = advance().span
    try enterNesting(at: current.span)
    defer { nesting -= 1 }
    let exponent = try parseFactor()
    return try make(
      .binary(.power, base, exponent, operatorSpan: operatorSpan),
      span: SourceSpan(from: base.span, to: exponent.span), at: operatorSpan)
  }

  /// Parses an atom and its trailers: attributes, calls and subscripts.
  mutating func parsePrimary() throws -> Expression {
    var expression = try parseAtom()
    while true {
      if at(.dot) {
        advance()
        guard let name = self.name(of: current) else {
          throw expected("an attribute name after '.'")
        }
        let nameSpan = advance().span
        expression = try make(
          .attribute(expression, name: name, nameSpan: nameSpan),
          span: SourceSpan(from: expression.span, to: nameSpan), at: nameSpan)
      } else if at(.leftParen) {
        let open = advance()
        var arguments: [Argument] = []
        let close = try parseArguments(into: &arguments, open: open)
        expression = try make(
          .call(expression, arguments), span: SourceSpan(from: expression.span, to: close.span),
          at: open.span)
      } else if at(.leftBracket) {
        let open = advance()
        let index = try parseSubscript(open: open)
        expression = try make(
          .item(expression, index: index),
          span: SourceSpan(from: expression.span, to: previous.span), at: open.span)
      } else {
        return expression
      }
    }
  }

  /// Parses the arguments of a call up to and including the `)`, which it returns; `open`
  /// is the `(`. A lone generator expression, `sum(x*x for x in xs)`, is one argument.
  private mutating func parseArguments(into arguments: inout [Argument], open: Token) throws
    -> Token
  {
    while !at(.rightParen) {
      if current.kind == .endOfFile { throw unclosed(open, expecting: "')'") }
      if at(.doubleStar) {
        throw error("'**' unpacking of keyword arguments is not supported", at: current.span)
      }
      let isUnpacked = at(.star)
      if isUnpacked { advance() }
      let keyword = try parseKeyword(after: arguments)
      var value = try parseExpression()
      if keyword == nil, !isUnpacked, at(.for) {
        value = try parseComprehension(element: value, closing: .rightParen, open: open)
        if !arguments.isEmpty || !at(.rightParen) {
          throw error(
            "a generator expression must be the only argument unless it is in parentheses",
            at: value.span)
        }
      }
      try appendArgument(
        Argument(keyword: keyword, value: value, isUnpacked: isUnpacked), to: &arguments, open: open
      )
    }
    return advance()
  }

  /// Parses `NAME =` at the start of an argument, if it is there.
  private mutating func parseKeyword(after arguments: [Argument]) throws
    -> (name: String, span: SourceSpan)?
  {
    guard let name = self.name(of: current), next.is(.equal) else { return nil }
    let span = current.span
    if arguments.contains(where: { $0.keyword?.name == name }) {
      throw error("keyword argument repeated: '\(name)'", at: span)
    }
    advance()
    advance()
    return (name, span)
  }

  /// Appends a parsed argument and moves past the `,` after it.
  private mutating func appendArgument(
    _ argument: Argument, to arguments: inout [Argument], open: Token
  ) throws {
    if argument.keyword == nil, !argument.isUnpacked,
      arguments.contains(where: { $0.keyword != nil })
    {
      throw error("positional argument follows keyword argument", at: argument.value.span)
    }
    arguments.append(argument)
    if at(.comma) {
      advance()
    } else if !at(.rightParen) {
      throw unclosed(open, expecting: "',' or ')'")
    }
  }

  /// Parses what is inside `[...]` after an object, and the `]`: an index, a slice
  /// `start:stop:step`, or a tuple of them.
  private mutating func parseSubscript(open: Token) throws -> Expression {
    try enterNesting(at: open.span)
    defer { nesting -= 1 }
    var items: [Expression] = []
    repeat {
      if !items.isEmpty { advance() }
      if at(.rightBracket), !items.isEmpty { break }
      items.append(try parseSliceItem())
    } while at(.comma)
    guard at(.rightBracket) else { throw unclosed(open, expecting: "']'") }
    advance()
    if items.count == 1 { return items[0] }
    return try make(
      .tuple(items), span: SourceSpan(from: items[0].span, to: items[items.count - 1].span))
  }

  /// Parses an index or a slice.
  private mutating func parseSliceItem() throws -> Expression {
    let start = current.span
    var parts: [Expression?] = []
    var part: Expression?
    if !at(.colon) { part = try parseExpression() }
    guard at(.colon) else {
      guard let part else { throw expected("an index") }
      return part
    }
    while at(.colon), parts.count < 2 {
      parts.append(part)
      advance()
      part = nil
      if !at(.colon), !at(.rightBracket), !at(.comma) { part = try parseExpression() }
    }
    parts.append(part)
    while parts.count < 3 { parts.append(nil) }
    return try make(
      .slice(parts[0], parts[1], parts[2]), span: SourceSpan(from: start, to: previous.span))
  }

  // MARK: - Nodes

  /// A node, if it is no higher than ``Limits/maxExpressionHeight``.
  ///
  /// - Throws: `expression too long` at `place`, or at the span's start.
  func make(_ kind: Expression.Kind, span: SourceSpan, at place: SourceSpan? = nil) throws
    -> Expression
  {
    let expression = Expression(kind, span: span)
    guard expression.height <= Limits.maxExpressionHeight else {
      throw tooLong(at: place ?? SourceSpan(at: span.start))
    }
    return expression
  }

  private func tooLong(at place: SourceSpan) -> ScriptError {
    error(
      "expression too long", at: place,
      notes: [
        "split it into several assignments of at most \(Limits.maxExpressionHeight) operations"
      ])
  }
}

extension Token.Kind {
  /// Whether this is an augmented assignment operator such as `+=`.
  var isAugmented: Bool {
    if case .punctuation(let punctuation) = self { return punctuation.augmentedOperator != nil }
    return false
  }
}
