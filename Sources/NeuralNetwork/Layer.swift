import Autograd

/// A layer of neurons that all see the same inputs, micrograd's `nn.Layer`.
public struct Layer: Module {
  /// The neurons, in order; neuron `j` makes output `j`.
  public let neurons: [Neuron]

  /// Creates `outputCount` neurons of `inputCount` inputs each, drawing their weights from
  /// `generator` neuron by neuron.
  ///
  /// - Parameters:
  ///   - inputCount: the number of inputs, at least 1.
  ///   - outputCount: the number of neurons, at least 1.
  ///   - nonlinear: whether each neuron ends in a ReLU.
  ///   - index: the layer's position in its model, which the neurons' groups carry.
  ///   - graph: how each neuron's weighted sum is recorded.
  ///   - tape: the tape that records the parameters; by default the tape of the enclosing
  ///     `Tape.withCurrent` scope (`Tape.current`).
  ///   - generator: where the weights come from.
  public init(
    inputCount: Int, outputCount: Int, nonlinear: Bool = true, index: Int = 0,
    graph: Neuron.Graph = .dot, on tape: Tape = Tape.current, using generator: inout SeededGenerator
  ) {
    precondition(outputCount >= 1, "a layer needs at least one neuron")
    var neurons: [Neuron] = []
    neurons.reserveCapacity(outputCount)
    for j in 0..<outputCount {
      neurons.append(
        Neuron(
          inputCount: inputCount, nonlinear: nonlinear, group: NodeGroup(layer: index, neuron: j),
          graph: graph, on: tape, using: &generator))
    }
    self.neurons = neurons
  }

  /// Creates the layer with weights from a ``SeededGenerator`` seeded with `seed`.
  public init(
    inputCount: Int, outputCount: Int, nonlinear: Bool = true, seed: UInt64 = 1337,
    on tape: Tape = Tape.current
  ) {
    var generator = SeededGenerator(seed: seed)
    self.init(
      inputCount: inputCount, outputCount: outputCount, nonlinear: nonlinear, on: tape,
      using: &generator)
  }

  /// Every neuron's parameters, neuron by neuron.
  public func parameters() -> [Value] {
    neurons.flatMap { $0.parameters() }
  }

  /// Each neuron's output for `inputs`.
  ///
  /// - Complexity: O(inputs × neurons).
  public func callAsFunction(_ inputs: [Value]) -> [Value] {
    let tape = neurons[0].bias.tape
    return forward(tape.ids(of: inputs), on: tape).map { Value(tape: tape, id: Int($0)) }
  }

  /// Records each neuron's output for the nodes `inputs` and returns their ids.
  func forward(_ inputs: [Int32], on tape: Tape) -> [Int32] {
    precondition(
      inputs.count == neurons[0].weights.count,
      "a layer of \(neurons[0].weights.count) inputs was given \(inputs.count)")
    return inputs.withUnsafeBufferPointer { inputs in
      neurons.map { Int32(truncatingIfNeeded: $0.forward(inputs, on: tape)) }
    }
  }
}
