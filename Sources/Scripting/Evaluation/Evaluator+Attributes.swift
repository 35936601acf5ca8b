import Autograd

extension Evaluator {
  /// `object.name`: a `Value`'s `data`, `grad`, `label` or `_op`, a method of a `Value`, a
  /// list or a string, or a module's function or constant.
  func attribute(_ name: String, of object: Object, at span: SourceSpan) throws -> Object {
    switch object {
    case .value(let value):
      if let attribute = ValueAttribute(rawValue: name) {
        switch attribute {
        case .data: return .float(value.data)
        case .grad: return .float(value.grad)
        case .label: return .string(value.label)
        case .op, .opAlias: return .string(value.op)
        }
      }
      if ValueMethod(rawValue: name) != nil { return .method(object, name: name) }
    case .list:
      if ListMethod(rawValue: name) != nil { return .method(object, name: name) }
    case .tuple:
      if let method = ListMethod(rawValue: name), method.isTupleMethod {
        return .method(object, name: name)
      }
    case .string:
      if StringMethod(rawValue: name) != nil { return .method(object, name: name) }
    case .module(let module):
      if let constant = Self.constant(name, of: module) { return constant }
      if module.memberNames.contains(name) { return .method(object, name: name) }
    case .model(let model):
      if let member = attribute(name, of: model, object: object) { return member }
    default:
      break
    }
    throw noAttribute(name, of: object, at: span)
  }

  /// A module's constant, such as `math.pi`.
  static func constant(_ name: String, of module: Module) -> Object? {
    guard module == .math else { return nil }
    switch name {
    case "pi": return .float(Double.pi)
    case "e": return .float(2.718281828459045)
    case "tau": return .float(2 * Double.pi)
    case "inf": return .float(Double.infinity)
    case "nan": return .float(Double.nan)
    default: return nil
    }
  }

  /// `object.name = newValue`: a `Value`'s `data`, `grad` (which marks the gradient as
  /// computed by the script) or `label`.
  func setAttribute(
    _ name: String, of object: Object, to newValue: Object, at span: SourceSpan,
    valueSpan: SourceSpan
  ) throws {
    guard case .value(let value) = object else {
      throw noAttribute(name, of: object, at: span, assigning: true)
    }
    guard let attribute = ValueAttribute(rawValue: name) else {
      if ValueMethod(rawValue: name) != nil {
        throw error("cannot assign to method '\(name)'", at: span)
      }
      throw noAttribute(name, of: object, at: span, assigning: true)
    }
    switch attribute {
    case .data, .grad:
      guard let number = newValue.number else {
        var notes: [String] = []
        if case .value = newValue { notes = ["assign its number, as in x.\(name) = y.data"] }
        throw error(
          "\(name) must be a number, not '\(newValue.typeName)'", at: valueSpan, notes: notes)
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
    _ name: String, of object: Object, at span: SourceSpan, assigning: Bool = false
  ) -> ScriptError {
    var notes: [String]
    switch object {
    case .value:
      let candidates =
        assigning
        ? ValueAttribute.allCases.filter(\.isAssignable).map(\.rawValue)
        : ValueAttribute.memberNames
      notes = Suggestion.note(for: name, among: candidates)
      if notes.isEmpty, !assigning {
        notes = [
          "gradviz's Value has data, grad, label, _op and the operations \(ValueMethod.operationsText)"
        ]
      }
    case .float where ["item", "numpy", "tolist"].contains(name):
      notes = ["it is already a plain number"]
    case _ where ValueAttribute.memberNames.contains(name):
      notes = ["only a Value has '\(name)'; make one first, as in x = Value(2.0)"]
    case .list:
      notes = Suggestion.note(for: name, among: ListMethod.allCases.map(\.rawValue))
    case .string:
      notes = Suggestion.note(for: name, among: StringMethod.allCases.map(\.rawValue))
    case .model(let model):
      notes = Suggestion.note(for: name, among: Self.memberNames(of: model))
    case .module(let module):
      notes = Suggestion.note(for: name, among: module.memberNames)
      return error("module '\(module.rawValue)' has no attribute '\(name)'", at: span, notes: notes)
    default:
      notes = []
    }
    return error("'\(object.typeName)' has no attribute '\(name)'", at: span, notes: notes)
  }
}
