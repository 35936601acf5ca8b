import Autograd
import NeuralNetwork

/// The loss graph of one step of micrograd's demo, built by the nn library:
/// `MLP(2, [16, 16, 1])` with micrograd's graph (a `*` per weight and a chain of `+`), on the
/// points of `moons100.csv`, SVM hinge loss plus L2:
/// ```
/// loss = mean(relu(1 - y·score)) + 1e-4 · Σ p²
/// ```
/// about 66,000 values, every neuron's values tagged with its layer and neuron.
enum DemoStep {
  /// Records the loss on a fresh tape and runs backward from it.
  ///
  /// - Parameters:
  ///   - csv: the text of `moons100.csv`.
  ///   - sizes: the layer sizes.
  ///   - points: how many of the data points the loss is over; all by default.
  static func loss(csv: String, sizes: [Int] = [16, 16, 1], points: Int? = nil) throws -> Value {
    let data = try Dataset(csv: csv)
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: sizes, graph: .micrograd, on: tape)
    let training = Training(model: model, data: data, steps: 1)
    let loss = training.loss(over: 0..<min(points ?? data.count, data.count)).loss
    loss.label = "loss"
    loss.backward()
    return loss
  }
}

/// The walkthrough's neuron, `o = tanh(x1*w1 + x2*w2 + b)`, after backward.
enum Neuron {
  static func output() -> Value {
    let tape = Tape()
    let x1 = Value(2.0, label: "x1", on: tape)
    let x2 = Value(0.0, label: "x2", on: tape)
    let w1 = Value(-3.0, label: "w1", on: tape)
    let w2 = Value(1.0, label: "w2", on: tape)
    let b = Value(6.8813735870195432, label: "b", on: tape)
    let x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    let x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    let sum = x1w1 + x2w2
    sum.label = "x1*w1 + x2*w2"
    let n = sum + b
    n.label = "n"
    let o = n.tanh()
    o.label = "o"
    o.backward()
    return o
  }
}
