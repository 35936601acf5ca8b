import Autograd

extension Evaluator {
  /// `object.name`: a `Value`'s `data`, `grad`, `label` or `_op`, or one of its methods.
  func attribute(_ name: String, of object: Object, at span: SourceSpan) throws
    -> Object
  {
    guard case .value(let value) = object else {
      throw noAttribute(name, of: object, at: span)
    }
    if let attribute = ValueAttribute(rawValue: name) {
      switch attribute {
      case .data: return .float(value.data)
      case .grad: return .float(value.grad)
      case .label: return .string(value.label)
      case .op, .opAlias: return .string(value.op)
      }
    }
    if let method = ValueMethod(rawValue: name) {
      return .method(value, method)
    }
    throw noAttribute(name, of: object, at: span)
  }

  /// `object.name = newValue`: a `Value`'s `data`, `grad` (which marks the gradient as
  /// computed by the script) or `label`.
  func setAttribute(
    _ name: String, of object: Object, to newValue: Object, at span: SourceSpan,
    valueSpan: SourceSpan
  ) throws {
    guard case .value(let value) = object else {
      throw noAttribute(name, of: object, at: span)
    }
    guard let attribute = ValueAttribute(rawValue: name) else {
      if ValueMethod(rawValue: name) != nil {
        throw error("cannot assign to method '\(name)'", at: span)
      }
      throw noAttribute(name, of: object, at: span, assignable: true)
    }
    switch attribute {
    case .data, .grad:
      guard let number = newValue.number else {
        throw error("\(name) must be a number, not '\(newValue.typeName)'", at: valueSpan)
      }
      if attribute == .data {
        value.data = number.double
      } else {
        value.grad = number.double
        scriptSetGradients = true
      }
    case .label:
      guard case .string(let text) = newValue else {
        throw error("label must be a string, not '\(newValue.typeName)'", at: valueSpan)
      }
      value.label = text
    case .op, .opAlias:
      throw error(
        "cannot assign to '\(name)'", at: span,
        notes: ["a Value's operation is fixed when the Value is made"])
    }
  }

  /// `'Value' has no attribute 'lable'`, with a suggestion when one is close.
  private func noAttribute(
    _ name: String, of object: Object, at span: SourceSpan, assignable: Bool = false
  ) -> ScriptError {
    var notes: [String]
    if case .value = object {
      let candidates =
        assignable
        ? ValueAttribute.allCases.filter(\.isAssignable).map(\.rawValue)
        : ValueAttribute.memberNames
      notes = Suggestion.note(for: name, among: candidates)
    } else if ValueAttribute.memberNames.contains(name) {
      notes = ["only a Value has '\(name)'; make one first, as in x = Value(2.0)"]
    } else {
      notes = []
    }
    return error("'\(object.typeName)' has no attribute '\(name)'", at: span, notes: notes)
  }
}
