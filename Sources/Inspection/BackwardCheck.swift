import Autograd

/// A script's own backward checked against the engine's: the graph its own `Value` class
/// built is rebuilt on the engine from its op strings, and every node's data and grad is
/// compared with what the engine's formulas give.
///
/// Two checks, in this order:
///
/// - **Data.** Each operation's data against the engine's forward formula applied to the
///   data the script's inputs hold (a hand-written `tanh` that overflows, `**` that ignores
///   its exponent).
/// - **Grads.** Each node's grad against the chain rule applied one step: the sum, over the
///   nodes that use it, of the user's grad (as the script left it) times the engine's local
///   derivative at the script's data. The root's grad should be 1. Each comparison stands on
///   its own, so every failure is a place where the script's backward went wrong, not an
///   echo of one further up; the first in backward order (the root first) is also the first
///   node whose grad differs from a full backward by the engine. Each failure gets a
///   ``Diagnosis`` where the numbers fit one.
///
/// Numbers agree as in ``DerivativeComparison``: relative error
/// `|a - b| / max(1, |a|, |b|)` at most the tolerance; two NaNs, or two equal infinities,
/// agree.
///
/// Ops the engine does not have are not checked, with the reason; neither are the grads of
/// their inputs, which depend on them. Nothing is guessed. The leaves upstream of such an op
/// can be checked by central differences of the whole script, run again with each leaf
/// nudged, where the host can run it (``checkByDifferences(h:reruns:)``).
///
/// ```swift
/// let check = BackwardCheck(graph)
/// check.passed                  // false
/// check.firstFailure?.diagnosis // .assignedNotAdded(...)
/// ```
public struct BackwardCheck: Sendable {
  /// The tolerance.
  public struct Options: Sendable, Equatable {
    /// The largest relative error that passes.
    public var tolerance: Double

    /// - Precondition: `tolerance` is finite and > 0.
    public init(tolerance: Double = 1e-6) {
      precondition(tolerance.isFinite && tolerance > 0, "the tolerance must be a finite number > 0")
      self.tolerance = tolerance
    }
  }

  /// The outcome for one node's data or grad.
  public enum Status: Sendable, Equatable {
    /// It agrees with the engine.
    case pass
    /// It does not.
    case fail
    /// It cannot be checked; the reason says why.
    case notChecked(String)
    /// The script's object has no grad that is a number.
    case notComputed

    /// Whether this is a failure.
    public var isFailure: Bool { self == .fail }
  }

  /// One node whose data or grad is wrong.
  public struct Failure: Sendable, Equatable {
    /// What is wrong.
    public enum Kind: String, Sendable {
      case data, grad
    }
    public let kind: Kind
    /// The node whose data or grad is wrong.
    public let node: Int
    /// What the script's object holds.
    public let actual: Double
    /// What the engine gives.
    public let expected: Double
    /// The operation at fault, when one is: the node itself for data, and for a grad the
    /// user of ``node`` whose backward step went wrong.
    public let culprit: Int?
    /// The operand slot of ``culprit`` that ``node`` fills, when one is singled out.
    public let slot: Int?
    /// The local derivative the culprit should have used for that slot, and the one that the
    /// script's grads imply it used (assuming its other contributions were right).
    public let expectedLocal: Double?
    public let impliedLocal: Double?
    /// What most likely went wrong, where the numbers fit a known mistake.
    public let diagnosis: Diagnosis?
    /// What ``expected`` comes from.
    public var reference: Reference = .engine

    /// Where the right number comes from.
    public enum Reference: String, Sendable {
      /// The engine's formulas.
      case engine
      /// Central differences of the whole script, run again with the leaf nudged
      /// (``BackwardCheck/checkByDifferences(h:reruns:)``); ``culprit`` is then the first
      /// op the engine does not know between the leaf and the root.
      case wholeScript = "central differences"
    }

    /// Whether the diagnosis is about how contributions add up (`=` for `+=`, a set of
    /// children, a node run twice) rather than one local derivative.
    var isAboutAccumulation: Bool {
      switch diagnosis {
      case .assignedNotAdded, .duplicateDropped, .visitedTwice, .rootNotSeeded: true
      default: false
      }
    }
  }

