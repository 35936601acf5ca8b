import Foundation
import Numerics
import Testing

/// `gradviz train` through the built binary.
@Suite("gradviz train")
struct TrainTests {
  static let reference = CLI.shared.appendingPathComponent("cases/moons-micrograd.json").path
  static let moons = CLI.shared.appendingPathComponent("data/moons100.csv").path

  /// micrograd's printed history: [step, loss, accuracy] rows.
  static func history() throws -> [[Double]] {
    let object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: reference)))
    let rows = try #require((object as? [String: Any])?["history"] as? [[NSNumber]])
    return rows.map { $0.map(\.doubleValue) }
  }

  /// The demo with micrograd's initial parameters and data (named by the init file): every
  /// step's loss within 1e-9 relative of micrograd's, the same accuracy, 100% at the end.
  @Test func matchesMicrogradsHistoryAtEveryStep() throws {
    let result = try CLI.run(["train", "--init", Self.reference, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    let history = try Self.history()
    #expect(lines.count == history.count)
    for (line, row) in zip(lines, history) {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(Set(object.keys) == ["step", "loss", "accuracy", "seconds"])
      let loss = try #require((object["loss"] as? NSNumber)?.doubleValue)
      #expect((object["step"] as? NSNumber)?.intValue == Int(row[0]))
      #expect(
        loss.isApproximatelyEqual(to: row[1], relativeTolerance: 1e-9),
        "step \(row[0]): \(loss) vs \(row[1])")
      #expect((object["accuracy"] as? NSNumber)?.doubleValue == row[2])
      #expect(((object["seconds"] as? NSNumber)?.doubleValue ?? -1) >= 0)
    }
    #expect(history.last?[2] == 1.0)
  }

  @Test func printsStepsAsMicrogradsDemoDoes() throws {
    let arguments = ["train", "--data", Self.moons, "--steps", "3", "--seed", "7"]
    let result = try CLI.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    for (k, line) in lines.enumerated() {
      #expect(
        line.hasPrefix("step \(k) loss ") && line.hasSuffix("%") && line.contains(", accuracy "))
    }
    // The same seed gives the same run, byte for byte.
    #expect(try CLI.run(arguments).stdout == result.stdout)
    #expect(try CLI.run(arguments.dropLast() + ["8"]).stdout != result.stdout)
  }

  /// A mistyped size is refused before it can exhaust memory.
  @Test func oversizedRunsAreRefused() throws {
    let samples = try CLI.run(["train", "--samples", "9223372036854775807", "--steps", "1"])
    #expect(samples.status == 64)
    #expect(samples.stderr.contains("--samples must be at most"))
    let layer = try CLI.run(["train", "--layers", "100000000,1"])
    #expect(layer.status == 64)
    let graph = try CLI.run(["train", "--samples", "1000000", "--layers", "1000,1000,1"])
    #expect(graph.status == 1)
    #expect(graph.stderr.contains("use fewer samples or smaller layers"))
  }

  @Test func builtInTwoMoonsTrainWithoutData() throws {
    let result = try CLI.run(["train", "--steps", "40", "--samples", "30", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let losses = try result.stdout.split(separator: "\n").map { line in
      try #require(
        (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["loss"]
          as? NSNumber
      ).doubleValue
    }
    #expect(losses.count == 40)
    #expect(try #require(losses.last) < losses[0])
  }

  @Test func rendersTheLossGraphOfOneSample() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-train-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("loss.svg").path
    let result = try CLI.run([
      "train", "--steps", "2", "--samples", "10", "--layers", "3,1", "--render", out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOfFile: out, encoding: .utf8)
    #expect(
      svg.contains("<svg") && svg.contains(">loss<") && svg.contains(">score<")
        && svg.contains(">dot<"))
    // The same graph as an explorer page.
    let page = folder.appendingPathComponent("loss.html").path
    let explored = try CLI.run([
      "train", "--steps", "2", "--samples", "10", "--layers", "3,1", "--render", page,
    ])
    #expect(explored.status == 0, "\(explored.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains(">loss<"))
    #expect(html.contains("<title>the loss of sample "))
    // Where the file cannot be written: exit 74, nothing left behind.
    let bad = folder.appendingPathComponent("missing/loss.svg").path
    let failed = try CLI.run([
      "train", "--steps", "1", "--samples", "10", "--layers", "3,1", "--render", bad,
    ])
    #expect(failed.status == 74)
    #expect(!FileManager.default.fileExists(atPath: bad))
  }

  struct Failure: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let status: Int32
    let message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let failures: [Failure] = [
    Failure(
      arguments: ["--data", "/nonexistent.csv"], status: 1,
      message: "cannot read '/nonexistent.csv': no such file"),
    Failure(
      arguments: ["--layers", "16,16,2"], status: 64, message: "The last layer must have 1 neuron"),
    Failure(arguments: ["--layers", "16,x,1"], status: 64, message: "--layers"),
    Failure(arguments: ["--steps", "0"], status: 64, message: "--steps must be at least 1"),
    Failure(
      arguments: ["--data", moons, "--samples", "10"], status: 64,
      message: "leave them out with --data"),
    Failure(
      arguments: ["--init", reference, "--layers", "8,1"], status: 1,
      message: "differs from the init file's layer_sizes"),
    Failure(arguments: ["--init", moons], status: 1, message: "not valid JSON"),
    Failure(arguments: ["--render", "out"], status: 64, message: "add --format"),
    Failure(arguments: ["--sample", "3"], status: 64, message: "goes with --render"),
    Failure(
      arguments: ["--samples", "10", "--render", "x.svg", "--sample", "10"], status: 1,
      message: "--sample 10: there are 10 samples, numbered from 0"),
  ]

  @Test(arguments: failures)
  func badInputGetsAClearError(_ failure: Failure) throws {
    let result = try CLI.run(["train", "--steps", "1"] + failure.arguments)
    #expect(result.status == failure.status)
    #expect(result.stderr.contains(failure.message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func badDataNamesItsLineAndInitCountsAreChecked() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-train-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("bad.csv")
    try "x0,x1,y\n0.5,1.0,1\n0.25,0.75,0\n".write(to: csv, atomically: true, encoding: .utf8)
    let result = try CLI.run(["train", "--data", csv.path])
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("bad.csv': line 3: the label (last cell) must be -1 or +1, found '0'"))
    let list = folder.appendingPathComponent("init.json")
    try "[0.1, 0.2, 0.0]".write(to: list, atomically: true, encoding: .utf8)
    let short = try CLI.run(["train", "--init", list.path, "--layers", "2,1"])
    #expect(short.status == 1)
    #expect(
      short.stderr.contains("has 3 parameter values, but MLP(2, [2, 1]) has 9"), "\(short.stderr)")
    let fits = try CLI.run(["train", "--init", list.path, "--layers", "1", "--steps", "2"])
    #expect(fits.status == 0, "\(fits.stderr)")
  }
}
