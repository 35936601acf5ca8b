import Autograd

/// The part of a graph between a value and a root: the operations on some path from one to
/// the other, with the edges between them and their local derivatives.
///
/// Nodes are indexed by their offset from the source's id, so every table is an array; every
/// walk is a loop over ids, none recurses.
struct PathGraph {
  struct Edge {
    /// The tape id of the operation the edge enters.
    let consumer: Int
    let slot: Int
    let localDerivative: Double
  }

  let tape: Tape
  let source: Value
  let root: Value
  /// The ids on a path from the source to the root, ascending (a topological order).
  let ids: [Int]
  /// For each offset from the source on a path, the edges from it into operations on a path,
  /// by consumer id and slot.
  private let consumers: [[Edge]]
  /// For each offset from the source on a path, `∂root/∂id`, accumulated as backward does.
  private let adjoints: [Double]
  /// For each offset from the source, whether it is on a path.
  private let onPath: [Bool]
  /// The values the root depends on.
  let rootTrace: Trace

  init(from source: Value, to root: Value) {
    tape = root.tape
    self.source = source
    self.root = root
    rootTrace = Trace(root: root)
    let base = source.id
    let size = rootTrace.contains(source) ? root.id - base + 1 : 0
    var descends = [Bool](repeating: false, count: size)
    var consumers = [[Edge]](repeating: [], count: size)
    var incoming: [[(input: Int, edge: Edge)]] = Array(repeating: [], count: size)
    var onPath: [Int] = []
    if size > 0 {
      descends[0] = true
      onPath.append(base)
      for id in rootTrace.ids where id > base {
        let node = Value(tape: tape, id: id)
        let inputs = node.inputs
        guard inputs.contains(where: { $0.id >= base && descends[$0.id - base] }) else { continue }
        descends[id - base] = true
        onPath.append(id)
        let slopes = node.localDerivatives
        for (slot, input) in inputs.enumerated() where input.id >= base && descends[input.id - base]
        {
          let edge = Edge(
            consumer: id, slot: slot, localDerivative: slot < slopes.count ? slopes[slot] : .nan)
          consumers[input.id - base].append(edge)
          incoming[id - base].append((input.id, edge))
        }
      }
    }
    ids = onPath
    self.onPath = descends
    self.consumers = consumers
    // Reverse accumulation over the same edges, in backward's order: operations from the
    // last-made down, each adding upstream × local derivative into its operands in slot order.
    var adjoints = [Double](repeating: 0, count: size)
    if size > 0 {
      adjoints[size - 1] = 1
      for id in onPath.reversed() {
        let upstream = adjoints[id - base]
        for (input, edge) in incoming[id - base] {
          adjoints[input - base] += edge.localDerivative * upstream
        }
      }
    }
    self.adjoints = adjoints
  }

  /// Whether `id` is on a path from the source to the root.
  func isOnPath(_ id: Int) -> Bool {
    id >= source.id && id - source.id < onPath.count && onPath[id - source.id]
  }

  /// `∂root/∂id` for an id on a path.
  func adjoint(_ id: Int) -> Double { adjoints[id - source.id] }

  /// The edges from `id` into operations on a path.
  func edges(from id: Int) -> [Edge] { consumers[id - source.id] }

  /// `∂root/∂source`; 0 when no path exists.
  var derivative: Double { ids.isEmpty ? 0 : adjoints[0] }

  /// The number of paths, saturating at `Int.max`.
  var pathCount: Int { count { _ in true } }

  /// The number of paths whose every edge passes `include`, saturating at `Int.max`.
  func count(where include: (Edge) -> Bool) -> Int {
    guard !ids.isEmpty else { return 0 }
    let base = source.id
    var counts = [Int](repeating: 0, count: consumers.count)
    counts[0] = 1
    for id in ids {
      let n = counts[id - base]
      guard n > 0 else { continue }
      for edge in consumers[id - base] where include(edge) {
        let (sum, overflow) = counts[edge.consumer - base].addingReportingOverflow(n)
        counts[edge.consumer - base] = overflow ? Int.max : sum
      }
    }
    return counts[root.id - base]
  }

  /// The first `limit` paths, depth first with consumers in id order.
  func paths(limit: Int) -> [GradientPaths.Path] {
    guard !ids.isEmpty, limit > 0 else { return [] }
    if source.id == root.id { return [GradientPaths.Path(steps: [], product: 1)] }
    var found: [GradientPaths.Path] = []
    // For each node on the current partial path, the index of its next edge to follow.
    var stack: [(node: Int, next: Int)] = [(source.id, 0)]
    var steps: [GradientPaths.Step] = []
    while let top = stack.last, found.count < limit {
      let edges = edges(from: top.node)
      if top.next >= edges.count {
        stack.removeLast()
        if !steps.isEmpty { steps.removeLast() }
        continue
      }
      stack[stack.count - 1].next += 1
      let edge = edges[top.next]
      steps.append(
        GradientPaths.Step(
          from: Value(tape: tape, id: top.node), to: Value(tape: tape, id: edge.consumer),
          slot: edge.slot,
          localDerivative: edge.localDerivative))
      if edge.consumer == root.id {
        var product = 1.0
        for step in steps.reversed() { product = step.localDerivative * product }
        found.append(GradientPaths.Path(steps: steps, product: product))
        steps.removeLast()
      } else {
        stack.append((edge.consumer, 0))
      }
    }
    return found
  }
}
