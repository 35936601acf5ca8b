import Autograd

/// What an ``MLP`` needs to record its forward pass, in flat arrays: the ids of every layer's
/// weights and biases and the groups of its neurons. Recording from it touches no `Value`, so
/// no reference count changes per neuron.
final class ForwardPlan: Sendable {
  /// One layer's part of the plan.
  struct LayerPlan: Sendable {
    let inputCount: Int
    /// `weightIDs[j * inputCount ..< (j + 1) * inputCount]` are neuron `j`'s weights.
    let weightIDs: [Int32]
    let biasIDs: [Int32]
    let groupIndices: [Int32]
    let nonlinear: Bool
    let graph: Neuron.Graph
  }

  let layers: [LayerPlan]

  init(_ layers: [Layer]) {
    self.layers = layers.map { layer in
      LayerPlan(
        inputCount: layer.neurons[0].weightIDs.count,
        weightIDs: layer.neurons.flatMap(\.weightIDs),
        biasIDs: layer.neurons.map { Int32(truncatingIfNeeded: $0.biasID) },
        groupIndices: layer.neurons.map(\.groupIndex),
        nonlinear: layer.neurons[0].nonlinear,
        graph: layer.neurons[0].graph)
    }
  }

  /// Records the model's outputs for the nodes `values` on `tape` and leaves their ids in
  /// `values`; `scratch` is working space. Both keep their capacity, so a loop over samples
  /// allocates nothing after the first.
  ///
  /// - Complexity: O(number of parameters).
  func forward(_ values: inout [Int32], scratch: inout [Int32], on tape: Tape) {
    let saved = tape.currentGroup
    defer { tape.currentGroup = saved }
    for layer in layers {
      precondition(
        values.count == layer.inputCount,
        "a layer of \(layer.inputCount) inputs was given \(values.count)")
      scratch.removeAll(keepingCapacity: true)
      if layer.graph == .micrograd {
        // The whole layer in one call: the same nodes, in the same order, as below.
        scratch.append(contentsOf: repeatElement(0, count: layer.biasIDs.count))
        values.withUnsafeBufferPointer { inputs in
          layer.weightIDs.withUnsafeBufferPointer { weights in
            layer.biasIDs.withUnsafeBufferPointer { biases in
              layer.groupIndices.withUnsafeBufferPointer { groups in
                scratch.withUnsafeMutableBufferPointer { outputs in
                  tape.recordProductChains(
                    weights: weights, inputs: inputs, biases: biases, groups: groups,
                    activation: layer.nonlinear ? .relu : nil, into: outputs)
                }
              }
            }
          }
        }
        swap(&values, &scratch)
        continue
      }
      values.withUnsafeBufferPointer { inputs in
        layer.weightIDs.withUnsafeBufferPointer { weights in
          for j in layer.biasIDs.indices {
            tape.currentGroup = layer.groupIndices[j]
            let row = UnsafeBufferPointer(
              rebasing: weights[j * layer.inputCount..<(j + 1) * layer.inputCount])
            var activation = layer.graph.recordWeightedSum(
              weights: row, inputs: inputs, bias: Int(layer.biasIDs[j]), on: tape)
            if layer.nonlinear { activation = tape.recordUnary(.relu, activation) }
            scratch.append(Int32(truncatingIfNeeded: activation))
          }
        }
      }
      swap(&values, &scratch)
    }
  }
}
