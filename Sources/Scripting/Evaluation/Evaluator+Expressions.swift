/// Expressions.
///
/// `evaluate(_:)` recurses once per level of the syntax tree, so it only dispatches: leaves,
/// errors and messages live in helpers that return before the next level starts, which keeps
/// each level's stack frame small even in a debug build.
extension Evaluator {
  /// The object `expression` evaluates to.
  ///
  /// - Throws: any runtime error of the expression; `maximum recursion depth exceeded` when
  ///   more than ``Limits/maxEvaluationDepth`` expressions are under evaluation at once.
  func evaluate(_ expression: Expression) throws -> Object {
    try step(at: expression.span)
    try enter(expression.span)
    defer { depth -= 1 }
    switch expression.kind {
    case .binary(let operation, let left, let right, let operatorSpan):
      return try evaluateBinary(operation, left, right, operatorSpan: operatorSpan)
    case .unary(let operation, let operand):
      return try unary(operation, try evaluate(operand), at: expression.span)
    case .attribute(let object, let name, let nameSpan):
      return try attribute(name, of: try evaluate(object), at: nameSpan)
    case .call(let callee, let arguments):
      return try evaluateCall(callee, arguments, span: expression.span)
    case .logical(let operation, let left, let right, _):
      let first = try evaluate(left)
      return first.isTruthy == (operation == .and) ? try evaluate(right) : first
    case .comparison(let first, let links):
      return try evaluateComparison(first, links)
    case .conditional(let body, let test, let orElse):
      return try evaluate(try evaluate(test).isTruthy ? body : orElse)
    case .item(let object, let index):
      let container = try evaluate(object)
      return try item(
        try evaluate(index), of: container, at: expression.span, indexSpan: index.span)
    case .list(let elements):
      return makeList(try evaluate(elements))
    case .tuple(let elements):
      return makeTuple(try evaluate(elements))
    case .comprehension(let comprehension):
      return try evaluateComprehension(comprehension)
    case .formatString(let pieces):
      return try evaluateFormatString(pieces)
    case .lambda(let definition):
      return try makeFunction(definition)
    case .slice(let start, let stop, let step):
      return try evaluateSlice(start, stop, step)
    default:
      return try leaf(expression)
    }
  }

  private func evaluateBinary(
    _ operation: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression,
    operatorSpan: SourceSpan
  ) throws -> Object {
    let left = try evaluate(leftExpression)
    let right = try evaluate(rightExpression)
    return try binary(
      operation, left, right, operatorSpan: operatorSpan, rightSpan: rightExpression.span)
  }

  /// The objects of `expressions`, left to right.
  private func evaluate(_ expressions: [Expression]) throws -> [Object] {
    var objects: [Object] = []
    objects.reserveCapacity(expressions.count)
    for expression in expressions { objects.append(try evaluate(expression)) }
    return objects
  }

  /// A literal or a name.
  private func leaf(_ expression: Expression) throws -> Object {
    switch expression.kind {
    case .integer(let value): return .int(value)
    case .float(let value): return .float(value)
    case .string(let value): return .string(value)
    case .boolean(let value): return .bool(value)
    case .none: return .none
    case .name(let name): return try lookUp(name, at: expression.span)
    default: return try evaluate(expression)
    }
  }

  /// The bounds of `start:stop:step`; each must be an integer or `None`.
  private func evaluateSlice(_ start: Expression?, _ stop: Expression?, _ step: Expression?) throws
    -> Object
  {
    func bound(_ expression: Expression?) throws -> Int? {
      guard let expression else { return nil }
      let object = try evaluate(expression)
      if case .none = object { return nil }
      guard let value = object.integer else {
        throw error(
          "slice indices must be integers or None, not \(object.typeName)", at: expression.span)
      }
      return value
    }
    return .slice(
      SliceBounds(start: try bound(start), stop: try bound(stop), step: try bound(step) ?? 1))
  }

  // MARK: - Comparisons

