import Foundation
import TestSupport
import Testing

/// What a new user types in the first minutes: typos, the shortest render, bad numbers, big
/// bitmaps.
@Suite("first steps")
struct FirstStepsTests {
  static let neuron = CLI.root.appendingPathComponent("Samples/neuron.mg").path

  struct Typo: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let typos: [Typo] = [
    Typo(
      arguments: ["rendr", neuron, "-o", "x.svg"],
      message: "gradviz: error: unknown command 'rendr'; did you mean 'render'?"),
    Typo(
      arguments: ["grad", neuron],
      message: "gradviz: error: unknown command 'grad'; did you mean 'grads'?"),
    Typo(
      arguments: ["help", "rendr"],
      message: "gradviz: error: unknown command 'rendr'; did you mean 'render'?"),
    Typo(
      arguments: ["trian"],
      message: "gradviz: error: unknown command 'trian'; did you mean 'train'?"),
    Typo(
      arguments: ["deriv", "x"],
      message: "gradviz: error: unknown command 'deriv'; did you mean 'derivative'?"),
    Typo(
      arguments: ["plot"],
      message:
        "gradviz: error: unknown command 'plot'; the commands are dot, render, frames, grads, check, derivative, why, nudge, run, train, formats (see 'gradviz help')"
    ),
    Typo(
      arguments: [neuron],
      message:
        "gradviz: error: unknown command '\(neuron)'; a script comes after a command, as in 'gradviz render \(neuron)' (see 'gradviz help')"
    ),
  ]

  @Test("a mistyped command is named, with the nearest one, and exits 64", arguments: typos)
  func mistypedCommand(_ typo: Typo) throws {
    let result = try CLI.run(typo.arguments)
    #expect(result.status == 64)
    #expect(result.stderr == typo.message + "\n")
    #expect(result.stdout.isEmpty)
  }

  @Test("commands spelled right, and help for them, still work")
  func rightSpellings() throws {
    #expect(try CLI.run(["help", "render"]).stdout.contains("USAGE: gradviz render"))
    #expect(try CLI.run(["grads", Self.neuron]).status == 0)
    #expect(try CLI.run(["--version"]).status == 0)
    #expect(try CLI.run(["--help"]).stdout.contains("SUBCOMMANDS"))
  }

