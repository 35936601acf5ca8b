import Autograd
import Foundation
import Inspection
import PythonHost
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
    return try ScriptHost.run(
      Script(bytes: bytes, fileName: file), options: .init(backward: backward, output: .capture))
  }

  /// Runs a program that ``ExpressionDerivative`` generated, as the CLI does.
  static func evaluate(_ source: String, line: Int, prefix: String) throws(InspectionError)
    -> ExpressionDerivative.Evaluation
  {
    do {
      let run = try ScriptHost.run(
        Script(source: source, fileName: "<expr>"),
        options: .init(backward: .never, timeout: 60, output: .capture))
      var printed = (run.output ?? "").components(separatedBy: "\n")
      if printed.last == "" { printed.removeLast() }
      return ExpressionDerivative.Evaluation(printed: printed, root: run.root)
    } catch {
      throw .expression(error.relocated(line: line, shift: prefix.count))
    }
  }

  /// The root of a reference case.
  static func root(_ file: String, backward: BackwardMode = .auto) throws -> Value {
    try #require(try runCase(file, backward: backward).root)
  }

  /// Runs `source` and returns its root.
  static func root(of source: String, backward: BackwardMode = .auto) throws -> Value {
    let run = try ScriptHost.run(
      Script(source: source, fileName: "t.mg"), options: .init(backward: backward, output: .capture)
    )
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

extension ExpressionDerivative {
  /// The derivative with the expression evaluated by the embedded Python, as the CLI does.
  init(_ expression: String, at point: [Variable], h: Double = 1e-8) throws(InspectionError) {
    try self.init(expression, at: point, h: h, evaluate: Support.evaluate(_:line:prefix:))
  }
}
