import Autograd

extension Evaluator {
  /// An evaluated argument of a call.
  struct CallArgument {
    var keyword: (name: String, span: SourceSpan)?
    var object: Object
    /// The argument's expression.
    var span: SourceSpan
  }

  /// `callee(arguments)`: evaluates the callee, then the arguments left to right (spreading
  /// `*iterable`), then calls.
  func evaluateCall(_ calleeExpression: Expression, _ arguments: [Argument], span: SourceSpan)
    throws -> Object
  {
    let callee = try evaluate(calleeExpression)
    var evaluated: [CallArgument] = []
    evaluated.reserveCapacity(arguments.count)
    for argument in arguments {
      let object = try evaluate(argument.value)
      if argument.isUnpacked {
        guard isIterable(object) else { throw notIterable(object, at: argument.value.span) }
        for element in try collect(object, at: argument.value.span) {
          evaluated.append(CallArgument(keyword: nil, object: element, span: argument.value.span))
        }
      } else {
        evaluated.append(
          CallArgument(keyword: argument.keyword, object: object, span: argument.value.span))
      }
    }
    return try call(callee, evaluated, span: span, calleeSpan: calleeExpression.span)
  }

  /// Calls `callee` with evaluated arguments.
  func call(_ callee: Object, _ arguments: [CallArgument], span: SourceSpan, calleeSpan: SourceSpan)
    throws -> Object
  {
    switch callee {
    case .function(let function):
      return try call(function, arguments, span: span)
    case .builtin(let builtin):
      return try call(builtin, arguments, span: span)
    case .method(let receiver, let name):
      return try callMethod(name, of: receiver, arguments, span: span)
    case .model(let model):
      return try callModel(model, arguments, span: span)
    default:
      var notes: [String] = []
      if case .value = callee {
        notes = ["a Value is not a function; did you mean to multiply with '*'?"]
      }
      if callee.number != nil {
        notes = ["a number is not a function; did you mean to multiply with '*'?"]
      }
      throw error("'\(callee.typeName)' object is not callable", at: calleeSpan, notes: notes)
    }
  }

  /// `f() takes 1 argument but 2 were given`.
  func arityError(
    _ name: String, takes expected: Int, given: Int, at span: SourceSpan, notes: [String] = []
  ) -> ScriptError {
    let takes = expected == 1 ? "1 argument" : "\(expected) arguments"
    let given = given == 1 ? "1 was given" : "\(given) were given"
    return error("\(name)() takes \(takes) but \(given)", at: span, notes: notes)
  }

  // MARK: - User functions

  private func call(_ function: Function, _ arguments: [CallArgument], span: SourceSpan)
    throws -> Object
  {
    let definition = function.definition
    let locals = try bind(arguments, to: function, span: span)
    guard frames.count < Limits.maxCallDepth else {
      throw error("maximum recursion depth exceeded", at: span)
    }
    frames.append(Frame(function: definition, callSpan: span))
    let outer = scope
    scope = Scope(values: locals, parent: function.closure, definition: definition)
    defer {
      scope = outer
      frames.removeLast()
    }
    switch try execute(definition.body) {
    case .returned(let object): return object
    case .normal, .breakLoop, .continueLoop: return .none
    }
  }

  /// The locals of a call of `function`: its parameters bound to `arguments`, or to their
  /// defaults.
  ///
  /// - Throws: when the arguments do not match the parameters.
  private func bind(_ arguments: [CallArgument], to function: Function, span: SourceSpan)
    throws -> [String: Object]
  {
    let definition = function.definition
    let parameters = definition.parameters.map(\.name)
    let name = definition.name
    let signature = "\(name)(\(parameters.joined(separator: ", ")))"
    let definedAt = ["\(signature) is defined at \(source.position(of: definition.nameSpan))"]
    let positional = arguments.filter { $0.keyword == nil }
    let required = function.defaults.filter { $0 == nil }.count
    if positional.count > parameters.count {
      let takes =
        required == parameters.count
        ? "\(parameters.count) positional argument\(parameters.count == 1 ? "" : "s")"
        : "from \(required) to \(parameters.count) positional arguments"
      let given = positional.count == 1 ? "1 was given" : "\(positional.count) were given"
      throw error("\(name)() takes \(takes) but \(given)", at: span, notes: definedAt)
    }
    var locals: [String: Object] = [:]
    for (parameter, argument) in zip(parameters, positional) {
      locals[parameter] = argument.object
    }
    for argument in arguments {
      guard let keyword = argument.keyword else { continue }
      guard parameters.contains(keyword.name) else {
        throw error(
          "\(name)() got an unexpected keyword argument '\(keyword.name)'",
          at: keyword.span, notes: Suggestion.note(for: keyword.name, among: parameters))
      }
      guard locals[keyword.name] == nil else {
        throw error(
          "\(name)() got multiple values for argument '\(keyword.name)'", at: keyword.span)
      }
      locals[keyword.name] = argument.object
    }
    var missing: [String] = []
    for (index, parameter) in parameters.enumerated() where locals[parameter] == nil {
      if let defaultValue = function.defaults[index] {
        locals[parameter] = defaultValue
      } else {
        missing.append(parameter)
      }
    }
    if !missing.isEmpty {
      let quoted = missing.map { "'\($0)'" }
      let list =
        quoted.count == 1
        ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
      let plural = missing.count == 1 ? "argument" : "arguments"
      throw error(
        "\(name)() missing \(missing.count) required positional \(plural): \(list)",
        at: span, notes: definedAt)
    }
    return locals
  }
}
