/// Compound statements: `if`, `while`, `for`, `def` and `class`, and their blocks.
extension Parser {
  /// Parses `if test: block (elif test: block)* [else: block]`.
  mutating func parseIf() throws -> Statement {
    let keyword = current
    var branches: [Branch] = []
    var headerEnd = keyword.span
    repeat {
      let header = advance()
      let test = try parseExpression()
      if branches.isEmpty { headerEnd = test.span }
      let construct = header.is(.if) ? "'if' statement" : "'elif' statement"
      let body = try parseBlock(after: construct, header: header)
      branches.append(Branch(test: test, body: body))
    } while at(.elif)
    let orElse = try parseElse()
    return Statement(
      kind: .if(branches, orElse: orElse), span: SourceSpan(from: keyword.span, to: headerEnd))
  }

  /// Parses `else: block` if it is there.
  private mutating func parseElse() throws -> [Statement] {
    guard at(.else) else { return [] }
    let keyword = advance()
    return try parseBlock(after: "'else' statement", header: keyword)
  }

  /// Parses `while test: block [else: block]`.
  mutating func parseWhile() throws -> Statement {
    let keyword = advance()
    let test = try parseExpression()
    loopDepth += 1
    let body = try parseBlock(after: "'while' statement", header: keyword)
    loopDepth -= 1
    let orElse = try parseElse()
    return Statement(
      kind: .while(Branch(test: test, body: body), orElse: orElse),
      span: SourceSpan(from: keyword.span, to: test.span))
  }

  /// Parses `for targets in iterable: block [else: block]`.
  mutating func parseFor() throws -> Statement {
    let keyword = advance()
    let target = try parseTargetList()
    guard at(.in) else { throw expected("'in'") }
    advance()
    let iterable = try parseExpressionList()
    loopDepth += 1
    let body = try parseBlock(after: "'for' statement", header: keyword)
    loopDepth -= 1
    let orElse = try parseElse()
    return Statement(
      kind: .for(target, in: iterable, body: body, orElse: orElse),
      span: SourceSpan(from: keyword.span, to: iterable.span))
  }

  /// Parses the targets of a `for`: `x`, `x, y`, `(i, (a, b))`, `p.data`. Unlike an
  /// expression, it stops before `in`.
  mutating func parseTargetList() throws -> AssignmentTarget {
    let first = try parseTarget()
    guard at(.comma) else { return first }
    var targets = [first]
    while at(.comma) {
      advance()
      if at(.in) || at(.equal) { break }
      targets.append(try parseTarget())
    }
    return .tuple(targets, span: SourceSpan(from: first.span, to: targets[targets.count - 1].span))
  }

  /// Parses one target: a primary expression, or a bracketed list of targets.
  private mutating func parseTarget() throws -> AssignmentTarget {
    if at(.leftParen) || at(.leftBracket) {
      let open = advance()
      let close: Punctuation = open.is(.leftParen) ? .rightParen : .rightBracket
      try enterNesting(at: open.span)
      defer { nesting -= 1 }
      var targets: [AssignmentTarget] = []
      while !at(close) {
        targets.append(try parseTarget())
        if at(.comma) {
          advance()
        } else if !at(close) {
          throw unclosed(open, expecting: "',' or '\(close.rawValue)'")
        }
      }
      let end = advance()
      if open.is(.leftParen), targets.count == 1, !previousWasComma(before: end) {
        return targets[0]
      }
      return .tuple(targets, span: SourceSpan(from: open.span, to: end.span))
    }
    return try target(try parsePrimary())
  }

  private func previousWasComma(before close: Token) -> Bool {
    index - 2 >= tokens.base && tokens[index - 2].is(.comma)
  }

  // MARK: - Functions

  /// Parses `def NAME(PARAMETERS) [-> annotation]: BODY`.
  ///
  /// At the top level, the walkthrough's own `draw_dot`, `trace` and `Value` methods are
  /// recognised from the header and skipped unread (see ``walkthroughNote(name:parameters:)``).
  mutating func parseFunctionDefinition() throws -> Statement {
    let defToken = advance()
    guard let name = self.name(of: current) else {
      throw expected("a function name after 'def'")
    }
    let nameSpan = advance().span
    guard at(.leftParen) else { throw expected("'(' after the function name") }
    let open = advance()
    let headerStart = index
    if functionDepth == 0 {
      let firstParameter = self.name(of: current)
      if let note = Self.walkthroughNote(name: name, firstParameter: firstParameter) {
        seek(to: headerStart)
        skipCompoundStatement()
        return Statement(
          kind: .skipped(note: note), span: SourceSpan(from: defToken.span, to: nameSpan))
      }
    }
    let parameters = try parseParameters(open: open, closing: .rightParen)
    advance()
    if at(.arrow) {
      advance()
      _ = try parseExpression()
    }
    let definition = try parseFunctionBody(
      name: name, nameSpan: nameSpan, parameters: parameters, header: defToken)
    return Statement(
      kind: .functionDefinition(definition), span: SourceSpan(from: defToken.span, to: nameSpan))
  }

