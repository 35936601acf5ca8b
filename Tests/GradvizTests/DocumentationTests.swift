import Foundation
import TestSupport
import Testing

/// The README's picture and claims, the help screens and the man page, checked against what
/// the tool does.
@Suite("documentation")
struct DocumentationTests {
  static let readme: String =
    (try? String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

  static let commands = [
    "dot", "render", "frames", "grads", "check", "derivative", "why", "nudge", "run", "train",
    "formats",
  ]

  // MARK: - The README's picture

  /// An SVG's structure: each element's name, ids, classes, colours, tooltips and text, in
  /// document order, without coordinates (Graphviz's version and fonts move those).
  static func structure(_ svg: String) -> [String] {
    let pattern = #"<([a-zA-Z]+)([^>]*)>([^<]*)"#
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
    let text = svg as NSString
    let kept = ["id", "class", "fill", "stroke", "stroke-width", "stroke-dasharray", "xlink:title"]
    return expression.matches(in: svg, range: NSRange(location: 0, length: text.length)).map {
      match in
      let name = text.substring(with: match.range(at: 1))
      let attributes = text.substring(with: match.range(at: 2))
      let content = text.substring(with: match.range(at: 3)).trimmingCharacters(
        in: .whitespacesAndNewlines)
      var line = name
      for key in kept {
        guard let range = attributes.range(of: " \(key)=\"") else { continue }
        let value = attributes[range.upperBound...].prefix { $0 != "\"" }
        line += " \(key)=\(value)"
      }
      return content.isEmpty ? line : line + " | " + content
    }
  }

  /// `RECORD_SNAPSHOTS=1 swift test` rewrites Samples/neuron.svg from a fresh render.
  @Test("Samples/neuron.svg, the README's picture, is what render writes now")
  func readmePicture() throws {
    let fresh = try CLI.run(["render", "Samples/neuron.mg", "-o", "-"])
    try #require(fresh.status == 0, "\(fresh.stderr)")
    let url = CLI.root.appendingPathComponent("Samples/neuron.svg")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try Data(fresh.stdoutBytes).write(to: url)
    }
    let committed = try String(contentsOf: url, encoding: .utf8)
    let expected = Self.structure(fresh.stdout)
    #expect(expected.count > 50)
    #expect(expected.contains { $0.contains("xlink:title=") })
    #expect(
      Self.structure(committed) == expected,
      "Samples/neuron.svg is stale: RECORD_SNAPSHOTS=1 swift test --filter readmePicture rewrites it"
    )
    #expect(Self.readme.contains("](Samples/neuron.svg)"))
  }

  // MARK: - Help

  /// `gradviz help COMMAND` (`gradviz --help` for `""`) at 80 columns, up to its usage line.
  static func discussion(_ command: String) throws -> [String] {
    let help = try CLI.run(
      command.isEmpty ? ["--help"] : ["help", command], environment: ["COLUMNS": "80"])
    let lines = help.stdout.components(separatedBy: "\n")
    return Array(lines.prefix { !$0.hasPrefix("USAGE:") })
  }

  @Test("every command's help has an example", arguments: commands)
  func helpHasAnExample(_ command: String) throws {
    let lines = try Self.discussion(command)
    let example = try #require(lines.firstIndex { $0 == "Example:" || $0 == "Examples:" })
    let next = lines[(example + 1)...].first ?? ""
    #expect(next.hasPrefix("  gradviz \(command)"), "\(next)")
  }

  /// A line of prose ends early only at the end of a paragraph: a hard line break in the
  /// source, rewrapped at 80 columns, leaves a short line such as `'json' is` alone.
  @Test("help prose is wrapped by the parser, not broken in the source", arguments: [""] + commands)
  func helpWraps(_ command: String) throws {
    let lines = try Self.discussion(command)
    for (line, next) in zip(lines, lines.dropFirst()) {
      guard !line.isEmpty, !next.isEmpty, !line.hasPrefix(" "), !next.hasPrefix(" ") else {
        continue
      }
      let word = next.prefix { $0 != " " }
      #expect(line.count + 1 + word.count > 78, "'\(line)' is broken before '\(word)'")
    }
  }

  @Test("the README's exit statuses are the ones --help lists")
  func exitStatus() throws {
    func paragraph(_ text: String) throws -> String {
      let start = try #require(text.range(of: "Exit status: 0 success"))
      let end = try #require(text[start.lowerBound...].range(of: "written.")).upperBound
      return text[start.lowerBound..<end].split(whereSeparator: \.isWhitespace).joined(
        separator: " ")
    }
    let help = try CLI.run(["--help"], environment: ["COLUMNS": "1000"])
    let listed = try paragraph(help.stdout)
    #expect(try paragraph(Self.readme) == listed)
    // A failing check is one of them.
    #expect(listed.contains("a gradient check that fails"))
    let wrong = "a = Value(2.0, label='a'); b = a * a; b.backward(); a.grad = 5.0"
    let failing = try CLI.run(["check", "-e", wrong])
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("FAIL: 1 leaf: 1 fail"))
  }

  // MARK: - The README's facts

  @Test("the README names the Graphviz version that the pictures name")
  func graphvizVersion() throws {
    let svg = try CLI.run(["render", "Samples/chain.mg", "-o", "-"]).stdout
    let marker = try #require(svg.range(of: "Generated by graphviz version "))
    let version = String(svg[marker.upperBound...].prefix { $0 != " " })
    #expect(!version.isEmpty)
    #expect(Self.readme.contains(version), "the README does not name Graphviz \(version)")
  }

  @Test("the README names every Swift package the build fetches, and where from")
  func packages() throws {
    let manifest = try String(
      contentsOf: CLI.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let names = manifest.components(separatedBy: ".package(url: \"").dropFirst().compactMap {
      $0.prefix { $0 != "\"" }.split(separator: "/").last.map(String.init)
    }
    #expect(!names.isEmpty)
    for name in names { #expect(Self.readme.contains(name), "\(name)") }
    #expect(Self.readme.contains("package cache"))
  }

  @Test("the README says which tests make test skips, and why")
  func skippedTests() throws {
    let tests = CLI.root.appendingPathComponent("Tests")
    let files =
      FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    var variables = Set<String>()
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      for line in text.components(separatedBy: "\n") where line.contains(".enabled(if:") {
        guard let start = line.range(of: "environment[\"") else { continue }
        variables.insert(String(line[start.upperBound...].prefix { $0 != "\"" }))
      }
    }
    #expect(variables.contains("GRADVIZ_STRESS"))
    let paragraph = try #require(
      Self.readme.components(separatedBy: "\n\n").first { $0.contains("Executed 0 tests") })
    for variable in variables { #expect(paragraph.contains(variable), "\(variable)") }
    #expect(paragraph.contains("skipped"))
  }

  // MARK: - The man page

  /// swift-argument-parser's generate-manual tool, where its plugin has built it
  /// (`make install` or `swift package generate-manual`).
  static var manualTool: URL? {
    let url = CLI.binary.deletingLastPathComponent().appendingPathComponent(
      "generate-manual-tool")
    return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
  }

  static var canCheckManPage: Bool {
    manualTool != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/man")
  }

  @Test(
    "the man page that make install writes reads without warnings",
    .enabled(if: canCheckManPage, "needs man and the generate-manual tool (make install builds it)")
  )
  func manPage() throws {
    let folder = try TemporaryFolder()
    let tool = try #require(Self.manualTool)
    try FileManager.default.createDirectory(
      atPath: folder.path("raw"), withIntermediateDirectories: true)
    let generated = try CLI.run(
      [CLI.binary.path, "--output-directory", folder.path("raw")], using: tool.path)
    try #require(generated.status == 0, "\(generated.stderr)")
    let raw = try String(contentsOfFile: folder.path("raw/gradviz.1"), encoding: .utf8)
    // The filter make install applies.
    let filtered = try CLI.run(
      ["-s", "--no-print-directory", "-C", CLI.root.path, "man-filter"], stdin: raw,
      using: "/usr/bin/make")
    try #require(filtered.status == 0, "\(filtered.stderr)")
    try filtered.stdout.write(toFile: folder.path("gradviz.1"), atomically: true, encoding: .utf8)
    let page = try CLI.run(["-l", folder.path("gradviz.1")], using: "/usr/bin/man")
    #expect(page.status == 0)
    #expect(page.stderr.isEmpty, "\(page.stderr)")
    #expect(page.stdout.contains("Exit status"))
  }
}
