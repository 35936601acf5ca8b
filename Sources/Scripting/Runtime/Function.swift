/// A function object: a `def` or `lambda` with the scope it was defined in and its default
/// values, evaluated when the definition ran.
final class Function {
  let definition: FunctionDefinition
  /// The scope of the function whose body defined this one, for its free names; `nil` for a
  /// function defined at the top level.
  var closure: Scope?
  /// The default value of each parameter, or `nil` for none.
  var defaults: [Object?]

  init(definition: FunctionDefinition, closure: Scope?, defaults: [Object?]) {
    self.definition = definition
    self.closure = closure
    self.defaults = defaults
  }

  deinit {
    guard closure != nil || defaults.contains(where: { $0?.isContainer == true }) else { return }
    var objects = defaults.compactMap { $0 }
    defaults = []
    var scopes = closure.map { [$0] } ?? []
    closure = nil
    Reclaimer.bury(&objects, scopes: &scopes)
  }
}

/// The names bound in one call of a function, or in one comprehension.
final class Scope {
  var values: [String: Object]
  /// The scope this one's free names are looked up in: the defining function's scope for a
  /// function, the surrounding scope for a comprehension.
  var parent: Scope?
  /// The function whose call this is; `nil` for a comprehension.
  let definition: FunctionDefinition?

  init(values: [String: Object] = [:], parent: Scope?, definition: FunctionDefinition?) {
    self.values = values
    self.parent = parent
    self.definition = definition
  }

  deinit {
    guard parent != nil || values.values.contains(where: \.isContainer) else { return }
    var objects = Array(values.values)
    values = [:]
    var scopes = parent.map { [$0] } ?? []
    parent = nil
    Reclaimer.bury(&objects, scopes: &scopes)
  }
}
