import Foundation
import TestSupport
import Testing

/// The built binary, end to end: each subcommand, errors and their exit statuses, files.
@Suite("gradviz end to end")
struct CLITests {
  static let neuron = "Samples/neuron.mg"

  @Test func dotPrintsTheGraph() throws {
    let result = try CLI.run(["dot", "Samples/chain.mg"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("digraph"))
    #expect(result.stdout.contains("rankdir=LR"))
    #expect(result.stdout.contains("label=\"{L|data -8.0000|grad 1.0000}\""))
    // 7 record nodes (values) and 3 op nodes.
    #expect(result.stdout.components(separatedBy: "[label=\"{").count - 1 == 7)
    #expect(result.stdout.components(separatedBy: "shape=ellipse").count - 1 == 3)
  }

  @Test func dotIsDeterministic() throws {
    let first = try CLI.run(["dot", Self.neuron])
    let second = try CLI.run(["dot", Self.neuron])
    #expect(first.status == 0)
    #expect(first.stdoutBytes == second.stdoutBytes)
  }

  /// `a + a` and `x * x`: one op node with two edges from the same input.
  @Test(arguments: ["accumulate.mg", "square.mg"])
  func repeatedInputKeepsBothEdges(_ file: String) throws {
    let path = CLI.shared.appendingPathComponent("cases/\(file)").path
    let dot = try CLI.run(["dot", path]).stdout
    let edges = dot.components(separatedBy: "\n").filter { $0.contains("n0 -> ") }
    #expect(edges.count == 2)
    #expect(Set(edges).count == 1)
  }

  @Test func renderWritesSVGWithTheNeuronsNodes() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("neuron.svg")
    let result = try CLI.run(["render", Self.neuron, "-o", out])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOfFile: out, encoding: .utf8)
    #expect(svg.contains("<svg"))
    let nodes = svg.components(separatedBy: "class=\"node\"").count - 1
    #expect(nodes == 15)  // 10 value nodes and 5 op nodes
    for text in ["data 0.7071", "grad &#45;1.5000", "grad 0.5000", "tanh"] {
      #expect(svg.contains(text), "SVG lacks \(text)")
    }
    #expect(folder.contents() == ["neuron.svg"])  // no temporary file left behind
  }

  @Test func renderToStdoutAndByFormat() throws {
    let svg = try CLI.run(["render", "Samples/chain.mg", "--format", "svg", "-o", "-"])
    #expect(svg.status == 0)
    #expect(svg.stdout.contains("</svg>"))
    let png = try CLI.run(["render", "Samples/chain.mg", "--format", "png", "-o", "-"])
    #expect(png.stdoutBytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
  }

  @Test func unknownFormatNamesTheInstalledOnes() throws {
    let folder = try TemporaryFolder()
    let result = try CLI.run(["render", Self.neuron, "-o", folder.path("x.nope")])
    #expect(result.status == 1)
    #expect(result.stderr.contains("nope"))
    #expect(result.stderr.contains("svg"))
    #expect(folder.contents().isEmpty)
  }

  /// A failed run leaves an existing output file byte for byte as it was.
  @Test func failedRenderKeepsTheOldFile() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("picture.svg")
    try Data("old picture".utf8).write(to: URL(fileURLWithPath: out))
    let result = try CLI.run(["render", "-e", "a = Value(1.0); b = a * c", "-o", out])
    #expect(result.status == 1)
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "old picture")
    let missing = try CLI.run(["render", Self.neuron, "-o", folder.path("no/such/dir/x.svg")])
    #expect(missing.status == 74)
    #expect(missing.stderr.contains("does not exist"))
    #expect(missing.stderr.hasSuffix("directory '\(folder.path("no/such/dir"))' does not exist\n"))
  }

  @Test func scriptErrorShowsLineColumnAndCaret() throws {
    let result = try CLI.run(["grads", "-e", "a = Value(2.0)\nb = a * c"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "<-e>:2:9: error: NameError: name 'c' is not defined\nb = a * c\n        ^\n")
  }

  @Test func scriptFromStandardInput() throws {
    let result = try CLI.run(["grads", "-"], stdin: "x = Value(3.0, label='x')\ny = x * x\n")
    #expect(result.status == 0)
    #expect(result.stdout.components(separatedBy: "\n").contains { $0.hasPrefix("0  x") && $0.hasSuffix("6.0") })
  }

  @Test func noValueToDraw() throws {
    let result = try CLI.run(["dot", "-e", "x = 3"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: no Value to draw"))
  }

  @Test func usageErrorsExit64() throws {
    #expect(try CLI.run(["dot"]).status == 64)
    #expect(try CLI.run(["render", "-e", "a = Value(1.0)"]).status == 64)  // no name for the file
    #expect(try CLI.run(["dot", "--rankdir", "XY", Self.neuron]).status == 64)
  }

  @Test func missingFileIsAClearError() throws {
    let result = try CLI.run(["dot", "no-such-script.mg"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot read 'no-such-script.mg': no such file"))
  }

  @Test func scriptPrintsGoToStderrForDataCommands() throws {
    let result = try CLI.run(["dot", "Samples/expression.mg"])
    #expect(result.status == 0)
    #expect(result.stderr == "Value(data=4.0)\n")
    #expect(result.stdout.hasPrefix("digraph"))
  }

  @Test func eachSubcommandHelpShowsAnExample() throws {
    for command in ["dot", "render", "grads", "run"] {
      let help = try CLI.run(["help", command])
      #expect(help.stdout.contains("gradviz \(command)"), "\(command) help lacks an example")
    }
  }

  @Test func formatsListsSVGJSONAndTheExplorerPage() throws {
    let result = try CLI.run(["formats"])
    let formats = result.stdout.components(separatedBy: "\n")
    #expect(formats.contains("svg") && formats.contains("json") && formats.contains("html"))
  }
}
