import Autograd

/// micrograd's demo training loop: an ``MLP`` scored by a max-margin (SVM) loss with L2
/// regularization, trained by stochastic gradient descent on the whole data set each step.
///
/// ```
/// loss = mean(relu(1 - yᵢ·scoreᵢ)) + 1e-4 · Σ p²
/// p   -= (1.0 - 0.9·k/steps) · dloss/dp            at step k = 0, 1, …, steps - 1
/// ```
/// The loss is recorded as micrograd records it (the hinge terms summed in sample order,
/// times `1/n`, plus `1e-4` times the squares summed in parameter order), so with the same
/// initial parameters and data each step's loss matches micrograd's to the last few bits.
///
/// Each step records its graph on the model's tape after the parameters and removes it at
/// the end (``/Autograd/Tape/truncate(to:)``), so memory stays that of one step.
public struct Training {
  /// The model being trained.
  public let model: MLP
  /// The samples, all used at every step.
  public let data: Dataset
  /// The number of steps the learning rate schedule spans.
  public let steps: Int
  /// The weight of the L2 term, micrograd's `alpha`.
  public var regularization = 1e-4
  /// The next step's index, from 0.
  public private(set) var step = 0

  /// What one step measured, before its update.
  public struct StepResult: Sendable, Equatable {
    /// The step's index, from 0.
    public let step: Int
    /// The total loss at the parameters the step started from.
    public let loss: Double
    /// The fraction of samples whose score has the sign of their label, in [0, 1].
    public let accuracy: Double
    /// The number of nodes the step recorded.
    public let nodes: Int
  }

  /// Sets up training.
  ///
  /// - Precondition: the model takes as many inputs as each sample has and has one output;
  ///   `steps` is at least 1.
  public init(model: MLP, data: Dataset, steps: Int) {
    precondition(
      model.inputCount == data.featureCount,
      "the model takes \(model.inputCount) inputs, the samples have \(data.featureCount)")
    precondition(model.layers.last?.neurons.count == 1, "the model must have one output")
    precondition(steps >= 1, "train for at least one step")
    self.model = model
    self.data = data
    self.steps = steps
  }

  /// The learning rate of step `k` of `steps`: `1.0 - 0.9·k/steps`, micrograd's schedule.
  public static func learningRate(step k: Int, of steps: Int) -> Double {
    1.0 - 0.9 * Double(k) / Double(steps)
  }

  /// Records the loss over `samples` on the model's tape.
  ///
  /// - Parameter samples: positions in ``data``.
  /// - Returns: the total loss and each sample's score, in `samples` order.
  /// - Complexity: O(samples × parameters).
  public func loss(over samples: some Collection<Int>) -> (loss: Value, scores: [Value]) {
    let tape = model.tape
    var scores: [Int32] = []
    var margins: [Int32] = []
    scores.reserveCapacity(samples.count)
    margins.reserveCapacity(samples.count)
    let width = model.layers.map(\.neurons.count).max() ?? 1
    var values: [Int32] = []
    var scratch: [Int32] = []
    values.reserveCapacity(Swift.max(width, model.inputCount))
    scratch.reserveCapacity(Swift.max(width, model.inputCount))
    for i in samples {
      values.removeAll(keepingCapacity: true)
      for x in data.inputs[i] { values.append(Int32(truncatingIfNeeded: tape.recordLeaf(x))) }
      model.plan.forward(&values, scratch: &scratch, on: tape)
      let score = Int(values[0])
      scores.append(Int32(truncatingIfNeeded: score))
      // (1 - y * score).relu(), as micrograd's (1 + -yi*scorei).relu(): the same number.
      let product = tape.recordBinary(.multiply, tape.recordConstant(data.labels[i]), score)
      let margin = tape.recordBinary(.subtract, tape.recordConstant(1), product)
      margins.append(Int32(truncatingIfNeeded: tape.recordUnary(.relu, margin)))
    }
    // sum(losses) * (1.0 / len(losses))
    let total = margins.withUnsafeBufferPointer { tape.recordSum($0) }
    let dataLoss = tape.recordBinary(
      .multiply, total, tape.recordConstant(1.0 / Double(samples.count)))
    // alpha * sum((p*p for p in model.parameters()))
    var squares: [Int32] = []
    squares.reserveCapacity(model.parameterIDs.count)
    for p in model.parameterIDs {
      squares.append(Int32(truncatingIfNeeded: tape.recordBinary(.multiply, Int(p), Int(p))))
    }
    let squareSum = squares.withUnsafeBufferPointer { tape.recordSum($0) }
    let regularizationLoss = tape.recordBinary(
      .multiply, tape.recordConstant(regularization), squareSum)
    let loss = tape.recordBinary(.add, dataLoss, regularizationLoss)
    return (Value(tape: tape, id: loss), scores.map { Value(tape: tape, id: Int($0)) })
  }

  /// Runs one step: records the loss over all samples, zeroes the parameters' gradients,
  /// backpropagates, moves each parameter against its gradient and forgets the step's graph.
  ///
  /// - Returns: the loss and accuracy at the parameters the step started from.
  /// - Complexity: O(samples × parameters).
  public mutating func runStep() -> StepResult {
    let tape = model.tape
    let mark = tape.count
    let (loss, scores) = loss(over: data.inputs.indices)
    let nodes = tape.count - mark
    var correct = 0
    for (score, label) in zip(scores, data.labels) where (label > 0) == (score.data > 0) {
      correct += 1
    }
    let result = StepResult(
      step: step, loss: loss.data, accuracy: Double(correct) / Double(data.count), nodes: nodes)
    model.zeroGrad()
    loss.backward()
    let rate = Self.learningRate(step: step, of: steps)
    for parameter in model.parameters() {
      parameter.data -= rate * parameter.grad
    }
    tape.truncate(to: mark)
    step += 1
    return result
  }

  /// Each sample's hinge loss `relu(1 - y·score)` at the current parameters, in sample order;
  /// the graph is recorded and removed again.
  ///
  /// - Complexity: O(samples × parameters).
  public func hingeLosses() -> [Double] {
    let tape = model.tape
    let mark = tape.count
    defer { tape.truncate(to: mark) }
    let scores = loss(over: data.inputs.indices).scores
    return zip(scores, data.labels).map { Swift.max(0, 1 - $1 * $0.data) }
  }

  /// Records the loss graph of one sample, without the L2 term, for drawing: the sample's
  /// inputs `x0`, `x1`, … through the model to its `score`, and `loss = relu(1 - y·score)`.
  ///
  /// The graph stays on the model's tape.
  ///
  /// - Parameter sample: a position in ``data``.
  public func sampleLoss(_ sample: Int) -> Value {
    let tape = model.tape
    let inputs = data.inputs[sample].enumerated().map {
      Value($0.element, label: "x\($0.offset)", on: tape)
    }
    let score = model(inputs)[0]
    score.label = "score"
    let loss = (1 - data.labels[sample] * score).relu()
    loss.label = "loss"
    return loss
  }
}
