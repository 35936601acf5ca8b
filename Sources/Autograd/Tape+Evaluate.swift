extension Tape {
  /// The data of node `node` computed again from the data of its inputs now on the tape; a
  /// leaf's or constant's own data. The tape is not changed.
  ///
  /// This is one step of ``forward(through:)``: with it, a caller can move one input of one
  /// node and see how that node alone responds, which is how each operation's local
  /// derivatives are checked against finite differences.
  ///
  /// - Complexity: O(number of inputs).
  package func evaluate(_ node: Int) -> Double {
    let kind = kinds[node]
    if kind == .leaf || kind == .constant { return data[node] }
    let range = inputRange(node)
    let a = data[Int(inputIDs[range.lowerBound])]
    let b = range.count > 1 ? data[Int(inputIDs[range.lowerBound + 1])] : 0
    return kind.forward(a, b, operand: operands[node])
  }
}
