/// A `def`: the function's name, parameters and body.
///
/// A class, so that the function objects made by running the definition share it.
final class FunctionDefinition {
  let name: String
  let nameSpan: SourceSpan
  let parameters: [(name: String, span: SourceSpan)]
  let body: [Statement]
  /// The names that are local to the function: its parameters and every name it assigns
  /// (Python's rule: a name assigned anywhere in a function is local throughout it).
  let localNames: Set<String>

  init(
    name: String, nameSpan: SourceSpan, parameters: [(name: String, span: SourceSpan)],
    body: [Statement]
  ) {
    self.name = name
    self.nameSpan = nameSpan
    self.parameters = parameters
    self.body = body
    var locals = Set(parameters.map(\.name))
    for statement in body {
      switch statement.kind {
      case .assignment(let targets, _):
        for case .name(let name, _) in targets { locals.insert(name) }
      case .augmentedAssignment(.name(let name, _), _, _, _):
        locals.insert(name)
      case .functionDefinition(let definition):
        locals.insert(definition.name)
      default:
        break
      }
    }
    self.localNames = locals
  }
}
