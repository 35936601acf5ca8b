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
    default:
      return try leaf(expression)
    }
  }

  /// Counts a step and a level of depth for an expression at `span`.
  private func enter(_ span: SourceSpan) throws {
    try step(at: span)
    depth += 1
    if depth > Limits.maxEvaluationDepth {
      depth -= 1
      throw error("maximum recursion depth exceeded", at: span)
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
}
