import Autograd
import NeuralNetwork

/// The loss graph of one step of micrograd's demo, built by the nn library:
/// `MLP(2, [16, 16, 1])` with micrograd's graph (a `*` per weight and a chain of `+`), on the
/// points of `moons100.csv`, SVM hinge loss plus L2:
/// ```
/// loss = mean(relu(1 - y·score)) + 1e-4 · Σ p²
/// ```
/// about 66,000 values, every neuron's values tagged with its layer and neuron.
public enum DemoStep {
  /// Records the loss on a fresh tape, labels it `loss` and runs backward from it.
  ///
  /// - Parameters:
  ///   - csv: the text of `moons100.csv` (``Repository/shared``'s `data/moons100.csv`).
  ///   - sizes: the layer sizes.
  ///   - points: how many of the data points the loss is over; all by default.
  /// - Throws: the ``Dataset`` error for text that is not the data set.
  public static func loss(csv: String, sizes: [Int] = [16, 16, 1], points: Int? = nil) throws
    -> Value
  {
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