  /// `a < b < c` is `a < b and b < c`, with `b` evaluated once.
  private func evaluateComparison(_ firstExpression: Expression, _ links: [Comparison]) throws
    -> Object
  {
    var left = try evaluate(firstExpression)
    for link in links {
      let right = try evaluate(link.operand)
      guard try compare(left, link.operation, right, at: link.operatorSpan) else {
        return .bool(false)
      }
      left = right
    }
    return .bool(true)
  }

  // MARK: - Comprehensions

  /// `[element for x in xs if c ...]`, in a scope of its own whose loop variables do not
  /// leak, as in Python 3. The first iterable is evaluated in the enclosing scope.
  private func evaluateComprehension(_ comprehension: Comprehension) throws -> Object {
    guard case .for(let target, let iterableExpression) = comprehension.clauses.first else {
      return makeList([])
    }
    let iterable = try evaluate(iterableExpression)
    let outer = scope
    scope = Scope(parent: outer, definition: nil)
    defer { scope = outer }
    var results: [Object] = []
    var iterator = try makeIterator(iterable, at: iterableExpression.span)
    while let element = iterator.next() {
      try step(at: target.span)
      try bindComprehensionTarget(target, to: element, valueSpan: iterableExpression.span)
      try runClauses(comprehension, from: 1, into: &results)
    }
    return makeList(results)
  }

  /// Runs the clauses from `index` on for the current bindings, appending the element for
  /// each combination that passes the conditions. Recursion is one level per clause, and
  /// the parser allows at most ``Limits/maxNesting`` clauses.
  private func runClauses(
    _ comprehension: Comprehension, from index: Int, into results: inout [Object]
  )
    throws
  {
    guard index < comprehension.clauses.count else {
      results.append(try evaluate(comprehension.element))
      try checkLength(results.count, at: comprehension.element.span)
      return
    }
    try enter(comprehension.element.span)
    defer { depth -= 1 }
    switch comprehension.clauses[index] {
    case .if(let condition):
      if try evaluate(condition).isTruthy {
        try runClauses(comprehension, from: index + 1, into: &results)
      }
    case .for(let target, let iterableExpression):
      var iterator = try makeIterator(try evaluate(iterableExpression), at: iterableExpression.span)
      while let element = iterator.next() {
        try step(at: target.span)
        try bindComprehensionTarget(target, to: element, valueSpan: iterableExpression.span)
        try runClauses(comprehension, from: index + 1, into: &results)
      }
    }
  }

  /// Binds a comprehension's loop target in the comprehension's own scope.
  private func bindComprehensionTarget(
    _ target: AssignmentTarget, to element: Object, valueSpan: SourceSpan
  ) throws {
    switch target {
    case .name(let name, _):
      scope?.values[name] = element
    case .tuple(let targets, let span):
      let elements = try unpack(element, into: targets.count, at: span, valueSpan: valueSpan)
      for (target, element) in zip(targets, elements) {
        try bindComprehensionTarget(target, to: element, valueSpan: valueSpan)
      }
    case .attribute, .item:
      try assign(element, to: target, valueSpan: valueSpan)
    }
  }

  // MARK: - f-strings

  /// An f-string: the literal text with each field's value formatted by its spec.
  private func evaluateFormatString(_ pieces: [FormatPiece]) throws -> Object {
    var text = ""
    for piece in pieces {
      switch piece {
      case .literal(let literal):
        text += literal
      case .field(let expression, let conversion, let spec, _):
        var object = try evaluate(expression)
        switch conversion {
        case "r", "a": object = .string(try repr(of: object, at: expression.span))
        case "s": object = .string(try self.text(of: object, at: expression.span))
        default: break
        }
        text += try format(object, spec: spec, at: expression.span)
        try checkLength(text.utf8.count, at: expression.span, what: "string")
      }
    }
    if case .field(let expression, _, _, _)? = pieces.last {
      try chargeText(text.utf8.count, at: expression.span)
    }
    return .string(text)
  }
}
