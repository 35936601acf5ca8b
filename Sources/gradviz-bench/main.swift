import Foundation
import NeuralNetwork

/// `gradviz-bench`: the engine's speed and memory beside Python micrograd and a hand-derived
/// C floor, measured side by side in one run. `make bench` builds it in release mode and
/// runs it.
///
///     gradviz-bench [--shared DIR] [--steps N] [--chain-nodes N]
///
/// Internal modes, one measurement per process: `train dot|micrograd`, `chain`.
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: String) -> String {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
    return value
  }
  return arguments[index + 1]
}

/// `shared/` beside the repository, else the copy kept with the tests (which has the data but
/// not the reference implementations).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()
let shared = option(
  "--shared",
  default: FileManager.default.fileExists(
    atPath: repository.deletingLastPathComponent().path + "/shared/data")
    ? repository.deletingLastPathComponent().path + "/shared"
    : repository.path + "/Tests/Fixtures/shared")
let steps = Int(option("--steps", default: "100")) ?? 100
let chainNodes = Int(option("--chain-nodes", default: "1000000")) ?? 1_000_000
let dataPath = shared + "/data/moons100.csv"

func printJSON(_ object: [String: Any]) {
  let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
  print(String(decoding: data, as: UTF8.self))
}

do {
  switch arguments.first {
  case "train":
    let graph = Neuron.Graph(rawValue: arguments.dropFirst().first ?? "dot") ?? .dot
    printJSON(try Workloads.train(dataPath: dataPath, graph: graph, steps: steps))
  case "chain":
    printJSON(Workloads.chain(nodes: chainNodes, repeats: 5))
  default:
    Report(shared: shared, steps: steps, chainNodes: chainNodes).run()
  }
} catch {
  FileHandle.standardError.write(Data("gradviz-bench: error: \(error)\n".utf8))
  exit(1)
}