  @Test("render without -o writes the script's name with the format's extension, and says so")
  func renderWithoutOutput() throws {
    let folder = try TemporaryFolder()
    let svg = try CLI.run(["render", Self.neuron], in: folder.url)
    #expect(svg.status == 0, "\(svg.stderr)")
    #expect(svg.stderr == "wrote neuron.svg\n")
    #expect(svg.stdout.isEmpty)
    let png = try CLI.run(["render", Self.neuron, "--format", "png"], in: folder.url)
    #expect(png.stderr == "wrote neuron.png\n")
    #expect(folder.contents() == ["neuron.png", "neuron.svg"])
    let text = try String(contentsOfFile: folder.path("neuron.svg"), encoding: .utf8)
    #expect(text.contains("<svg") && text.contains(">x1<"))
    let bytes = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("neuron.png")))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // A script without a file name has nothing to name the picture after.
    let inline = try CLI.run(["render", "-e", "a = Value(1.0)"], in: folder.url)
    #expect(inline.status == 64)
    #expect(inline.stderr.hasPrefix("gradviz: error: A script from -e or standard input"))
    #expect(folder.contents() == ["neuron.png", "neuron.svg"])
  }

  @Test("-o - without --format writes SVG to standard output")
  func standardOutputIsSVG() throws {
    let result = try CLI.run(["render", Self.neuron, "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("<?xml") && result.stdout.contains("<svg "))
    #expect(result.stderr.isEmpty)
  }

  /// Usage errors and runtime errors alike.
  static let failures: [[String]] = [
    ["dot"],
    ["render", neuron, "--rankdir", "XY", "-o", "-"],
    ["render", neuron, "-o", "out"],
    ["grads", "--sort", "size", neuron],
    ["grads", "--bogus", neuron],
    ["train", "--steps"],
    ["train", "--layers", "16,16,2"],
    ["grads", "/no/such/file.mg"],
    ["render", neuron, "--format", "nope", "-o", "-"],
    ["render", neuron, "-o", "/no/such/dir/x.svg"],
    ["check", "-e", "a = Value(1.0); b = a.relu()", "--tolerance", "0"],
    ["why", neuron, "nothing"],
    ["grads", "-e", "a = Value(2.0); b = a * c"],
  ]

  @Test(
    "every error reads 'gradviz: error: ...' (or file:line:col: error: for scripts)",
    arguments: failures)
  func oneErrorStyle(_ arguments: [String]) throws {
    let result = try CLI.run(arguments)
    #expect(result.status != 0)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let errors = lines.filter { $0.lowercased().contains("error:") }
    #expect(!errors.isEmpty, "\(result.stderr)")
    for line in errors {
      let compilerStyle =
        line.range(of: #"^\S+:\d+:\d+: error: "#, options: .regularExpression) != nil
      #expect(line.hasPrefix("gradviz: error: ") || compilerStyle, "\(line)")
    }
    #expect(!result.stderr.contains("Error: "), "\(result.stderr)")
  }

  struct Negative: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let negatives: [Negative] = [
    Negative(arguments: ["train", "--steps", "-1"], message: "--steps must be at least 1"),
    Negative(arguments: ["train", "--samples", "-5"], message: "--samples must be at least 2"),
    Negative(
      arguments: ["train", "--noise", "-0.1"], message: "--noise must be a number, 0 or more"),
    Negative(arguments: ["train", "--seed", "-1"], message: "'-1' is invalid for '--seed"),
    Negative(
      arguments: ["render", neuron, "--max-nodes", "-1", "-o", "-"],
      message: "--max-nodes must be at least 1"),
    Negative(
      arguments: ["render", neuron, "--scale", "-2", "-o", "-"],
      message: "--scale must be a positive number"),
    Negative(
      arguments: ["render", neuron, "--size", "-3", "-o", "-"], message: "--size takes inches"),
    Negative(
      arguments: ["dot", neuron, "--focus", "o", "--depth", "-1"],
      message: "--depth cannot be negative"),
    Negative(
      arguments: ["grads", neuron, "--max-steps", "-1"], message: "--max-steps must be 0 or more"),
    Negative(arguments: ["check", neuron, "--h", "-1e-6"], message: "--h must be a number > 0"),
    Negative(
      arguments: ["check", neuron, "--tolerance", "-1"], message: "--tolerance must be a number > 0"
    ),
    Negative(
      arguments: ["derivative", "x", "--at", "x=1", "--h", "-1"],
      message: "--h must be a number > 0"),
    Negative(
      arguments: ["why", neuron, "w1", "--max-paths", "-1"],
      message: "--max-paths must be 0 or more"),
    Negative(
      arguments: ["frames", neuron, "--out", "f", "--max-frames", "-1"],
      message: "--max-frames must be at least 1"),
  ]

  @Test(
    "a negative number is read as the option's value and refused by its rule", arguments: negatives)
  func negativeNumbers(_ negative: Negative) throws {
    let result = try CLI.run(negative.arguments)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("gradviz: error: "), "\(result.stderr)")
    #expect(result.stderr.contains(negative.message), "\(result.stderr)")
    #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
  }

  @Test("a bitmap too large is scaled down to 4,000 pixels, with a note")
  func bigBitmapNote() throws {
    let folder = try TemporaryFolder()
    let script = "x = Value(1.0, label='x')\nfor i in range(20):\n    x = x + 1.0\n"
    let result = try CLI.run(
      ["render", "-e", script, "-o", "wide.png"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    let note = try #require(result.stderr.split(separator: "\n").first.map(String.init))
    #expect(note.hasPrefix("gradviz: note: wide.png is 4,000 x "), "\(note)")
    #expect(note.hasSuffix("to fit 4,000 on its long side (--size or --scale for another size)"))
    let bytes = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("wide.png")))
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 4000)
    // --scale 1 asks for the natural size: no note.
    let natural = try CLI.run(
      ["render", "-e", script, "--scale", "1", "-o", "full.png"], in: folder.url)
    #expect(natural.status == 0 && natural.stderr.isEmpty, "\(natural.stderr)")
    // train --render: the demo's loss graph, 21,107 pixels long at its natural size.
    let train = try CLI.run(["train", "--steps", "2", "--render", "loss.png"], in: folder.url)
    #expect(train.status == 0, "\(train.stderr)")
    #expect(
      train.stderr.contains(
        "gradviz: note: loss.png is 862 x 4,000 pixels, scaled down from 4,550 x 21,107"),
      "\(train.stderr)")
    // --quiet hides the note.
    let quiet = try CLI.run(["render", "-q", "-e", script, "-o", "wide.png"], in: folder.url)
    #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
  }
}