  /// The graph that was checked.
  public let graph: TracedGraph
  public let options: Options
  /// How the engine read each node's op.
  public let readings: [TracedGraph.Reading]
  /// Each node's local derivatives by the engine, one per operand, at the script's data;
  /// empty for leaves and unknown ops.
  public let localDerivatives: [[Double]]
  /// Each operation's data by the engine, from the script's data of its inputs; `nil` for
  /// leaves and unknown ops.
  public let engineData: [Double?]
  /// Each node's grad by a full backward of the engine from the root, at the script's data;
  /// `nil` where it depends on an op the engine does not know.
  public let engineGrads: [Double?]
  /// Each node's grad by one step of the chain rule from the script's grads of its users;
  /// `nil` where it cannot be computed.
  public let expectedGrads: [Double?]
  /// The outcome of each node's data check and grad check.
  public let dataStatus: [Status]
  public internal(set) var gradStatus: [Status]
  /// Every failure: data failures in topological order, then grad failures in backward
  /// order (the root first), then the leaves whose grads central differences of the whole
  /// script contradict (``checkByDifferences(h:reruns:)``).
  public internal(set) var failures: [Failure]
  /// The grads of the leaves upstream of ops the engine does not know, by central
  /// differences of the whole script; `nil` until ``checkByDifferences(h:reruns:)`` has run,
  /// and when no leaf is upstream of such an op.
  public internal(set) var differences: Differences?

  /// Checks the script's data and grads on `graph`.
  ///
  /// - Parameters:
  ///   - graph: the traced graph, with the grads the script's own backward left.
  ///   - options: the tolerance.
  ///   - source: the lines of a file named in an origin (`file:line`), when it can be read;
  ///     a diagnosis then quotes the line of a `_backward` that shows the mistake.
  /// - Complexity: O(n + e) for n nodes and e edges, and, where a grad fails and a node can
  ///   be reached from the root by several paths, one replay of a topological sort without a
  ///   visited set (at most 200,000 steps). No recursion.
  public init(
    _ graph: TracedGraph, options: Options = Options(),
    source: (String) -> [Substring]? = { _ in nil }
  ) {
    self.graph = graph
    self.options = options
    let readings = graph.readings
    self.readings = readings
    let tape = Self.rebuild(graph, readings)
    let tolerance = options.tolerance

    var engineData = [Double?](repeating: nil, count: graph.count)
    var dataStatus = [Status](repeating: .pass, count: graph.count)
    for (position, reading) in readings.enumerated() {
      switch reading {
      case .leaf: break
      case .unknown(let reason): dataStatus[position] = .notChecked(reason)
      case .known:
        let value = tape.evaluate(position)
        engineData[position] = value
        if !Self.agree(graph.data[position], value, tolerance) { dataStatus[position] = .fail }
      }
    }
    self.engineData = engineData
    self.dataStatus = dataStatus

    let locals = (0..<graph.count).map { readings[$0].isKnown ? tape.localDerivatives(of: $0) : [] }
    localDerivatives = locals
    let users = Self.users(readings, count: graph.count)
    let unknownUser = Self.unknownUsers(graph, readings)
    engineGrads = Self.engineBackward(tape, users, unknownUser, root: graph.root)

    var expected = [Double?](repeating: nil, count: graph.count)
    var gradStatus = [Status](repeating: .pass, count: graph.count)
    for position in stride(from: graph.root, through: 0, by: -1) {
      guard let actual = graph.grads[position] else {
        gradStatus[position] = .notComputed
        continue
      }
      switch Self.oneStep(position, graph, users, unknownUser, locals) {
      case .success(let value):
        expected[position] = value
        if !Self.agree(actual, value, tolerance) { gradStatus[position] = .fail }
      case .failure(let reason):
        gradStatus[position] = .notChecked(reason.text)
      }
    }
    expectedGrads = expected
    self.gradStatus = gradStatus

    var failures: [Failure] = []
    for position in 0..<graph.count where dataStatus[position] == .fail {
      failures.append(
        Self.dataFailure(position, graph, readings, engineData[position] ?? .nan, tolerance))
    }
    withoutActuallyEscaping(source) { source in
      var diagnoser = Diagnoser(
        graph: graph, readings: readings, users: users, locals: locals, expected: expected,
        tolerance: tolerance, source: source)
      for position in stride(from: graph.root, through: 0, by: -1)
      where gradStatus[position] == .fail {
        failures.append(diagnoser.failure(at: position))
      }
    }
    self.failures = failures
  }

  /// Whether every data and every grad that could be checked agrees.
  public var passed: Bool { failures.isEmpty }

  /// The first failure: the first wrong data in topological order, else the first wrong grad
  /// in backward order.
  public var firstFailure: Failure? { failures.first }

  /// Whether the script's backward seems never to have run: every grad is 0 or missing, the
  /// root's included.
  public var gradsAllZero: Bool {
    graph.grads.allSatisfy { $0 == nil || $0 == 0 }
  }

  /// The number of nodes whose data or grad could not be checked: an unknown op, the input
  /// of one, a grad that is not a number.
  public var uncheckedCount: Int {
    zip(dataStatus, gradStatus).filter { data, grad in
      if case .notChecked = data { return true }
      if case .notChecked = grad { return true }
      return grad == .notComputed
    }.count
  }

  // MARK: - Building

