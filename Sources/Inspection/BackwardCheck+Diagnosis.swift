import Autograd
import Foundation

extension BackwardCheck {
  /// A known mistake that the numbers of a failure fit.
  public enum Diagnosis: Sendable, Equatable, CustomStringConvertible {
    /// The root's grad is 0 after backward: `backward()` does not seed it with
    /// `self.grad = 1.0`. `allZero`: every grad is 0, which is also what a backward that never
    /// ran leaves.
    case rootNotSeeded(allZero: Bool)
    /// `=` where `+=` belongs: the node is used `uses` times and its grad is one use's
    /// contribution alone, so the culprit's `_backward` assigns the grad instead of adding
    /// to it. `line` quotes the assignment (`file:line: text`) when the source could be read.
    case assignedNotAdded(uses: Int, line: String?)
    /// The culprit uses the node twice (`x*x`) but its `_prev` is a `set` that keeps one
    /// copy, and a backward that walks `_prev` gives the node one contribution, not two.
    case duplicateDropped
    /// The culprit's local derivative is a known wrong formula: `used` where `right`
    /// belongs; `why` says what went wrong.
    case wrongFormula(used: String, right: String, why: String)
    /// The node got nothing from the culprit. `defaultBackward`: the culprit's `_backward` is
    /// the do-nothing one every node starts with (it is defined where the leaves' is), so
    /// the method that makes the op never sets `out._backward`.
    case gotNothing(defaultBackward: Bool)
    /// `backward()` ran the culprit's `_backward` once per path from the root (`paths`
    /// times): its topological sort has no `visited` set, so a node reached by several
    /// paths is added to it several times.
    case visitedTwice(paths: Int)
    /// The data is not finite where the engine's formula is: a formula written with `exp`
    /// overflows for large inputs.
    case overflow
    /// `**k` whose data is `x ** used`: the exponent is ignored.
    case exponentIgnored(used: Double)
    /// A leaf's grad is minus the derivative that central differences of the whole script
    /// give: a sign is wrong in the `_backward` of an op between it and the root that the
    /// engine does not know (`culprit` names the first).
    case oppositeSign

    /// A short name for tools and tests: `root-not-seeded`, `assigned-not-added`,
    /// `duplicate-dropped`, `wrong-formula`, `got-nothing`, `visited-twice`, `overflow`,
    /// `exponent-ignored`, `opposite-sign`.
    public var name: String {
      switch self {
      case .rootNotSeeded: "root-not-seeded"
      case .assignedNotAdded: "assigned-not-added"
      case .duplicateDropped: "duplicate-dropped"
      case .wrongFormula: "wrong-formula"
      case .gotNothing: "got-nothing"
      case .visitedTwice: "visited-twice"
      case .overflow: "overflow"
      case .exponentIgnored: "exponent-ignored"
      case .oppositeSign: "opposite-sign"
      }
    }

    public var description: String {
      switch self {
      case .rootNotSeeded(let allZero):
        return allZero
          ? "every grad is 0: backward() never ran, or it does not seed the root with "
            + "self.grad = 1.0"
          : "backward() does not seed the root with self.grad = 1.0"
      case .assignedNotAdded(let uses, _):
        return
          "'=' where '+=' belongs: the grad is one use's contribution alone, not the sum over "
          + "all \(uses) uses; each use overwrites the one before"
      case .duplicateDropped:
        return
          "_prev is a set, which keeps one copy of x in x*x, and the backward walks _prev: one "
          + "contribution instead of two (keep the children in a tuple)"
      case .wrongFormula(let used, let right, let why):
        return "the local derivative is \(used) where \(right) belongs: \(why)"
      case .gotNothing(let defaultBackward):
        return defaultBackward
          ? "the op's _backward is the do-nothing one every Value starts with: the method that "
            + "makes it never sets out._backward"
          : "the op's _backward passed nothing to this input (missing, never called, or "
            + "leaving it out)"
      case .visitedTwice(let paths):
        return
          "backward() ran this _backward \(paths) times: build_topo has no visited set, so a "
          + "node reached by several paths is added once per path"
      case .overflow:
        return
          "the formula overflows: exp of a large number is inf, and inf/inf is nan (math.tanh "
          + "does not)"
      case .exponentIgnored(let used):
        return "the data is x**\(PythonFormat.number(used)): the exponent is ignored"
      case .oppositeSign:
        return
          "the grad has the opposite sign: a minus sign missing (or one too many) in the "
          + "_backward of an op gradviz does not know"
      }
    }
  }

