/// The size of the graph `dot` will lay out for a selection: drawn nodes and edges, and the
/// virtual nodes that long edges add.
///
/// `dot` breaks an edge that spans several ranks into a chain of virtual nodes, one per rank
/// crossed, and its ordering and positioning phases work on all of them. A graph of 2,600
/// drawn nodes can carry 250,000 virtual ones (the demo step's L2 term ties every parameter
/// to a 674-rank sum), and then only settings that bound `dot`'s iterations finish in
/// seconds. Ranks here are longest paths from the sources, except that a node with no inputs
/// sits just before its nearest consumer, as `dot`'s ranking puts it; the count is an
/// estimate, not a promise.
///
/// The estimate also decides which leaves are drawn as copies (``LeafCopies``): those edges
/// are counted from the copy, which sits beside its consumer, so they add no virtual nodes.
struct LayoutEstimate {
  /// Record, operation and summary nodes.
  private(set) var nodes = 0
  /// Edges between them.
  private(set) var edges = 0
  /// Estimated virtual nodes: the sum over edges of the ranks each one crosses.
  private(set) var virtualNodes = 0
  /// The leaves drawn as a copy beside some of their consumers (none when
  /// ``DrawingOptions/leafCopies`` is `nil`); their copies are counted in ``nodes``.
  private(set) var copies = LeafCopies()

  /// Walks the selection in trace order, then measures every edge.
  ///
  /// - Complexity: O(n + e); no recursion.
  init(_ drawing: Drawing, _ selection: Selection) {
    let n = drawing.valueCount
    // Node ids: value records 0..<n, operation nodes n..<2n, summaries from 2n.
    let summaryBase = 2 * n
    var rank = [Int](repeating: 0, count: 2 * n + selection.summaries.count)
    var hasInputs = [Bool](repeating: false, count: rank.count)
    var tails: [Int] = []
    var heads: [Int] = []
    // The position in `drawing.inputs` of each edge from a value into an operation node; -1
    // for the other edges.
    var positions: [Int] = []
    var summaryTails = [Set<Int>](repeating: [], count: selection.summaries.count)
    func node(of i: Int) -> Int {
      let s = selection.summaryOf[i]
      return s < 0 ? i : summaryBase + Int(s)
    }
    func addEdge(_ tail: Int, _ head: Int, position: Int = -1) {
      tails.append(tail)
      heads.append(head)
      positions.append(position)
      hasInputs[head] = true
      rank[head] = max(rank[head], rank[tail] + 1)
    }
    for k in 0..<n where selection.visible[k] {
      let s = Int(selection.summaryOf[k])
      let inputs = drawing.inputs(of: k).lazy.map(Int.init).filter {
        selection.visible[$0] && (s < 0 || Int(selection.summaryOf[$0]) != s)
      }
      if s >= 0 {
        for i in inputs where summaryTails[s].insert(node(of: i)).inserted {
          addEdge(node(of: i), summaryBase + s)
        }
        continue
      }
      guard !drawing.ops[k].isEmpty else { continue }
      for position in drawing.inputRange(k) {
        let i = Int(drawing.inputs[position])
        guard selection.visible[i] else { continue }
        addEdge(node(of: i), n + k, position: position)
      }
      addEdge(n + k, k)
    }
    // Nodes without inputs move up to just before their nearest consumer.
    var nearest = [Int](repeating: .max, count: rank.count)
    for (tail, head) in zip(tails, heads) where !hasInputs[tail] {
      nearest[tail] = min(nearest[tail], rank[head])
    }
    for id in rank.indices where !hasInputs[id] && nearest[id] < .max {
      rank[id] = nearest[id] - 1
    }
    nodes =
      selection.recordCount
      + drawing.ops.indices.filter {
        selection.isShown($0) && !drawing.ops[$0].isEmpty
      }.count
    edges = tails.count
    if let threshold = drawing.options.leafCopies {
      copies = LeafCopies(
        drawing, threshold: threshold, tails: tails, heads: heads, positions: positions,
        rank: rank, isLeaf: { $0 < n && !hasInputs[$0] && drawing.ops[$0].isEmpty })
      nodes += copies.count
    }
    for (index, (tail, head)) in zip(tails, heads).enumerated()
    where copies.copy(at: positions[index]) == nil {
      virtualNodes += max(0, rank[head] - rank[tail] - 1)
    }
  }
}
