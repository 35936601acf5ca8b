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
    for (position, input) in ids.enumerated() { target[position] = input }
    data[id] = Operations.Sum.forward(
      TapeOperands(ids: target, count: ids.count, data: data.base), operand: 0)
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
    for pair in 0..<weights.count {
      target[2 * pair] = weights[pair]
      target[2 * pair + 1] = inputs[pair]
    }
    if bias >= 0 { target[count - 1] = Int32(truncatingIfNeeded: bias) }
    data[id] = Operations.Dot.forward(
      TapeOperands(ids: target, count: count, data: data.base), operand: 0)
    finish(id, inputs: count)
    return id
  }

  /// Records `bias + Σ weights[i]·inputs[i]` as micrograd's
  /// `sum((wi*xi for wi, xi in zip(w, x)), b)` records it: for each pair a `*` node, then a
  /// `+` node adding it to the running total, which starts at the bias. Returns the id of the
  /// last `+` node (`bias` itself when there are no pairs).
  ///
  /// The nodes are exactly those that ``recordBinary(_:_:_:)`` would record one by one, in
  /// the same order, in the current group.
  ///
  /// - Complexity: O(n) for n pairs: 2n nodes and 4n input edges.
  package func recordProductChain(
    weights: UnsafeBufferPointer<Int32>, inputs: UnsafeBufferPointer<Int32>, bias: Int
  ) -> Int {
    check(bias)
    var bias = Int32(truncatingIfNeeded: bias)
    var group = currentGroup
    var output: Int32 = 0
    withUnsafeMutablePointer(to: &bias) { bias in
      withUnsafeMutablePointer(to: &group) { group in
        withUnsafeMutablePointer(to: &output) { output in
          recordProductChains(
            weights: weights, inputs: inputs, biases: UnsafeBufferPointer(start: bias, count: 1),
            groups: UnsafeBufferPointer(start: group, count: 1), activation: nil,
            into: UnsafeMutableBufferPointer(start: output, count: 1))
        }
      }
    }
    return Int(output)
  }

  /// Records one layer of neurons as micrograd records them: for each row `j`, the weighted
  /// sum `biases[j] + Σᵢ weights[j·n + i]·inputs[i]` as a chain of `*` and `+` nodes (see
  /// ``recordProductChain(weights:inputs:bias:)``), then `activation` (a one-input
  /// operation such as `.relu`) on it when given; row `j`'s nodes are in group `groups[j]`.
  /// Each row's result goes to `outputs[j]`.
  ///
  /// The nodes, their order and their data are exactly those of recording the rows one
  /// operation at a time; this loop reserves room once and keeps the columns at hand.
  ///
  /// - Precondition: `weights` holds `biases.count` rows of `inputs.count` ids; `groups` and
  ///   `outputs` have one entry per row; every id is a node of this tape.
  /// - Complexity: O(rows × n): 2n (+ 1) nodes and 4n (+ 1) input edges per row.
  package func recordProductChains(
    weights: UnsafeBufferPointer<Int32>, inputs: UnsafeBufferPointer<Int32>,
    biases: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>,
    activation: Operation.Kind?, into outputs: UnsafeMutableBufferPointer<Int32>
  ) {
    let n = inputs.count
    let rows = biases.count
    precondition(
      weights.count == rows * n && groups.count == rows && outputs.count == rows,
      "\(weights.count) weights for \(rows) rows of \(n) inputs")
    let extra = activation == nil ? 0 : 1
    let nodes = rows * (2 * n + extra)
    let edges = rows * (4 * n + extra)
    if count + nodes > capacity { growNodes(to: Swift.max(2 * capacity, count + nodes)) }
    if inputCount + edges > inputCapacity {
      growInputs(to: Swift.max(2 * inputCapacity, inputCount + edges))
    }
    let data = self.data.base
    let kinds = self.kinds.base
    let starts = inputStarts.base
    let ids = inputIDs.base
    var id = count
    var edge = inputCount

    // Both nodes of a pair, the `*` at `id` and the `+` at `id + 1`, are written with one
    // store per column: recording is bound by stores, and this halves their number. The
    // operand and the gradient columns are not written: `*` and `+` do not read the operand,
    // and past `count` the gradients are 0 and not computed already.
    let pairKinds = SIMD2(
      unsafeBitCast(Operation.Kind.multiply, to: UInt8.self),
      unsafeBitCast(Operation.Kind.add, to: UInt8.self))

    for row in 0..<rows {
      groupRuns.note(id, groups[row])
      var total = biases[row]
      var totalData = data[Int(total)]
      let rowStartWeight = row * n
      for pair in 0..<n {
        let w = weights[rowStartWeight &+ pair]
        let x = inputs[pair]
        let product = Operations.Multiply.forward(
          NumberOperands(data[Int(w)], data[Int(x)]), operand: 0)
        let productID = Int32(truncatingIfNeeded: id)
        totalData = Operations.Add.forward(NumberOperands(totalData, product), operand: 0)
        UnsafeMutableRawPointer(data + id).storeBytes(
          of: SIMD2(product, totalData), as: SIMD2<Double>.self)
        UnsafeMutableRawPointer(kinds + id).storeBytes(of: pairKinds, as: SIMD2<UInt8>.self)
        // Inputs: `w, x` for the product, `total, product` for the sum.
        UnsafeMutableRawPointer(ids + edge).storeBytes(
          of: SIMD4(w, x, total, productID), as: SIMD4<Int32>.self)
        let edge32 = Int32(truncatingIfNeeded: edge)
        let ends = SIMD2<Int32>(edge32 &+ 2, edge32 &+ 4)
        UnsafeMutableRawPointer(starts + (id &+ 1)).storeBytes(of: ends, as: SIMD2<Int32>.self)
        edge &+= 4
        total = productID &+ 1
        id &+= 2
      }
      if let activation {
        data[id] = activation.forward(totalData, 0, operand: 0)
        operands[id] = 0
        kinds[id] = activation
        ids[edge] = total
        edge &+= 1
        starts[id &+ 1] = Int32(truncatingIfNeeded: edge)
        total = Int32(truncatingIfNeeded: id)
        id &+= 1
      }
      outputs[row] = total
    }
    count = id
    inputCount = edge
  }
}
