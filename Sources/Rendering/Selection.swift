import Autograd

/// What of a drawing's trace is drawn, and how: the outcome of ``DrawingOptions/focus`` and
/// ``DrawingOptions/collapse``.
///
/// Every visible value is drawn either as its own record or inside the summary node of its
/// group.
struct Selection {
  /// One summary node: a group of values drawn as one node.
  struct Summary {
    /// The group, at the collapse level.
    let group: NodeGroup
    /// The number of visible values inside.
    var members = 0
    /// The values inside that are used outside the group (or are the root), made by
    /// operations, in trace order; when there is none, the last value inside.
    var outputs: [Int] = []
  }

  /// Whether each value is within the focus; all true without a focus.
  let visible: [Bool]
  /// The summary each visible value is drawn inside, or -1 when it is drawn as its own record.
  let summaryOf: [Int32]
  /// The summaries, in the order their first value appears in the trace.
  let summaries: [Summary]
  /// The values the focus is centred on; empty without a focus.
  let centres: [Int]
  /// The number of values drawn as their own records.
  let shownCount: Int

  /// The number of record nodes: values drawn as records, and summaries.
  var recordCount: Int { shownCount + summaries.count }

  /// Whether value `k` is drawn as its own record.
  func isShown(_ k: Int) -> Bool { visible[k] && summaryOf[k] < 0 }

  /// Selects what to draw.
  ///
  /// - Throws: ``RenderError/unknownFocus(_:labels:)`` when the focus names no value.
  /// - Complexity: O(n + e) in the trace's values and edges.
  init(_ drawing: Drawing, focus: Focus?, collapse: GroupLevel?) throws {
    let n = drawing.valueCount
    if let focus {
      let centres = try Self.centres(named: focus.name, in: drawing)
      self.centres = centres
      self.visible = FocusDistances(drawing, centres: centres).visible(depth: focus.depth)
    } else {
      self.centres = []
      self.visible = [Bool](repeating: true, count: n)
    }

    var summaryOf = [Int32](repeating: -1, count: n)
    var summaries: [Summary] = []
    if let collapse {
      var index: [NodeGroup: Int32] = [:]
      for k in 0..<n where visible[k] {
        guard let group = drawing.group(of: k) else { continue }
        let key = collapse.key(group)
        let s: Int32
        if let existing = index[key] {
          s = existing
        } else {
          s = Int32(summaries.count)
          index[key] = s
          summaries.append(Summary(group: key))
        }
        summaryOf[k] = s
        summaries[Int(s)].members += 1
      }
      // A group's outputs: values made inside it that a visible value outside it uses.
      var isOutput = [Bool](repeating: false, count: n)
      for k in 0..<n where visible[k] {
        for input in drawing.inputs(of: k) {
          let i = Int(input)
          if summaryOf[i] >= 0, summaryOf[i] != summaryOf[k], !drawing.kinds[i].isLeaf {
            isOutput[i] = true
          }
        }
      }
      isOutput[drawing.rootPosition] = true
      var last = [Int](repeating: -1, count: summaries.count)
      for k in 0..<n where summaryOf[k] >= 0 {
        let s = Int(summaryOf[k])
        last[s] = k
        if isOutput[k] { summaries[s].outputs.append(k) }
      }
      for s in summaries.indices where summaries[s].outputs.isEmpty {
        summaries[s].outputs = [last[s]]
      }
    }
    self.summaryOf = summaryOf
    self.summaries = summaries
    var shown = 0
    for k in 0..<n where visible[k] && summaryOf[k] < 0 { shown += 1 }
    self.shownCount = shown
  }

  /// Selects the values of one group, each drawn as its own record: the values made in the
  /// group `key` at `level` (a neuron, or a whole layer).
  ///
  /// - Complexity: O(n) in the trace's values.
  init(_ drawing: Drawing, members key: NodeGroup, level: GroupLevel) {
    let n = drawing.valueCount
    var visible = [Bool](repeating: false, count: n)
    var shown = 0
    for k in 0..<n {
      guard let group = drawing.group(of: k), level.key(group) == key else { continue }
      visible[k] = true
      shown += 1
    }
    self.visible = visible
    self.summaryOf = [Int32](repeating: -1, count: n)
    self.summaries = []
    self.centres = []
    self.shownCount = shown
  }

  /// The values labelled `name`, or the value whose node name (`n12`) it is.
  ///
  /// - Throws: ``RenderError/unknownFocus(_:labels:)`` when there is none.
  static func centres(named name: String, in drawing: Drawing) throws -> [Int] {
    let labelled = drawing.labels.indices.filter { drawing.labels[$0] == name }
    if !labelled.isEmpty { return labelled }
    if let k = Trace.position(inNodeName: name), k < drawing.valueCount { return [k] }
    var seen = Set<String>()
    let labels = drawing.labels.reversed().filter { !$0.isEmpty && seen.insert($0).inserted }
    throw RenderError.unknownFocus(name, labels: Array(labels.prefix(10)))
  }
}

/// How many operations each value is from a set of centres, upstream and downstream.
struct FocusDistances {
  /// Steps from a value down to a centre that uses it (through its consumers); `Int.max`
  /// when no centre depends on it.
  let upstream: [Int]
  /// Steps from a centre down to a value that depends on it; `Int.max` when it does not.
  let downstream: [Int]

  /// Measures distances with one pass down and one pass up the trace.
  ///
  /// - Complexity: O(n + e); no recursion.
  init(_ drawing: Drawing, centres: [Int]) {
    let n = drawing.valueCount
    var up = [Int](repeating: .max, count: n)
    var down = [Int](repeating: .max, count: n)
    for c in centres {
      up[c] = 0
      down[c] = 0
    }
    // Inputs come before the values made from them, so one pass in each direction suffices.
    for k in stride(from: n - 1, through: 0, by: -1) where up[k] < .max {
      for input in drawing.inputs(of: k) { up[Int(input)] = min(up[Int(input)], up[k] + 1) }
    }
    for k in 0..<n {
      for input in drawing.inputs(of: k) where down[Int(input)] < .max {
        down[k] = min(down[k], down[Int(input)] + 1)
      }
    }
    upstream = up
    downstream = down
  }

  /// Whether each value is within `depth` steps upstream or downstream of a centre.
  func visible(depth: Int) -> [Bool] {
    upstream.indices.map { upstream[$0] <= depth || downstream[$0] <= depth }
  }

  /// The largest depth at which at most `limit` values are visible, with that count; `nil`
  /// when even the centres alone are more than `limit`.
  func largestDepth(fitting limit: Int) -> (depth: Int, values: Int)? {
    var counts: [Int] = []
    for k in upstream.indices {
      let d = min(upstream[k], downstream[k])
      guard d < .max else { continue }
      if d >= counts.count {
        counts.append(contentsOf: repeatElement(0, count: d - counts.count + 1))
      }
      counts[d] += 1
    }
    var total = 0
    var best: (depth: Int, values: Int)? = nil
    for (depth, count) in counts.enumerated() {
      total += count
      guard total <= limit else { break }
      best = (depth, total)
    }
    return best
  }
}