  /// Parses the body of a function: a block after `:`, in a fresh loop context.
  private mutating func parseFunctionBody(
    name: String, nameSpan: SourceSpan, parameters: [FunctionDefinition.Parameter], header: Token
  ) throws -> FunctionDefinition {
    functionDepth += 1
    let savedLoops = loopDepth
    loopDepth = 0
    defer {
      functionDepth -= 1
      loopDepth = savedLoops
    }
    let body = try parseBlock(after: "function definition", header: header)
    return FunctionDefinition(name: name, nameSpan: nameSpan, parameters: parameters, body: body)
  }

  /// Parses parameters up to (not past) `closing`: `a, b=1, c: float = 2.0`.
  mutating func parseParameters(open: Token, closing: Punctuation) throws
    -> [FunctionDefinition.Parameter]
  {
    var parameters: [FunctionDefinition.Parameter] = []
    while !at(closing) {
      if at(.star) || at(.doubleStar) || at(.slash) {
        throw error(
          "'\(source.text(of: current.span))' in a parameter list is not supported",
          at: current.span, notes: ["list each parameter by name"])
      }
      guard let parameter = self.name(of: current) else {
        if current.kind == .endOfFile || current.kind == .newline {
          throw unclosed(open, expecting: "'\(closing.rawValue)'")
        }
        throw expected("a parameter name")
      }
      if parameters.contains(where: { $0.name == parameter }) {
        throw error(
          "duplicate parameter '\(parameter)' in function definition", at: current.span)
      }
      let span = advance().span
      if closing == .rightParen, at(.colon) {
        advance()
        _ = try parseExpression()
      }
      var defaultValue: Expression?
      if at(.equal) {
        advance()
        defaultValue = try parseExpression()
      } else if parameters.last?.defaultValue != nil {
        throw error("parameter without a default follows parameter with a default", at: span)
      }
      parameters.append(.init(name: parameter, span: span, defaultValue: defaultValue))
      if at(.comma) {
        advance()
      } else if !at(closing) {
        throw unclosed(open, expecting: "',' or '\(closing.rawValue)'")
      }
    }
    return parameters
  }

  /// Parses `lambda PARAMETERS: expression`.
  mutating func parseLambda() throws -> Expression {
    let keyword = advance()
    let parameters = try parseParameters(open: keyword, closing: .colon)
    advance()
    let body = try parseExpression()
    let definition = FunctionDefinition(
      name: "<lambda>", nameSpan: keyword.span, parameters: parameters,
      body: [Statement(kind: .return(body), span: body.span)])
    return try make(.lambda(definition), span: SourceSpan(from: keyword.span, to: body.span))
  }

  // MARK: - Classes

  /// Parses `class NAME[(BASES)]: BODY`: the walkthrough's `Value` class and micrograd's nn
  /// classes are skipped, since gradviz provides them; other classes are an error.
  mutating func parseClass() throws -> Statement {
    let keyword = current
    guard let name = self.name(of: next) else {
      advance()
      throw expected("a class name after 'class'")
    }
    let nameSpan = next.span
    guard let note = Self.providedClassNote(name) else {
      throw error(
        "classes are not supported", at: keyword.span,
        notes: [
          "gradviz provides \(Self.providedClasses.joined(separator: ", ")); scripts cannot define classes"
        ])
    }
    skipCompoundStatement()
    return Statement(kind: .skipped(note: note), span: SourceSpan(from: keyword.span, to: nameSpan))
  }

  /// Skips a compound statement unread, from its header to the end of its block.
  private mutating func skipCompoundStatement() {
    while current.kind != .newline, current.kind != .endOfFile {
      if case .error(let lexical) = current.kind { errors.append(tokens.error(lexical)) }
      advance()
    }
    if current.kind == .newline { advance() }
    if current.kind == .indent { skipBlock() }
  }

  // MARK: - Blocks

  /// Parses the block after a header's `:`: statements on the same line, or an indented
  /// block of lines.
  ///
  /// - Parameters:
  ///   - construct: what the block belongs to, for the message when it is missing.
  ///   - header: the header's first token.
  mutating func parseBlock(after construct: String, header: Token) throws -> [Statement] {
    guard at(.colon) else { throw expected("':'") }
    advance()
    var body: [Statement] = []
    if current.kind != .newline {
      try parseSimpleStatements(into: &body)
      return body
    }
    advance()
    guard current.kind == .indent else {
      let line = source.location(of: header.span.start).line
      throw error("expected an indented block after \(construct) on line \(line)", at: current.span)
    }
    try enterNesting(at: current.span)
    defer { nesting -= 1 }
    advance()
    while current.kind != .dedent && current.kind != .endOfFile {
      parseStatementRecovering(into: &body)
      if errors.count >= Limits.maxReportedErrors { break }
    }
    if current.kind == .dedent { advance() }
    return body
  }
}
