import Foundation

extension Operation.Kind {
  /// The forward formula of each operation: the output's data from its inputs' data `a`, `b`
  /// and the stored number `operand` (the exponent of `**`, the value of a constant).
  ///
  /// The operators call this with a constant kind, so the switch folds away.
  @inline(__always)
  package func forward(_ a: Double, _ b: Double, operand: Double) -> Double {
    switch self {
    case .leaf: a
    case .constant: operand
    case .add: a + b
    case .subtract: a - b
    case .multiply: a * b
    case .divide: a / b
    case .negate: -a
    case .power: Foundation.pow(a, operand)
    case .tanh: Foundation.tanh(a)
    case .exp: Foundation.exp(a)
    case .relu: a > 0 ? a : 0
    }
  }
}

extension Tape {
  /// Runs the recorded computation again: recomputes the data of every node made by an
  /// operation, in creation order, from the data now held by its inputs.
  ///
  /// Change a leaf's `data`, call this, and every value downstream reflects the change; this
  /// is how finite differences are taken without re-running a script. Leaves and constants
  /// keep their data. Gradients are not touched.
  ///
  /// - Parameter last: the last node to recompute; all nodes when `nil`.
  /// - Complexity: O(n) for n nodes recomputed; no recursion.
  public func forward(through last: Int? = nil) {
    let end = last.map { $0 + 1 } ?? count
    for node in 0..<end {
      let kind = kinds[node]
      if kind == .leaf || kind == .constant { continue }
      let range = inputRange(node)
      let a = data[Int(inputIDs[range.lowerBound])]
      let b = range.count > 1 ? data[Int(inputIDs[range.lowerBound + 1])] : 0
      data[node] = kind.forward(a, b, operand: operands[node])
    }
  }
}
