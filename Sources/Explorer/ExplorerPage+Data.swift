import Autograd
import Inspection
import Rendering

extension ExplorerPage {
  /// The numbers the page's script reads, as one JSON object.
  ///
  /// Numbers are written as Python prints them (`-3.0`, `0.9999999999999996`, `nan`), as
  /// strings, so the page shows exactly what `gradviz grads` and `why` print and reads the
  /// same doubles back:
  /// ```
  /// label, op, data, grad (null: not computed), kind (l leaf, p parameter, c constant,
  /// o operation), group (index into groups, or -1): one entry per value, in trace order
  /// inputs, local: every input edge, in operand order; inputEnds: where each value's end
  /// views: [{name, title, shown}]; collapse; summaryNames; summaryOf; maxNodes
  /// check: {h, tolerance, leaves: {k: [grad, numeric, abs, rel, result]},
  ///   nodes: {k: [[input, local, numeric, abs, rel, result], ...]}} or null with checkNote
  /// ```
  func dataJSON(drawing: Drawing, layout: ExplorerLayout) -> String {
    var json = JSONText()
    json.open()
    json.key("title")
    json.string(title)
    json.key("stepping")
    json.raw(startsStepping ? "true" : "false")
    json.key("maxNodes")
    json.raw(String(options.maxNodes))
    json.key("collapse")
    if let level = layout.collapse { json.string(level.rawValue) } else { json.raw("null") }

    let n = drawing.valueCount
    json.key("label")
    json.array(drawing.labels) { $0.string($1) }
    json.key("op")
    json.array(drawing.ops) { $0.string($1) }
    json.key("data")
    json.array(drawing.data) { $0.string(PythonFormat.float($1)) }
    json.key("grad")
    json.array(0..<n) { json, k in
      if drawing.gradComputed[k] {
        json.string(PythonFormat.float(drawing.grads[k]))
      } else {
        json.raw("null")
      }
    }
    json.key("kind")
    json.array(0..<n) { json, k in
      switch drawing.kinds[k] {
      case .leaf: json.string(drawing.groups[k] >= 0 ? "p" : "l")
      case .constant: json.string("c")
      default: json.string("o")
      }
    }
    json.key("group")
    json.array(drawing.groups) { $0.raw(String($1)) }
    json.key("groups")
    json.array(drawing.trace.groupTable) { $0.string($1.description) }
    json.key("inputs")
    json.array(drawing.inputs) { $0.raw(String($1)) }
    json.key("inputEnds")
    json.array(drawing.trace.inputEnds) { $0.raw(String($1)) }
    json.key("local")
    json.array(drawing.localDerivatives) { $0.string(PythonFormat.float($1)) }

    json.key("views")
    json.array(layout.views) { json, view in
      json.open()
      json.key("name")
      json.string(view.name)
      json.key("title")
      json.string(view.title)
      json.key("shown")
      json.array(view.shown) { $0.raw(String($1)) }
      json.close()
    }
    json.key("summaryNames")
    json.array(layout.summaryNames) { $0.string($1) }
    json.key("summaryOf")
    json.array(layout.summaryOf) { $0.raw(String($1)) }
    json.key("unopened")
    json.open()
    for (name, size) in layout.unopened.sorted(by: { $0.key < $1.key }) {
      json.key(name)
      json.raw(String(size))
    }
    json.close()

    json.key("check")
    if n <= Self.checkLimit {
      writeCheck(GradientCheck(root: root), into: &json)
      json.key("checkNote")
      json.string("")
    } else {
      json.raw("null")
      json.key("checkNote")
      json.string(
        "not in the page for graphs of more than \(Self.checkLimit) values "
          + "(this one has \(n)); run gradviz check")
    }
    json.close()
    return json.text
  }

  /// The check of every leaf and operation, by trace position, as `gradviz check` prints it.
  private func writeCheck(_ check: GradientCheck, into json: inout JSONText) {
    func cells(_ c: DerivativeComparison, into json: inout JSONText) {
      json.string(c.analytic.map(NumberText.full) ?? "-")
      json.string(NumberText.full(c.numeric))
      json.string(c.analytic == nil ? "" : NumberText.short(c.absoluteError))
      json.string(c.analytic == nil ? "" : NumberText.short(c.relativeError))
      json.string(c.status.rawValue)
    }
    json.open()
    json.key("h")
    json.string(NumberText.full(check.options.h))
    json.key("tolerance")
    json.string(NumberText.full(check.options.tolerance))
    json.key("leaves")
    json.open()
    for result in check.leaves {
      json.key(String(result.position))
      json.openArray()
      cells(result.comparison, into: &json)
      json.closeArray()
    }
    json.close()
    json.key("nodes")
    json.open()
    var position = -1
    for result in check.nodes {
      if result.position != position {
        if position >= 0 { json.closeArray() }
        position = result.position
        json.key(String(position))
        json.openArray()
      }
      json.openArray()
      json.raw(String(result.inputPosition))
      cells(result.comparison, into: &json)
      json.closeArray()
    }
    if position >= 0 { json.closeArray() }
    json.close()
    json.close()
  }
}
