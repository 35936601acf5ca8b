import Autograd

extension Evaluator {
  /// An evaluated argument of a call.
  struct CallArgument {
    var keyword: (name: String, span: SourceSpan)?
    var object: Object
    /// The argument's expression.
    var span: SourceSpan
  }

  /// `callee(arguments)`: evaluates the callee, then the arguments left to right, then calls.
  func evaluateCall(_ calleeExpression: Expression, _ arguments: [Argument], span: SourceSpan)
    throws -> Object
  {
    let callee = try evaluate(calleeExpression)
    var evaluated: [CallArgument] = []
    evaluated.reserveCapacity(arguments.count)
    for argument in arguments {
      evaluated.append(
        CallArgument(
          keyword: argument.keyword, object: try evaluate(argument.value),
          span: argument.value.span))
    }
    switch callee {
    case .function(let definition):
      return try call(definition, evaluated, span: span)
    case .builtin(let builtin):
      return try call(builtin, evaluated, span: span)
    case .method(let value, let method):
      return try call(method, of: value, evaluated, span: span)
    default:
      throw notCallable(callee, at: calleeExpression.span)
    }
  }

  private func notCallable(_ callee: Object, at span: SourceSpan) -> ScriptError {
    error("'\(callee.typeName)' object is not callable", at: span)
  }

  /// `f() takes 1 argument but 2 were given`.
  private func arityError(
    _ name: String, takes expected: Int, given: Int, at span: SourceSpan, notes: [String] = []
  ) -> ScriptError {
    let takes = expected == 1 ? "1 argument" : "\(expected) arguments"
    let given = given == 1 ? "1 was given" : "\(given) were given"
    return error("\(name)() takes \(takes) but \(given)", at: span, notes: notes)
  }

  // MARK: - User functions

  private func call(_ function: FunctionDefinition, _ arguments: [CallArgument], span: SourceSpan)
    throws -> Object
  {
    let locals = try bind(arguments, to: function, span: span)
    guard frames.count < Limits.maxCallDepth else { throw recursionError(at: span) }
    frames.append(Frame(function: function, callSpan: span, locals: locals))
    defer { frames.removeLast() }
    switch try execute(function.body) {
    case .returned(let object): return object
    case .normal: return .none
    }
  }

  private func recursionError(at span: SourceSpan) -> ScriptError {
    error("maximum recursion depth exceeded", at: span)
  }

  /// The locals of a call of `function`: its parameters bound to `arguments`.
  ///
  /// - Throws: when the arguments do not match the parameters.
  private func bind(_ arguments: [CallArgument], to function: FunctionDefinition, span: SourceSpan)
    throws -> [String: Object]
  {
    let parameters = function.parameters.map(\.name)
    let signature = "\(function.name)(\(parameters.joined(separator: ", ")))"
    let definedAt = [
      "\(signature) is defined at \(source.position(of: function.nameSpan))"
    ]
    let positional = arguments.filter { $0.keyword == nil }
    if positional.count > parameters.count
      || (positional.count == arguments.count && arguments.count != parameters.count)
    {
      throw arityError(
        function.name, takes: parameters.count, given: arguments.count, at: span, notes: definedAt)
    }
    var locals: [String: Object] = [:]
    for (parameter, argument) in zip(parameters, positional) {
      locals[parameter] = argument.object
    }
    for argument in arguments {
      guard let keyword = argument.keyword else { continue }
      guard parameters.contains(keyword.name) else {
        throw error(
          "\(function.name)() got an unexpected keyword argument '\(keyword.name)'",
          at: keyword.span, notes: Suggestion.note(for: keyword.name, among: parameters))
      }
      guard locals[keyword.name] == nil else {
        throw error(
          "\(function.name)() got multiple values for argument '\(keyword.name)'",
          at: keyword.span)
      }
      locals[keyword.name] = argument.object
    }
    if let missing = parameters.first(where: { locals[$0] == nil }) {
      throw error(
        "\(function.name)() missing argument '\(missing)'", at: span, notes: definedAt)
    }
    return locals
  }

  // MARK: - Builtins

  private func call(_ builtin: Builtin, _ arguments: [CallArgument], span: SourceSpan)
    throws -> Object
  {
    switch builtin {
    case .value: return try makeValue(arguments, span: span)
    case .print: return try print(arguments)
    case .drawDot: return try drawDot(arguments, span: span)
    }
  }

