import ArgumentParser
import Foundation
import NeuralNetwork

/// `gradviz-bench`: the engine's speed and memory beside Python micrograd and a hand-derived
/// C floor, measured side by side in one run. `make bench` builds it in release mode and
/// runs it.
///
///     gradviz-bench [--shared DIR] [--steps N] [--chain-nodes N]
///
/// Internal modes, one measurement per process: `train dot|micrograd`, `chain`.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradviz-bench",
    abstract: "Time the engine beside Python micrograd and a hand-derived C floor.")

  /// One measurement per process: the report runs itself again with one of these.
  enum Mode: String, ExpressibleByArgument, CaseIterable {
    case report, train, chain
  }

  @Argument(help: "report (default), or one measurement: train, chain.")
  var mode: Mode = .report

  @Argument(help: "With train: how neurons are recorded, dot or micrograd.")
  var graph: Neuron.Graph = .dot

  @Option(help: "shared/ with data/moons100.csv and bench/ (default: beside the repository).")
  var shared: String = Bench.defaultShared

  @Option(help: "Training steps to time.")
  var steps = 100

  @Option(help: "Nodes in the chain.")
  var chainNodes = 1_000_000

  func validate() throws {
    guard steps >= 1, chainNodes >= 1 else {
      throw ValidationError("--steps and --chain-nodes must be at least 1.")
    }
  }

  /// `shared/` beside the repository, else the copy kept with the tests (which has the data
  /// but not the reference implementations).
  static var defaultShared: String {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let beside = repository.deletingLastPathComponent().path + "/shared"
    return FileManager.default.fileExists(atPath: beside + "/data")
      ? beside : repository.path + "/Tests/Fixtures/shared"
  }

  func run() throws {
    switch mode {
    case .train:
      printJSON(try Workloads.train(dataPath: shared + "/data/moons100.csv", graph: graph, steps: steps))
    case .chain:
      printJSON(Workloads.chain(nodes: chainNodes, repeats: 5))
    case .report:
      Report(shared: shared, steps: steps, chainNodes: chainNodes).run()
    }
  }

  private func printJSON(_ object: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
  }
}

extension Neuron.Graph: ExpressibleByArgument {}

Bench.main()
