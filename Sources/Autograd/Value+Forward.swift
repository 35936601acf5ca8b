import Foundation

extension Operation.Kind {
  /// The forward formula of each operation with at most two inputs: the output's data from
  /// its inputs' data `a`, `b` and the stored number `operand` (the exponent of `**`, the
  /// value of a constant). The formulas and their derivatives are documented on the
  /// operations (``Value/tanh()``, ``Value/**(_:_:)-(Value,Double)`` ...).
  ///
  /// `sum` and `dot` take any number of inputs; ``Tape/evaluate(_:)`` computes them. Here
  /// they give the two-input case (`a + b`, `a * b`).
  ///
  /// The operators call this with a constant kind, so the switch folds away.
  @inline(__always)
  package func forward(_ a: Double, _ b: Double, operand: Double) -> Double {
    switch self {
    case .leaf: a
    case .constant: operand
    case .add, .sum: a + b
    case .subtract: a - b
    case .multiply, .dot: a * b
    case .divide: a / b
    case .negate: -a
    case .power: Foundation.pow(a, operand)
    case .tanh: Foundation.tanh(a)
    case .exp: Foundation.exp(a)
    // micrograd's `0 if x < 0 else x`: relu(-2) is 0.0 and relu(nan) stays nan.
    case .relu: a < 0 ? 0 : a
    case .log: Foundation.log(a)
    case .sigmoid: Self.sigmoid(a)
    case .valuePower: Foundation.pow(a, b)
    case .opaque: a
    }
  }

  /// The logistic function, `1 / (1 + exp(-a))`, written so that neither branch overflows:
  /// for `a < 0` it is computed as `exp(a) / (1 + exp(a))`.
  @inline(__always)
  static func sigmoid(_ a: Double) -> Double {
    if a >= 0 { return 1 / (1 + Foundation.exp(-a)) }
    let e = Foundation.exp(a)
    return e / (1 + e)
  }
}

extension Tape {
  /// The data of node `node` computed again from the data of its inputs now on the tape; a
  /// leaf's or constant's own data.
  ///
  /// `sum` adds its inputs left to right; `dot` starts from its bias (an odd last input) and
  /// adds each product in turn, as micrograd's `sum((wi*xi for ...), b)` does, so the result
  /// is the same to the last bit.
  ///
  /// - Complexity: O(number of inputs).
  package func evaluate(_ node: Int) -> Double {
    let kind = kinds[node]
    if kind.isLeaf || kind == .opaque { return data[node] }
    let range = inputRange(node)
    let ids = inputIDs.base
    let data = self.data.base
    switch kind {
    case .sum:
      var total = data[Int(ids[range.lowerBound])]
      for position in range.dropFirst() { total += data[Int(ids[position])] }
      return total
    case .dot:
      return Self.dot(ids + range.lowerBound, count: range.count, data: data)
    default:
      let a = data[Int(ids[range.lowerBound])]
      let b = range.count > 1 ? data[Int(ids[range.lowerBound + 1])] : 0
      return kind.forward(a, b, operand: operands[node])
    }
  }

  /// `c + a₀·b₀ + a₁·b₁ + …` over `count` input ids laid out `a₀, b₀, a₁, b₁, …[, c]`.
  @inline(__always)
  static func dot(
    _ ids: UnsafeMutablePointer<Int32>, count: Int, data: UnsafeMutablePointer<Double>
  )
    -> Double
  {
    let pairs = count / 2
    var total = count % 2 == 1 ? data[Int(ids[count - 1])] : 0
    var p = 0
    if count % 2 == 0, pairs > 0 {
      total = data[Int(ids[0])] * data[Int(ids[1])]
      p = 1
    }
    while p < pairs {
      total += data[Int(ids[2 * p])] * data[Int(ids[2 * p + 1])]
      p += 1
    }
    return total
  }

  /// Runs the recorded computation again: recomputes the data of every node made by an
  /// operation, in creation order, from the data now held by its inputs.
  ///
  /// Change a leaf's `data`, call this, and every value downstream reflects the change; this
  /// is how finite differences are taken without re-running a script. Leaves and constants
  /// keep their data. Gradients are not touched. Like the plain operators, it follows IEEE
  /// 754 where an operation leaves its domain (`1/0` is inf); ``checkedForward(through:)``
  /// throws instead.
  ///
  /// - Parameter last: the last node to recompute; all nodes when `nil`.
  /// - Complexity: O(n + e) for n nodes recomputed and their e input edges; no recursion.
  public func forward(through last: Int? = nil) {
    let end = last.map { $0 + 1 } ?? count
    precondition(end <= count, "no node \(end - 1) on this tape (it has \(count))")
    for node in 0..<end where !kinds[node].isLeaf && kinds[node] != .opaque {
      data[node] = evaluate(node)
    }
  }

  /// Runs the recorded computation again as ``forward(through:)`` does, but stops at the
  /// first operation whose inputs are outside its domain.
  ///
  /// - Parameter last: the last node to recompute; all nodes when `nil`.
  /// - Throws: ``DomainError`` for the first node, in creation order, that divides by 0,
  ///   takes the log of a number `<= 0`, or raises 0 to a negative power or a negative number
  ///   to a fractional or ``Value`` power. Nodes before it hold their new data; it and the
  ///   nodes after it keep their old data.
  /// - Complexity: O(n + e) for n nodes recomputed and their e input edges; no recursion.
  public func checkedForward(through last: Int? = nil) throws(DomainError) {
    let end = last.map { $0 + 1 } ?? count
    precondition(end <= count, "no node \(end - 1) on this tape (it has \(count))")
    for node in 0..<end where !kinds[node].isLeaf && kinds[node] != .opaque {
      let range = inputRange(node)
      if range.count <= 2 {
        let a = data[Int(inputIDs[range.lowerBound])]
        let b = range.count > 1 ? data[Int(inputIDs[range.lowerBound + 1])] : 0
        try kinds[node].checkDomain(a, b, operand: operands[node])
      }
      data[node] = evaluate(node)
    }
  }
}
