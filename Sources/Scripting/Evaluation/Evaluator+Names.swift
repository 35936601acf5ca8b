import Autograd

/// Names: looking them up through the scopes, binding them, and the errors for names that
/// are not there.
extension Evaluator {
  /// The module names that a notebook imports for plotting, which gradviz skips.
  static let plottingModules: Set<String> = ["numpy", "matplotlib", "pylab", "seaborn"]
  /// The usual aliases of the plotting modules.
  static let plottingAliases: Set<String> = ["np", "plt", "numpy", "matplotlib", "sns", "pylab"]

  /// The object `name` refers to: a name of the innermost scopes outward, a global, or a
  /// builtin.
  ///
  /// - Throws: for a name that is not bound, or that a skipped line bound.
  func lookUp(_ name: String, at span: SourceSpan) throws -> Object {
    var current = scope
    var isInnermostFunction = true
    while let enclosing = current {
      if let definition = enclosing.definition {
        if definition.localNames.contains(name) {
          if let object = enclosing.values[name] { return object }
          throw unbound(name, at: span, local: isInnermostFunction, in: definition)
        }
        if definition.globalNames.contains(name) { break }
        isInnermostFunction = false
      } else if let object = enclosing.values[name] {
        return object
      }
      current = enclosing.parent
    }
    if let object = globals[name] {
      if case .skipped(let record) = object { throw skippedName(name, record, at: span) }
      return object
    }
    if let builtin = Builtin(rawValue: name) { return .builtin(builtin) }
    if name == "__name__" { return .string("__main__") }
    throw undefined(name, at: span)
  }

  /// Binds `name` to `object` in the current scope, or where `global` and `nonlocal` say.
  ///
  /// - Parameter labelling: whether this is a top-level assignment, after which a `Value`
  ///   with an empty label takes the name as its label and becomes the default root.
  func bind(_ name: String, to object: Object, at span: SourceSpan, labelling: Bool = false)
    throws
  {
    guard let current = scope, let definition = current.definition else {
      globals[name] = object
      if labelling, case .value(let value) = object {
        if value.label.isEmpty { value.label = name }
        lastAssigned = value
      }
      return
    }
    if definition.globalNames.contains(name) {
      globals[name] = object
    } else if definition.nonlocalNames.contains(name) {
      try enclosingScope(declaring: name, from: current, at: span).values[name] = object
    } else {
      current.values[name] = object
    }
  }

  /// Unbinds `name`: `del name`.
  func unbind(_ name: String, at span: SourceSpan) throws {
    if let current = scope, let definition = current.definition,
      !definition.globalNames.contains(name)
    {
      let owner =
        definition.nonlocalNames.contains(name)
        ? try enclosingScope(declaring: name, from: current, at: span) : current
      guard owner.values.removeValue(forKey: name) != nil else {
        throw unbound(name, at: span, local: true, in: definition)
      }
      return
    }
    guard globals.removeValue(forKey: name) != nil else { throw undefined(name, at: span) }
  }

  /// The scope of the enclosing function that binds `name`, for `nonlocal name`.
  private func enclosingScope(declaring name: String, from current: Scope, at span: SourceSpan)
    throws -> Scope
  {
    var outer = current.parent
    while let candidate = outer {
      if let definition = candidate.definition, definition.localNames.contains(name) {
        return candidate
      }
      outer = candidate.parent
    }
    throw error("no binding for nonlocal '\(name)' found", at: span)
  }

  // MARK: - Errors

  private func unbound(
    _ name: String, at span: SourceSpan, local: Bool, in definition: FunctionDefinition
  ) -> ScriptError {
    if local {
      return error(
        "local variable '\(name)' referenced before assignment", at: span,
        notes: [
          "'\(name)' is assigned somewhere in \(definition.name)(), so it is local throughout it; "
            + "write 'global \(name)' to use the global one"
        ])
    }
    return error(
      "cannot access free variable '\(name)' where it is not associated with a value in "
        + "enclosing scope", at: span)
  }

  /// The error for a name a skipped line bound.
  func skippedName(_ name: String, _ record: SkipRecord, at span: SourceSpan) -> ScriptError {
    error(
      "name '\(name)' is not defined, because line \(record.line) was skipped", at: span,
      notes: ["line \(record.line) was skipped: \(record.reason)"])
  }

  /// `name 'x' is not defined`, with a note on why when there is a likely reason: the name is
  /// defined further down, is misspelt, or is a module that was not imported.
  func undefined(_ name: String, at span: SourceSpan) -> ScriptError {
    let line = source.location(of: span.start).line
    var notes: [String] = []
    if let defined = bindingLines[name] {
      notes =
        defined > line
        ? ["\(name) is defined on line \(defined) but used on line \(line)"]
        : ["\(name) is assigned on line \(defined), but that assignment has not run"]
    } else if Self.plottingAliases.contains(name) {
      notes = ["numpy and matplotlib are out of scope; gradviz skips plotting at the top level"]
    } else if Module(rawValue: name) != nil {
      notes = ["write 'import \(name)' first"]
    } else {
      var visible =
        Array(globals.keys) + Builtin.allCases.map(\.rawValue) + ["True", "False", "None"]
      var enclosing = scope
      while let current = enclosing {
        visible += current.values.keys
        visible += current.definition?.localNames ?? []
        enclosing = current.parent
      }
      notes = Suggestion.note(for: name, among: visible)
      if notes.isEmpty, ["log", "sigmoid", "sqrt", "sin", "cos"].contains(name) {
        notes = ["gradviz has no function '\(name)'; Value has tanh(), exp() and relu()"]
      }
    }
    return error("name '\(name)' is not defined", at: span, notes: notes)
  }
}
