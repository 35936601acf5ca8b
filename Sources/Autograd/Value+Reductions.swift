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
    let id = values.withUnsafeBufferPointer { values in
      let id = tape.start(.sum, data: 0, operand: 0, inputs: values.count)
      let ids = tape.inputIDs.base + tape.inputCount, data = tape.data.base
      var total = 0.0
      for (offset, value) in values.enumerated() {
        precondition(value.tape === tape, "cannot combine values recorded on different tapes")
        tape.check(value.id)
        ids[offset] = Int32(truncatingIfNeeded: value.id)
        total = offset == 0 ? data[value.id] : total + data[value.id]
      }
      data[id] = total
      tape.finish(id, inputs: values.count)
      return id
    }
    return Value(recorded: id, on: tape)
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
    precondition(weights.count == inputs.count, "dot of \(weights.count) weights and \(inputs.count) inputs")
    precondition(!weights.isEmpty || bias != nil, "dot of no values: give at least one pair or a bias")
    let tape = bias?.tape ?? weights[0].tape
    let count = 2 * weights.count + (bias == nil ? 0 : 1)
    let id = weights.withUnsafeBufferPointer { weights in
      inputs.withUnsafeBufferPointer { inputs in
        let id = tape.start(.dot, data: 0, operand: 0, inputs: count)
        let ids = tape.inputIDs.base + tape.inputCount
        for pair in 0..<weights.count {
          let w = weights[pair], x = inputs[pair]
          precondition(
            w.tape === tape && x.tape === tape, "cannot combine values recorded on different tapes")
          tape.check(w.id)
          tape.check(x.id)
          ids[2 * pair] = Int32(truncatingIfNeeded: w.id)
          ids[2 * pair + 1] = Int32(truncatingIfNeeded: x.id)
        }
        if let bias {
          tape.check(bias.id)
          ids[count - 1] = Int32(truncatingIfNeeded: bias.id)
        }
        tape.data[id] = Tape.dot(ids, count: count, data: tape.data.base)
        tape.finish(id, inputs: count)
        return id
      }
    }
    return Value(recorded: id, on: tape)
  }
}
