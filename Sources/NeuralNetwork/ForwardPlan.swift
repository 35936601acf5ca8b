import Autograd

/// What an ``MLP`` needs to record its forward pass, in one flat array: the ids of every
/// layer's weights and biases and the groups of its neurons. Recording from it touches no
/// `Value`, so no reference count changes per neuron.
final class ForwardPlan: Sendable {
  /// One layer's part of the plan: where its ids are in ``ids``.
  struct LayerPlan: Sendable {
    let inputCount: Int
    let neuronCount: Int
    /// `ids[weights + j * inputCount ..< weights + (j + 1) * inputCount]` are neuron `j`'s
    /// weights.
    let weights: Int
    /// `ids[biases + j]` is neuron `j`'s bias, `ids[groups + j]` its group.
    let biases: Int
    let groups: Int
    let nonlinear: Bool
    let graph: Neuron.Graph
  }

  let layers: [LayerPlan]
  /// Every layer's weight ids, bias ids and group indices, layer after layer.
  let ids: [Int32]
  /// The most neurons in a layer, or inputs to one.
  let width: Int

  init(_ layers: [Layer]) {
    var ids: [Int32] = []
    var plans: [LayerPlan] = []
    for layer in layers {
      let weights = ids.count
      for neuron in layer.neurons { ids.append(contentsOf: neuron.weightIDs) }
      let biases = ids.count
      ids.append(contentsOf: layer.neurons.map { Int32(truncatingIfNeeded: $0.biasID) })
      let groups = ids.count
      ids.append(contentsOf: layer.neurons.map(\.groupIndex))
      plans.append(
        LayerPlan(
          inputCount: layer.neurons[0].weightIDs.count, neuronCount: layer.neurons.count,
          weights: weights, biases: biases, groups: groups,
          nonlinear: layer.neurons[0].nonlinear, graph: layer.neurons[0].graph))
    }
    self.layers = plans
    self.ids = ids
    width = plans.map { Swift.max($0.inputCount, $0.neuronCount) }.max() ?? 0
  }

  /// Records the model's outputs for the nodes `values` on `tape` and leaves their ids in
  /// `values`; `scratch` is working space. Both keep their capacity, so a loop over samples
  /// allocates nothing after the first.
  ///
  /// - Complexity: O(number of parameters).
  func forward(_ values: inout [Int32], scratch: inout [Int32], on tape: Tape) {
    let saved = tape.currentGroup
    defer { tape.currentGroup = saved }
    precondition(
      values.count == layers[0].inputCount,
      "a layer of \(layers[0].inputCount) inputs was given \(values.count)")
    // Both buffers hold `width` ids; `count` of `current` are the layer's inputs.
    var count = values.count
    values.append(contentsOf: repeatElement(0, count: width - count))
    if scratch.count != width {
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: repeatElement(0, count: width))
    }
    ids.withUnsafeBufferPointer { ids in
      values.withUnsafeMutableBufferPointer { first in
        scratch.withUnsafeMutableBufferPointer { second in
          var current = first
          var next = second
          for layer in layers {
            record(
              layer, inputs: UnsafeBufferPointer(rebasing: current[..<count]), ids: ids,
              into: UnsafeMutableBufferPointer(rebasing: next[..<layer.neuronCount]), on: tape)
            swap(&current, &next)
            count = layer.neuronCount
          }
          // The outputs are in `values` when the number of layers is even.
          if layers.count % 2 == 1 {
            for position in 0..<count { first[position] = second[position] }
          }
        }
      }
    }
    values.removeLast(values.count - count)
  }

  /// Records one layer on `inputs` and writes its outputs' ids to `outputs`.
  @inline(__always)
  private func record(
    _ layer: LayerPlan, inputs: UnsafeBufferPointer<Int32>, ids: UnsafeBufferPointer<Int32>,
    into outputs: UnsafeMutableBufferPointer<Int32>, on tape: Tape
  ) {
    let weights = UnsafeBufferPointer(
      rebasing: ids[layer.weights..<layer.weights + layer.neuronCount * layer.inputCount])
    let biases = UnsafeBufferPointer(rebasing: ids[layer.biases..<layer.biases + layer.neuronCount])
    let groups = UnsafeBufferPointer(rebasing: ids[layer.groups..<layer.groups + layer.neuronCount])
    if layer.graph == .micrograd {
      // The whole layer in one call: the same nodes, in the same order, as below.
      tape.recordProductChains(
        weights: weights, inputs: inputs, biases: biases, groups: groups,
        activation: layer.nonlinear ? .relu : nil, into: outputs)
      return
    }
    for j in 0..<layer.neuronCount {
      tape.currentGroup = groups[j]
      let row = UnsafeBufferPointer(
        rebasing: weights[j * layer.inputCount..<(j + 1) * layer.inputCount])
      var activation = layer.graph.recordWeightedSum(
        weights: row, inputs: inputs, bias: Int(biases[j]), on: tape)
      if layer.nonlinear { activation = tape.recordUnary(.relu, activation) }
      outputs[j] = Int32(truncatingIfNeeded: activation)
    }
  }
}
