import Autograd
import Foundation
import Testing

@testable import Inspection

/// Runs of a "script" given as a Swift function of its leaves' data, for the tests of
/// ``BackwardCheck/checkByDifferences(h:reruns:)``.
struct FunctionReruns: ForwardReruns {
  /// The root's data from the leaves' data (indexed by position).
  let root: ([Double]) -> Double
  let data: [Double]
  var startFailure: String? = nil
  var obstacles: [Int: String] = [:]
  /// Leaves whose nudged runs fail, and whether that stops all.
  var failing: [Int: RerunFailure] = [:]
  private(set) var started = 0
  private(set) var nudged: [Int] = []

  init(data: [Double], root: @escaping ([Double]) -> Double) {
    self.data = data
    self.root = root
  }

  mutating func start() -> String? {
    started += 1
    return startFailure
  }

  func obstacle(toNudging position: Int) -> String? { obstacles[position] }

  mutating func rootData(nudging position: Int, to value: Double) -> Result<Double, RerunFailure> {
    nudged.append(position)
    if let failure = failing[position] { return .failure(failure) }
    var moved = data
    moved[position] = value
    return .success(root(moved))
  }
}

/// Runs of a fixture script under plain `python3`, the dumper nudging a leaf by its label.
struct PythonReruns: ForwardReruns {
  let file: String
  let graph: TracedGraph

  mutating func start() -> String? {
    guard let again = try? OwnEngine.graph(file) else { return "the re-run failed" }
    let (a, b) = (again.data[again.root], graph.data[graph.root])
    return a == b ? nil : "the script is not deterministic: its root's data is \(a), not \(b)"
  }

  func obstacle(toNudging position: Int) -> String? {
    graph.labels[position].isEmpty ? "it has no label to be nudged by" : nil
  }

  mutating func rootData(nudging position: Int, to data: Double) -> Result<Double, RerunFailure> {
    guard
      let nudged = try? OwnEngine.graph(
        file, nudging: graph.labels[position], to: PythonFormat.float(data))
    else { return .failure(RerunFailure(reason: "the re-run failed")) }
    return .success(nudged.data[nudged.root])
  }
}

@Suite("Central differences of the whole script, past ops gradviz does not know")
struct ScriptDifferencesTests {
  /// `s = sin(x); y = s * w + w`, the grads `grad` of x and a right backward's elsewhere.
  private func sine(xGrad: Double? = nil) throws -> (TracedGraph, FunctionReruns) {
    let x = 0.5
    let w = -2.0
    let s = Foundation.sin(x)
    let graph = try TracedGraph(
      labels: ["x", "s", "w", "", "y"], data: [x, s, w, s * w, s * w + w],
      grads: [xGrad ?? Foundation.cos(x) * w, w, s + 1, 1, 1], ops: ["", "sin", "", "*", "+"],
      inputs: [[], [0], [], [1, 2], [3, 2]], origins: [nil, "t.py:40", nil, "t.py:20", "t.py:10"])
    let reruns = FunctionReruns(data: graph.data) { d in Foundation.sin(d[0]) * d[2] + d[2] }
    return (graph, reruns)
  }

  @Test func theLeavesBeforeAnUnknownOpAreFound() throws {
    let (graph, _) = try sine()
    let check = BackwardCheck(graph)
    #expect(check.leavesBeforeUnknownOps.map(\.position) == [0])
    #expect(check.leavesBeforeUnknownOps.map(\.through) == [1])
    // No unknown op: nothing to do, no run.
    let plain = try TracedGraph(
      labels: ["a", "b"], data: [2, 4], grads: [4, 1], ops: ["", "**2"], inputs: [[], [0]])
    var reruns = FunctionReruns(data: plain.data) { $0[0] * $0[0] }
    var checked = BackwardCheck(plain)
    checked.checkByDifferences(h: 1e-6, reruns: &reruns)
    #expect(checked.differences == nil)
    #expect(reruns.started == 0)
  }