  /// The data failure at operation `position`.
  static func dataFailure(
    _ position: Int, _ graph: TracedGraph, _ readings: [TracedGraph.Reading], _ expected: Double,
    _ tolerance: Double
  ) -> Failure {
    let actual = graph.data[position]
    var diagnosis: Diagnosis?
    if case .known(let operation, let operands, _) = readings[position] {
      let x = graph.data[operands[0]]
      if !actual.isFinite, expected.isFinite {
        diagnosis = .overflow
      } else if case .power(let k) = operation {
        for m in [1.0, 2, 3, 0.5, -1] where m != k && agree(actual, Foundation.pow(x, m), tolerance)
        {
          diagnosis = .exponentIgnored(used: m)
          break
        }
      }
    }
    return Failure(
      kind: .data, node: position, actual: actual, expected: expected, culprit: position,
      slot: nil, expectedLocal: nil, impliedLocal: nil, diagnosis: diagnosis)
  }
}

/// Finding what went wrong at a failing grad.
struct Diagnoser {
  let graph: TracedGraph
  let readings: [TracedGraph.Reading]
  let users: [[(node: Int, slot: Int)]]
  let locals: [[Double]]
  let expected: [Double?]
  let tolerance: Double
  let source: (String) -> [Substring]?
  /// The grads a backward whose topological sort has no visited set leaves, children in
  /// stored order and reversed, and how often each node is in that sort; computed on first
  /// use, `nil` when the sort would be too long or meets an unknown op.
  private var unvisited: (grads: [[Double]], runs: [Int])??
  /// Where the leaves' `_backward` is defined: the do-nothing one every node starts with.
  private let leafOrigins: Set<String>
  /// The files read so far for quotes, by name (`nil`: unreadable).
  private var files: [String: [Substring]?] = [:]

  init(
    graph: TracedGraph, readings: [TracedGraph.Reading], users: [[(node: Int, slot: Int)]],
    locals: [[Double]], expected: [Double?], tolerance: Double,
    source: @escaping (String) -> [Substring]?
  ) {
    self.graph = graph
    self.readings = readings
    self.users = users
    self.locals = locals
    self.expected = expected
    self.tolerance = tolerance
    self.source = source
    leafOrigins = Set(
      (0..<graph.count).filter { readings[$0] == .leaf }.compactMap { graph.origins[$0] })
  }

  private func agree(_ a: Double, _ b: Double) -> Bool {
    BackwardCheck.agree(a, b, tolerance)
  }

