import Autograd

/// Statements. As with expressions, `execute(_:)` only dispatches, to keep the frames on the
/// recursive path small.
extension Evaluator {
  /// Runs a statement of the top level, unless it is a notebook line that gradviz skips.
  func executeTopLevel(_ statement: Statement) throws {
    if try skipsTopLevel(statement) { return }
    _ = try execute(statement)
  }

  /// Runs `statements` in order until one returns, breaks or continues.
  func execute(_ statements: [Statement]) throws -> Completion {
    for statement in statements {
      let completion = try execute(statement)
      if case .normal = completion { continue }
      return completion
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
      try bind(definition.name, to: try makeFunction(definition), at: definition.nameSpan)
    case .return(let expression):
      guard let expression else { return .returned(.none) }
      return .returned(try evaluate(expression))
    case .if(let branches, let orElse):
      return try executeIf(branches, orElse: orElse, at: statement.span)
    case .while(let branch, let orElse):
      return try executeWhile(branch, orElse: orElse, at: statement.span)
    case .for(let target, let iterable, let body, let orElse):
      return try executeFor(target, in: iterable, body: body, orElse: orElse, at: statement.span)
    case .break:
      return .breakLoop
    case .continue:
      return .continueLoop
    case .import(let bindings):
      try importModules(bindings)
    case .assert(let test, let message):
      try executeAssert(test, message: message)
    case .delete(let targets):
      for target in targets { try delete(target) }
    case .skipped(let note):
      if let note { self.note(note, at: statement.span) }
    case .pass, .global, .nonlocal:
      break
    }
    return .normal
  }

  // MARK: - Control flow

  private func executeIf(_ branches: [Branch], orElse: [Statement], at span: SourceSpan) throws
    -> Completion
  {
    try enter(span)
    defer { depth -= 1 }
    for branch in branches {
      if try evaluate(branch.test).isTruthy { return try execute(branch.body) }
    }
    return try execute(orElse)
  }

  private func executeWhile(_ branch: Branch, orElse: [Statement], at span: SourceSpan) throws
    -> Completion
  {
    try enter(span)
    defer { depth -= 1 }
    while try evaluate(branch.test).isTruthy {
      switch try execute(branch.body) {
      case .breakLoop: return .normal
      case .returned(let object): return .returned(object)
      case .normal, .continueLoop: continue
      }
    }
    return try execute(orElse)
  }

  private func executeFor(
    _ target: AssignmentTarget, in iterableExpression: Expression, body: [Statement],
    orElse: [Statement], at span: SourceSpan
  ) throws -> Completion {
    try enter(span)
    defer { depth -= 1 }
    var iterator = try makeIterator(try evaluate(iterableExpression), at: iterableExpression.span)
    while let element = iterator.next() {
      try step(at: target.span)
      try assign(element, to: target, valueSpan: iterableExpression.span)
      switch try execute(body) {
      case .breakLoop: return .normal
      case .returned(let object): return .returned(object)
      case .normal, .continueLoop: continue
      }
    }
    return try execute(orElse)
  }

  private func executeAssert(_ test: Expression, message: Expression?) throws {
    guard try !evaluate(test).isTruthy else { return }
    var text = "assertion failed"
    if let message { text += ": " + (try self.text(of: try evaluate(message), at: message.span)) }
    throw error(text, at: test.span)
  }

  // MARK: - Assignment

  /// `target = ... = expression`: evaluates `expression` once, then assigns the targets left
  /// to right.
  private func assign(_ expression: Expression, to targets: AssignmentTargets) throws {
    let object = try evaluate(expression)
    for target in targets {
      try assign(object, to: target, valueSpan: expression.span, labelling: scope == nil)
    }
  }

  /// Assigns `object` to `target`, unpacking it for a tuple of targets.
  ///
  /// - Parameters:
  ///   - valueSpan: the expression that gave `object`, for errors about it.
  ///   - labelling: whether a `Value` bound to a name takes the name as its label.
  func assign(
    _ object: Object, to target: AssignmentTarget, valueSpan: SourceSpan, labelling: Bool = false
  ) throws {
    switch target {
    case .name(let name, let span):
      try bind(name, to: object, at: span, labelling: labelling)
    case .attribute(let ownerExpression, let name, let nameSpan):
      let owner = try evaluate(ownerExpression)
      try setAttribute(name, of: owner, to: object, at: nameSpan, valueSpan: valueSpan)
    case .item(let containerExpression, let indexExpression, let span):
      let container = try evaluate(containerExpression)
      let index = try evaluate(indexExpression)
      try setItem(index, of: container, to: object, at: span, indexSpan: indexExpression.span)
    case .tuple(let targets, let span):
      let elements = try unpack(object, into: targets.count, at: span, valueSpan: valueSpan)
      for (target, element) in zip(targets, elements) {
        try assign(element, to: target, valueSpan: valueSpan, labelling: labelling)
      }
    }
  }

