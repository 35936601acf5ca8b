extension Operations {
  /// Any number of inputs added left to right, as one node (micrograd's `sum(...)` records a
  /// chain of `+`; this is the same number to the last bit).
  ///
  /// ```
  /// s = x₀ + x₁ + … + xₙ₋₁      ds/dxᵢ = 1
  /// ```
  package enum Sum: OperationRule {
    package static let name = "sum"
    package static let arity = Operation.Arity.oneOrMore

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      var total = x[0]
      var position = 1
      while position < x.count {
        total += x[position]
        position += 1
      }
      return total
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      for position in 0..<x.count { body(position, 1) }
    }
  }

  /// A weighted sum, as one node: inputs in pairs `a₀, b₀, a₁, b₁, …`, and an odd last input
  /// `c` (a neuron's bias), added first as micrograd's `sum((wi*xi for ...), b)` does.
  ///
  /// ```
  /// s = c + a₀·b₀ + a₁·b₁ + …      ds/daᵢ = bᵢ    ds/dbᵢ = aᵢ    ds/dc = 1
  /// ```
  /// The data is the same to the last bit as micrograd's chain of `*` and `+` nodes.
  package enum Dot: OperationRule {
    package static let name = "dot"
    package static let arity = Operation.Arity.pairsAndBias

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      let pairs = x.count / 2
      var total: Double
      var pair = 0
      if x.count % 2 == 1 {
        total = x[x.count - 1]
      } else {
        total = x[0] * x[1]
        pair = 1
      }
      while pair < pairs {
        total += x[2 * pair] * x[2 * pair + 1]
        pair += 1
      }
      return total
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      var position = 0
      while position + 1 < x.count {
        body(position, x[position + 1])
        body(position + 1, x[position])
        position += 2
      }
      if position < x.count { body(position, 1) }
    }
  }
}
