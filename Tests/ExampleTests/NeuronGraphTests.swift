import Autograd
import Foundation
import Rendering
import TestSupport
import Testing

/// Examples/neuron-graph, run as a user would run it, against the engine and the renderer
/// called here; and the getting-started article, whose code is the example's.
@Suite("the neuron-graph example")
struct NeuronGraphTests {
  static let example = Program.product("neuron-graph")
  static let source = Repository.root.appendingPathComponent("Examples/neuron-graph/main.swift")

  /// The example's graph built here: the walkthrough's neuron, labelled as the example labels
  /// it (the leaves and `o`).
  static func neuron() -> WalkthroughNeuron {
    let neuron = WalkthroughNeuron()
    for value in [neuron.x1w1, neuron.x2w2, neuron.sum, neuron.n] { value.label = "" }
    return neuron
  }

  /// The lines the example prints before it writes its files: `o data D`, then `LABEL grad G`
  /// for each leaf, with the engine's numbers here.
  static func expectedLines() -> [String] {
    let neuron = neuron()
    return ["o data \(neuron.o.data)"]
      + [neuron.x1, neuron.x2, neuron.w1, neuron.w2, neuron.b].map { "\($0.label) grad \($0.grad)" }
  }

  @Test func printsTheEnginesGrads() throws {
    let folder = try TemporaryFolder()
    let run = try Program.run(Self.example, [folder.url.path])
    try #require(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(Array(lines.prefix(6)) == Self.expectedLines())
    // The numbers themselves, read back: the walkthrough's grads, as floating point has them.
    let grads = lines.dropFirst().prefix(5).compactMap { $0.split(separator: " ").last }
      .compactMap { Double($0) }
    #expect(
      grads == [-1.4999999999999993, 0.4999999999999998, 0.9999999999999996, 0, 0.4999999999999998])
    #expect(
      lines.last
        == "wrote \(folder.path("neuron.dot")) and \(folder.path("neuron.svg"))")
    #expect(folder.contents() == ["neuron.dot", "neuron.svg"])
  }

  @Test func writesTheRenderersDOTAndSVG() throws {
    let folder = try TemporaryFolder()
    let run = try Program.run(Self.example, [], in: folder.url)
    try #require(run.status == 0, "\(run.stderr)")
    let drawing = Drawing(root: Self.neuron().o)
    let dot = try String(
      contentsOf: folder.url.appendingPathComponent("neuron.dot"), encoding: .utf8)
    #expect(dot == (try drawing.dot()))
    #expect(dot.contains("{x1|data 2.0000|grad -1.5000}"))
    #expect(dot.contains("{o|data 0.7071|grad 1.0000}"))
    // SVG by structure: Graphviz writes its version and fonts into it.
    let svg = try String(
      contentsOf: folder.url.appendingPathComponent("neuron.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains("<svg"))
    for label in ["x1", "x2", "w1", "w2", "b", "o"] {
      #expect(svg.contains(">\(label)</text>"), "no text \(label) in the SVG")
    }
    #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 10 + 5)  // 10 values, 5 ops
  }

  @Test func aFolderThatIsNotThereIsAnErrorAndNothingIsWritten() throws {
    let folder = try TemporaryFolder()
    let missing = folder.url.appendingPathComponent("missing")
    let run = try Program.run(Self.example, [missing.path])
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("neuron-graph: "))
    #expect(folder.contents().isEmpty)
  }

  // MARK: - The article and the README

  /// The documents that show the example's code: the getting-started article and the README.
  static let documents = [
    "Sources/Autograd/Autograd.docc/GettingStarted.md", "README.md",
  ]

  /// The first Swift code block of `document` that calls `o.backward()`, and the block after it.
  static func blocks(in document: String) throws -> (code: [String], next: [String]) {
    let url = Repository.root.appendingPathComponent(document)
    let text = try String(contentsOf: url, encoding: .utf8)
    var blocks: [(fence: String, lines: [String])] = []
    var current: (fence: String, lines: [String])? = nil
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("```") {
        if let block = current {
          blocks.append(block)
          current = nil
        } else {
          current = (String(line.dropFirst(3)), [])
        }
      } else if current != nil {
        current?.lines.append(line)
      }
    }
    let code = try #require(
      blocks.firstIndex { $0.fence == "swift" && $0.lines.contains("o.backward()") },
      "no Swift code block with o.backward() in \(document)")
    return (blocks[code].lines, code + 1 < blocks.count ? blocks[code + 1].lines : [])
  }

  /// Each line of the document's code is a line of the example, in the same order: the code
  /// shown is code that is built and run.
  @Test(arguments: documents)
  func theCodeShownIsTheExamples(_ document: String) throws {
    let code = try Self.blocks(in: document).code
    let example = try String(contentsOf: Self.source, encoding: .utf8).components(
      separatedBy: "\n"
    )
    .map { $0.trimmingCharacters(in: .whitespaces) }
    var position = example.startIndex
    for line in code {
      let statement = line.components(separatedBy: "  // ")[0].trimmingCharacters(
        in: .whitespaces)
      guard !statement.isEmpty else { continue }
      let found = example[position...].firstIndex(of: statement)
      #expect(
        found != nil,
        "'\(statement)' is not in Examples/neuron-graph/main.swift after line \(position)")
      position = (found ?? position) + 1
    }
    #expect(code.count >= 10)
  }

  /// The output the article shows is what the example prints.
  @Test func theArticlesOutputIsTheExamples() throws {
    let output = try Self.blocks(in: Self.documents[0]).next.filter { !$0.isEmpty }
    #expect(output == Self.expectedLines())
  }
}