  /// The elements of `object` for unpacking into `count` targets.
  func unpack(_ object: Object, into count: Int, at span: SourceSpan, valueSpan: SourceSpan)
    throws -> [Object]
  {
    guard isIterable(object) else {
      throw error(
        "cannot unpack non-iterable \(object.typeName) object", at: valueSpan)
    }
    let elements = try collect(object, at: valueSpan)
    guard elements.count == count else {
      let message =
        elements.count > count
        ? "too many values to unpack (expected \(count))"
        : "not enough values to unpack (expected \(count), got \(elements.count))"
      throw error(message, at: valueSpan)
    }
    return elements
  }

  /// `target op= expression`, which is `target = target op expression` (a new node for a
  /// `Value`, as in Python; a list is extended in place); an attribute's owner and an
  /// element's list and index are evaluated once.
  private func augment(
    _ target: AssignmentTarget, _ operation: BinaryOperator, operatorSpan: SourceSpan,
    with expression: Expression
  ) throws {
    switch target {
    case .name(let name, let span):
      let current = try lookUp(name, at: span)
      let operand = try evaluate(expression)
      let result = try inPlace(
        operation, current, operand, operatorSpan: operatorSpan, rightSpan: expression.span)
      try bind(name, to: result, at: span, labelling: scope == nil)
    case .attribute(let ownerExpression, let name, let nameSpan):
      let owner = try evaluate(ownerExpression)
      let current = try attribute(name, of: owner, at: nameSpan)
      let operand = try evaluate(expression)
      let result = try inPlace(
        operation, current, operand, operatorSpan: operatorSpan, rightSpan: expression.span)
      try setAttribute(name, of: owner, to: result, at: nameSpan, valueSpan: expression.span)
    case .item(let containerExpression, let indexExpression, let span):
      let container = try evaluate(containerExpression)
      let index = try evaluate(indexExpression)
      let current = try item(index, of: container, at: span, indexSpan: indexExpression.span)
      let operand = try evaluate(expression)
      let result = try inPlace(
        operation, current, operand, operatorSpan: operatorSpan, rightSpan: expression.span)
      try setItem(index, of: container, to: result, at: span, indexSpan: indexExpression.span)
    case .tuple(_, let span):
      throw error("an augmented assignment cannot unpack", at: span)
    }
  }

  /// `current op= operand`: in place for `list += iterable`, else `current op operand`.
  private func inPlace(
    _ operation: BinaryOperator, _ current: Object, _ operand: Object, operatorSpan: SourceSpan,
    rightSpan: SourceSpan
  ) throws -> Object {
    if operation == .add, case .list(let storage) = current, isIterable(operand) {
      let added = try collect(operand, at: rightSpan)
      try charge(added.count, at: rightSpan)
      try checkLength(storage.elements.count + added.count, at: operatorSpan)
      storage.elements += added
      return current
    }
    return try binary(operation, current, operand, operatorSpan: operatorSpan, rightSpan: rightSpan)
  }

  /// `del target`.
  private func delete(_ target: AssignmentTarget) throws {
    switch target {
    case .name(let name, let span):
      try unbind(name, at: span)
    case .item(let containerExpression, let indexExpression, let span):
      let container = try evaluate(containerExpression)
      let index = try evaluate(indexExpression)
      try deleteItem(index, of: container, at: span, indexSpan: indexExpression.span)
    case .attribute(_, let name, let nameSpan):
      throw error("cannot delete attribute '\(name)'", at: nameSpan)
    case .tuple(let targets, _):
      for target in targets { try delete(target) }
    }
  }

  // MARK: - Functions

  /// The function object for `definition`, closing over the current scope, with its
  /// default values evaluated now, as Python does.
  func makeFunction(_ definition: FunctionDefinition) throws -> Object {
    var defaults: [Object?] = []
    for parameter in definition.parameters {
      defaults.append(try parameter.defaultValue.map { try evaluate($0) })
    }
    return .function(Function(definition: definition, closure: scope, defaults: defaults))
  }
}
