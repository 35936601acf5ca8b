/// One node's step inside ``Tape/backward(from:)``: the chain rule as ``ChainRuleStep``, and
/// each input marked reached, starting its gradient at 0 when it has to.
struct BackwardStep<Reset: InputReset>: OperationVisitor {
  let x: TapeOperands
  /// The node's id, and the tape's operand column: the operand and the node's own data are
  /// read only by the rules that use them.
  let node: Int
  let operands: UnsafeMutablePointer<Double>
  let upstream: Double
  let grad: UnsafeMutablePointer<Double>
  /// Whether each node has been reached in this pass.
  let reached: UnsafeMutablePointer<Bool>
  let kinds: UnsafeMutablePointer<Operation.Kind>
  /// The interior nodes below this id may hold a gradient from before, which is set to 0
  /// when they are first reached; see ``Tape/gradsZeroFrom``.
  let resetBelow: Int

  @inline(__always)
  func visit<Rule: OperationRule>(_ rule: Rule.Type) {
    Rule.partials(x, operand: operands[node], output: x.data[node]) { position, derivative in
      let input = Int(x.ids[position])
      if Reset.mayReset && input < resetBelow && !reached[input] && !kinds[input].isLeaf {
        grad[input] = 0
      }
      reached[input] = true
      grad[input] += derivative * upstream
    }
  }
}

/// Whether a backward pass may have to set interior gradients to 0 on first reaching them
/// (a type, so that the pass without resets is compiled without the test).
protocol InputReset { static var mayReset: Bool { get } }
/// Every reached interior node holds 0 already.
enum NoInputReset: InputReset { static var mayReset: Bool { false } }
/// Some interior nodes may hold an old gradient.
enum FirstReachReset: InputReset { static var mayReset: Bool { true } }

/// The chain rule at one node, on its own: adds `upstream` times each local derivative of the
/// node's rule into its inputs' gradients.
struct ChainRuleStep: OperationVisitor {
  let x: TapeOperands
  let operand: Double
  let output: Double
  let upstream: Double
  let grad: UnsafeMutablePointer<Double>

  @inline(__always)
  func visit<Rule: OperationRule>(_ rule: Rule.Type) {
    Rule.partials(x, operand: operand, output: output) { position, derivative in
      grad[Int(x.ids[position])] += derivative * upstream
    }
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

  /// The inputs' data of node `id`, read from the columns.
  @inline(__always)
  func operands(of id: Int) -> TapeOperands {
    let start = Int(inputStarts[id])
    return TapeOperands(
      ids: inputIDs.base + start, count: Int(inputStarts[id + 1]) - start, data: data.base)
  }

  /// The derivative of node `id` with respect to each of its inputs, in input order, at the
  /// data now on the tape: its rule's partials (see each rule in `Operations`). Leaves have
  /// none.
  ///
  /// - Complexity: O(number of inputs).
  package func localDerivatives(of id: Int) -> [Double] {
    kinds[id].accept(
      LocalDerivatives(x: operands(of: id), operand: operands[id], output: data[id]))
  }

  /// The chain rule at one node: adds `grad[id]` times each local derivative to that input's
  /// gradient (`+=`, so an input used twice gets both contributions).
  ///
  /// - Complexity: O(number of inputs).
  package func propagate(_ id: Int) {
    let x = operands(of: id)
    for position in 0..<x.count { gradKnown[Int(x.ids[position])] = true }
    kinds[id].accept(
      ChainRuleStep(
        x: x, operand: operands[id], output: data[id], upstream: grad[id], grad: grad.base))
    gradsZeroFrom = Swift.max(gradsZeroFrom, id + 1)
  }

  /// Backpropagation from `root`; see ``Value/backward()``.
  ///
  /// One pass over the ids from `root` down to 0. A node is reached when a reached node uses
  /// it; each reached node made by an operation applies its rule's step (``propagate(_:)``).
  /// Every contribution to a node comes from a node with a larger id, so each node's
  /// gradient is complete when the loop gets to it.
  ///
  /// Interior gradients are recomputed from scratch while leaves (and constants) keep adding
  /// up: a reached node made by an operation starts from 0. Nodes from ``gradsZeroFrom`` on
  /// already hold 0 (nothing has written their gradient since they were recorded, the case
  /// of every step of a training loop), so only the nodes below it are set to 0, on first
  /// reaching them. The reached nodes are marked computed at the end.
  ///
  /// With `accumulating`, it is micrograd's `backward()` instead: the root's gradient is set
  /// to 1 (`self.grad = 1`) and nothing is reset, so interior gradients add up across calls
  /// as micrograd's do (its Python flavour uses this).
  ///
  /// - Complexity: O(`root` + edges below it) time, `root` + 1 bytes of scratch memory.
  package func backward(from root: Int, accumulating: Bool = false) {
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
    let zeroFrom = gradsZeroFrom

    if kinds[root].isLeaf && !accumulating { grad[root] += 1 } else { grad[root] = 1 }
    reached[root] = true
    // Only interior nodes below both `zeroFrom` and the highest interior node under it may
    // need a reset; in a training loop the nodes under `zeroFrom` are the parameters,
    // leaves all, so none does.
    var resetBelow = accumulating ? 0 : Swift.min(zeroFrom, root)
    while resetBelow > 0 && kinds[resetBelow - 1].isLeaf { resetBelow -= 1 }

    /// The pass itself, with or without the reset test.
    @inline(__always) func pass<Reset: InputReset>(_: Reset.Type) {
      var node = root
      while node >= 0 {
        if reached[node] {
          let start = Int(starts[node])
          let step = BackwardStep<Reset>(
            x: TapeOperands(ids: ids + start, count: Int(starts[node &+ 1]) &- start, data: data),
            node: node, operands: operands, upstream: grad[node], grad: grad,
            reached: reached, kinds: kinds, resetBelow: resetBelow)
          // Products, half the nodes of a model's graph, are tested first, so that their
          // step is straight-line code rather than a jump through the table of kinds; every
          // kind, products included, goes by its rule. Leaves and constants have no
          // partials: their step does nothing.
          let kind = kinds[node]
          if _fastPath(kind == .multiply) {
            step.visit(Operations.Multiply.self)
          } else {
            kind.accept(step)
          }
        }
        node &-= 1
      }
    }
    if resetBelow == 0 { pass(NoInputReset.self) } else { pass(FirstReachReset.self) }
    // known[i] = known[i] || reached[i], a byte at a time (Bool is stored as 0 or 1).
    UnsafeMutableRawPointer(known).withMemoryRebound(to: UInt8.self, capacity: root + 1) {
      known in
      UnsafeMutableRawPointer(reached).withMemoryRebound(to: UInt8.self, capacity: root + 1) {
        reached in
        for i in 0...root { known[i] |= reached[i] }
      }
    }
    gradsZeroFrom = Swift.max(zeroFrom, root + 1)
  }

  /// Sets every gradient on the tape to 0 and marks it computed.
  ///
  /// - Complexity: O(``count``).
  public func zeroGrad() {
    grad.fill(from: 0, count: count, with: 0)
    gradKnown.fill(from: 0, count: count, with: true)
    gradsZeroFrom = 0
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
