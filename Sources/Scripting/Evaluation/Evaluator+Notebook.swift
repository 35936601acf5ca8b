/// What a pasted notebook needs: imports, and leaving out the lines gradviz cannot run.
///
/// `import math` and `import random` give those modules; `from micrograd.engine import
/// Value` gives gradviz's own `Value`. Any other import binds its names to a record of the
/// skipped line, silently. At the top level, a line that uses numpy or matplotlib is skipped
/// as plotting, and an assignment that uses a name a skipped line bound is skipped too,
/// binding its own names the same way; each with a one-line note. Any other use of such a
/// name is an error that names the skipped line.
extension Evaluator {
  /// Runs `import` and `from ... import`.
  func importModules(_ bindings: [ImportBinding]) throws {
    for binding in bindings {
      let root = String(binding.module.prefix { $0 != "." })
      let line = source.location(of: binding.span.start).line
      if binding.member == "*" {
        if let module = Module(rawValue: binding.module) {
          for name in module.memberNames {
            try bind(
              name, to: try attribute(name, of: .module(module), at: binding.span), at: binding.span
            )
          }
        } else if root == "micrograd" {
          for name in Self.microgradNames {
            try bind(name, to: try lookUp(name, at: binding.span), at: binding.span)
          }
        }
        continue
      }
      try bind(binding.name, to: try imported(binding, root: root, line: line), at: binding.span)
    }
  }

  /// The names micrograd's packages have that gradviz provides.
  static let microgradNames = ["Value", "draw_dot"] + Builtin.modelClassNames

  /// What `binding` binds its name to.
  private func imported(_ binding: ImportBinding, root: String, line: Int) throws -> Object {
    if let module = Module(rawValue: binding.module) {
      guard let member = binding.member else { return .module(module) }
      guard module.memberNames.contains(member) else {
        throw error(
          "cannot import name '\(member)' from '\(module.rawValue)'", at: binding.span,
          notes: Suggestion.note(for: member, among: module.memberNames))
      }
      return try attribute(member, of: .module(module), at: binding.span)
    }
    if root == "micrograd", let member = binding.member, Self.microgradNames.contains(member) {
      return try lookUp(member, at: binding.span)
    }
    let reason: String
    var isPlotting = false
    if Self.plottingModules.contains(root) {
      reason = "numpy and matplotlib are out of scope"
      isPlotting = true
    } else if root == "graphviz" {
      reason = "gradviz draws the graph itself"
    } else if root == "micrograd" {
      reason = "gradviz provides micrograd's \(Self.microgradNames.joined(separator: ", ")) only"
    } else {
      reason = "gradviz does not have the module '\(root)'"
    }
    return .skipped(SkipRecord(line: line, reason: reason, isPlotting: isPlotting))
  }

  // MARK: - Skipping lines

  /// Whether a top-level statement is skipped: it uses numpy or matplotlib, or it is an
  /// assignment that uses a name a skipped line bound. A skipped assignment binds its names
  /// to a record of this line.
  func skipsTopLevel(_ statement: Statement) throws -> Bool {
    var targetNames: () -> [String] = { [] }
    var plotting: String?
    var uses: (name: String, record: SkipRecord)?
    let consider = { (name: String) in
      if case .skipped(let record)? = self.globals[name] {
        if record.isPlotting { plotting = plotting ?? name } else { uses = uses ?? (name, record) }
      } else if Self.plottingAliases.contains(name), self.globals[name] == nil {
        plotting = plotting ?? name
      }
    }
    switch statement.kind {
    case .expression(let expression):
      expression.forEachName(consider)
    case .assignment(let assigned, let expression):
      targetNames = { assigned.flatMap(\.names) }
      expression.forEachName(consider)
      for target in assigned { target.forEachName(consider) }
    case .augmentedAssignment(let target, _, _, let expression):
      targetNames = { target.names }
      expression.forEachName(consider)
      target.forEachName(consider)
      target.names.forEach(consider)
    default:
      return false
    }
    let line = source.location(of: statement.span.start).line
    let reason: String
    if plotting != nil {
      reason = "numpy and matplotlib are out of scope"
    } else if let uses, !targetNames().isEmpty || isAssignment(statement) {
      reason =
        "it uses '\(uses.name)', which line \(uses.record.line) did not bind (\(uses.record.reason))"
    } else {
      return false
    }
    note("skipped '\(excerpt(of: statement.span))': \(reason)", at: statement.span)
    let record = SkipRecord(
      line: line,
      reason: uses.map { "it uses '\($0.name)' from line \($0.record.line), which was skipped" }
        ?? reason,
      isPlotting: false)
    for name in targetNames() { globals[name] = .skipped(record) }
    return true
  }

  private func isAssignment(_ statement: Statement) -> Bool {
    switch statement.kind {
    case .assignment, .augmentedAssignment: true
    default: false
    }
  }

  /// The statement's text on its first line, shortened to about 40 characters.
  private func excerpt(of span: SourceSpan) -> String {
    let line = source.location(of: span.start).line
    let end = min(span.end, source.lineEnd(line))
    let text = source.text(of: SourceSpan(start: span.start, end: end))
    guard text.count > 40 else { return text }
    return String(text.prefix(37)) + "..."
  }
}
