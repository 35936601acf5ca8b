import Foundation
import TestSupport
import Testing

/// The big cases of ``RobustnessTests``, for `make stress` (set GRADVIZ_STRESS=1).
@Suite(
  "Robustness stress", .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
struct RobustnessStressTests {
  /// A neuron with 100,000 inputs: `check` finishes (linear work: 200 sampled leaves, every
  /// operation), passes, and says how many leaves it checked.
  @Test(.timeLimit(.minutes(10))) func checkOfAHundredThousandInputNeuron() throws {
    let folder = try TemporaryFolder()
    let script = folder.path("wide.mg")
    try """
    xs = [Value(float(i % 7) - 3.0) for i in range(100000)]
    ws = [Value(0.0001 * (i % 11)) for i in range(100000)]
    n = sum([w*x for w, x in zip(ws, xs)], Value(0.5)).tanh()
    """.write(toFile: script, atomically: true, encoding: .utf8)
    let result = try CLI.run(["check", "--failures", script])
    #expect(result.status == 0, "\(result.stdout.suffix(600))")
    #expect(result.stdout.contains("(200 of the 200001 leaves checked"))
  }

  /// A chain of about 2,000 values in which one leaf feeds every step: drawn with a copy of
  /// the leaf beside each step; without copies, refused before any layout with advice,
  /// instead of minutes and gigabytes.
  @Test(.timeLimit(.minutes(5))) func chainWithOneSharedLeaf() throws {
    var text = "w = Value(0.5, label='w')\nx = Value(1.0, label='x')\n"
    for _ in 0..<660 { text += "x = x * w + 0.25\n" }
    let folder = try TemporaryFolder()
    let script = folder.path("shared.mg")
    try text.write(toFile: script, atomically: true, encoding: .utf8)
    let drawn = try CLI.run(["render", script, "-o", folder.path("a.svg")])
    #expect(drawn.status == 0, "\(drawn.stderr)")
    let svg = try String(contentsOfFile: folder.path("a.svg"), encoding: .utf8)
    #expect(svg.hasSuffix("</svg>\n") && svg.contains("n0c659"))
    let refused = try CLI.run(["render", script, "--no-leaf-copies", "-o", folder.path("b.svg")])
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("gradviz: error: the layout would route long edges"))
    #expect(folder.contents() == ["a.svg", "shared.mg"])
  }

  /// Many renders in a row through the Graphviz child: nothing accumulates (each child ends
  /// with what Graphviz 2.42 leaked), and every picture is whole.
  @Test(.timeLimit(.minutes(10))) func manyRendersThroughTheChild() throws {
    let folder = try TemporaryFolder()
    for index in 0..<200 {
      let out = folder.path("a.svg")
      let result = try CLI.run(["render", "-e", "a = Value(\(index).5); b = a * a", "-o", out])
      #expect(result.status == 0)
      #expect(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("</svg>\n"))
    }
    #expect(folder.contents() == ["a.svg"])
  }
}
