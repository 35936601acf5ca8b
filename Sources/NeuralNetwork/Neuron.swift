import Autograd

/// One neuron, micrograd's `nn.Neuron`: a weighted sum of its inputs plus a bias, then a ReLU
/// (or nothing, for a linear neuron).
///
/// ```
/// n(x) = relu(b + w₀·x₀ + w₁·x₁ + … + wₙ₋₁·xₙ₋₁)     (nonlinear)
/// n(x) = b + w₀·x₀ + w₁·x₁ + … + wₙ₋₁·xₙ₋₁           (linear)
/// ```
/// Weights start uniform in [-1, 1) from the generator, the bias at 0, as micrograd's.
/// Every value the neuron creates, its parameters included, carries its ``group``, so a
/// picture can draw each neuron as a cluster.
public struct Neuron: Module {
  /// How the weighted sum is recorded.
  public enum Graph: String, Sendable, CaseIterable {
    /// One `dot` node with the weights, the inputs and the bias as its inputs: the same
    /// numbers as micrograd's, with a graph a fraction of the size. The default.
    case dot
    /// micrograd's graph: a `*` node per weight and a chain of `+` nodes starting at the
    /// bias, `sum((wi*xi for wi, xi in zip(w, x)), b)`.
    case micrograd
  }

  /// The weights, one per input.
  public let weights: [Value]
  /// The bias.
  public let bias: Value
  /// Whether a ReLU follows the weighted sum.
  public let nonlinear: Bool
  /// How the weighted sum is recorded.
  public var graph: Graph
  /// The layer and neuron this neuron is, which its values carry; `nil` for none.
  public let group: NodeGroup?
  /// The group's index on the parameters' tape, or -1.
  let groupIndex: Int32
  /// The weights' and the bias's ids on the tape.
  let weightIDs: [Int32]
  let biasID: Int

  /// Creates a neuron with weights uniform in [-1, 1) drawn from `generator` and bias 0.
  ///
  /// - Parameters:
  ///   - inputCount: the number of inputs, at least 1.
  ///   - nonlinear: whether a ReLU follows the weighted sum (micrograd's `nonlin`).
  ///   - group: the layer and neuron that the values it creates carry.
  ///   - graph: how a call records the weighted sum: one fused `dot` node (``Graph/dot``) or
  ///     micrograd's chain of `*` and `+` (``Graph/micrograd``).
  ///   - tape: the tape that records the parameters and everything made from them; by default
  ///     the tape of the enclosing `Tape.withCurrent` scope (`Tape.current`).
  ///   - generator: where the weights come from; `inputCount` numbers are drawn.
  public init(
    inputCount: Int, nonlinear: Bool = true, group: NodeGroup? = nil, graph: Graph = .dot,
    on tape: Tape = Tape.current, using generator: inout SeededGenerator
  ) {
    precondition(inputCount >= 1, "a neuron needs at least one input")
    self.nonlinear = nonlinear
    self.group = group
    self.graph = graph
    let prefix = group.map { "l\($0.layer)n\($0.neuron ?? 0)." } ?? ""
    let make = { (generator: inout SeededGenerator) -> ([Value], Value) in
      let weights = (0..<inputCount).map { i in
        Value(generator.nextSigned(), label: "\(prefix)w\(i)", on: tape)
      }
      return (weights, Value(0, label: "\(prefix)b", on: tape))
    }
    if let group {
      (weights, bias) = tape.withGroup(group) { make(&generator) }
      groupIndex = tape.groupIndex(of: group)
    } else {
      (weights, bias) = make(&generator)
      groupIndex = -1
    }
    weightIDs = weights.map { Int32(truncatingIfNeeded: $0.id) }
    biasID = bias.id
  }

  /// Creates a neuron with weights from a ``SeededGenerator`` seeded with `seed`: the same
  /// seed gives the same weights on every platform.
  public init(
    inputCount: Int, nonlinear: Bool = true, seed: UInt64 = 1337, on tape: Tape = Tape.current
  ) {
    var generator = SeededGenerator(seed: seed)
    self.init(inputCount: inputCount, nonlinear: nonlinear, on: tape, using: &generator)
  }

  /// The weights, then the bias.
  public func parameters() -> [Value] {
    weights + [bias]
  }

  /// The neuron's output for `inputs`, recorded on the parameters' tape in the neuron's
  /// group.
  ///
  /// - Parameter inputs: as many values as the neuron has weights, on the same tape.
  /// - Complexity: O(n) for n inputs: 2 nodes (`dot`, `ReLU`), or 2n + 1 with
  ///   ``Graph/micrograd``.
  public func callAsFunction(_ inputs: [Value]) -> Value {
    precondition(
      inputs.count == weights.count, "a neuron of \(weights.count) inputs was given \(inputs.count)"
    )
    let tape = bias.tape
    let ids = tape.ids(of: inputs)
    return Value(tape: tape, id: ids.withUnsafeBufferPointer { forward($0, on: tape) })
  }

  /// Records the neuron's output for the nodes `inputs` and returns its id.
  ///
  /// The caller guarantees that `inputs` are as many nodes of `tape` as there are weights
  /// and that `tape` holds the parameters.
  @inline(__always)
  func forward(_ inputs: UnsafeBufferPointer<Int32>, on tape: Tape) -> Int {
    let saved = tape.currentGroup
    if groupIndex >= 0 { tape.currentGroup = groupIndex }
    defer { tape.currentGroup = saved }
    let activation = weightIDs.withUnsafeBufferPointer { weights in
      graph.recordWeightedSum(weights: weights, inputs: inputs, bias: biasID, on: tape)
    }
    return nonlinear ? tape.recordUnary(.relu, activation) : activation
  }
}

extension Neuron.Graph {
  /// Records `bias + Σ weights[i]·inputs[i]` on `tape` as this graph records a neuron's
  /// weighted sum, and returns the id of its result: one `dot` node, or micrograd's `*` and
  /// `+` nodes.
  @inline(__always)
  func recordWeightedSum(
    weights: UnsafeBufferPointer<Int32>, inputs: UnsafeBufferPointer<Int32>, bias: Int,
    on tape: Tape
  ) -> Int {
    switch self {
    case .dot: tape.recordDot(weights: weights, inputs: inputs, bias: bias)
    case .micrograd: tape.recordProductChain(weights: weights, inputs: inputs, bias: bias)
    }
  }
}
