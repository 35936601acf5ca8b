/// Expressions, by recursive descent.
///
/// The functions on the recursive path (`parseBinary`, `parseUnary`, `parsePower`,
/// `parsePrimary`, `parseArguments`, `parseParenthesized`) are kept lean: they build no
/// messages themselves and leave leaves and errors to helpers, so that each level of nesting
/// takes little stack even in a debug build.
extension Parser {
  /// Parses an expression: sums and differences of products and quotients of unary
  /// expressions, with Python's precedence.
  ///
  /// ```
  /// expression := term (('+' | '-') term)*
  /// term       := unary (('*' | '/' | '//' | '%') unary)*
  /// unary      := ('-' | '+') unary | power
  /// power      := primary ['**' unary]
  /// primary    := atom ('.' NAME | '(' arguments ')')*
  /// atom       := NAME | NUMBER | STRING+ | True | False | None | '(' expression ')'
  /// ```
  /// So `-x**2` is `-(x**2)`, `2**-1` is `2**(-1)`, and `2**3**2` is `2**(3**2)`.
  mutating func parseExpression() throws -> Expression {
    try parseBinary(minimumPrecedence: 1)
  }

  /// Precedence climbing over the left-associative operators: one loop per level, so a long
  /// sum does not recurse.
  private mutating func parseBinary(minimumPrecedence: Int) throws -> Expression {
    var left = try parseUnary()
    while let operation = binaryOperator(atLeast: minimumPrecedence) {
      let operatorSpan = advance().span
      let right = try parseBinary(minimumPrecedence: operation.precedence + 1)
      left = try make(.binary(operation, left, right, operatorSpan: operatorSpan), at: operatorSpan)
    }
    return left
  }

  /// The left-associative binary operator at the current token, if it binds at least as
  /// tightly as `precedence`.
  private func binaryOperator(atLeast precedence: Int) -> BinaryOperator? {
    guard case .punctuation(let punctuation) = current.kind,
      let operation = BinaryOperator(punctuation), operation != .power,
      operation.precedence >= precedence
    else { return nil }
    return operation
  }

  private mutating func parseUnary() throws -> Expression {
    try enterNesting(at: current.span)
    defer { nesting -= 1 }
    let operation: UnaryOperator
    if at(.minus) {
      operation = .negate
    } else if at(.plus) {
      operation = .plus
    } else {
      return try parsePower()
    }
    let operatorSpan = advance().span
    let operand = try parseUnary()
    return try make(.unary(operation, operand), from: operatorSpan)
  }

  private mutating func parsePower() throws -> Expression {
    let base = try parsePrimary()
    guard at(.doubleStar) else { return base }
    let operatorSpan = advance().span
    let exponent = try parseUnary()
    return try make(.binary(.power, base, exponent, operatorSpan: operatorSpan), at: operatorSpan)
  }

  private mutating func parsePrimary() throws -> Expression {
    var expression =
      at(.leftParen) ? try parseParenthesized() : try parseLeaf()
    while true {
      if at(.dot) {
        advance()
        expression = try make(attributeOf: expression, name: try attributeName())
      } else if at(.leftParen) {
        let open = advance()
        var arguments: [Argument] = []
        let close = try parseArguments(into: &arguments, open: open)
        expression = try make(.call(expression, arguments), until: close, at: open.span)
      } else if at(.leftBracket) {
        throw error("indexing with [...] is not supported yet", at: current.span)
      } else {
        return expression
      }
    }
  }

  /// The name after a `.`.
  private mutating func attributeName() throws -> (String, SourceSpan) {
    guard case .name(let name) = current.kind else {
      throw expected("an attribute name after '.'")
    }
    return (name, advance().span)
  }

  /// Parses the arguments of a call up to and including the `)`, which it returns; `open`
  /// is the `(`.
  private mutating func parseArguments(into arguments: inout [Argument], open: Token) throws
    -> Token
  {
    try enterNesting(at: open.span)
    defer { nesting -= 1 }
    while !at(.rightParen) {
      let keyword = try parseKeyword(open: open, after: arguments)
      let value = try parseExpression()
      try appendArgument(Argument(keyword: keyword, value: value), to: &arguments, open: open)
    }
    return advance()
  }

