import Foundation
import TestSupport
import Testing

/// The README's transcripts, run against the built binary, so the README cannot drift.
@Suite("README transcripts")
struct ReadmeTests {
  struct Command: CustomTestStringConvertible, Sendable {
    let line: String
    let expected: String
    var testDescription: String { line }
  }

  /// Every `$ gradviz ...` line in the README's `console` blocks, with the lines after it.
  static let commands: [Command] = {
    let url = CLI.root.appendingPathComponent("README.md")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var commands: [Command] = []
    var inConsole = false
    var current: String? = nil
    var output: [String] = []
    func flush() {
      if let line = current {
        commands.append(Command(line: line, expected: output.joined(separator: "\n")))
      }
      current = nil
      output = []
    }
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("```") {
        flush()
        inConsole = line == "```console"
      } else if inConsole, line.hasPrefix("$ ") {
        flush()
        current = String(line.dropFirst(2))
      } else if inConsole {
        output.append(line)
      }
    }
    return commands
  }()

  /// Splits a command line as a POSIX shell would for plain words and quotes.
  static func words(_ line: String) -> [String] {
    var words: [String] = [], word = "", quote: Character? = nil, started = false
    for c in line {
      if let q = quote {
        if c == q { quote = nil } else { word.append(c) }
      } else if c == "'" || c == "\"" {
        quote = c
        started = true
      } else if c == " " {
        if started || !word.isEmpty { words.append(word) }
        word = ""
        started = false
      } else {
        word.append(c)
      }
    }
    if started || !word.isEmpty { words.append(word) }
    return words
  }

  @Test func readmeHasTranscripts() {
    #expect(Self.commands.count >= 5)
  }

  /// Runs each transcript in order in a scratch folder that sees the repository's Samples
  /// and Tests, so files the README writes (`-o neuron.svg`) land there; `$ echo $?` shows the
  /// previous command's exit status, as in a shell.
  @Test func transcriptsMatch() throws {
    let folder = try TemporaryFolder()
    for name in ["Samples", "Tests"] {
      try FileManager.default.createSymbolicLink(
        at: folder.url.appendingPathComponent(name),
        withDestinationURL: CLI.root.appendingPathComponent(name))
    }
    var status: Int32 = 0
    for command in Self.commands {
      if command.line == "echo $?" {
        #expect(String(status) == command.expected, "exit status before '$ echo $?'")
        continue
      }
      let words = Self.words(command.line)
      try #require(words.first == "gradviz", "README runs '\(command.line)'")
      let result = try CLI.run(Array(words.dropFirst()), in: folder.url)
      status = result.status
      var actual = result.stdout + result.stderr
      while actual.hasSuffix("\n") { actual.removeLast() }
      #expect(actual == command.expected, "README transcript of '\(command.line)'")
    }
    // What the README's commands write in a clone is ignored by git, so it does not clutter
    // `git status`.
    let written = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
      .filter { !["Samples", "Tests"].contains($0) }.sorted()
    #expect(!written.isEmpty)
    for name in written {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: folder.url.appendingPathComponent(name).path, isDirectory: &isDirectory)
      let path = isDirectory.boolValue ? name + "/" : name
      let ignored = try CLI.run(
        ["-C", CLI.root.path, "check-ignore", "--quiet", "--no-index", path], using: "/usr/bin/git")
      #expect(ignored.status == 0, "the README's commands leave '\(name)' in the clone, not ignored by git")
    }
  }
}
