import Foundation

extension Operation.Kind {
  /// The derivative of a one-input operation at input `a`, output `out` and number operand
  /// `k` (the exponent of `**`):
  /// ```
  /// -a      -1                 a ** k   k·a^(k-1)  (0 when k = 0, even at a = 0)
  /// tanh a  1 - tanh²a         exp a    exp a
  /// relu a  1 if a > 0 else 0  log a    1/a
  /// sigmoid a   σ(a)·(1 - σ(a))
  /// ```
  @inline(__always)
  package func derivative(_ a: Double, out: Double, operand k: Double) -> Double {
    switch self {
    case .negate: -1
    case .power: k == 0 ? 0 : k * Foundation.pow(a, k - 1)
    case .tanh: 1 - out * out
    case .exp: out
    case .relu: a > 0 ? 1 : 0
    case .log: 1 / a
    case .sigmoid: out * (1 - out)
    default: 0
    }
  }

  /// The derivatives of `a ** b` with a ``Value`` exponent:
  /// ```
  /// c = a ** b    dc/da = b·a^(b-1)    dc/db = a^b · ln a
  /// ```
  /// At `a = 0` the limit from above is used for `dc/db`: 0 when `b > 0` (`0^b` is 0 for
  /// every positive `b`), -inf when `b <= 0`. `dc/da` is 0 when `b = 0`.
  @inline(__always)
  static func valuePowerDerivatives(_ a: Double, _ b: Double, out: Double) -> (Double, Double) {
    let da = b == 0 ? 0 : b * Foundation.pow(a, b - 1)
    let db = a == 0 ? (b > 0 ? 0 : -Double.infinity) : out * Foundation.log(a)
    return (da, db)
  }
}

