import Autograd
import Foundation
import TestSupport
import Testing

@testable import Inspection

/// The fixtures: deliberately broken copies of the lecture's Value class, and the lecture's
/// own, with what the check must find in each one's `# check:` line.
enum OwnEngine {
  static let folder = Repository.root.appendingPathComponent("Tests/Fixtures/own-engine")

  /// Every fixture script (the dumper aside).
  static let fixtures: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".py") && $0 != "dump_trace.py" }.sorted()
  }()

  /// What the check must report: `pass`, or `fail KIND LABEL OP DIAGNOSIS`.
  struct Expectation {
    let passes: Bool
    let kind: String
    let label: String
    let op: String
    let diagnosis: String
  }

  static func expectation(_ file: String) throws -> Expectation {
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    let line = try #require(
      text.split(separator: "\n").first { $0.hasPrefix("# check: ") }, "\(file) has no # check:")
    let words = line.dropFirst("# check: ".count).split(separator: " ").map(String.init)
    if words == ["pass"] {
      return Expectation(passes: true, kind: "", label: "", op: "", diagnosis: "")
    }
    try #require(words.count == 5 && words[0] == "fail", "\(file): \(line)")
    return Expectation(
      passes: false, kind: words[1], label: words[2], op: words[3], diagnosis: words[4])
  }

  /// The graph `file` leaves, traced under plain `python3` by the dumper; with `label`, the
  /// value made with that label gets `data` where it is made.
  static func graph(_ file: String, nudging label: String? = nil, to data: String = "")
    throws -> TracedGraph
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", "dump_trace.py", file] + (label.map { ["--nudge", $0, data] } ?? [])
    process.currentDirectoryURL = folder
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 dump_trace.py \(file) failed")
    return try decode(bytes)
  }

  /// A dumper's JSON (numbers as Python's repr) as a traced graph.
  static func decode(_ bytes: Data) throws -> TracedGraph {
    let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    func numbers(_ key: String) throws -> [Double?] {
      let list = try #require(object[key] as? [Any])
      return list.map { ($0 as? String).flatMap(Double.init) }
    }
    return try TracedGraph(
      labels: try #require(object["label"] as? [String]),
      data: try numbers("data").map { $0 ?? .nan },
      grads: try numbers("grad"),
      ops: try #require(object["op"] as? [String]),
      inputs: try #require(object["inputs"] as? [[Int]]),
      origins: try #require(object["origin"] as? [Any]).map { $0 as? String },
      notes: try #require(object["notes"] as? [[String]]))
  }

  /// The lines of a fixture named in an origin.
  static func source(_ file: String) -> [Substring]? {
    let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
    return text.split(separator: "\n", omittingEmptySubsequences: false)
  }
}

@Suite("Backward check of a script's own Value class")
struct BackwardCheckTests {
  // MARK: - Graphs built by hand

  /// `c = a * b; d = c + a` with the grads a right backward leaves.
  private func product(grads: [Double?]) throws -> TracedGraph {
    try TracedGraph(
      labels: ["a", "b", "c", "d"], data: [2, -3, -6, -4], grads: grads, ops: ["", "", "*", "+"],
      inputs: [[], [], [0, 1], [2, 0]],
      origins: ["t.py:5", "t.py:5", "t.py:30", "t.py:20"])
  }

  @Test func rightGradsPassAndMatchTheEngine() throws {
    let check = BackwardCheck(try product(grads: [-2, 2, 1, 1]))
    #expect(check.passed, "\(check.report())")
    #expect(check.engineGrads == [-2, 2, 1, 1])
    #expect(check.expectedGrads == [-2, 2, 1, 1])
    #expect(check.report().hasPrefix("pass: 4 values"))
    #expect(!check.comparisonTable.contains("differs"))
  }

