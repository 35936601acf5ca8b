import Autograd
import Foundation

/// The loss graph of one step of micrograd's demo: `MLP(2, [16, 16, 1])` (ReLU hidden layers,
/// a linear output) on the 100 points of `moons100.csv`, SVM hinge loss plus L2:
/// ```
/// loss = mean(relu(1 - y·score)) + 1e-4 · Σ p²
/// ```
/// written as micrograd's `demo.ipynb` writes it, so the graph has the same shape (about
/// 66,000 values). Every neuron's parameters and arithmetic are tagged with the neuron's
/// ``NodeGroup``, as the nn types tag them. Weights are uniform in [-1, 1) from a fixed seed.
enum DemoStep {
  /// Builds the loss on a fresh tape and runs backward from it.
  ///
  /// - Parameter csv: the text of `moons100.csv` (`x0,x1,y` with a header line).
  static func loss(csv: String, sizes: [Int] = [2, 16, 16, 1]) -> Value {
    let rows = csv.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").compactMap { Double($0) }
    }.filter { $0.count == 3 }
    let tape = Tape(capacity: 70_000)
    var random = SplitMix64(seed: 1337)

    // The model: per layer, per neuron, (weights, bias), made inside the neuron's group.
    var model: [[(w: [Value], b: Value)]] = []
    for layer in 0..<(sizes.count - 1) {
      model.append(
        (0..<sizes[layer + 1]).map { neuron in
          tape.withGroup(NodeGroup(layer: layer, neuron: neuron)) {
            let w = (0..<sizes[layer]).map { _ in Value(random.uniform(), on: tape) }
            return (w, Value(0, on: tape))
          }
        })
    }

    var losses: [Value] = []
    for row in rows {
      var x = [Value(row[0], on: tape), Value(row[1], on: tape)]
      for (layer, neurons) in model.enumerated() {
        let isLast = layer == model.count - 1
        x = neurons.enumerated().map { neuron, parameters in
          tape.withGroup(NodeGroup(layer: layer, neuron: neuron)) {
            // sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
            var act = parameters.b
            for (wi, xi) in zip(parameters.w, x) { act = act + wi * xi }
            return isLast ? act : act.relu()
          }
        }
      }
      losses.append((1 + -row[2] * x[0]).relu())
    }
    // sum(losses) * (1.0 / len(losses)): Python's sum starts from the integer 0.
    var total = Value.constant(0, on: tape) + losses[0]
    for l in losses.dropFirst() { total = total + l }
    let dataLoss = total * (1.0 / Double(losses.count))
    let parameters = model.flatMap { $0.flatMap { $0.w + [$0.b] } }
    var squares = Value.constant(0, on: tape) + parameters[0] * parameters[0]
    for p in parameters.dropFirst() { squares = squares + p * p }
    let loss = dataLoss + 1e-4 * squares
    loss.label = "loss"
    loss.backward()
    return loss
  }
}

/// Steele, Lea and Flood's SplitMix64: a small, fixed-seed generator.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [-1, 1).
  mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) * 2 - 1 }
}