  /// The failure of the grad at `position`, which failed its check.
  mutating func failure(at position: Int) -> BackwardCheck.Failure {
    let actual = graph.grads[position] ?? .nan
    let want = expected[position] ?? .nan
    func make(
      _ culprit: Int?, _ slot: Int?, _ diagnosis: BackwardCheck.Diagnosis?,
      implied: Double? = nil
    ) -> BackwardCheck.Failure {
      let local = culprit.flatMap { c in slot.map { locals[c][$0] } }
      return .init(
        kind: .grad, node: position, actual: actual, expected: want, culprit: culprit, slot: slot,
        expectedLocal: local, impliedLocal: implied, diagnosis: diagnosis)
    }
    if position == graph.root {
      let allZero = graph.grads.allSatisfy { $0 == nil || $0 == 0 }
      return make(nil, nil, actual == 0 ? .rootNotSeeded(allZero: allZero) : nil)
    }
    let edges = users[position].map { edge in
      (
        node: edge.node, slot: edge.slot,
        part: (graph.grads[edge.node] ?? 0) * locals[edge.node][edge.slot]
      )
    }
    func implied(_ edge: (node: Int, slot: Int, part: Double)) -> Double? {
      guard let upstream = graph.grads[edge.node], upstream != 0, upstream.isFinite else {
        return nil
      }
      return (actual - (want - edge.part)) / upstream
    }

    // A user whose _backward is the leaves' do-nothing one.
    for user in Set(edges.map(\.node)).sorted(by: >) {
      guard let origin = graph.origins[user], leafOrigins.contains(origin) else { continue }
      let part = edges.filter { $0.node == user }.reduce(0) { $0 + $1.part }
      if agree(actual, want - part), let edge = edges.first(where: { $0.node == user }) {
        return make(user, edge.slot, .gotNothing(defaultBackward: true), implied: implied(edge))
      }
    }

    // A topological sort without a visited set.
    if let (grads, runs) = unvisitedBackward(),
      grads.contains(where: { agree($0[position], actual) }),
      let edge = edges.filter({ runs[$0.node] > 1 }).max(by: { $0.node < $1.node })
    {
      return make(edge.node, edge.slot, .visitedTwice(paths: runs[edge.node]))
    }

    // One use's contribution alone: `=` where `+=` belongs. The use that ran last in the
    // script's backward (the lowest user, its last operand) is tried first.
    if edges.count >= 2 {
      let order = edges.sorted { ($0.node, -$0.slot) < ($1.node, -$1.slot) }
      for edge in order where agree(actual, edge.part) && !agree(edge.part, want) {
        let line = assignmentLine(in: edge.node)
        let restored: Bool
        if case .known(_, _, true) = readings[edge.node] {
          restored = true
        } else {
          restored = false
        }
        let diagnosis: BackwardCheck.Diagnosis =
          line == nil && restored
          ? .duplicateDropped : .assignedNotAdded(uses: edges.count, line: line)
        return make(edge.node, edge.slot, diagnosis, implied: implied(edge))
      }
    }

    // One local derivative wrong: a known wrong formula, or nothing at all.
    for edge in edges.sorted(by: { ($0.node, $0.slot) > ($1.node, $1.slot) }) {
      guard let used = implied(edge) else { continue }
      let right = locals[edge.node][edge.slot]
      for formula in wrongFormulas(edge.node, slot: edge.slot)
      where agree(used, formula.value) && !agree(formula.value, right) {
        return make(
          edge.node, edge.slot,
          .wrongFormula(used: formula.used, right: formula.right, why: formula.why), implied: used)
      }
      if agree(used, 0), !agree(right, 0) {
        return make(edge.node, edge.slot, .gotNothing(defaultBackward: false), implied: used)
      }
    }
    if edges.count == 1, let edge = edges.first {
      return make(edge.node, edge.slot, nil, implied: implied(edge))
    }
    return make(nil, nil, nil)
  }

  /// The known wrong local derivatives of user `node` for operand `slot`, at the data.
  private func wrongFormulas(_ node: Int, slot: Int)
    -> [(value: Double, used: String, right: String, why: String)]
  {
    guard case .known(let operation, let operands, _) = readings[node] else { return [] }
    let a = graph.data[operands[0]]
    let b = operands.count > 1 ? graph.data[operands[1]] : .nan
    let out = graph.data[node]
    switch operation {
    case .tanh:
      return [
        (1 - out, "1 - t", "1 - t**2", "the derivative of tanh is 1 - tanh(x)**2"),
        (
          1 - a * a, "1 - x**2", "1 - t**2",
          "it squares the input x (self.data) where t = tanh(x) (out.data) belongs"
        ),
      ]
    case .exp:
      return [
        (
          a, "x (self.data)", "exp(x) (out.data)",
          "the derivative of exp is exp itself, out.data, not the input"
        )
      ]
    case .power(let k):
      return [
        (
          k * Foundation.pow(a, k), "k * x**k", "k * x**(k - 1)",
          "the exponent lost its - 1 (d/dx x**k = k * x**(k - 1))"
        ),
        (Foundation.pow(a, k - 1), "x**(k - 1)", "k * x**(k - 1)", "the factor k is missing"),
      ]
    case .multiply:
      return slot == 0
        ? [(a, "self.data", "other.data", "it passes self's own data back to self")]
        : [(b, "other.data", "self.data", "it passes other's own data back to other")]
    case .relu:
      return [
        (out, "out.data", "(out.data > 0)", "the derivative of relu is 1 where x > 0, else 0")
      ]
    case .sigmoid:
      return [(out, "s", "s * (1 - s)", "the derivative of sigmoid is s * (1 - s)")]
    case .log:
      return [(a, "x", "1 / x", "the derivative of log(x) is 1 / x")]
    case .divide:
      return slot == 0
        ? [(b, "y", "1 / y", "the derivative of x / y by x is 1 / y")]
        : [(a / (b * b), "x / y**2", "-x / y**2", "the minus sign is missing")]
    case .subtract where slot == 1, .negate:
      return [(1, "1", "-1", "the minus sign is missing")]
    default:
      return []
    }
  }

