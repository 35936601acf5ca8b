import Autograd
import Foundation
import PythonHost
import Testing

/// References balance over many runs; deep graphs neither overflow nor recurse.
@Suite("Reference counts and deep graphs", .serialized)
struct ResourceTests {
  /// A script run 1,000 times in one process (gradviz-leaks, so that no other test shares
  /// the process), each in a fresh namespace: the count of live `Value` objects returns to
  /// where it started and resident memory does not grow.
  @Test func runningAScriptAThousandTimesLeavesNothingBehind() throws {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [folder, folder.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()].map { $0.appendingPathComponent("gradviz-leaks") }
    let tool = try #require(
      candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
      "gradviz-leaks is built beside the tests")
    let process = Process()
    process.executableURL = tool
    process.arguments = ["python", "1000"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    let growth = output.split(separator: "\n").last { $0.hasPrefix("RSS") }
      .flatMap { line in line.split(separator: "(").last?.split(separator: " ").first }
      .flatMap { Int($0) }
    let kib = try #require(growth, "\(output)")
    #expect(kib < 4096, "resident memory grew by \(kib) KiB over 990 runs:\n\(output)")
  }

  /// Live Values return to their count in this process too.
  @Test func liveValuesReturnToTheirCountAfterEachRun() {
    let source = "xs = [Value(float(i)) for i in range(50)]\ny = sum(xs, Value(0.0))\nclass C: pass\nc = C(); c.me = c; c.y = y\n"
    _ = Support.run(source)
    let before = ScriptHost.liveValueCount()
    for _ in 0..<50 { _ = Support.run(source) }
    #expect(ScriptHost.liveValueCount() == before)
  }

  /// A finished run's tape is kept by its ``ScriptRun`` alone, and freed with it: the host
  /// keeps no tape of its own between runs.
  @Test func aFinishedRunsTapeIsFreedWithTheRun() {
    weak var tape: Tape?
    do {
      let outcome = Support.run("a = Value(2.0)\nb = a * a + 1\n")
      tape = outcome.run?.tape
      #expect(tape?.count == 4)
    }
    #expect(tape == nil)
  }

  /// A million `tanh` nodes built in a Python loop, then backward: no recursion error.
  @Test func aMillionOpChainBuiltInPythonRunsBackward() throws {
    let outcome = Support.run(
      """
      y = Value(0.5, label='x')
      for _ in range(1_000_000):
          y = y.tanh()
      y.backward()
      print(y._prev[0]._op)
      """, timeout: 600)
    #expect(outcome.error == nil)
    #expect(outcome.output == "tanh\n")
    let root = try #require(outcome.run?.root)
    #expect(root.tape.count == 1_000_001)
    #expect(root.tape.topologicalOrder(from: root.id).count == 1_000_001)
  }
}
