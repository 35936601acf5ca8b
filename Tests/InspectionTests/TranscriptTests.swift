import Autograd
import Foundation
import Testing

@testable import Inspection

/// Every inspection of every reference case, in full, against the transcripts in
/// `Snapshots/` (which the command-line tests replay against the built binary).
///
/// `RECORD_SNAPSHOTS=1 swift test --filter TranscriptTests` writes them again; read the diff
/// before committing it.
@Suite("Transcripts of the reference cases")
struct TranscriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  /// The commands of a case's transcript: tables and exports, the check, and for each leaf
  /// why its grad is what it is and a nudge of +0.01.
  static func commands(_ file: String) throws -> [[String]] {
    let root = try Support.root(file)
    let trace = Trace(root: root)
    let path = "cases/\(file)"
    var commands: [[String]] = [
      ["grads", path], ["grads", path, "--format", "json"], ["grads", path, "--format", "csv"],
      ["grads", path, "--leaves", "--sort", "abs-grad"], ["check", path],
      ["check", path, "--format", "json"],
    ]
    for id in trace.ids {
      let value = Value(tape: root.tape, id: id)
      guard value.operation == .leaf else { continue }
      commands.append(["why", path, value.label])
      commands.append(["nudge", path, "\(value.label)=+0.01"])
    }
    return commands
  }

  /// What `gradviz ARGUMENTS` prints, made with the library.
  static func output(_ arguments: [String], root: Value) throws -> String {
    let names = Trace(root: root)
    let options = Array(arguments.dropFirst(2))
    func option(_ name: String) -> String? {
      options.firstIndex(of: name).map { options[$0 + 1] }
    }
    switch arguments[0] {
    case "grads":
      let table = GradientTable(
        root: root, leavesOnly: options.contains("--leaves"),
        order: option("--sort").flatMap(GradientTable.Order.init(rawValue:)) ?? .topo)
      return table.text(
        option("--format").flatMap(GradientTable.Format.init(rawValue:)) ?? .table)
    case "check":
      let check = GradientCheck(root: root)
      return option("--format") == "json" ? check.json : check.report()
    case "why":
      return GradientPaths(of: try names.select(options[0]), to: root).report(names: names)
    case "nudge":
      let (selector, delta) = try Nudge.move(parsing: options[0])
      return try Nudge(root: root, moves: [(try names.select(selector), delta)], names: names)
        .report(names: names)
    default:
      throw InspectionError.emptySelector
    }
  }

  static func transcript(_ file: String) throws -> String {
    var text = ""
    for command in try commands(file) {
      // A fresh run for each command, as the command-line tool makes.
      text += "$ gradviz " + command.joined(separator: " ") + "\n"
      text += try output(command, root: try Support.root(file))
    }
    return text
  }

  @Test(arguments: Support.graphCases)
  func transcriptMatches(_ file: String) throws {
    let actual = try Self.transcript(file)
    let url = Self.folder.appendingPathComponent(file.replacingOccurrences(of: ".mg", with: ".txt"))
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
      actual == expected,
      "\(file): RECORD_SNAPSHOTS=1 swift test --filter TranscriptTests to record")
  }

  @Test func outputsAreTheSameOnEveryRun() throws {
    #expect(try Self.transcript("neuron.mg") == (try Self.transcript("neuron.mg")))
  }
}
