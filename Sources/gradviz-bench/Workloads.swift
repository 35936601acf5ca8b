import Autograd
import Foundation
import NeuralNetwork

/// The measured computations. Each runs in a process of its own, so that its peak memory is
/// its own, and prints one JSON object.
enum Workloads {
  /// micrograd's demo training step: MLP(2, [16, 16, 1]) from seed 1337 on the demo data,
  /// `steps` steps of the demo's schedule, each timed.
  static func train(dataPath: String, graph: Neuron.Graph, steps: Int) throws -> [String: Any] {
    let data = try Dataset(csv: String(contentsOfFile: dataPath, encoding: .utf8))
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: [16, 16, 1], seed: 1337, graph: graph, on: tape)
    var training = Training(model: model, data: data, steps: steps)
    let baseline = Measure.peakResidentBytes()
    var times: [Double] = []
    var last: Training.StepResult?
    for _ in 0..<steps {
      let start = Measure.now()
      last = training.runStep()
      times.append(Measure.now() - start)
    }
    return [
      "median_step_s": Measure.median(times), "graph_nodes": last?.nodes ?? 0,
      "edges_per_step": edges(of: model, data: data),
      "last_loss": last?.loss ?? .nan, "peak_rss_bytes": Measure.peakResidentBytes(),
      "baseline_rss_bytes": baseline,
    ]
  }

  /// The number of input edges one step records (the work of backward is one visit each).
  private static func edges(of model: MLP, data: Dataset) -> Int {
    let tape = model.tape
    let mark = tape.count
    let start = tape.inputCount
    _ = Training(model: model, data: data, steps: 1).loss(over: data.inputs.indices)
    defer { tape.truncate(to: mark) }
    return tape.inputCount - start
  }

  /// A chain of `nodes` values (a leaf and `nodes - 1` tanh), recorded on a fresh tape with
  /// no room reserved, then backward; `repeats` times.
  static func chain(nodes: Int, repeats: Int) -> [String: Any] {
    let baseline = Measure.peakResidentBytes()
    var record: [Double] = []
    var backward: [Double] = []
    var replay: [Double] = []
    var gradient = 0.0
    for _ in 0..<repeats {
      let tape = Tape()
      let start = Measure.now()
      let x = Value(0.5, on: tape)
      var y = x
      for _ in 1..<nodes { y = y.tanh() }
      let recorded = Measure.now()
      y.backward()
      let done = Measure.now()
      tape.forward()
      replay.append(Measure.now() - done)
      record.append(recorded - start)
      backward.append(done - recorded)
      gradient = x.grad
      precondition(tape.count == nodes)
    }
    let total = zip(record, backward).map { $0 + $1 }
    return [
      "nodes": nodes, "median_s": Measure.median(total), "median_record_s": Measure.median(record),
      "median_backward_s": Measure.median(backward), "median_replay_s": Measure.median(replay),
      "peak_rss_bytes": Measure.peakResidentBytes(), "baseline_rss_bytes": baseline,
      "x_grad": gradient,
    ]
  }
}