  /// The first line of the `_backward` of `node` that assigns a grad with `=`, as
  /// `file:line: text`, when its origin's source can be read.
  private mutating func assignmentLine(in node: Int) -> String? {
    guard let origin = graph.origins[node], let colon = origin.lastIndex(of: ":"),
      let line = Int(origin[origin.index(after: colon)...]), line >= 1
    else { return nil }
    let file = String(origin[..<colon])
    if files[file] == nil { files[file] = .some(source(file)) }
    guard let lines = files[file] ?? nil, line <= lines.count else { return nil }
    let head = lines[line - 1]
    let indent = head.prefix { $0 == " " || $0 == "\t" }.count
    if Self.assignsGrad(head) { return "\(origin): \(head.trimmingCharacters(in: .whitespaces))" }
    for index in line..<lines.count {
      let text = lines[index]
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if text.prefix(while: { $0 == " " || $0 == "\t" }).count <= indent { break }
      if Self.assignsGrad(text) { return "\(file):\(index + 1): \(trimmed)" }
    }
    return nil
  }

  /// Whether `text` assigns to a `.grad` with a plain `=` (not `+=`, not `==`).
  static func assignsGrad(_ text: Substring) -> Bool {
    var rest = text[...]
    while let range = rest.range(of: ".grad") {
      var after = rest[range.upperBound...].drop { $0 == " " }
      if after.first == "=" {
        after = after.dropFirst()
        if after.first != "=" { return true }
      }
      rest = rest[range.upperBound...]
    }
    return false
  }

  /// See ``unvisited``.
  private mutating func unvisitedBackward() -> (grads: [[Double]], runs: [Int])? {
    if let known = unvisited { return known }
    let result = Self.replayWithoutVisited(graph, readings, locals)
    unvisited = .some(result)
    return result
  }

  /// The lecture's `build_topo` without `if v not in visited`, then its backward loop with
  /// each `_backward` right, for the children in stored order and reversed; `nil` when no
  /// node is reached twice, the sort passes 200,000 entries, or it meets an unknown op.
  private static func replayWithoutVisited(
    _ graph: TracedGraph, _ readings: [TracedGraph.Reading], _ locals: [[Double]]
  ) -> (grads: [[Double]], runs: [Int])? {
    let limit = 200_000
    var results: [[Double]] = []
    var runs = [Int](repeating: 0, count: graph.count)
    for reversed in [false, true] {
      var topo: [Int] = []
      var stack: [(node: Int, next: Int)] = [(graph.root, 0)]
      while let top = stack.last {
        let children = graph.inputs[top.node]
        if top.next < children.count {
          stack[stack.count - 1].next += 1
          let child = children[reversed ? children.count - 1 - top.next : top.next]
          stack.append((child, 0))
          if stack.count + topo.count > limit { return nil }
        } else {
          stack.removeLast()
          topo.append(top.node)
        }
      }
      guard topo.count > graph.count else { return nil }
      if !reversed { for node in topo { runs[node] += 1 } }
      var grads = [Double](repeating: 0, count: graph.count)
      grads[graph.root] = 1
      for node in topo.reversed() {
        switch readings[node] {
        case .leaf: continue
        case .unknown: return nil
        case .known(_, let operands, _):
          for (slot, input) in operands.enumerated() {
            grads[input] += grads[node] * locals[node][slot]
          }
        }
      }
      results.append(grads)
    }
    return (results, runs)
  }
}