  @Test func aRightGradIsConfirmed() throws {
    let (graph, start) = try sine()
    var reruns = start
    var check = BackwardCheck(graph)
    #expect(check.gradStatus[0] != .pass)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    let differences = try #require(check.differences)
    #expect(check.passed, "\(check.report())")
    #expect(differences.leafCount == 1)
    #expect(differences.reruns == 3)
    #expect(reruns.started == 1)
    #expect(reruns.nudged == [0, 0])
    let leaf = try #require(differences.checked.first)
    #expect(leaf.comparison?.status == .pass)
    #expect(abs((leaf.comparison?.numeric ?? 0) - Foundation.cos(0.5) * -2) < 1e-8)
    #expect(check.gradStatus[0] == .pass)
    let report = check.report()
    #expect(
      report.contains(
        "checked by central differences of the whole script, re-run 3 times: the grad of 1 leaf "
          + "before 'sin' (s (n1))"), "\(report)")
    #expect(report.contains("  x (n0): grad -1.7551651237807455, central differences "))
    #expect(report.contains(": agrees (relative error "))
    #expect(report.contains("(1 by central differences of the script), 1 not checked"))
    #expect(check.json.contains("\"differences\":{\"leaf_count\":1,\"leaves\":[{\"grad\":"))
  }

  @Test func aWrongGradIsAFailureAtItsLeaf() throws {
    let (graph, start) = try sine(xGrad: -Foundation.cos(0.5) * -2)
    var reruns = start
    var check = BackwardCheck(graph)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    #expect(!check.passed)
    let failure = try #require(check.firstFailure)
    #expect(failure.node == 0)
    #expect(failure.kind == .grad)
    #expect(failure.reference == .wholeScript)
    #expect(failure.culprit == 1)
    #expect(failure.diagnosis == .oppositeSign)
    #expect(check.gradStatus[0] == .fail)
    // Two more runs at a tenth of the step, where they disagree.
    #expect(check.differences?.reruns == 5)
    let report = check.report()
    #expect(
      report.hasPrefix(
        "FAIL: the grad of x (n0) is 1.7551651237807455; central differences of the whole "
          + "script give -1.755165"), "\(report)")
    #expect(report.contains("x (n0) reaches the root through 'sin' (s (n1))"))
    #expect(report.contains("_backward of 'sin' (s (n1)): t.py:40"))
    #expect(report.contains(": differs (relative error "))
    #expect(
      report.hasSuffix(
        "FAIL: 5 values: grads of 1 wrong, 1 not checked (tolerance 1e-06, relative error)\n"))
    #expect(check.json.contains("\"reference\":\"central differences\""))
    // Any other wrong number is a plain failure, without the sign's diagnosis.
    let (other, again) = try sine(xGrad: 3)
    var more = again
    var second = BackwardCheck(other)
    second.checkByDifferences(h: 1e-6, reruns: &more)
    #expect(second.firstFailure?.node == 0)
    #expect(second.firstFailure?.diagnosis == nil)
  }

  @Test func aScriptThatCannotBeRunAgainIsNotChecked() throws {
    let (graph, start) = try sine(xGrad: 3)
    var reruns = start
    reruns.startFailure = "the script is not deterministic: its root's data is 1.0, not 2.0"
    var check = BackwardCheck(graph)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    #expect(check.passed)
    #expect(reruns.nudged.isEmpty)
    #expect(check.differences?.unavailable == reruns.startFailure)
    #expect(check.gradStatus[0] == .notChecked("used by 'sin' (n1), an op gradviz does not know"))
    #expect(
      check.report().contains(
        "not checked by central differences of the whole script (1 leaf): the script is not "
          + "deterministic"))
  }

  @Test func aLeafThatCannotBeNudgedOrWhoseRunFailsIsNotChecked() throws {
    let (graph, start) = try sine(xGrad: 3)
    var reruns = start
    reruns.obstacles[0] = "its data changed after it was made"
    var check = BackwardCheck(graph)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    #expect(check.passed)
    #expect(reruns.nudged.isEmpty)
    #expect(check.differences?.leaves.first?.reason == "its data changed after it was made")
    #expect(check.report().contains("  x (n0): not checked: its data changed after it was made"))
    #expect(
      check.report().contains(
        "not checked by central differences of the whole script, re-run 1 time: 1 leaf before"))

    var failing = start
    failing.failing[0] = RerunFailure(reason: "the re-run with it at 0.500001 failed: it raised")
    var second = BackwardCheck(graph)
    second.checkByDifferences(h: 1e-6, reruns: &failing)
    #expect(second.passed)
    #expect(failing.nudged == [0])
    #expect(second.differences?.leaves.first?.reason?.hasPrefix("the re-run with it") == true)
  }

  /// `y = sin(x0) + sin(x1) + ...` over `count` leaves.
  private func sines(_ count: Int, wrong: Int? = nil) throws -> TracedGraph {
    var labels: [String] = []
    var data: [Double] = []
    var grads: [Double?] = []
    var ops: [String] = []
    var inputs: [[Int]] = []
    var terms: [Int] = []
    for i in 0..<count {
      let x = Double(i) / 10
      labels += ["x\(i)", ""]
      data += [x, Foundation.sin(x)]
      grads += [i == wrong ? 0 : Foundation.cos(x), 1]
      ops += ["", "sin"]
      inputs += [[], [data.count - 2]]
      terms.append(data.count - 1)
    }
    labels.append("y")
    data.append(terms.map { data[$0] }.reduce(0, +))
    grads.append(1)
    ops.append("sum")
    inputs.append(terms)
    return try TracedGraph(labels: labels, data: data, grads: grads, ops: ops, inputs: inputs)
  }

  @Test func atMost32LeavesAreCheckedEvenlySpaced() throws {
    let graph = try sines(40, wrong: 39)
    var reruns = FunctionReruns(data: graph.data) { d in
      stride(from: 0, to: 80, by: 2).map { Foundation.sin(d[$0]) }.reduce(0, +)
    }
    var check = BackwardCheck(graph)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    let differences = try #require(check.differences)
    #expect(differences.leafCount == 40)
    #expect(differences.leaves.count == BackwardCheck.Differences.maxCheckedLeaves)
    #expect(differences.leaves.first?.position == 0)
    #expect(differences.leaves.last?.position == 78)
    #expect(differences.failures.map(\.position) == [78])
    #expect(differences.reruns == 1 + 2 * 32 + 2)
    #expect(
      check.report().contains(
        "re-run 67 times: the grads of 32 of 40 leaves before 32 ops gradviz does not know "
          + "('sin' (n1), 'sin' (n3), 'sin' (n5), ...) (at most 32, evenly spaced)"),
      "\(check.report())")
  }

  @Test func aRunThatStopsAllLeavesTheRestUnchecked() throws {
    let graph = try sines(3)
    var reruns = FunctionReruns(data: graph.data) { d in
      [0, 2, 4].map { Foundation.sin(d[$0]) }.reduce(0, +)
    }
    reruns.failing[2] = RerunFailure(reason: "the re-run was interrupted", stopsAll: true)
    var check = BackwardCheck(graph)
    check.checkByDifferences(h: 1e-6, reruns: &reruns)
    let leaves = try #require(check.differences?.leaves)
    #expect(leaves.map { $0.comparison?.status } == [.pass, nil, nil])
    #expect(
      leaves.map(\.reason) == [nil, "the re-run was interrupted", "the re-run was interrupted"])
    #expect(reruns.nudged == [0, 0, 2])
  }
}
