import Autograd
import Foundation
import GraphJSON
import Rendering
import TestSupport
import Testing

/// Very deep and very wide graphs through every subcommand that has no size limit by design,
/// without stack overflow and in memory linear in the size; `render` refuses them.
///
/// `make test` runs a chain of 100,000 values; `make stress` one of 1,000,000.
@Suite struct DeepAndWideTests {
  @Test func chainOfOneHundredThousand() throws {
    try DeepChain.check(steps: 25_000)
  }

  /// One `+` node with 100,000 inputs (`Value.sum`), through the libraries: backward, DOT,
  /// JSON, and a refusal to lay it out.
  @Test func nodeWithOneHundredThousandInputs() throws {
    let tape = Tape()
    let leaves = (0..<100_000).map { Value(Double($0 % 7) - 3, label: "x\($0)", on: tape) }
    let total = Value.sum(leaves)
    total.label = "total"
    total.backward()
    let expected: Double = leaves.reduce(0.0) { $0 + $1.data }  // small integers: exact
    #expect(total.data == expected)
    #expect(leaves.allSatisfy { $0.grad == 1 })

    let drawing = Drawing(root: total)
    #expect(drawing.valueCount == 100_001)
    let dot = try drawing.dot()
    #expect(dot.hasPrefix("digraph"))
    #expect(dot.contains("{x99999|data 1.0000|grad 1.0000}"))
    let json = try drawing.trace.json(gradvizVersion: "test")
    #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    #expect(throws: RenderError.self) { try drawing.render(format: "svg") }
  }
}

@Suite(
  "Stress: deep graphs", .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
struct DeepAndWideStressTests {
  @Test func chainOfOneMillion() throws {
    try DeepChain.check(steps: 250_000)
  }
}

/// A chain script (``BigScripts/chain(steps:)``), run through the CLI.
enum DeepChain {
  /// Runs `grads`, `check`, `dot` and `render --format json` on a chain of `4 · steps + 1`
  /// values, checks each result and their peak memory, and that `render` to SVG refuses.
  static func check(steps: Int) throws {
    let folder = try TemporaryFolder()
    let script = folder.path("chain.mg")
    try BigScripts.chain(steps: steps).write(toFile: script, atomically: true, encoding: .utf8)
    let values = 4 * steps + 1
    // Each pair of steps multiplies by 2 and by 0.5: the grad of x is 1, exactly.
    let slope = 1.0

    let grads = try measured(["grads", script, "--format", "csv", "--leaves"], in: folder)
    #expect(grads.status == 0, "\(grads.stderr)")
    let rows = CLI.csv(grads.stdout)
    let x = try #require(rows.first { $0.count > 1 && $0[1] == "x" })
    let grad = try #require(x.last.flatMap(Double.init))
    #expect(grad == slope)
    // At most ~4 KB per value, however long the chain (a recursion or a quadratic buffer
    // would blow through it).
    #expect(grads.peakKiB < 64 * 1024 + values * 4, "grads used \(grads.peakKiB) KiB")

    let check = try measured(["check", script, "--failures"], in: folder)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.peakKiB < 64 * 1024 + values * 4, "check used \(check.peakKiB) KiB")

    let dot = try measured(["dot", script], in: folder)
    #expect(dot.status == 0, "\(dot.stderr)")
    #expect(dot.stdout.hasPrefix("digraph"))
    #expect(dot.stdout.hasSuffix("}\n"))
    #expect(dot.peakKiB < 64 * 1024 + values * 4, "dot used \(dot.peakKiB) KiB")

    let json = try measured(["render", script, "-o", "-", "--format", "json"], in: folder)
    #expect(json.status == 0, "\(json.stderr)")
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(parsed != nil)

    let svg = try CLI.run(["render", script, "-o", folder.path("chain.svg")])
    #expect(svg.status == 1)
    #expect(svg.stderr.contains("nodes to draw, more than the 2000"))
    #expect(folder.contents() == ["chain.mg"])
  }

  struct Measured {
    let status: Int32
    let stdout: String
    let stderr: String
    let peakKiB: Int
  }

  /// Runs gradviz under `/usr/bin/time -f %M`, which prints the peak resident memory in KiB
  /// as the last line of stderr.
  static func measured(_ arguments: [String], in folder: TemporaryFolder) throws -> Measured {
    let timeFile = folder.path("time.txt")
    let result = try CLI.run(
      ["-o", timeFile, "-f", "%M", CLI.binary.path] + arguments, using: "/usr/bin/time")
    let peak =
      Int(
        (try? String(contentsOfFile: timeFile, encoding: .utf8))?
          .split(separator: "\n").last.map(String.init) ?? "") ?? 0
    try? FileManager.default.removeItem(atPath: timeFile)
    return Measured(
      status: result.status, stdout: result.stdout, stderr: result.stderr, peakKiB: peak)
  }
}
