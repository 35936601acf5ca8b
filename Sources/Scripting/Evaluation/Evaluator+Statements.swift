/// Statements. As with expressions, `execute(_:)` only dispatches, to keep the frames on the
/// recursive path small.
extension Evaluator {
  /// Runs `statements` in order until one returns.
  func execute(_ statements: [Statement]) throws -> Completion {
    for statement in statements {
      if case .returned(let object) = try execute(statement) { return .returned(object) }
    }
    return .normal
  }

  private func execute(_ statement: Statement) throws -> Completion {
    try step(at: statement.span)
    switch statement.kind {
    case .expression(let expression):
      _ = try evaluate(expression)
    case .assignment(let targets, let expression):
      try assign(expression, to: targets)
    case .augmentedAssignment(let target, let operation, let operatorSpan, let expression):
      try augment(target, operation, operatorSpan: operatorSpan, with: expression)
    case .functionDefinition(let definition):
      bind(definition.name, to: .function(definition))
    case .return(let expression):
      guard let expression else { return .returned(.none) }
      return .returned(try evaluate(expression))
    case .pass:
      break
    }
    return .normal
  }

  /// `target = ... = expression`: evaluates `expression` once, then assigns the targets left
  /// to right.
  private func assign(_ expression: Expression, to targets: [AssignmentTarget]) throws {
    let object = try evaluate(expression)
    for target in targets {
      switch target {
      case .name(let name, _):
        bind(name, to: object)
      case .attribute(let objectExpression, let name, let nameSpan):
        let owner = try evaluate(objectExpression)
        try setAttribute(name, of: owner, to: object, at: nameSpan, valueSpan: expression.span)
      }
    }
  }

  /// `target op= expression`, which is `target = target op expression` (a new node for a
  /// `Value`, as in Python); an attribute's owner is evaluated once.
  private func augment(
    _ target: AssignmentTarget, _ operation: BinaryOperator, operatorSpan: SourceSpan,
    with expression: Expression
  ) throws {
    switch target {
    case .name(let name, let span):
      let current = try lookUp(name, at: span)
      let operand = try evaluate(expression)
      let result = try binary(
        operation, current, operand, operatorSpan: operatorSpan, rightSpan: expression.span)
      bind(name, to: result)
    case .attribute(let objectExpression, let name, let nameSpan):
      let owner = try evaluate(objectExpression)
      let current = try attribute(name, of: owner, at: nameSpan)
      let operand = try evaluate(expression)
      let result = try binary(
        operation, current, operand, operatorSpan: operatorSpan, rightSpan: expression.span)
      try setAttribute(name, of: owner, to: result, at: nameSpan, valueSpan: expression.span)
    }
  }
}
