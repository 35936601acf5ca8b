import Autograd
import Foundation
import NeuralNetwork

/// The graphs the explorer's tests show, and the browser that drives its pages.
enum Pages {
  /// The repository's root folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The walkthrough's neuron, `o = tanh(x1*w1 + x2*w2 + b)`, as Samples/neuron.mg builds it.
  static func neuron(backward: Bool = true) -> Value {
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
    if backward { o.backward() }
    return o
  }

  /// The loss of one step of micrograd's demo (`MLP(2, [16, 16, 1])` on moons100.csv, hinge
  /// loss plus L2, about 65,000 values), after backward.
  static func demoStep(sizes: [Int] = [16, 16, 1], points: Int? = nil) throws -> Value {
    let csv = try String(
      contentsOf: root.appendingPathComponent("Tests/Fixtures/shared/data/moons100.csv"),
      encoding: .utf8)
    let data = try Dataset(csv: csv)
    let tape = Tape()
    let model = MLP(inputCount: 2, layerSizes: sizes, graph: .micrograd, on: tape)
    let training = Training(model: model, data: data, steps: 1)
    let loss = training.loss(over: 0..<(points ?? data.count)).loss
    loss.label = "loss"
    loss.backward()
    return loss
  }

  /// A fresh folder for a test's files.
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-explorer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Headless Chromium driven by Tests/Browser/explorer.py (Debian's chromium, chromium-driver
/// and python3-selenium, which `make test` installs).
enum Browser {
  static let python = "/usr/bin/python3"
  static let script = Pages.root.appendingPathComponent("Tests/Browser/explorer.py")

  /// What is missing to run the browser, or nil.
  static var missing: String? {
    for path in ["/usr/bin/chromium", "/usr/bin/chromedriver", python]
    where !FileManager.default.isExecutableFile(atPath: path) {
      return path
    }
    return nil
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Runs the script with `arguments` and returns its JSON report.
  static func run(_ arguments: [String]) throws -> Any {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script.path] + arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "explorer.py \(arguments.first ?? "") exited \(process.terminationStatus): "
          + String(decoding: stderr, as: UTF8.self))
    }
    return try JSONSerialization.jsonObject(with: stdout)
  }
}