  /// `Value(data, label='')`, also `Value(data=2.0)`.
  private func makeValue(_ arguments: [CallArgument], span: SourceSpan) throws
    -> Object
  {
    var data: CallArgument?
    var label: CallArgument?
    for argument in arguments {
      switch argument.keyword?.name {
      case nil:
        guard data == nil else {
          throw error(
            "Value() takes 1 positional argument but \(arguments.filter { $0.keyword == nil }.count) were given",
            at: argument.span, notes: ["pass the label by name, as in Value(2.0, label='a')"])
        }
        data = argument
      case "data":
        guard data == nil else {
          throw error("Value() got multiple values for argument 'data'", at: argument.span)
        }
        data = argument
      case "label":
        label = argument
      case let name?:
        throw error(
          "Value() got an unexpected keyword argument '\(name)'",
          at: argument.keyword?.span ?? argument.span,
          notes: Suggestion.note(for: name, among: ["data", "label"]))
      }
    }
    guard let data else {
      throw error("Value() missing argument 'data'", at: span, notes: ["write Value(2.0)"])
    }
    guard let number = data.object.number else {
      var notes: [String] = []
      if case .value = data.object { notes = ["it is a Value already"] }
      throw error(
        "Value() data must be a number, not '\(data.object.typeName)'", at: data.span,
        notes: notes)
    }
    var text = ""
    if let label {
      guard case .string(let string) = label.object else {
        throw error(
          "label must be a string, not '\(label.object.typeName)'", at: label.span)
      }
      text = string
    }
    return .value(Value(number.double, label: text, on: tape))
  }

  /// `print(*objects, sep=' ', end='\n')`.
  private func print(_ arguments: [CallArgument]) throws -> Object {
    var separator = " "
    var terminator = "\n"
    var texts: [String] = []
    for argument in arguments {
      guard let keyword = argument.keyword else {
        texts.append(argument.object.text)
        continue
      }
      guard keyword.name == "sep" || keyword.name == "end" else {
        throw error(
          "print() got an unexpected keyword argument '\(keyword.name)'", at: keyword.span,
          notes: Suggestion.note(for: keyword.name, among: ["sep", "end"]))
      }
      let text: String
      switch argument.object {
      case .string(let string): text = string
      case .none: text = keyword.name == "sep" ? " " : "\n"
      default:
        throw error(
          "\(keyword.name) must be None or a string, not '\(argument.object.typeName)'",
          at: argument.span)
      }
      if keyword.name == "sep" { separator = text } else { terminator = text }
    }
    write(texts.joined(separator: separator) + terminator)
    return .none
  }

  /// `draw_dot(root)`: records the value to draw.
  private func drawDot(_ arguments: [CallArgument], span: SourceSpan) throws
    -> Object
  {
    if let keyword = arguments.first(where: { $0.keyword != nil })?.keyword {
      throw error("draw_dot() takes no keyword arguments", at: keyword.span)
    }
    guard arguments.count == 1 else {
      throw arityError("draw_dot", takes: 1, given: arguments.count, at: span)
    }
    guard case .value(let root) = arguments[0].object else {
      throw error(
        "draw_dot() needs a Value, not '\(arguments[0].object.typeName)'",
        at: arguments[0].span)
    }
    drawnRoot = root
    return .none
  }

  // MARK: - Methods

  private func call(
    _ method: ValueMethod, of value: Value, _ arguments: [CallArgument], span: SourceSpan
  ) throws -> Object {
    if let keyword = arguments.first(where: { $0.keyword != nil })?.keyword {
      throw error("\(method.rawValue)() takes no keyword arguments", at: keyword.span)
    }
    guard arguments.isEmpty else {
      throw arityError(method.rawValue, takes: 0, given: arguments.count, at: span)
    }
    switch method {
    case .tanh: return .value(value.tanh())
    case .exp: return .value(value.exp())
    case .relu: return .value(value.relu())
    case .backward:
      value.backward()
      scriptSetGradients = true
    case .backwardStep:
      value.backwardStep()
      scriptSetGradients = true
    }
    return .none
  }
}
