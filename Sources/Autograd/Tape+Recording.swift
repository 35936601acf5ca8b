extension Tape {
  // Recording by node id, for code in this package that builds many nodes at once (the nn
  // layers, the training loop): no `Value` is made, so no reference count changes per node.
  // The caller guarantees that every id is a node of this tape.

  /// Records a one-input operation on node `a` and returns the new node's id.
  @inline(__always)
  package func recordUnary(_ kind: Operation.Kind, _ a: Int, operand: Double = 0) -> Int {
    let value = kind.forward(data[a], 0, operand: operand)
    return append(kind, data: value, operand: operand, input: a)
  }

  /// Records a two-input operation on nodes `a` and `b` and returns the new node's id.
  @inline(__always)
  package func recordBinary(_ kind: Operation.Kind, _ a: Int, _ b: Int) -> Int {
    let value = kind.forward(data[a], data[b], operand: 0)
    return append(kind, data: value, inputs: a, b)
  }

  /// Records a constant and returns its id.
  @inline(__always)
  package func recordConstant(_ value: Double) -> Int {
    appendLeaf(.constant, data: value)
  }

  /// Records a leaf and returns its id.
  @inline(__always)
  package func recordLeaf(_ value: Double) -> Int {
    appendLeaf(.leaf, data: value)
  }

  /// Records the `sum` of nodes `ids`, added left to right, and returns its id.
  ///
  /// - Complexity: O(n) for n ids.
  package func recordSum(_ ids: UnsafeBufferPointer<Int32>) -> Int {
    precondition(!ids.isEmpty, "sum of no values: give at least one")
    let id = start(.sum, data: 0, operand: 0, inputs: ids.count)
    let target = inputIDs.base + inputCount
    let data = self.data.base
    var total = data[Int(ids[0])]
    target[0] = ids[0]
    for position in 1..<ids.count {
      target[position] = ids[position]
      total += data[Int(ids[position])]
    }
    data[id] = total
    finish(id, inputs: ids.count)
    return id
  }

  /// Records `bias + Σ weights[i]·inputs[i]` as one `dot` node (inputs laid out
  /// `w₀, x₀, w₁, x₁, …, bias`) and returns its id; see ``Value/dot(_:_:plus:)``.
  ///
  /// - Parameter bias: a node id, or -1 for none.
  /// - Complexity: O(n) for n pairs.
  package func recordDot(
    weights: UnsafeBufferPointer<Int32>, inputs: UnsafeBufferPointer<Int32>, bias: Int
  ) -> Int {
    precondition(
      weights.count == inputs.count, "dot of \(weights.count) weights and \(inputs.count) inputs")
    precondition(
      !weights.isEmpty || bias >= 0, "dot of no values: give at least one pair or a bias")
    let count = 2 * weights.count + (bias >= 0 ? 1 : 0)
    let id = start(.dot, data: 0, operand: 0, inputs: count)
    let target = inputIDs.base + inputCount
    let data = self.data.base
    var total: Double
    var pair = 0
    if bias >= 0 {
      target[count - 1] = Int32(truncatingIfNeeded: bias)
      total = data[bias]
    } else {
      target[0] = weights[0]
      target[1] = inputs[0]
      total = data[Int(weights[0])] * data[Int(inputs[0])]
      pair = 1
    }
    while pair < weights.count {
      let w = weights[pair]
      let x = inputs[pair]
      target[2 * pair] = w
      target[2 * pair + 1] = x
      total += data[Int(w)] * data[Int(x)]
      pair += 1
    }
    data[id] = total
    finish(id, inputs: count)
    return id
  }
}
