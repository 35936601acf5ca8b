import Autograd
import NeuralNetwork
import Numerics
import Testing

@Suite("Neuron, Layer, MLP")
struct ModelTests {
  @Test func parameterCountAndOrderFollowMicrograd() {
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: [16, 16, 1], seed: 7, on: tape)
    let parameters = model.parameters()
    #expect(parameters.count == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1)
    // Neuron by neuron, weights then bias: the first neuron's bias is third.
    #expect(parameters[2] == model.layers[0].neurons[0].bias)
    #expect(Array(parameters[0..<2]) == model.layers[0].neurons[0].weights)
    #expect(parameters[3] == model.layers[0].neurons[1].weights[0])
    #expect(parameters.last == model.layers[2].neurons[0].bias)
    // The parameters are the first nodes of the tape, in the same order.
    #expect(parameters.map(\.id) == Array(0..<parameters.count))
    for neuron in model.layers.flatMap(\.neurons) {
      #expect(neuron.bias.data == 0)
      #expect(neuron.weights.allSatisfy { $0.data >= -1 && $0.data < 1 })
    }
    #expect(model.layers.map(\.neurons.first!.nonlinear) == [true, true, false])
  }

  @Test func sameSeedSameWeightsOtherSeedOtherWeights() {
    let a = MLP(inputCount: 3, layerSizes: [4, 1], seed: 42, on: Tape()).parameters().map(\.data)
    let b = MLP(inputCount: 3, layerSizes: [4, 1], seed: 42, on: Tape()).parameters().map(\.data)
    let c = MLP(inputCount: 3, layerSizes: [4, 1], seed: 43, on: Tape()).parameters().map(\.data)
    #expect(a == b)
    #expect(a != c)
  }

  /// The generator is Knuth's MMIX LCG; the first draws from seed 1337, computed with Python's
  /// integers: `s = (s * 6364136223846793005 + 1442695040888963407) % 2**64;
  /// (s >> 11) / 2**53 * 2 - 1`.
  @Test func generatorGivesTheDocumentedNumbers() {
    var generator = SeededGenerator(seed: 1337)
    #expect(generator.next() == 6_343_808_343_947_916_116)
    var again = SeededGenerator(seed: 1337)
    #expect(again.nextSigned() == -0.312202921166)
    #expect(again.nextSigned() == -0.5835852419620715)
  }

  @Test func valuesMadeByANeuronCarryItsLayerAndNeuron() {
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: [3, 1], seed: 1, on: tape)
    let x = [Value(0.5, on: tape), Value(-1.5, on: tape)]
    let out = model(x)[0]
    #expect(x.allSatisfy { $0.group == nil })
    #expect(out.group == NodeGroup(layer: 1, neuron: 0))
    let hidden = model.layers[0].neurons[2]
    #expect(hidden.weights.allSatisfy { $0.group == NodeGroup(layer: 0, neuron: 2) })
    #expect(hidden.bias.label == "l0n2.b" && hidden.weights[1].label == "l0n2.w1")
    let relu = out.inputs.first { $0.op == "ReLU" && $0.group == NodeGroup(layer: 0, neuron: 2) }
    #expect(relu != nil)
    // Values made after the model's call are outside any group again.
    #expect((out * 2).group == nil)
  }

  /// The `dot` node and micrograd's chain of `*` and `+` give the same numbers to the last bit.
  /// The MLP records a whole layer of micrograd's graph at once; the same inputs through its
  /// layers one neuron at a time record the same nodes: kinds, inputs, groups and data bits.
  @Test func wholeLayersRecordTheSameNodesAsOneNeuronAtATime() {
    let tape = Tape()
    let model = MLP(inputCount: 3, layerSizes: [4, 4, 1], seed: 7, graph: .micrograd, on: tape)
    let x = [0.5, -1.25, 2.0].map { Value($0, on: tape) }
    let first = tape.count
    let byLayer = model(x)[0]
    let middle = tape.count
    var values = x
    for layer in model.layers { values = layer(values) }
    let byNeuron = values[0]
    #expect(middle - first == tape.count - middle)
    #expect(byLayer.data.bitPattern == byNeuron.data.bitPattern)
    for offset in 0..<(middle - first) {
      let a = Value(tape: tape, id: first + offset)
      let b = Value(tape: tape, id: middle + offset)
      #expect(a.op == b.op && a.group == b.group && a.data.bitPattern == b.data.bitPattern)
      let shifted = a.inputs.map { $0.id >= first ? $0.id + (middle - first) : $0.id }
      #expect(shifted == b.inputs.map(\.id), "node \(offset)")
    }
  }

  /// Recording a layer's chains of `*` and `+` a pair of nodes at a time writes, node for
  /// node, what `Value`'s operators record for micrograd's `sum((wi*xi ...), b)`: the same
  /// operations, inputs and data bits, each node in its neuron's group. Two layers, so the
  /// outputs come back through both of the forward pass's buffers.
  @Test func productChainsRecordWhatTheOperatorsRecord() {
    let tape = Tape()
    let model = MLP(inputCount: 3, layerSizes: [4, 2], seed: 11, graph: .micrograd, on: tape)
    let x = [0.5, -1.25, 2.0].map { Value($0, on: tape) }
    let first = tape.count
    let outputs = model(x)
    let middle = tape.count
    var values = x
    for layer in model.layers {
      values = layer.neurons.map { neuron in
        var total = neuron.bias
        for (w, input) in zip(neuron.weights, values) { total = total + w * input }
        return neuron.nonlinear ? total.relu() : total
      }
    }
    #expect(middle - first == tape.count - middle)
    #expect(outputs.map(\.data.bitPattern) == values.map(\.data.bitPattern))
    for offset in 0..<(middle - first) {
      let a = Value(tape: tape, id: first + offset)
      let b = Value(tape: tape, id: middle + offset)
      #expect(a.op == b.op && a.data.bitPattern == b.data.bitPattern, "node \(offset)")
      let shifted = a.inputs.map { $0.id >= first ? $0.id + (middle - first) : $0.id }
      #expect(shifted == b.inputs.map(\.id), "node \(offset)")
      #expect(a.group?.layer != nil && b.group == nil && !a.isGradComputed && a.grad == 0)
    }
  }

  @Test func dotGraphAndMicrogradGraphAgree() {
    func run(_ graph: Neuron.Graph) -> (Double, [Double], Int) {
      let tape = Tape()
      let model = MLP(inputCount: 3, layerSizes: [5, 4, 1], seed: 99, graph: graph, on: tape)
      let mark = tape.count
      let out = model([0.3, -1.2, 2.5].map { Value($0, on: tape) })[0]
      out.backward()
      return (out.data, model.parameters().map(\.grad), tape.count - mark)
    }
    let dot = run(.dot)
    let chain = run(.micrograd)
    #expect(dot.0 == chain.0)
    #expect(dot.1 == chain.1)
    #expect(dot.2 < chain.2)
  }

  @Test func loadSetsParametersOrRefusesAWrongCount() throws {
    let tape = Tape()
    let neuron = Neuron(inputCount: 2, seed: 3, on: tape)
    try neuron.load([0.5, -0.25, 0.125])
    #expect(neuron.parameters().map(\.data) == [0.5, -0.25, 0.125])
    #expect(throws: ParameterCountError(expected: 3, actual: 2)) { try neuron.load([1, 2]) }
    #expect(neuron.parameters().map(\.data) == [0.5, -0.25, 0.125])
    #expect(ParameterCountError(expected: 3, actual: 2).description.contains("3 parameters"))
  }

  @Test func zeroGradZeroesParametersOnly() {
    let tape = Tape()
    let neuron = Neuron(inputCount: 2, nonlinear: false, seed: 5, on: tape)
    let x = [Value(1.0, on: tape), Value(2.0, on: tape)]
    let y = neuron(x)
    y.backward()
    #expect(neuron.bias.grad == 1)
    neuron.zeroGrad()
    #expect(neuron.parameters().allSatisfy { $0.grad == 0 })
    #expect(x[1].grad == neuron.weights[1].data)
  }
}

@Suite("The nn API as micrograd's")
struct MicrogradAPITests {
  /// `Neuron(inputCount:nonlinear:)`, `Layer`, `MLP(inputCount:layerSizes:)` on the current
  /// tape, called on `[Value]`, as `n = Neuron(2); n([x, y])` in micrograd.
  @Test func defaultsRecordOnTheCurrentTape() {
    let tape = Tape()
    Tape.withCurrent(tape) { _ in
      let neuron = Neuron(inputCount: 2, nonlinear: false)
      let layer = Layer(inputCount: 2, outputCount: 3)
      let model = MLP(inputCount: 2, layerSizes: [3, 1])
      let x = [Value(1.0), Value(-2.0)]
      let linear = neuron(x)
      #expect(linear.data == neuron.weights[0].data - 2 * neuron.weights[1].data)
      #expect(layer(x).allSatisfy { $0.data >= 0 && $0.op == "ReLU" })
      #expect(model(x).count == 1 && model.parameters().count == 13)
      #expect(linear.tape === tape)
      // The same default seed: the same first weights.
      #expect(neuron.weights[0].data == model.layers[0].neurons[0].weights[0].data)
    }
  }
}
