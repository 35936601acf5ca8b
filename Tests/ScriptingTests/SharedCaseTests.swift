import Autograd
import Foundation
import Testing

@testable import Scripting

/// The right values of one worked case in `shared/cases`, from its `# expect:` lines.
struct CaseExpectation: Sendable, CustomTestStringConvertible {
  var file: String
  var data: [String: Double] = [:]
  var grads: [String: Double] = [:]
  /// Absolute tolerance for data; 0 means 1e-12 relative.
  var dataTolerance: Double = 0
  /// Absolute tolerance for grads; 0 means 1e-12 relative.
  var gradTolerance: Double = 0
  /// Exactly the lines printed.
  var stdout: [String] = []
  /// The root's label, or nil when the script makes no Value.
  var root: String?
  /// Whether gradviz itself ran backward (auto mode).
  var ranBackward: Bool = false
  /// The number of nodes the root depends on, itself included.
  var nodes: Int?

  var testDescription: String { file }
}

@Suite("The worked cases in shared/cases")
struct SharedCaseTests {
  static let chainData: [String: Double] = [
    "a": 2, "b": -3, "c": 10, "e": -6, "d": 4, "f": -2, "L": -8,
  ]
  static let chainGrads: [String: Double] = [
    "a": 6, "b": -4, "c": -2, "e": -2, "d": -2, "f": 4, "L": 1,
  ]

  static let expectations: [CaseExpectation] = [
    CaseExpectation(
      file: "expression.mg", data: ["d": 4.0], stdout: ["Value(data=4.0)"], root: "d",
      ranBackward: true),
    CaseExpectation(
      file: "chain.mg", data: chainData, grads: chainGrads, root: "L", ranBackward: true,
      nodes: 7),
    CaseExpectation(
      file: "manual.mg", data: chainData, grads: chainGrads, root: "L", ranBackward: false,
      nodes: 7),
    CaseExpectation(
      file: "neuron.mg", data: ["o": 0.7071067811865476, "n": 0.8813735870195432],
      grads: [
        "o": 1, "n": 0.5, "b": 0.5, "x1*w1 + x2*w2": 0.5, "x1*w1": 0.5, "x2*w2": 0.5,
        "x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0,
      ], gradTolerance: 1e-9, root: "o", nodes: 10),
    CaseExpectation(
      file: "neuron_exp.mg", data: ["o": 0.7071067811865477],
      grads: [
        "x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5, "n": 0.5,
      ], dataTolerance: 1e-12, gradTolerance: 1e-9, root: "o"),
    CaseExpectation(
      file: "accumulate.mg", data: ["b": 6.0], grads: ["a": 2.0], root: "b", nodes: 2),
    CaseExpectation(
      file: "square.mg", data: ["y": 9.0], grads: ["x": 6.0], root: "y", ranBackward: true,
      nodes: 2),
    CaseExpectation(
      file: "slope.mg", stdout: ["d1 4.0", "d2 4.0001", "slope 0.9999999999976694"]),
    CaseExpectation(file: "function.mg", stdout: ["20.0", "-22.00000039920269"]),
    CaseExpectation(
      file: "sanity.mg", data: ["y": -20], grads: ["x": 46], root: "y"),
  ]

  @Test("runs and gives the expected values", arguments: expectations)
  func matches(_ expected: CaseExpectation) throws {
    var printed: [String] = []
    let run = try Interpreter.run(try SharedCases.script(expected.file)) { printed.append($0) }
    let outcome = Outcome(run: run, printed: printed)
    #expect(printed == expected.stdout)
    #expect(run.root?.label == expected.root)
    #expect(run.ranBackward == expected.ranBackward)
    for (label, data) in expected.data {
      let value = try #require(outcome.value(label), "no value labelled \(label)")
      #expect(
        isClose(value.data, data, absolute: expected.dataTolerance),
        "\(label).data is \(value.data), expected \(data)")
    }
    for (label, grad) in expected.grads {
      let value = try #require(outcome.value(label), "no value labelled \(label)")
      #expect(value.isGradComputed, "\(label).grad not computed")
      #expect(
        isClose(value.grad, grad, absolute: expected.gradTolerance),
        "\(label).grad is \(value.grad), expected \(grad)")
    }
    if let nodes = expected.nodes, let root = run.root {
      #expect(run.tape.topologicalOrder(from: root.id).count == nodes)
    }
  }

  @Test("every case file has an expectation")
  func everyFileIsCovered() {
    let files = SharedCases.files
    #expect(!files.isEmpty, "no cases found in \(SharedCases.directory.path)")
    #expect(Set(files) == Set(Self.expectations.map(\.file)))
  }

  /// The stdout lines that a case's `# expect:` comments claim, or nil if they claim none:
  /// `stdout line: X`, `stdout exactly: A then B`, or `stdout exactly (...):` followed by one
  /// `# expect: X` line per printed line.
  static func claimedStdout(_ source: String) -> [String]? {
    let comments = source.split(separator: "\n").filter { $0.hasPrefix("# expect:") }
      .map { $0.dropFirst("# expect:".count).trimmingCharacters(in: .whitespaces) }
    var lines: [String]?
    var following = false
    for comment in comments {
      if following {
        lines?.append(comment)
      } else if comment.hasPrefix("stdout line: ") {
        lines = (lines ?? []) + [String(comment.dropFirst("stdout line: ".count))]
      } else if comment.hasPrefix("stdout exactly: ") {
        let rest = comment.dropFirst("stdout exactly: ".count)
        lines = rest.components(separatedBy: " then ")
      } else if comment.hasPrefix("stdout exactly"), comment.hasSuffix(":") {
        lines = []
        following = true
      }
    }
    return lines
  }

  @Test("what each file's '# expect:' comments say it prints is what it prints")
  func expectCommentsAgree() throws {
    var checked = 0
    for file in SharedCases.files {
      let script = try SharedCases.script(file)
      guard let claimed = Self.claimedStdout(script.source) else { continue }
      var printed: [String] = []
      _ = try Interpreter.run(script) { printed.append($0) }
      #expect(printed == claimed, "\(file)")
      checked += 1
    }
    #expect(checked >= 3)
  }

  @Test("accumulate.mg: one + node with both inputs a")
  func accumulate() throws {
    let run = try Interpreter.run(try SharedCases.script("accumulate.mg")) { _ in }
    let root = try #require(run.root)
    #expect(root.op == "+")
    #expect(root.inputs.count == 2)
    #expect(root.inputs.allSatisfy { $0.label == "a" } && root.inputs[0] == root.inputs[1])
  }

  @Test("square.mg: the * node has two edges from x")
  func square() throws {
    let run = try Interpreter.run(try SharedCases.script("square.mg")) { _ in }
    let root = try #require(run.root)
    #expect(root.op == "*")
    #expect(root.inputs.count == 2)
    #expect(root.inputs[0] == root.inputs[1] && root.inputs[0].label == "x")
  }

  @Test("manual.mg: gradviz does not run backward; the script's own steps give the grads")
  func manual() throws {
    let run = try Interpreter.run(try SharedCases.script("manual.mg")) { _ in }
    #expect(!run.ranBackward)
    #expect(run.scriptSetGradients)
  }
}
