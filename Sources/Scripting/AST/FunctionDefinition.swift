/// A `def` or a `lambda`: the function's name, parameters and body, and its scope.
///
/// A class, so that the function objects made by running the definition share it.
final class FunctionDefinition {
  /// One parameter, with its default value's expression, evaluated when the `def` runs.
  struct Parameter {
    var name: String
    var span: SourceSpan
    var defaultValue: Expression?
  }

  /// The name, or `<lambda>`.
  let name: String
  let nameSpan: SourceSpan
  let parameters: [Parameter]
  let body: [Statement]
  /// The names that are local to the function: its parameters and every name it binds
  /// (Python's rule: a name assigned anywhere in a function is local throughout it), except
  /// those it declares `global` or `nonlocal`.
  let localNames: Set<String>
  /// The names it declares `global`.
  let globalNames: Set<String>
  /// The names it declares `nonlocal`.
  let nonlocalNames: Set<String>

  init(name: String, nameSpan: SourceSpan, parameters: [Parameter], body: [Statement]) {
    self.name = name
    self.nameSpan = nameSpan
    self.parameters = parameters
    self.body = body
    var bound = Set(parameters.map(\.name))
    var globals = Set<String>()
    var nonlocals = Set<String>()
    Self.collect(body, bound: &bound, globals: &globals, nonlocals: &nonlocals)
    self.localNames = bound.subtracting(globals).subtracting(nonlocals)
    self.globalNames = globals
    self.nonlocalNames = nonlocals
  }

  /// Collects the names that `statements` bind, and those they declare global or nonlocal,
  /// looking into blocks but not into nested functions. Blocks nest at most
  /// ``Limits/maxNesting`` deep, so the recursion is bounded.
  private static func collect(
    _ statements: [Statement], bound: inout Set<String>, globals: inout Set<String>,
    nonlocals: inout Set<String>
  ) {
    for statement in statements {
      switch statement.kind {
      case .assignment(let targets, _):
        for target in targets { bound.formUnion(target.names) }
      case .augmentedAssignment(let target, _, _, _):
        bound.formUnion(target.names)
      case .functionDefinition(let definition):
        bound.insert(definition.name)
      case .import(let bindings):
        bound.formUnion(bindings.map(\.name))
      case .delete(let targets):
        for target in targets { bound.formUnion(target.names) }
      case .global(let names):
        globals.formUnion(names)
      case .nonlocal(let names):
        nonlocals.formUnion(names)
      case .if(let branches, let orElse):
        for branch in branches {
          collect(branch.body, bound: &bound, globals: &globals, nonlocals: &nonlocals)
        }
        collect(orElse, bound: &bound, globals: &globals, nonlocals: &nonlocals)
      case .while(let branch, let orElse):
        collect(branch.body, bound: &bound, globals: &globals, nonlocals: &nonlocals)
        collect(orElse, bound: &bound, globals: &globals, nonlocals: &nonlocals)
      case .for(let target, _, let body, let orElse):
        bound.formUnion(target.names)
        collect(body, bound: &bound, globals: &globals, nonlocals: &nonlocals)
        collect(orElse, bound: &bound, globals: &globals, nonlocals: &nonlocals)
      case .expression, .return, .pass, .break, .continue, .assert, .skipped:
        break
      }
    }
  }
}
