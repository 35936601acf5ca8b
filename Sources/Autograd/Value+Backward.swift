import Foundation

extension Tape {
  /// The nodes that `root` depends on, itself included: `result[i]` is true when node `i`
  /// reaches `root`.
  ///
  /// - Complexity: O(`root` + edges below it), one pass over ids in decreasing order; no
  ///   recursion.
  package func reachability(from root: Int) -> [Bool] {
    var reaches = [Bool](repeating: false, count: root + 1)
    reaches[root] = true
    inputIDs.withUnsafeBufferPointer { ids in
      for node in stride(from: root, through: 0, by: -1) where reaches[node] {
        for position in inputRange(node) { reaches[Int(ids[position])] = true }
      }
    }
    return reaches
  }

  /// The ids of the nodes that `root` depends on, `root` last, in topological order (every
  /// node after its inputs). This is the trace that pictures and tables are made from.
  ///
  /// - Complexity: O(`root` + edges below it); no recursion.
  public func topologicalOrder(from root: Int) -> [Int] {
    let reaches = reachability(from: root)
    var order: [Int] = []
    for node in 0...root where reaches[node] { order.append(node) }
    return order
  }

  /// The derivative of node `id` with respect to each of its inputs, in input order, at the
  /// data now on the tape. Leaves have none.
  ///
  /// The formulas are those in the operations' documentation:
  /// ```
  /// a + b   1, 1            a - b   1, -1          a * b   b, a
  /// a / b   1/b, -a/b²      -a      -1             a ** k  k·a^(k-1)
  /// tanh a  1 - tanh²a      exp a   exp a          relu a  1 if a > 0 else 0
  /// ```
  package func localDerivatives(of id: Int) -> (Double, Double) {
    let range = inputRange(id)
    let a = range.isEmpty ? 0 : data[Int(inputIDs[range.lowerBound])]
    let b = range.count < 2 ? 0 : data[Int(inputIDs[range.lowerBound + 1])]
    let out = data[id]
    switch kinds[id] {
    case .leaf, .constant: return (0, 0)
    case .add: return (1, 1)
    case .subtract: return (1, -1)
    case .multiply: return (b, a)
    case .divide: return (1 / b, -a / (b * b))
    case .negate: return (-1, 0)
    case .power:
      let k = operands[id]
      return (k * Foundation.pow(a, k - 1), 0)
    case .tanh: return (1 - out * out, 0)
    case .exp: return (out, 0)
    case .relu: return (a > 0 ? 1 : 0, 0)
    }
  }

  /// The chain rule at one node: adds `grad[id]` times each local derivative to that input's
  /// gradient (`+=`, so an input used twice gets both contributions).
  package func propagate(_ id: Int) {
    let range = inputRange(id)
    guard !range.isEmpty else { return }
    let upstream = grad[id]
    let (da, db) = localDerivatives(of: id)
    let first = Int(inputIDs[range.lowerBound])
    grad[first] += da * upstream
    gradKnown[first] = true
    if range.count > 1 {
      let second = Int(inputIDs[range.lowerBound + 1])
      grad[second] += db * upstream
      gradKnown[second] = true
    }
  }

  /// Backpropagation from `root`; see ``Value/backward()``.
  package func backward(from root: Int) {
    let reaches = reachability(from: root)
    for node in 0...root where reaches[node] {
      if kinds[node] != .leaf && kinds[node] != .constant || !gradKnown[node] {
        grad[node] = 0
      }
      gradKnown[node] = true
    }
    if kinds[root] == .leaf || kinds[root] == .constant {
      grad[root] += 1
    } else {
      grad[root] = 1
    }
    for node in stride(from: root, through: 0, by: -1) where reaches[node] {
      propagate(node)
    }
  }

  /// Sets every gradient on the tape to 0 and marks it computed.
  ///
  /// - Complexity: O(``count``).
  public func zeroGrad() {
    for node in grad.indices {
      grad[node] = 0
      gradKnown[node] = true
    }
  }
}

extension Value {
  /// Backpropagation: fills in the derivative of this value with respect to every value it
  /// depends on.
  ///
  /// Seeds this value's gradient with 1 and applies the chain rule at each node in reverse
  /// topological order (the tape's creation order, reversed), adding into each input's
  /// gradient, so a value used twice (`a + a`, `x * x`) gets both contributions.
  ///
  /// Calling it again is well defined, as in PyTorch: the gradients of values made by
  /// operations are recomputed from scratch on each call, while leaves (inputs, parameters)
  /// accumulate across calls until they are zeroed (``Tape/zeroGrad()``, or assign `grad`).
  ///
  /// - Complexity: O(n) time and O(n) bits of memory, where n is this value's id; no
  ///   recursion, so a chain of a million nodes is fine.
  public func backward() {
    tape.backward(from: id)
  }

  /// One node's local step of backpropagation, micrograd's `_backward()`: adds this value's
  /// gradient times each local derivative into its inputs' gradients. Does nothing for a leaf.
  ///
  /// - Complexity: O(1).
  public func backwardStep() {
    tape.propagate(id)
  }

  /// The derivative of this value with respect to each of its inputs, in input order.
  public var localDerivatives: [Double] {
    let (da, db) = tape.localDerivatives(of: id)
    return Array([da, db].prefix(tape.inputRange(id).count))
  }
}