  @Test func assignedGradIsCaughtAtTheInputUsedTwice() throws {
    // '*' assigned a.grad = b * 1 over the 1 that '+' gave it.
    let check = BackwardCheck(try product(grads: [-3, 2, 1, 1]))
    let failure = try #require(check.firstFailure)
    #expect(failure.kind == .grad)
    #expect(failure.node == 0)
    #expect(failure.actual == -3)
    #expect(failure.expected == -2)
    #expect(failure.culprit == 2)
    #expect(failure.diagnosis == .assignedNotAdded(uses: 2, line: nil))
    #expect(check.failures.count == 1)
    let report = check.report()
    #expect(report.contains("FAIL: the grad of a (n0) is -3.0; the engine's backward gives -2.0"))
    #expect(report.contains("_backward of '*' (c (n2)): t.py:30"))
    #expect(check.comparisonTable.split(separator: "\n")[1].hasSuffix("differs"))
  }

  @Test func aWrongLocalDerivativeIsNamedWithTheOneTheGradsImply() throws {
    // tanh's derivative taken as 1 - t.
    let x = 0.5
    let t = Foundation.tanh(x)
    let graph = try TracedGraph(
      labels: ["x", "t"], data: [x, t], grads: [1 - t, 1], ops: ["", "Tanh"], inputs: [[], [0]])
    let check = BackwardCheck(graph)
    let failure = try #require(check.firstFailure)
    #expect(failure.node == 0)
    #expect(failure.expectedLocal == 1 - t * t)
    #expect(failure.impliedLocal == 1 - t)
    #expect(
      failure.diagnosis
        == .wrongFormula(
          used: "1 - t", right: "1 - t**2", why: "the derivative of tanh is 1 - tanh(x)**2"))
  }

  @Test func theLecturesSpellingsAreRead() throws {
    let graph = try TracedGraph(
      labels: ["x", "", "", "", "", "", "", "", ""],
      data: [2, 4, 0.5, Foundation.sqrt(2), 2, -2, Foundation.exp(2), Foundation.tanh(2), 8],
      grads: Array(repeating: nil, count: 9),
      ops: ["", "**2", "**-1", "**0.5", "RELU", "neg", " exp ", "tanh", "+"],
      inputs: [[], [0], [0], [0], [0], [0], [0], [0], [0, 0, 0, 0]])
    let operations = graph.readings.map { reading -> Autograd.Operation? in
      if case .known(let operation, _, _) = reading { return operation }
      return nil
    }
    #expect(
      operations == [nil, .power(2), .power(-1), .power(0.5), .relu, .negate, .exp, .tanh, .sum])
    let check = BackwardCheck(graph)
    #expect(check.dataStatus.allSatisfy { $0 == .pass }, "\(check.dataStatus)")
  }

  @Test func aSetOfChildrenIsReadByTheData() throws {
    // `a + a` and `x * x` with one child each, as a set stores them; a `-` of one input is a
    // negation; data that fits neither is not guessed.
    let graph = try TracedGraph(
      labels: ["a", "", "", "", ""], data: [3, 6, 9, -3, 5], grads: [nil, nil, nil, nil, nil],
      ops: ["", "+", "*", "-", "+"], inputs: [[], [0], [0], [0], [0]])
    #expect(graph.reading(1) == .known(.add, operands: [0, 0], restored: true))
    #expect(graph.reading(2) == .known(.multiply, operands: [0, 0], restored: true))
    #expect(graph.reading(3) == .known(.negate, operands: [0], restored: false))
    guard case .unknown(let reason) = graph.reading(4) else {
      Issue.record("a + of one input whose data is not a + a was read")
      return
    }
    #expect(reason.contains("the other operand is not in _prev"))
  }

  @Test func aDuplicateInASetIsToldApartByTheSource() throws {
    let graph = try TracedGraph(
      labels: ["a", "b"], data: [3, 6], grads: [1, 1], ops: ["", "+"], inputs: [[], [0]],
      origins: ["t.py:1", "t.py:2"])
    // Without the source, only the set is to blame.
    #expect(BackwardCheck(graph).firstFailure?.diagnosis == .duplicateDropped)
    // With it, the assignment is quoted.
    let lines: [Substring] = [
      "x", "  def _backward():", "    self.grad = 1.0 * out.grad",
      "    other.grad = 1.0 * out.grad",
      "  out._backward = _backward",
    ]
    let check = BackwardCheck(graph, source: { $0 == "t.py" ? lines : nil })
    #expect(
      check.firstFailure?.diagnosis
        == .assignedNotAdded(uses: 2, line: "t.py:3: self.grad = 1.0 * out.grad"))
  }

  @Test func assignmentsAreToldFromAdditions() {
    #expect(Diagnoser.assignsGrad("self.grad = 1.0 * out.grad"))
    #expect(Diagnoser.assignsGrad("other.grad=x"))
    #expect(!Diagnoser.assignsGrad("self.grad += 1.0 * out.grad"))
    #expect(!Diagnoser.assignsGrad("if self.grad == 0:"))
    #expect(!Diagnoser.assignsGrad("x = self.grad"))
  }

  @Test func wrongDataIsReportedBeforeAnyGrad() throws {
    // `**3` whose data is x**2, and a grad that is wrong too.
    let graph = try TracedGraph(
      labels: ["x", "y"], data: [2, 4], grads: [5, 1], ops: ["", "**3"], inputs: [[], [0]])
    let check = BackwardCheck(graph)
    #expect(check.failures.map(\.kind) == [.data, .grad])
    #expect(check.firstFailure?.diagnosis == .exponentIgnored(used: 2))
    #expect(check.firstFailure?.expected == 8)
  }

  @Test func anUnknownOpIsNotCheckedAndNeitherAreItsInputs() throws {
    let x = 0.5
    let graph = try TracedGraph(
      labels: ["x", "s", "w", "y"], data: [x, Foundation.sin(x), -2, Foundation.sin(x) * -2],
      grads: [Foundation.cos(x) * -2, -2, Foundation.sin(x), 1], ops: ["", "sin", "", "*"],
      inputs: [[], [0], [], [1, 2]])
    let check = BackwardCheck(graph)
    #expect(check.passed)
    #expect(check.dataStatus[1] == .notChecked("'sin' is not an operation gradviz knows"))
    #expect(check.gradStatus[0] == .notChecked("used by 'sin' (n1), an op gradviz does not know"))
    #expect(check.gradStatus[1] == .pass)
    #expect(check.engineGrads[0] == nil)
    #expect(check.engineGrads[1] == -2)
    #expect(check.report().contains("not checked: s (n1): 'sin' is not an operation gradviz knows"))
  }

  @Test func gradsNeverComputedSaySo() throws {
    let check = BackwardCheck(try product(grads: [0, 0, 0, 0]))
    let failure = try #require(check.firstFailure)
    #expect(failure.node == 3)
    #expect(failure.diagnosis == .rootNotSeeded(allZero: true))
    #expect(check.gradsAllZero)
    #expect(check.comparisonTable.contains("differs"))
  }

  @Test func badShapesAreRefusedWithAReason() {
    #expect(throws: TracedGraphError.empty) {
      try TracedGraph(labels: [], data: [], grads: [], ops: [], inputs: [])
    }
    #expect(throws: TracedGraphError.inputNotEarlier(node: 0, input: 0)) {
      try TracedGraph(labels: ["a"], data: [1], grads: [nil], ops: ["+"], inputs: [[0]])
    }
    #expect(throws: TracedGraphError.lengthMismatch(field: "grad", count: 0, expected: 1)) {
      try TracedGraph(labels: ["a"], data: [1], grads: [], ops: [""], inputs: [[]])
    }
  }

  /// Odd graphs end with a report, never a crash: non-finite data and grads, a log of a
  /// negative number, a division by zero, ops at odd arities, grads missing, an unknown root.
  @Test func oddGraphsGiveAReport() throws {
    let graphs = [
      try TracedGraph(
        labels: ["x", "y", "z", "w", "v"], data: [-1, .nan, .infinity, 0, -.infinity],
        grads: [.nan, nil, .infinity, 1, 0], ops: ["", "log", "/", "+", "**"],
        inputs: [[], [0], [0, 1], [1, 2, 0], [3, 0]]),
      try TracedGraph(
        labels: ["", ""], data: [0, 0], grads: [nil, nil], ops: ["", "sin"], inputs: [[], [0]]),
      try TracedGraph(
        labels: ["a"], data: [2], grads: [1], ops: ["tanh"], inputs: [[]]),
      try TracedGraph(
        labels: ["a", "b"], data: [2, 1], grads: [0, 1], ops: ["", "**x"], inputs: [[], [0]]),
      try TracedGraph(
        labels: ["a", "b", "c"], data: [2, 3, 5], grads: [1, 1, 1], ops: ["", "", ""],
        inputs: [[], [], [0, 1]]),
    ]
    for graph in graphs {
      let check = BackwardCheck(graph)
      #expect(!check.report().isEmpty)
      #expect(!check.json.isEmpty)
      #expect(check.comparisonTable.split(separator: "\n").count == graph.count + 1)
    }
  }

  /// A chain of 200,000 negations with the sign lost at the bottom: no recursion, and the
  /// one wrong node is found.
  @Test func aDeepChainIsCheckedWithoutRecursion() throws {
    let n = 200_000
    let data = (0..<n).map { $0 % 2 == 0 ? 0.3 : -0.3 }
    var grads = (0..<n).map { (n - 1 - $0) % 2 == 0 ? 1.0 : -1.0 }
    grads[0] = -grads[0]
    let graph = try TracedGraph(
      labels: Array(repeating: "", count: n), data: data, grads: grads,
      ops: [""] + Array(repeating: "neg", count: n - 1),
      inputs: [[]] + (0..<(n - 1)).map { [$0] })
    let check = BackwardCheck(graph)
    #expect(check.failures.count == 1)
    #expect(check.firstFailure?.node == 0)
    #expect(check.firstFailure?.diagnosis?.name == "wrong-formula")
  }

  // MARK: - Real classes under python3

  @Test(arguments: OwnEngine.fixtures)
  func eachFixtureIsCaughtAtTheRightNode(_ file: String) throws {
    let expectation = try OwnEngine.expectation(file)
    let graph = try OwnEngine.graph(file)
    var check = BackwardCheck(graph, source: OwnEngine.source)
    var reruns = PythonReruns(file: file, graph: graph)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    let report = check.report()
    if expectation.passes {
      #expect(check.passed, "\(file):\n\(report)")
      #expect(report.hasPrefix("pass: ") || report.contains("\npass: "), "\(report)")
      return
    }
    let failure = try #require(check.firstFailure, "\(file) passed:\n\(report)")
    #expect(failure.kind.rawValue == expectation.kind, "\(file):\n\(report)")
    #expect(graph.labels[failure.node] == expectation.label, "\(file):\n\(report)")
    let culprit = failure.culprit.map { graph.ops[$0] } ?? "-"
    #expect(culprit == expectation.op, "\(file):\n\(report)")
    #expect(failure.diagnosis?.name == expectation.diagnosis, "\(file):\n\(report)")
    if let culprit = failure.culprit {
      #expect(graph.origins[culprit]?.hasPrefix(file + ":") == true)
      #expect(report.contains(graph.origins[culprit] ?? "?"))
    }
  }

  @Test func atLeastTwelveDistinctBugsAndTheLecturesClass() throws {
    let expectations = try OwnEngine.fixtures.map(OwnEngine.expectation)
    #expect(OwnEngine.fixtures.contains("correct.py"))
    let bugs = Set(expectations.filter { !$0.passes }.map { "\($0.op) \($0.diagnosis)" })
    #expect(expectations.filter { !$0.passes }.count >= 12)
    #expect(bugs.count >= 12, "\(bugs.sorted())")
  }
}
