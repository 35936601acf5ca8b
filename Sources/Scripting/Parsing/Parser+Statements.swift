/// Simple statements: expressions, assignments and the one-line keywords.
extension Parser {
  /// Parses one line's statements (or a compound statement with its block) into
  /// `statements`.
  mutating func parseStatement(into statements: inout [Statement]) throws {
    switch current.kind {
    case .indent:
      throw error("unexpected indent", at: current.span)
    case .dedent, .newline:
      throw expected("a statement")
    case .magic:
      statements.append(Statement(kind: .skipped(note: nil), span: advance().span))
      if current.kind == .newline { advance() }
    case .keyword(.def):
      statements.append(try parseFunctionDefinition())
    case .keyword(.class):
      statements.append(try parseClass())
    case .keyword(.if):
      statements.append(try parseIf())
    case .keyword(.while):
      statements.append(try parseWhile())
    case .keyword(.for):
      statements.append(try parseFor())
    case .punctuation(.at):
      throw error("decorators are not supported", at: current.span)
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
    if case .punctuation(let punctuation) = current.kind, punctuation.isClosingBracket {
      return error("unmatched '\(punctuation.rawValue)'", at: current.span)
    }
    if case .expression(let expression) = statement.kind, case .name(let name) = expression.kind,
      name == "print" || name == "exec"
    {
      return error(
        "missing parentheses in call to '\(name)'", at: expression.span,
        notes: ["write \(name)(...)"])
    }
    if case .expression(let expression) = statement.kind, case .name = expression.kind,
      case .name = current.kind
    {
      return error(
        "expected end of line but found \(describe(current))", at: current.span,
        notes: ["two names in a row: is an operator or a comma missing?"])
    }
    return expected("end of line")
  }

  /// Parses an assignment, an expression statement or a one-line keyword statement.
  private mutating func parseSimpleStatement() throws -> Statement {
    let start = current
    switch start.kind {
    case .keyword(.return):
      advance()
      guard functionDepth > 0 else { throw error("'return' outside function", at: start.span) }
      if atEndOfStatement { return Statement(kind: .return(nil), span: start.span) }
      let value = try parseExpressionList()
      return Statement(kind: .return(value), span: SourceSpan(from: start.span, to: value.span))
    case .keyword(.pass):
      advance()
      return Statement(kind: .pass, span: start.span)
    case .keyword(.break), .keyword(.continue):
      advance()
      guard loopDepth > 0 else {
        throw unsupported(start.is(.break) ? .break : .continue, at: start.span)
      }
      return Statement(kind: start.is(.break) ? .break : .continue, span: start.span)
    case .keyword(.global), .keyword(.nonlocal):
      return try parseScopeDeclaration()
    case .keyword(.import), .keyword(.from):
      return try parseImport()
    case .keyword(.assert):
      advance()
      let test = try parseExpression()
      var message: Expression?
      if at(.comma) {
        advance()
        message = try parseExpression()
      }
      return Statement(
        kind: .assert(test, message: message),
        span: SourceSpan(from: start.span, to: message?.span ?? test.span))
    case .keyword(.del):
      advance()
      let targets = try parseExpressionList()
      let list =
        if case .tuple(let elements) = targets.kind { elements } else { [targets] }
      return Statement(
        kind: .delete(try list.map { try target($0, deleting: true) }),
        span: SourceSpan(from: start.span, to: targets.span))
    case .keyword(.def), .keyword(.class), .keyword(.if), .keyword(.while), .keyword(.for):
      throw error(
        "'\(source.text(of: start.span))' must start its own line", at: start.span)
    case .keyword(let keyword)
    where [.try, .except, .finally, .raise, .with, .yield, .async, .await, .elif, .else]
      .contains(keyword):
      throw unsupported(keyword, at: start.span)
    default:
      break
    }
    let first = try parseExpressionList()
    if at(.equal) {
      var targets = [try target(first)]
      while true {
        advance()
        let value = try parseExpressionList()
        guard at(.equal) else {
          return Statement(
            kind: .assignment(AssignmentTargets(targets), value),
            span: SourceSpan(from: first.span, to: value.span))
        }
        targets.append(try target(value))
      }
    }
    if case .punctuation(let punctuation) = current.kind,
      let operation = punctuation.augmentedOperator
    {
      let target = try target(first, augmented: punctuation)
      if case .tuple = target {
        throw error(
          "'\(punctuation.rawValue)' cannot assign to several targets at once", at: first.span)
      }
      let operatorSpan = advance().span
      let value = try parseExpressionList()
      return Statement(
        kind: .augmentedAssignment(target, operation, operatorSpan: operatorSpan, value),
        span: SourceSpan(from: first.span, to: value.span))
    }
    if at(.colon), case .name = first.kind {
      // An annotated assignment, `x: float = 1.0`: the annotation is not evaluated.
      advance()
      _ = try parseExpression()
      guard at(.equal) else {
        return Statement(kind: .pass, span: first.span)
      }
      advance()
      let value = try parseExpressionList()
      return Statement(
        kind: .assignment(AssignmentTargets([try target(first)]), value),
        span: SourceSpan(from: first.span, to: value.span))
    }
    return Statement(kind: .expression(first), span: first.span)
  }

  /// The assignment target that `expression` denotes.
  ///
  /// - Throws: `cannot assign to ...` when it is not a name, an attribute, an element or a
  ///   tuple or list of those.
  func target(_ expression: Expression, augmented: Punctuation? = nil, deleting: Bool = false)
    throws -> AssignmentTarget
  {
    let what: String
    switch expression.kind {
    case .name(let name):
      return .name(name, span: expression.span)
    case .attribute(let object, let name, let nameSpan):
      return .attribute(object, name: name, nameSpan: nameSpan)
    case .item(let object, let index):
      return .item(object, index: index, span: expression.span)
    case .tuple(let elements) where augmented == nil, .list(let elements) where augmented == nil:
      guard !elements.isEmpty || deleting else {
        what = "empty tuple"
        break
      }
      return .tuple(
        try elements.map { try target($0, deleting: deleting) }, span: expression.span)
    case .tuple: what = "tuple"
    case .list: what = "list"
    case .call: what = "function call"
    case .integer, .float, .string, .formatString, .boolean, .none: what = "literal"
    case .comparison: what = "comparison"
    case .comprehension: what = "comprehension"
    case .lambda: what = "lambda"
    case .conditional: what = "conditional expression"
    default: what = "expression"
    }
    let verb = deleting ? "delete" : "assign to"
    throw error(
      augmented.map { "cannot use '\($0.rawValue)' on a \(what)" } ?? "cannot \(verb) \(what)",
      at: expression.span,
      notes: [
        "only a name, an attribute such as x.label, or an element such as xs[0] can be "
          + (deleting ? "deleted" : "assigned to")
      ])
  }

  /// Parses `global a, b` or `nonlocal a`.
  private mutating func parseScopeDeclaration() throws -> Statement {
    let keyword = advance()
    var names: [String] = []
    var end = keyword.span
    repeat {
      if !names.isEmpty { advance() }
      guard let name = self.name(of: current) else { throw expected("a name") }
      names.append(name)
      end = advance().span
    } while at(.comma)
    let span = SourceSpan(from: keyword.span, to: end)
    if keyword.is(.global) { return Statement(kind: .global(names), span: span) }
    guard functionDepth > 0 else {
      throw error("nonlocal declaration not allowed at module level", at: keyword.span)
    }
    return Statement(kind: .nonlocal(names), span: span)
  }

  /// Parses `import a.b as c, d` or `from a.b import c as d, e`.
  private mutating func parseImport() throws -> Statement {
    let keyword = advance()
    var bindings: [ImportBinding] = []
    if keyword.is(.import) {
      repeat {
        if !bindings.isEmpty { advance() }
        let (module, span) = try parseModulePath()
        var name = String(module.prefix { $0 != "." })
        var end = span
        if at(.as) {
          advance()
          guard let alias = self.name(of: current) else { throw expected("a name after 'as'") }
          name = alias
          end = advance().span
        }
        bindings.append(
          ImportBinding(
            name: name, module: module, member: nil, span: SourceSpan(from: span, to: end)))
      } while at(.comma)
      return Statement(
        kind: .import(bindings), span: SourceSpan(from: keyword.span, to: previous.span))
    }
    let (module, _) = try parseModulePath()
    guard at(.import) else { throw expected("'import'") }
    advance()
    if at(.star) {
      let star = advance()
      bindings.append(ImportBinding(name: "*", module: module, member: "*", span: star.span))
      return Statement(kind: .import(bindings), span: SourceSpan(from: keyword.span, to: star.span))
    }
    let open = at(.leftParen) ? advance() : nil
    repeat {
      if !bindings.isEmpty {
        advance()
        if open != nil, at(.rightParen) { break }
      }
      guard let member = self.name(of: current) else { throw expected("a name to import") }
      let span = advance().span
      var name = member
      var end = span
      if at(.as) {
        advance()
        guard let alias = self.name(of: current) else { throw expected("a name after 'as'") }
        name = alias
        end = advance().span
      }
      bindings.append(
        ImportBinding(
          name: name, module: module, member: member, span: SourceSpan(from: span, to: end)))
    } while at(.comma)
    if let open {
      guard at(.rightParen) else { throw unclosed(open, expecting: "')'") }
      advance()
    }
    return Statement(
      kind: .import(bindings), span: SourceSpan(from: keyword.span, to: previous.span))
  }

  /// Parses a dotted module path such as `matplotlib.pyplot`, or `.` for a relative import.
  private mutating func parseModulePath() throws -> (String, SourceSpan) {
    let start = current.span
    var path = ""
    while at(.dot) {
      path += "."
      advance()
    }
    if !path.isEmpty, at(.import) { return (path, start) }
    guard let first = self.name(of: current) else { throw expected("a module name") }
    path += first
    var end = advance().span
    while at(.dot) {
      advance()
      guard let part = self.name(of: current) else { throw expected("a module name after '.'") }
      path += "." + part
      end = advance().span
    }
    return (path, SourceSpan(from: start, to: end))
  }
}
