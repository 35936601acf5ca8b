import Autograd

extension Trace {
  /// The value that `selector` names: a label, or a node name `nN` for the value at position
  /// N of the trace (the `#` column of `gradviz grads`).
  ///
  /// A label is looked up among all the values on the root's tape, so a value the root does
  /// not depend on can be named too. A selector that is both a label and a node name means
  /// the label.
  ///
  /// - Throws: ``InspectionError/unknownLabel(_:labels:)`` when no value has the label,
  ///   ``InspectionError/ambiguousLabel(_:positions:elsewhere:)`` when several do,
  ///   ``InspectionError/noSuchPosition(_:count:)`` for a position outside the trace,
  ///   ``InspectionError/emptySelector`` for an empty selector.
  /// - Complexity: O(n) in the number of values on the tape.
  public func select(_ selector: String) throws(InspectionError) -> Value {
    guard !selector.isEmpty else { throw .emptySelector }
    let tape = root.tape
    var matches: [Value] = []
    for id in 0..<tape.count {
      let value = Value(tape: tape, id: id)
      if value.label == selector { matches.append(value) }
    }
    if matches.count == 1 { return matches[0] }
    if matches.count > 1 {
      let positions = matches.compactMap { position(of: $0) }
      throw .ambiguousLabel(
        selector, positions: positions, elsewhere: matches.count - positions.count)
    }
    if let position = Trace.position(inNodeName: selector) {
      guard position < count else { throw .noSuchPosition(position, count: count) }
      return value(at: position)
    }
    throw .unknownLabel(selector, labels: knownLabels(limit: 12))
  }

  /// Up to `limit` distinct labels of the trace, in topological order.
  private func knownLabels(limit: Int) -> [String] {
    var seen = Set<String>()
    var known: [String] = []
    for label in labels {
      if label.isEmpty || !seen.insert(label).inserted { continue }
      known.append(label)
      if known.count == limit {
        known.append("...")
        break
      }
    }
    return known
  }
}