  /// The graph on a fresh tape, node `i` at id `i`, each with the script's data; an unknown
  /// op stands there as a leaf.
  private static func rebuild(_ graph: TracedGraph, _ readings: [TracedGraph.Reading]) -> Tape {
    let tape = Tape(capacity: graph.count)
    for (position, reading) in readings.enumerated() {
      let data = graph.data[position]
      switch reading {
      case .leaf, .unknown:
        _ = Value(data, on: tape)
      case .known(let operation, let operands, _):
        let value = Self.record(operation, operands.map { Value(tape: tape, id: $0) }, on: tape)
        value.data = data
      }
      precondition(tape.count == position + 1, "one tape node per traced node")
    }
    return tape
  }

  private static func record(_ operation: Autograd.Operation, _ x: [Value], on tape: Tape) -> Value
  {
    switch operation {
    case .add: return x[0] + x[1]
    case .subtract: return x[0] - x[1]
    case .multiply: return x[0] * x[1]
    case .divide: return x[0] / x[1]
    case .valuePower: return x[0] ** x[1]
    case .power(let k): return x[0] ** k
    case .negate: return -x[0]
    case .tanh: return x[0].tanh()
    case .exp: return x[0].exp()
    case .relu: return x[0].relu()
    case .sigmoid: return x[0].sigmoid()
    case .log: return (try? x[0].log()) ?? Self.logOutsideDomain(x[0], on: tape)
    case .sum: return Value.sum(x)
    default: return Value(x.first?.data ?? 0, on: tape)
    }
  }

  /// `log` of a number <= 0 still as a `log` node (its data is the script's, set after).
  private static func logOutsideDomain(_ x: Value, on tape: Tape) -> Value {
    let saved = x.data
    x.data = 1
    defer { x.data = saved }
    return (try? x.log()) ?? Value(0, on: tape)
  }

  /// For each node, its users and the operand slot it fills there, in increasing position.
  static func users(_ readings: [TracedGraph.Reading], count: Int) -> [[(node: Int, slot: Int)]] {
    var result = [[(node: Int, slot: Int)]](repeating: [], count: count)
    for (node, reading) in readings.enumerated() {
      switch reading {
      case .known(_, let operands, _):
        for (slot, input) in operands.enumerated() { result[input].append((node, slot)) }
      case .unknown, .leaf: break
      }
    }
    return result
  }

  /// For each node, the first unknown op that uses it, if any.
  private static func unknownUsers(_ graph: TracedGraph, _ readings: [TracedGraph.Reading])
    -> [Int?]
  {
    var result = [Int?](repeating: nil, count: graph.count)
    for (node, reading) in readings.enumerated() {
      if case .unknown = reading {
        for input in graph.inputs[node] where result[input] == nil { result[input] = node }
      }
    }
    return result
  }

  // MARK: - Checking

  /// Why a grad cannot be computed by one step.
  enum Unchecked: Error {
    case unknownUser(Int, String)
    case userWithoutGrad(Int)
    case unused

    var text: String {
      switch self {
      case .unknownUser(let node, let op):
        return "used by '\(op)' (\(Trace.nodeName(node))), an op gradviz does not know"
      case .userWithoutGrad(let node):
        return "its user \(Trace.nodeName(node)) has no grad"
      case .unused:
        return "no known op uses it"
      }
    }
  }

  /// The grad of `position` by one step of the chain rule from its users' script grads.
  private static func oneStep(
    _ position: Int, _ graph: TracedGraph,
    _ users: [[(node: Int, slot: Int)]], _ unknownUser: [Int?], _ locals: [[Double]]
  ) -> Result<Double, Unchecked> {
    if position == graph.root { return .success(1) }
    if let node = unknownUser[position] {
      return .failure(.unknownUser(node, graph.ops[node]))
    }
    guard !users[position].isEmpty else { return .failure(.unused) }
    var total = 0.0
    for (node, slot) in users[position] {
      guard let upstream = graph.grads[node] else { return .failure(.userWithoutGrad(node)) }
      total += upstream * locals[node][slot]
    }
    return .success(total)
  }

  /// A full backward by the engine; `nil` at nodes that reach the root through an unknown op.
  private static func engineBackward(
    _ tape: Tape, _ users: [[(node: Int, slot: Int)]], _ unknownUser: [Int?], root: Int
  ) -> [Double?] {
    Value(tape: tape, id: root).backward()
    var blocked = [Bool](repeating: false, count: root + 1)
    for position in stride(from: root, through: 0, by: -1) {
      blocked[position] =
        unknownUser[position] != nil || users[position].contains { blocked[$0.node] }
    }
    return (0...root).map { blocked[$0] ? nil : Value(tape: tape, id: $0).grad }
  }

  /// Whether two numbers agree: relative error `|a - b| / max(1, |a|, |b|)` at most
  /// `tolerance`, or both NaN, or the same infinity.
  static func agree(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    if !a.isFinite || !b.isFinite { return false }
    return abs(a - b) / max(1, abs(a), abs(b)) <= tolerance
  }
}
