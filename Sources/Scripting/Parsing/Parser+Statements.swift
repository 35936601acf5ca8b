extension Parser {
  /// Parses one line's statements (or a compound statement with its block) into
  /// `statements`.
  mutating func parseStatement(into statements: inout [Statement]) throws {
    switch current.kind {
    case .indent:
      throw error("unexpected indent", at: current.span)
    case .dedent, .newline:
      throw expected("a statement")
    case .keyword(.def):
      statements.append(try parseFunctionDefinition())
    case .keyword(.return), .keyword(.pass), .keyword(.true), .keyword(.false), .keyword(.none):
      try parseSimpleStatements(into: &statements)
    case .keyword(let keyword):
      throw unsupported(keyword, at: current.span)
    default:
      try parseSimpleStatements(into: &statements)
    }
  }

  /// Parses `statement (';' statement)* [';'] NEWLINE`.
  mutating func parseSimpleStatements(into statements: inout [Statement]) throws {
    while true {
      let statement = try parseSimpleStatement()
      statements.append(statement)
      if at(.semicolon) {
        advance()
        if current.kind == .newline || current.kind == .endOfFile {
          advance()
          return
        }
        continue
      }
      if current.kind == .newline || current.kind == .endOfFile {
        advance()
        return
      }
      throw unexpectedAfter(statement)
    }
  }

  /// The error for a token that follows a complete statement on the same line.
  private func unexpectedAfter(_ statement: Statement) -> ScriptError {
    if case .punctuation(let punctuation) = current.kind {
      if [.rightParen, .rightBracket, .rightBrace].contains(punctuation) {
        return error("unmatched '\(punctuation.rawValue)'", at: current.span)
      }
    }
    if case .expression(let expression) = statement.kind, case .name("print") = expression.kind {
      return error(
        "missing parentheses in call to 'print'", at: expression.span,
        notes: ["write print(...)"])
    }
    return expected("end of line")
  }

  /// Parses an assignment, a `return`, `pass`, or an expression statement.
  private mutating func parseSimpleStatement() throws -> Statement {
    let start = current
    switch start.kind {
    case .keyword(.return):
      advance()
      guard functionDepth > 0 else { throw error("'return' outside function", at: start.span) }
      if current.kind == .newline || current.kind == .endOfFile || at(.semicolon) {
        return Statement(kind: .return(nil), span: start.span)
      }
      let value = try parseExpression()
      return Statement(kind: .return(value), span: SourceSpan(from: start.span, to: value.span))
    case .keyword(.pass):
      advance()
      return Statement(kind: .pass, span: start.span)
    case .keyword(.def):
      throw error("a function definition must start its own line", at: start.span)
    default:
      break
    }
    let first = try parseExpression()
    if at(.equal) {
      var targets = [try target(first)]
      while true {
        advance()
        let value = try parseExpression()
        guard at(.equal) else {
          return Statement(
            kind: .assignment(targets, value), span: SourceSpan(from: first.span, to: value.span))
        }
        targets.append(try target(value))
      }
    }
    if case .punctuation(let punctuation) = current.kind,
      let operation = punctuation.augmentedOperator
    {
      let target = try target(first, augmented: punctuation)
      let operatorSpan = advance().span
      let value = try parseExpression()
      return Statement(
        kind: .augmentedAssignment(target, operation, operatorSpan: operatorSpan, value),
        span: SourceSpan(from: first.span, to: value.span))
    }
    return Statement(kind: .expression(first), span: first.span)
  }

  /// The assignment target that `expression` denotes.
  ///
  /// - Throws: `cannot assign to ...` when it is not a name or an attribute.
  private func target(_ expression: Expression, augmented: Punctuation? = nil) throws
    -> AssignmentTarget
  {
    let what: String
    switch expression.kind {
    case .name(let name):
      return .name(name, span: expression.span)
    case .attribute(let object, let name, let nameSpan):
      return .attribute(object, name: name, nameSpan: nameSpan)
    case .call: what = "function call"
    case .integer, .float, .string, .boolean, .none: what = "literal"
    default: what = "expression"
    }
    throw error(
      augmented.map { "cannot use '\($0.rawValue)' on a \(what)" } ?? "cannot assign to \(what)",
      at: expression.span,
      notes: ["only a name or an attribute such as x.label can be assigned to"])
  }

  /// Parses `def NAME(PARAMETERS): BODY`.
  private mutating func parseFunctionDefinition() throws -> Statement {
    let defToken = advance()
    guard functionDepth == 0 else {
      throw error("functions inside functions are not supported yet", at: defToken.span)
    }
    guard case .name(let name) = current.kind else {
      throw expected("a function name after 'def'")
    }
    let nameSpan = advance().span
    guard at(.leftParen) else { throw expected("'(' after the function name") }
    let open = advance()
    var parameters: [(name: String, span: SourceSpan)] = []
    while !at(.rightParen) {
      guard case .name(let parameter) = current.kind else {
        if current.kind == .endOfFile || current.kind == .newline {
          throw unclosed(open, expecting: "')'")
        }
        throw expected("a parameter name")
      }
      if parameters.contains(where: { $0.name == parameter }) {
        throw error(
          "duplicate parameter '\(parameter)' in function definition", at: current.span)
      }
      parameters.append((parameter, advance().span))
      if at(.equal) {
        throw error("default parameter values are not supported yet", at: current.span)
      }
      if at(.comma) {
        advance()
      } else if !at(.rightParen) {
        throw unclosed(open, expecting: "',' or ')'")
      }
    }
    advance()
    guard at(.colon) else { throw expected("':'") }
    advance()
    functionDepth += 1
    defer { functionDepth -= 1 }
    let headerLine = source.location(of: defToken.span.start).line
    let body = try parseBlock(after: "function definition", onLine: headerLine)
    let definition = FunctionDefinition(
      name: name, nameSpan: nameSpan, parameters: parameters, body: body)
    return Statement(
      kind: .functionDefinition(definition), span: SourceSpan(from: defToken.span, to: nameSpan))
  }

  /// Parses the block after a `:`: statements on the same line, or an indented block of
  /// lines.
  private mutating func parseBlock(after construct: String, onLine line: Int) throws
    -> [Statement]
  {
    var body: [Statement] = []
    if current.kind != .newline {
      try parseSimpleStatements(into: &body)
      return body
    }
    advance()
    guard current.kind == .indent else {
      throw error("expected an indented block after \(construct) on line \(line)", at: current.span)
    }
    try enterNesting(at: current.span)
    defer { nesting -= 1 }
    advance()
    while current.kind != .dedent && current.kind != .endOfFile {
      try parseStatement(into: &body)
    }
    advance()
    return body
  }
}
