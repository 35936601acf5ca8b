import Autograd
import NeuralNetwork

/// A model of micrograd's nn made by a script: a `Neuron`, a `Layer` or an `MLP`.
final class ModelObject {
  enum Kind {
    case neuron(Neuron)
    case layer(Layer)
    case mlp(MLP)
  }

  let kind: Kind

  init(_ kind: Kind) {
    self.kind = kind
  }

  /// The class name: `Neuron`, `Layer` or `MLP`.
  var typeName: String {
    switch kind {
    case .neuron: "Neuron"
    case .layer: "Layer"
    case .mlp: "MLP"
    }
  }

  /// The number of inputs the model takes.
  var inputCount: Int {
    switch kind {
    case .neuron(let neuron): neuron.weights.count
    case .layer(let layer): layer.neurons[0].weights.count
    case .mlp(let mlp): mlp.inputCount
    }
  }

  /// Every parameter, in micrograd's order.
  var parameters: [Value] {
    switch kind {
    case .neuron(let neuron): neuron.parameters()
    case .layer(let layer): layer.parameters()
    case .mlp(let mlp): mlp.parameters()
    }
  }

  /// micrograd's `repr`: `ReLUNeuron(3)`, `Layer of [ReLUNeuron(3), ...]`,
  /// `MLP of [Layer of [...], ...]`.
  var description: String {
    func neuronText(_ neuron: Neuron) -> String {
      "\(neuron.nonlinear ? "ReLU" : "Linear")Neuron(\(neuron.weights.count))"
    }
    func layerText(_ layer: Layer) -> String {
      "Layer of [\(layer.neurons.map(neuronText).joined(separator: ", "))]"
    }
    switch kind {
    case .neuron(let neuron): return neuronText(neuron)
    case .layer(let layer): return layerText(layer)
    case .mlp(let mlp): return "MLP of [\(mlp.layers.map(layerText).joined(separator: ", "))]"
    }
  }
}
