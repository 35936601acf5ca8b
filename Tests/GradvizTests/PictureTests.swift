import Foundation
import Testing

/// The picture options of `render`, `dot`, `frames` and `formats`, through the built binary.
@Suite("pictures through the CLI")
struct PictureTests {
  static let neuron = CLI.shared.appendingPathComponent("cases/neuron.mg").path

  /// A fresh folder for files a test writes.
  static func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("gradviz-picture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test(
    "render writes each format to standard output",
    arguments: [
      ("svg", "<svg"), ("png", "\u{89}PNG"), ("pdf", "%PDF"), ("dot", "digraph gradviz"),
      ("canon", "digraph gradviz"), ("plain", "graph "), ("graphviz-json", "\"objects\""),
      ("json", #"{"format":"gradviz-graph""#),
    ])
  func formats(format: String, marker: String) throws {
    let result = try CLI.run(["render", Self.neuron, "--format", format, "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    let head = String(decoding: result.stdoutBytes.prefix(4000), as: UTF8.self)
    if format == "png" {
      #expect(Array(result.stdoutBytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    } else {
      #expect(head.contains(marker), "\(format): \(head.prefix(200))")
    }
  }

  @Test("the format comes from the file's extension; .json is gradviz's export")
  func extensions() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, marker) in [("g.json", "gradviz-graph"), ("g.gv", "digraph"), ("g.svg", "<svg")] {
      let path = folder.appendingPathComponent(name).path
      let result = try CLI.run(["render", Self.neuron, "-o", path])
      #expect(result.status == 0, "\(result.stderr)")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains(marker), "\(name)")
    }
  }

  @Test("formats lists Graphviz's formats, json and graphviz-json")
  func formatList() throws {
    let result = try CLI.run(["formats"])
    #expect(result.status == 0)
    let formats = result.stdout.split(separator: "\n").map(String.init)
    for format in ["svg", "png", "pdf", "dot", "canon", "plain", "json", "graphviz-json"] {
      #expect(formats.contains(format), "\(format)")
    }
    #expect(formats == formats.sorted())
  }

  @Test("a format that is not installed is an error naming the ones that are")
  func unknownFormat() throws {
    let result = try CLI.run(["render", Self.neuron, "--format", "nope", "-o", "-"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown output format 'nope'"))
    #expect(result.stderr.contains("svg"))
    #expect(result.stderr.contains("graphviz-json, "))
  }

  @Test("render's help names the common formats and the options for big graphs")
  func help() throws {
    let help = try CLI.run(["render", "--help"]).stdout
    for words in ["svg", "png", "pdf", "json", "--collapse", "--focus", "--max-nodes", "--scale"] {
      #expect(help.contains(words), "\(words)")
    }
  }

  @Test("a failed render leaves the existing file as it was; a good one replaces it")
  func atomic() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("picture.svg").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    let refused = try CLI.run(["render", Self.neuron, "--focus", "nope", "-o", path])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("no value is labelled 'nope'"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    let tooBig = try CLI.run(["render", Self.neuron, "--max-nodes", "3", "-o", path])
    #expect(tooBig.status == 1)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    let good = try CLI.run(["render", Self.neuron, "-o", path])
    #expect(good.status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("</svg>"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["picture.svg"])
  }

  @Test("too many nodes: the refusal says how many and which option would fit")
  func tooLarge() throws {
    let result = try CLI.run([
      "render", Self.neuron, "--max-nodes", "5", "--format", "svg", "-o", "-",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("10 nodes"))
    #expect(result.stderr.contains("--focus o --depth 2 (4 nodes)"), "\(result.stderr)")
  }

  @Test("the JSON export is byte-identical across runs")
  func jsonDeterministic() throws {
    let first = try CLI.run(["render", Self.neuron, "--format", "json", "-o", "-"])
    let second = try CLI.run(["render", Self.neuron, "--format", "json", "-o", "-"])
    #expect(first.status == 0)
    #expect(first.stdoutBytes == second.stdoutBytes)
    #expect(first.stdout.contains(#""label":"x1*w1 + x2*w2""#))
  }

  @Test("dot applies the drawing options, byte-identically across runs")
  func dotOptions() throws {
    let arguments = [
      "dot", Self.neuron, "--rankdir", "TB", "--color", "grad", "--edge-grads", "--focus", "n",
      "--depth", "2",
    ]
    let first = try CLI.run(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == (try CLI.run(arguments)).stdout)
    #expect(first.stdout.contains("rankdir=TB"))
    #expect(first.stdout.contains(#"label="n|data 0.8814|grad 0.5000""#))
    #expect(first.stdout.contains("local "))
    #expect(first.stdout.contains("legend"))
  }

  @Test(
    "bad option values are usage errors",
    arguments: [
      ["--depth", "2"], ["--focus", "n", "--depth", "-1"], ["--size", "big"], ["--scale", "0"],
      ["--max-nodes", "0"], ["--format", "json", "--focus", "n"], ["--collapse", "cell"],
      ["--cluster", "all"], ["--color", "rainbow"],
    ])
  func usageErrors(arguments: [String]) throws {
    var all = ["render", Self.neuron, "-o", "-"] + arguments
    if !arguments.contains("--format") { all += ["--format", "svg"] }
    let result = try CLI.run(all)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test("--scale and --size reach the picture")
  func scaleAndSize() throws {
    func width(_ arguments: [String]) throws -> Double {
      let svg = try CLI.run(["render", Self.neuron, "--format", "svg", "-o", "-"] + arguments)
        .stdout
      let start = try #require(svg.range(of: "<svg width=\""))
      return try #require(Double(svg[start.upperBound...].prefix { $0.isNumber || $0 == "." }))
    }
    let natural = try width([])
    #expect(abs(try width(["--scale", "0.5"]) - natural / 2) <= 1)
    #expect(try width(["--size", "3,3"]) <= 3 * 72 + 1)
  }

  @Test("frames writes one numbered picture per backward step and an index.html")
  func frames() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("steps").path
    let result = try CLI.run(["frames", Self.neuron, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      files == [
        "frame-001.svg", "frame-002.svg", "frame-003.svg", "frame-004.svg",
        "frame-005.svg", "index.html",
      ])
    let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    #expect(index.contains(#"<img src="frame-005.svg""#))
    #expect(index.contains("ArrowRight") && index.contains("ArrowLeft"))
    #expect(index.contains("o.grad = 1, then o = tanh(n)"))
    let first = try String(contentsOfFile: out + "/frame-001.svg", encoding: .utf8)
    #expect(first.contains("grad —"))
    // Again into the same folder, as PNG: the SVG frames stay.
    let png = try CLI.run(["frames", Self.neuron, "--out", out, "--format", "png"])
    #expect(png.status == 0, "\(png.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 11)
  }

  @Test("frames refuses a file as its folder, and too many frames")
  func framesErrors() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("file").path
    try Data().write(to: URL(fileURLWithPath: file))
    let notFolder = try CLI.run(["frames", Self.neuron, "--out", file])
    #expect(notFolder.status == 74)
    #expect(notFolder.stderr.contains("it is a file"))
    let tooMany = try CLI.run([
      "frames", Self.neuron, "--out", folder.path + "/f", "--max-frames", "2",
    ])
    #expect(tooMany.status == 1)
    #expect(tooMany.stderr.contains("5 steps"))
  }
}
