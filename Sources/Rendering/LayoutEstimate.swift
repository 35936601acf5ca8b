/// The size of the graph `dot` will lay out for a selection: drawn nodes and edges, and the
/// virtual nodes that long edges add.
///
/// `dot` breaks an edge that spans several ranks into a chain of virtual nodes, one per rank
/// crossed, and its ordering and positioning phases work on all of them. A graph of 2,600
/// drawn nodes can carry 250,000 virtual ones (the demo step's L2 term ties every parameter
/// to a 674-rank sum), and then only settings that bound `dot`'s iterations finish in
/// seconds. Ranks here are longest paths from the sources, which is how `dot` starts its own
/// ranking; the count is an estimate, not a promise.
struct LayoutEstimate {
  /// Record, operation and summary nodes.
  private(set) var nodes = 0
  /// Edges between them.
  private(set) var edges = 0
  /// Estimated virtual nodes: the sum over edges of the ranks each one crosses.
  private(set) var virtualNodes = 0

  /// Walks the selection once, in trace order.
  ///
  /// - Complexity: O(n + e); no recursion.
  init(_ drawing: Drawing, _ selection: Selection) {
    let n = drawing.valueCount
    var valueRank = [Int](repeating: 0, count: n)
    var summaryRank = [Int](repeating: 0, count: selection.summaries.count)
    var summaryTails = [Set<Int>](repeating: [], count: selection.summaries.count)
    nodes = selection.recordCount
    // The rank of the node that stands for value i: its record or its summary.
    func rank(of i: Int) -> Int {
      let s = selection.summaryOf[i]
      return s < 0 ? valueRank[i] : summaryRank[Int(s)]
    }
    for k in 0..<n where selection.visible[k] {
      let s = Int(selection.summaryOf[k])
      let visibleInputs = drawing.inputs(of: k).lazy.map(Int.init).filter {
        selection.visible[$0] && (s < 0 || Int(selection.summaryOf[$0]) != s)
      }
      if s >= 0 {
        // An edge into a summary from each outside node, once.
        for i in visibleInputs {
          let tail = selection.summaryOf[i] < 0 ? i : n + Int(selection.summaryOf[i])
          guard summaryTails[s].insert(tail).inserted else { continue }
          summaryRank[s] = max(summaryRank[s], rank(of: i) + 1)
          edges += 1
        }
        continue
      }
      guard !drawing.ops[k].isEmpty else { continue }
      nodes += 1  // the operation node
      var opRank = 0
      for i in visibleInputs { opRank = max(opRank, rank(of: i) + 1) }
      for i in visibleInputs { virtualNodes += opRank - rank(of: i) - 1 }
      edges += visibleInputs.count + 1
      valueRank[k] = opRank + 1
    }
    // Edges out of summaries, measured with the summaries' final ranks.
    for k in 0..<n where selection.isShown(k) && !drawing.ops[k].isEmpty {
      for input in drawing.inputs(of: k) where selection.visible[Int(input)] {
        let s = selection.summaryOf[Int(input)]
        if s >= 0 { virtualNodes += max(0, valueRank[k] - 2 - summaryRank[Int(s)]) }
      }
    }
  }
}
