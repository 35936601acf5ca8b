import Autograd
import Foundation
import NeuralNetwork
import TestSupport

/// The graphs the explorer's tests show, and the browser that drives its pages.
enum Pages {
  /// The repository's root folder.
  static let root = Repository.root

  /// The walkthrough's neuron, `o = tanh(x1*w1 + x2*w2 + b)`, as Samples/neuron.mg builds it.
  static func neuron(backward: Bool = true) -> Value {
    WalkthroughNeuron(backward: backward).o
  }

  /// The loss of one step of micrograd's demo (`MLP(2, [16, 16, 1])` on moons100.csv, hinge
  /// loss plus L2, about 65,000 values), after backward.
  static func demoStep(sizes: [Int] = [16, 16, 1], points: Int? = nil) throws -> Value {
    let csv = try String(
      contentsOf: Repository.fixtures.appendingPathComponent("data/moons100.csv"),
      encoding: .utf8)
    return try DemoStep.loss(csv: csv, sizes: sizes, points: points)
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