  /// Parses `NAME =` at the start of an argument, if it is there.
  private mutating func parseKeyword(open: Token, after arguments: [Argument]) throws
    -> (name: String, span: SourceSpan)?
  {
    if current.kind == .endOfFile { throw unclosed(open, expecting: "')'") }
    guard case .name(let name) = current.kind, next.is(.equal) else { return nil }
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
    if argument.keyword == nil, arguments.contains(where: { $0.keyword != nil }) {
      throw error("positional argument follows keyword argument", at: argument.value.span)
    }
    arguments.append(argument)
    if at(.comma) {
      advance()
    } else if !at(.rightParen) {
      throw unclosed(open, expecting: "',' or ')'")
    }
  }

  /// Parses `( expression )`.
  private mutating func parseParenthesized() throws -> Expression {
    let open = advance()
    if at(.rightParen) { throw error("empty tuples are not supported", at: open.span) }
    let inner = try parseExpression()
    let close = try closeParenthesis(open)
    return Expression(inner.kind, span: SourceSpan(from: open.span, to: close.span))
  }

  /// Moves past the `)` that closes `open`.
  private mutating func closeParenthesis(_ open: Token) throws -> Token {
    if at(.comma) { throw error("tuples are not supported yet", at: current.span) }
    guard at(.rightParen) else { throw unclosed(open, expecting: "')'") }
    return advance()
  }

  /// Parses an atom other than a parenthesized expression: a name or a literal.
  private mutating func parseLeaf() throws -> Expression {
    let token = current
    switch token.kind {
    case .integer(let value):
      advance()
      return Expression(.integer(value), span: token.span)
    case .float(let value):
      advance()
      return Expression(.float(value), span: token.span)
    case .string(var value):
      advance()
      var span = token.span
      while case .string(let more) = current.kind {
        value += more
        span = SourceSpan(from: span, to: advance().span)
      }
      return Expression(.string(value), span: span)
    case .name(let name):
      advance()
      return Expression(.name(name), span: token.span)
    case .keyword(.true), .keyword(.false):
      advance()
      return Expression(.boolean(token.is(.true)), span: token.span)
    case .keyword(.none):
      advance()
      return Expression(.none, span: token.span)
    case .keyword(.def), .keyword(.return), .keyword(.pass):
      throw expected("an expression")
    case .keyword(let keyword):
      throw unsupported(keyword, at: token.span)
    case .punctuation(.leftBracket):
      throw error("lists are not supported yet", at: token.span)
    case .punctuation(.leftBrace):
      throw error("dictionaries and sets are not supported", at: token.span)
    default:
      throw expected("an expression")
    }
  }

  // MARK: - Nodes

  /// A binary node; its span runs from its left operand to its right one.
  private func make(_ kind: Expression.Kind, at operatorSpan: SourceSpan) throws -> Expression {
    guard case .binary(_, let left, let right, _) = kind else {
      return try checked(Expression(kind, span: operatorSpan), at: operatorSpan)
    }
    return try checked(
      Expression(kind, span: SourceSpan(from: left.span, to: right.span)), at: operatorSpan)
  }

  /// A unary node whose operator is at `operatorSpan`.
  private func make(_ kind: Expression.Kind, from operatorSpan: SourceSpan) throws -> Expression {
    guard case .unary(_, let operand) = kind else {
      return try checked(Expression(kind, span: operatorSpan), at: operatorSpan)
    }
    return try checked(
      Expression(kind, span: SourceSpan(from: operatorSpan, to: operand.span)), at: operatorSpan)
  }

  /// `object.name`.
  private func make(attributeOf object: Expression, name: (String, SourceSpan)) throws
    -> Expression
  {
    try checked(
      Expression(
        .attribute(object, name: name.0, nameSpan: name.1),
        span: SourceSpan(from: object.span, to: name.1)),
      at: name.1)
  }

  /// A call, whose span runs from its callee to `close`.
  private func make(_ kind: Expression.Kind, until close: Token, at openSpan: SourceSpan) throws
    -> Expression
  {
    guard case .call(let callee, _) = kind else {
      return try checked(Expression(kind, span: openSpan), at: openSpan)
    }
    return try checked(
      Expression(kind, span: SourceSpan(from: callee.span, to: close.span)), at: openSpan)
  }

  /// `expression`, if it is no higher than ``Limits/maxExpressionHeight``.
  ///
  /// - Throws: `expression too long` at `place`.
  private func checked(_ expression: Expression, at place: SourceSpan) throws -> Expression {
    guard expression.height <= Limits.maxExpressionHeight else {
      throw tooLong(at: place)
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
