import Autograd
import Foundation
import Scripting
import TestSupport
import Testing

/// Loading the reference cases and building small graphs.
enum Support {
  /// `shared/` beside the repository when it is there, else the copy in Tests/Fixtures.
  static let shared = Repository.shared

  /// The reference cases that make a `Value`, by file name.
  static let graphCases = [
    "expression.mg", "chain.mg", "manual.mg", "neuron.mg", "neuron_exp.mg", "accumulate.mg",
    "square.mg", "sanity.mg",
  ]

  /// Runs a reference case as the command-line tool does: backward from the root unless the
  /// script computes gradients itself.
  static func runCase(_ file: String, backward: BackwardMode = .auto) throws -> ScriptRun {
    let url = shared.appendingPathComponent("cases").appendingPathComponent(file)
    let bytes = [UInt8](try Data(contentsOf: url))
    return try Interpreter.run(Script(bytes: bytes, fileName: file), backward: backward) { _ in }
  }

  /// The root of a reference case.
  static func root(_ file: String, backward: BackwardMode = .auto) throws -> Value {
    try #require(try runCase(file, backward: backward).root)
  }

  /// Runs `source` and returns its root.
  static func root(of source: String, backward: BackwardMode = .auto) throws -> Value {
    let run = try Interpreter.run(Script(source: source, fileName: "t.mg"), backward: backward) {
      _ in
    }
    return try #require(run.root)
  }

  /// The only value on `root`'s tape labelled `label`.
  static func value(_ label: String, in root: Value) throws -> Value {
    let tape = root.tape
    let matches = (0..<tape.count).map { Value(tape: tape, id: $0) }.filter { $0.label == label }
    try #require(matches.count == 1, "\(matches.count) values labelled \(label)")
    return matches[0]
  }

  /// The data of every value on the tape, bit for bit.
  static func dataBits(_ tape: Tape) -> [UInt64] {
    (0..<tape.count).map { Value(tape: tape, id: $0).data.bitPattern }
  }

  /// Whether `a` is within `relative` of `b`, or both are 0.
  static func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= relative * max(abs(a), abs(b))
  }
}
