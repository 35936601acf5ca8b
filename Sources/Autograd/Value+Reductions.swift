extension Value {
  /// The sum of any number of values, recorded as one node.
  ///
  /// ```
  /// s = x₀ + x₁ + … + xₙ₋₁      ds/dxᵢ = 1
  /// ```
  /// The values are added left to right, so `sum([a, b, c])` has the same data as
  /// `a + b + c` to the last bit, with one node instead of two. A value listed twice gets
  /// both contributions.
  ///
  /// - Parameter values: at least one value, all on the same tape.
  /// - Complexity: O(n) for n values.
  public static func sum(_ values: [Value]) -> Value {
    precondition(!values.isEmpty, "sum of no values: give at least one")
    let tape = values[0].tape
    let ids = tape.ids(of: values)
    return Value(recorded: ids.withUnsafeBufferPointer { tape.recordSum($0) }, on: tape)
  }

  /// A weighted sum plus an optional bias, recorded as one node: what a neuron computes
  /// before its nonlinearity.
  ///
  /// ```
  /// s = c + a₀·b₀ + a₁·b₁ + … + aₙ₋₁·bₙ₋₁     ds/daᵢ = bᵢ   ds/dbᵢ = aᵢ   ds/dc = 1
  /// ```
  /// The terms are added in micrograd's order, `sum((wi*xi for wi, xi in zip(w, x)), b)`:
  /// start from `c`, add each product in turn. So the data is the same to the last bit as
  /// micrograd's chain of `*` and `+` nodes, and the gradients are the same numbers, with
  /// one node instead of 2n. The node's inputs are `a₀, b₀, a₁, b₁, …` and then `c`.
  ///
  /// - Parameters:
  ///   - weights: the values `aᵢ`, such as a neuron's weights.
  ///   - inputs: the values `bᵢ`, as many as `weights`.
  ///   - bias: the value `c`, or `nil` for none.
  /// - Precondition: `weights` and `inputs` have the same count; with no bias, at least one
  ///   pair. All values are on the same tape.
  /// - Complexity: O(n) for n pairs.
  public static func dot(_ weights: [Value], _ inputs: [Value], plus bias: Value? = nil) -> Value {
    precondition(
      weights.count == inputs.count, "dot of \(weights.count) weights and \(inputs.count) inputs")
    precondition(
      !weights.isEmpty || bias != nil, "dot of no values: give at least one pair or a bias")
    let tape = bias?.tape ?? weights[0].tape
    let weightIDs = tape.ids(of: weights)
    let inputIDs = tape.ids(of: inputs)
    let biasID = bias.map { tape.ids(of: [$0])[0] } ?? -1
    let id = weightIDs.withUnsafeBufferPointer { weights in
      inputIDs.withUnsafeBufferPointer { inputs in
        tape.recordDot(weights: weights, inputs: inputs, bias: Int(biasID))
      }
    }
    return Value(recorded: id, on: tape)
  }
}

extension Tape {
  /// The ids of `values`, checking that each is a node of this tape.
  ///
  /// - Complexity: O(n) for n values.
  package func ids(of values: [Value]) -> [Int32] {
    values.map { value in
      precondition(value.tape === self, "cannot combine values recorded on different tapes")
      check(value.id)
      return Int32(truncatingIfNeeded: value.id)
    }
  }
}
