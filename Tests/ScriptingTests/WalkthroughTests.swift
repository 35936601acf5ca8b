import Autograd
import Foundation
import Testing

@testable import Scripting

/// The walkthrough in shared/seed, pasted whole: every code cell, in order, with its
/// indentation restored (Tests/ScriptingTests/Fixtures/walkthrough.mg, also shipped as
/// Samples/walkthrough.mg).
@Suite("The walkthrough, pasted whole")
struct WalkthroughTests {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixture = tests.appendingPathComponent("Fixtures/walkthrough.mg")
  static let sample = tests.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/walkthrough.mg")
  static let seed = SharedCases.directory.deletingLastPathComponent()
    .appendingPathComponent("seed/000_995a6406729bb618.txt")

  /// The lines of the seed that look like code but are not: the output the walkthrough
  /// shows under a cell, and a formula of the prose.
  static let notCode: Set<String> = [
    "slope 0.9999999999976694",  // what print('slope', ...) writes, checked below
    "Value(data=4.0)",  // what a notebook displays for the bare `d`
    "tanh(x) = (e2x - 1) / (e2x + 1)",  // the formula in the text
  ]

  static func lines(_ url: URL) throws -> [String] {
    try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
  }

  /// Whether a line has Chinese text, which marks the walkthrough's prose.
  static func hasChinese(_ line: String) -> Bool {
    line.unicodeScalars.contains {
      (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
    }
  }

  @Test("the fixture holds every code line of the seed, in order, and nothing else but comments")
  func fixtureIsTheWalkthrough() throws {
    let seedLines = try Self.lines(Self.seed).map { $0.trimmingCharacters(in: .whitespaces) }
    let fixtureLines = try Self.lines(Self.fixture).map { $0.trimmingCharacters(in: .whitespaces) }
    // The fixture's lines, other than blank lines and its own comments, are the seed's
    // lines in the seed's order.
    var seedIndex = 0
    var used = Set<Int>()
    for line in fixtureLines where !line.isEmpty {
      guard let found = seedLines[seedIndex...].firstIndex(of: line) else {
        #expect(line.hasPrefix("#"), "not in the seed after line \(seedIndex + 1): \(line)")
        continue
      }
      used.insert(found)
      seedIndex = found + 1
    }
    // Every line of the seed that is code is in the fixture.
    for (index, line) in seedLines.enumerated() where !line.isEmpty && !used.contains(index) {
      let isProse = Self.hasChinese(line) && !line.hasPrefix("#")
      #expect(isProse || Self.notCode.contains(line), "seed line \(index + 1) left out: \(line)")
    }
    #expect(used.count > 180)
  }

  @Test("Samples/walkthrough.mg is the fixture")
  func sampleIsTheFixture() throws {
    #expect(try Data(contentsOf: Self.sample) == Data(contentsOf: Self.fixture))
  }

  @Test("it runs: Python's output, a note for each line left out, and the right numbers")
  func runs() throws {
    let script = try Script(
      bytes: Array(Data(contentsOf: Self.fixture)), fileName: "walkthrough.mg")
    var printed: [String] = []
    var notes: [String] = []
    let run = try Interpreter.run(
      script, output: { printed.append($0) }, notes: { notes.append($0.description) })
    #expect(printed == ["slope 0.9999999999976694"])
    let fix = "it accumulates gradients with +=, which fixes the walkthrough's = bug"
    let ownValue =
      "skipped class Value: gradviz's own Value is used; its backward() accumulates "
      + "gradients with +=, which fixes the walkthrough's = bug"
    #expect(
      notes == [
        "walkthrough.mg:15:1: note: skipped 'xs =np.arange(-5, 5, 0.25)': numpy and matplotlib are out of scope",
        "walkthrough.mg:16:1: note: skipped 'ys = f(xs)': it uses 'xs', which line 15 did not bind (numpy and matplotlib are out of scope)",
        "walkthrough.mg:17:1: note: skipped 'plt.plot(xs, ys)': numpy and matplotlib are out of scope",
        "walkthrough.mg:33:1: note: \(ownValue)",
        "walkthrough.mg:51:1: note: \(ownValue)",
        "walkthrough.mg:68:1: note: skipped def trace: gradviz draws the graph itself",
        "walkthrough.mg:78:1: note: skipped def draw_dot: gradviz draws the graph itself",
        "walkthrough.mg:102:1: note: \(ownValue)",
        "walkthrough.mg:133:1: note: skipped def tanh: gradviz's own Value.tanh() is used",
        "walkthrough.mg:156:1: note: skipped def backward: gradviz's own Value.backward() is used; \(fix)",
        "walkthrough.mg:178:1: note: \(ownValue)",
      ])

    // The script computes its gradients itself; the root is the last draw_dot's, b = a + a,
    // whose a.grad is 2: the bug the walkthrough shows is fixed.
    #expect(!run.ranBackward && run.scriptSetGradients)
    let b = try #require(run.root)
    #expect(b.label == "b" && b.op == "+" && b.data == 6)
    #expect(b.inputs.count == 2 && b.inputs[0] == b.inputs[1])
    #expect(b.inputs[0].label == "a" && b.inputs[0].grad == 2)

    // The manual backward of L = (a*b + c) * f, node by node.
    let outcome = Outcome(run: run, printed: printed)
    let loss = try #require(outcome.value("L"))
    #expect(loss.data == -8 && loss.grad == 1)
    let (d, f) = (loss.inputs[0], loss.inputs[1])
    #expect(d.label == "d" && d.grad == -2 && f.label == "f" && f.grad == 4)
    let (e, c) = (d.inputs[0], d.inputs[1])
    #expect(e.grad == -2 && c.grad == -2)
    #expect(e.inputs.map(\.label) == ["a", "b"] && e.inputs.map(\.grad) == [6, -4])

    // The neuron, by o.backward().
    let o = try #require(outcome.value("o"))
    #expect(isClose(o.data, 0.7071067811865476))
    let expected: [String: Double] = [
      "n": 0.5, "b": 0.5, "x1w1x2w2": 0.5, "x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0,
    ]
    for (label, grad) in expected {
      let value = try #require(Self.ancestor(of: o, labelled: label), "no \(label)")
      #expect(isClose(value.grad, grad, absolute: 1e-9), "\(label).grad is \(value.grad)")
    }
  }

  /// The value labelled `label` among `root` and the values it was computed from.
  static func ancestor(of root: Value, labelled label: String) -> Value? {
    var pending = [root]
    while let value = pending.popLast() {
      if value.label == label { return value }
      pending += value.inputs
    }
    return nil
  }

  @Test("pasted without its indentation, the first function is an error that says so")
  func unindentedPaste() {
    let pasted =
      "import math\n%matplotlib inline\ndef f(x):\nreturn 3*x**2 - 4*x + 5\nprint(f(3.0))\n"
    #expect(
      diagnostic(pasted) == """
        t.mg:4:1: error: expected an indented block after function definition on line 3
        return 3*x**2 - 4*x + 5
        ^~~~~~
        """)
  }
}
