import Autograd
import Foundation
import NeuralNetwork
import Numerics
import Testing

@Suite("Training matches micrograd")
struct TrainingTests {
  /// shared/cases/moons-micrograd.json: micrograd's initial parameters and its printed loss
  /// history for 100 steps of its demo.
  struct Reference {
    let file: ParameterFile
    let history: [(step: Int, loss: Double, accuracy: Double)]
    let data: Dataset

    init() throws {
      let json = try Shared.data("cases/moons-micrograd.json")
      file = try ParameterFile(json: json)
      let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
      let rows = try #require(object["history"] as? [[NSNumber]])
      history = rows.map { ($0[0].intValue, $0[1].doubleValue, $0[2].doubleValue) }
      data = try Dataset(csv: Shared.text("data/moons100.csv"))
    }
  }

  /// Every step's loss within 1e-9 relative of micrograd's, and the same accuracy, with
  /// one `dot` node per neuron and with micrograd's own graph of `*` and `+` nodes.
  @Test(arguments: Neuron.Graph.allCases)
  func lossHistoryMatchesMicrogradAtEveryStep(_ graph: Neuron.Graph) throws {
    let reference = try Reference()
    #expect(reference.file.layerSizes == [2, 16, 16, 1])
    #expect(reference.history.count == 100)
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: [16, 16, 1], graph: graph, on: tape)
    try model.load(reference.file.parameters)
    var training = Training(model: model, data: reference.data, steps: 100)
    for row in reference.history {
      let result = training.runStep()
      #expect(result.step == row.step)
      #expect(
        result.loss.isApproximatelyEqual(to: row.loss, relativeTolerance: 1e-9),
        "step \(row.step): loss \(result.loss), micrograd \(row.loss)")
      #expect(result.accuracy == row.accuracy, "step \(row.step)")
    }
    #expect(reference.history.last?.accuracy == 1.0)
  }

  /// With seed 1337 the initial weights are those of the hand-derived C reference
  /// (shared/bench/mlp_floor.c), whose loss at step 99 is 0.011106807027429213.
  @Test func seededRunMatchesTheHandDerivedReference() throws {
    let data = try Dataset(csv: Shared.text("data/moons100.csv"))
    let tape = Tape()
    var training = Training(
      model: MLP(inputCount: 2, layerSizes: [16, 16, 1], seed: 1337, on: tape), data: data,
      steps: 100)
    var last: Training.StepResult?
    for _ in 0..<100 { last = training.runStep() }
    let loss = try #require(last?.loss)
    #expect(loss.isApproximatelyEqual(to: 0.011106807027429213, relativeTolerance: 1e-9), "\(loss)")
  }

  /// micrograd's graph (65,044 nodes a step) and the `dot` graph give the same losses to the
  /// last bit at every step.
  @Test func bothGraphsGiveTheSameBits() throws {
    let data = try Dataset(csv: Shared.text("data/moons100.csv"))
    var runs: [[Training.StepResult]] = []
    for graph in Neuron.Graph.allCases {
      let tape = Tape()
      let model = MLP(inputCount: 2, layerSizes: [16, 16, 1], seed: 1337, graph: graph, on: tape)
      var training = Training(model: model, data: data, steps: 100)
      runs.append((0..<100).map { _ in training.runStep() })
    }
    #expect(runs[1].first?.nodes == 65_044)
    for (dot, micrograd) in zip(runs[0], runs[1]) {
      #expect(dot.loss.bitPattern == micrograd.loss.bitPattern, "step \(dot.step)")
      #expect(dot.accuracy == micrograd.accuracy)
    }
  }

  @Test func eachStepForgetsItsGraph() throws {
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: [4, 1], seed: 2, on: tape)
    let parameters = tape.count
    var training = Training(model: model, data: .twoMoons(count: 20, seed: 4), steps: 3)
    let first = training.runStep()
    #expect(tape.count == parameters)
    let second = training.runStep()
    #expect(tape.count == parameters)
    #expect(first.nodes == second.nodes && first.nodes > 0)
    #expect(second.loss < first.loss)
  }

  @Test func learningRateFollowsMicrogradsSchedule() {
    #expect(Training.learningRate(step: 0, of: 100) == 1.0)
    #expect(Training.learningRate(step: 50, of: 100) == 1.0 - 0.9 * 50 / 100)
    #expect(Training.learningRate(step: 99, of: 100) == 1.0 - 0.9 * 99 / 100)
  }

  @Test func sampleLossIsTheHingeOfOneSample() {
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: [3, 1], seed: 8, on: tape)
    let data = Dataset(inputs: [[0.5, -0.5]], labels: [1])
    let loss = Training(model: model, data: data, steps: 1).sampleLoss(0)
    let score = model([Value(0.5, on: tape), Value(-0.5, on: tape)])[0]
    #expect(loss.data == max(0, 1 - score.data))
    #expect(loss.label == "loss")
    let labels = tape.topologicalOrder(from: loss.id).map { Value(tape: tape, id: $0).label }
    #expect(labels.contains("x0") && labels.contains("x1") && labels.contains("score"))
  }
}
