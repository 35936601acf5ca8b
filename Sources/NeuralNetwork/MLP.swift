import Autograd

/// A multi-layer perceptron, micrograd's `nn.MLP`: ReLU hidden layers and a linear last layer.
///
/// ```swift
/// let tape = Tape()
/// let model = MLP(inputCount: 2, layerSizes: [16, 16, 1], seed: 1337, on: tape)
/// let score = model([Value(0.5, on: tape), Value(-1.0, on: tape)])[0]
/// ```
/// Inside a `Tape.withCurrent { ... }` scope the tapes can be left out: the model
/// and the values record onto the scope's tape.
/// `MLP(inputCount: 2, layerSizes: [16, 16, 1])` has 2·16+16 + 16·16+16 + 16+1 = 337
/// parameters.
public struct MLP: Module {
  /// The layers, input side first.
  public let layers: [Layer]
  /// The number of inputs.
  public let inputCount: Int
  /// The parameters, cached in micrograd's order.
  private let allParameters: [Value]
  /// Their ids on the tape.
  let parameterIDs: [Int32]
  /// The forward pass in flat arrays.
  let plan: ForwardPlan

  /// Creates the model, drawing weights from `generator` layer by layer, neuron by neuron.
  ///
  /// - Parameters:
  ///   - inputCount: the number of inputs, at least 1.
  ///   - layerSizes: the number of neurons of each layer; the last is the number of outputs.
  ///   - graph: how each neuron's weighted sum is recorded.
  ///   - tape: the tape that records the parameters and everything computed from them; by
  ///     default the tape of the enclosing `Tape.withCurrent` scope (`Tape.current`).
  ///   - generator: where the weights come from.
  public init(
    inputCount: Int, layerSizes: [Int], graph: Neuron.Graph = .dot, on tape: Tape = Tape.current,
    using generator: inout SeededGenerator
  ) {
    precondition(!layerSizes.isEmpty, "an MLP needs at least one layer")
    let sizes = [inputCount] + layerSizes
    var layers: [Layer] = []
    for index in layerSizes.indices {
      layers.append(
        Layer(
          inputCount: sizes[index], outputCount: sizes[index + 1],
          nonlinear: index != layerSizes.count - 1, index: index, graph: graph, on: tape,
          using: &generator))
    }
    self.layers = layers
    self.inputCount = inputCount
    self.allParameters = layers.flatMap { $0.parameters() }
    self.parameterIDs = allParameters.map { Int32(truncatingIfNeeded: $0.id) }
    self.plan = ForwardPlan(layers)
  }

  /// Creates the model with weights from a ``SeededGenerator`` seeded with `seed`.
  public init(
    inputCount: Int, layerSizes: [Int], seed: UInt64 = 1337, graph: Neuron.Graph = .dot,
    on tape: Tape = Tape.current
  ) {
    var generator = SeededGenerator(seed: seed)
    self.init(
      inputCount: inputCount, layerSizes: layerSizes, graph: graph, on: tape, using: &generator)
  }

  /// The tape that records the parameters.
  public var tape: Tape { allParameters[0].tape }

  /// Every layer's parameters, layer by layer.
  public func parameters() -> [Value] {
    allParameters
  }

  /// The outputs of the last layer for `inputs`.
  ///
  /// - Parameter inputs: ``inputCount`` values on the model's tape.
  /// - Complexity: O(number of parameters).
  public func callAsFunction(_ inputs: [Value]) -> [Value] {
    precondition(
      inputs.count == inputCount, "an MLP of \(inputCount) inputs was given \(inputs.count)")
    let tape = self.tape
    return forward(tape.ids(of: inputs)).map { Value(tape: tape, id: Int($0)) }
  }

  /// Records the outputs for the nodes `inputs` and returns their ids.
  func forward(_ inputs: [Int32]) -> [Int32] {
    var values = inputs
    var scratch: [Int32] = []
    plan.forward(&values, scratch: &scratch, on: tape)
    return values
  }
}