extension Tape {
  /// The nodes that `root` depends on, itself included: `result[i]` is true when node `i`
  /// reaches `root`.
  ///
  /// - Complexity: O(`root` + edges below it), one pass over ids in decreasing order; no
  ///   recursion.
  package func reachability(from root: Int) -> [Bool] {
    check(root)
    var reaches = [Bool](repeating: false, count: root + 1)
    reaches[root] = true
    let ids = inputIDs.base
    let starts = inputStarts.base
    reaches.withUnsafeMutableBufferPointer { reaches in
      for node in stride(from: root, through: 0, by: -1) where reaches[node] {
        for position in Int(starts[node])..<Int(starts[node + 1]) {
          reaches[Int(ids[position])] = true
        }
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
  /// a / b   1/b, -a/b²      a ** b  b·a^(b-1), a^b·ln a
  /// sum     1 for each      dot     bᵢ for aᵢ, aᵢ for bᵢ, 1 for the bias
  /// ```
  /// and ``Operation/Kind/derivative(_:out:operand:)`` for one-input operations.
  ///
  /// - Complexity: O(number of inputs).
  package func localDerivatives(of id: Int) -> [Double] {
    let range = inputRange(id)
    let input = { (offset: Int) in self.data[Int(self.inputIDs[range.lowerBound + offset])] }
    switch kinds[id] {
    case .leaf, .constant: return []
    case .add: return [1, 1]
    case .subtract: return [1, -1]
    case .multiply: return [input(1), input(0)]
    case .divide:
      let a = input(0)
      let b = input(1)
      return [1 / b, -a / (b * b)]
    case .valuePower:
      let (da, db) = Operation.Kind.valuePowerDerivatives(input(0), input(1), out: data[id])
      return [da, db]
    case .sum: return [Double](repeating: 1, count: range.count)
    case .opaque: return [Double](repeating: .nan, count: range.count)
    case .dot:
      var result: [Double] = []
      result.reserveCapacity(range.count)
      for pair in 0..<range.count / 2 {
        result.append(input(2 * pair + 1))
        result.append(input(2 * pair))
      }
      if range.count % 2 == 1 { result.append(1) }
      return result
    case let kind:
      return [kind.derivative(input(0), out: data[id], operand: operands[id])]
    }
  }

  /// The chain rule at one node: adds `grad[id]` times each local derivative to that input's
  /// gradient (`+=`, so an input used twice gets both contributions).
  ///
  /// - Complexity: O(number of inputs).
  package func propagate(_ id: Int) {
    let upstream = grad[id]
    for (position, derivative) in zip(inputRange(id), localDerivatives(of: id)) {
      let input = Int(inputIDs[position])
      grad[input] += derivative * upstream
      gradKnown[input] = true
    }
  }

  /// Backpropagation from `root`; see ``Value/backward()``.
  ///
  /// One pass over the ids from `root` down to 0. A node is reached when a node that reaches
  /// `root` uses it; on first reaching a node made by an operation its gradient is set to 0
  /// before anything is added to it, so interior gradients are recomputed from scratch, while
  /// leaves (and constants) keep adding up. Every contribution to a node comes from a node
  /// with a larger id, so each node's gradient is complete when the loop gets to it.
  ///
  /// - Complexity: O(`root` + edges below it) time, `root` + 1 bytes of scratch memory.
  package func backward(from root: Int) {
    check(root)
    let reached = UnsafeMutablePointer<Bool>.allocate(capacity: root + 1)
    reached.initialize(repeating: false, count: root + 1)
    defer { reached.deallocate() }
    let data = self.data.base
    let grad = self.grad.base
    let known = gradKnown.base
    let kinds = self.kinds.base
    let operands = self.operands.base
    let starts = inputStarts.base
    let ids = inputIDs.base

    if kinds[root].isLeaf { grad[root] += 1 } else { grad[root] = 1 }
    known[root] = true
    reached[root] = true

    /// Adds `contribution` to the gradient of `input`, starting it at 0 if it is an interior
    /// node reached for the first time.
    @inline(__always) func add(_ input: Int32, _ contribution: Double) {
      let j = Int(input)
      if !reached[j] {
        reached[j] = true
        known[j] = true
        if !kinds[j].isLeaf { grad[j] = 0 }
      }
      grad[j] += contribution
    }

    for node in stride(from: root, through: 0, by: -1) where reached[node] {
      let kind = kinds[node]
      if kind.isLeaf { continue }
      let g = grad[node]
      let start = Int(starts[node])
      let end = Int(starts[node + 1])
      switch kind {
      case .add:
        add(ids[start], g)
        add(ids[start + 1], g)
      case .subtract:
        add(ids[start], g)
        add(ids[start + 1], -g)
      case .multiply:
        let a = ids[start]
        let b = ids[start + 1]
        let da = data[Int(b)]
        let db = data[Int(a)]
        add(a, da * g)
        add(b, db * g)
      case .divide:
        let a = ids[start]
        let b = ids[start + 1]
        let x = data[Int(a)]
        let y = data[Int(b)]
        add(a, g / y)
        add(b, -x / (y * y) * g)
      case .valuePower:
        let a = ids[start]
        let b = ids[start + 1]
        let (da, db) = Operation.Kind.valuePowerDerivatives(
          data[Int(a)], data[Int(b)], out: data[node])
        add(a, da * g)
        add(b, db * g)
      case .sum:
        for position in start..<end { add(ids[position], g) }
      case .dot:
        var position = start
        while position + 1 < end {
          let a = ids[position]
          let b = ids[position + 1]
          let da = data[Int(b)]
          let db = data[Int(a)]
          add(a, da * g)
          add(b, db * g)
          position += 2
        }
        if position < end { add(ids[position], g) }
      case .opaque:
        // No local derivative is known: its inputs get nothing through it.
        break
      default:
        let a = ids[start]
        add(a, kind.derivative(data[Int(a)], out: data[node], operand: operands[node]) * g)
      }
    }
  }

  /// Sets every gradient on the tape to 0 and marks it computed.
  ///
  /// - Complexity: O(``count``).
  public func zeroGrad() {
    grad.fill(from: 0, count: count, with: 0)
    gradKnown.fill(from: 0, count: count, with: true)
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
  /// operations are recomputed from scratch on each call, while leaves (inputs, parameters,
  /// constants) accumulate across calls until they are zeroed (``Tape/zeroGrad()``, a model's
  /// `zeroGrad()`, or assigning `grad`). So calling it twice without zeroing gives leaves
  /// exactly twice the gradient, and every interior value its single gradient. (micrograd
  /// leaves interior gradients in place and adds to them, so its second call gives leaves a
  /// value that is neither.) Values that do not reach this one are not touched.
  ///
  /// - Complexity: O(n + e) time and n bytes of scratch memory, where n is this value's id
  ///   and e the number of input edges below it; no recursion, so a chain of a million nodes
  ///   is fine.
  public func backward() {
    tape.backward(from: id)
  }

  /// One node's local step of backpropagation, micrograd's `_backward()`: adds this value's
  /// gradient times each local derivative into its inputs' gradients. Does nothing for a leaf.
  ///
  /// - Complexity: O(number of inputs).
  public func backwardStep() {
    tape.check(id)
    tape.propagate(id)
  }

  /// The derivative of this value with respect to each of its inputs, in input order, at the
  /// data now on the tape; empty for a leaf.
  public var localDerivatives: [Double] {
    tape.check(id)
    return tape.localDerivatives(of: id)
  }
}
