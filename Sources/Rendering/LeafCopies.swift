import Autograd

/// The leaves drawn as a small copy beside some of their consumers, so that no edge runs
/// across the whole picture.
///
/// A leaf (a value with no inputs: an input, a parameter, a constant) that feeds many
/// operations far apart, such as a weight shared by every step of a long chain, would
/// otherwise have one edge from its single record to each of them; long edges are what `dot`
/// pays for (a chain of 2,640 values with one leaf in each of its 660 steps did not lay out in
/// 80 s) and they cross everything between. A leaf gets copies when more than
/// ``DrawingOptions/leafCopies`` of the operations it feeds lie more than ``longEdgeRanks``
/// ranks away (ranks as ``LayoutEstimate`` counts them, the leaf just before its nearest
/// consumer): each of those operations gets its own copy, drawn right before it, and the
/// original keeps its edges to the near ones.
///
/// A copy of value `n12` is the node `n12c1`, `n12c2`, ... in the order of its consumers:
/// the same record (label, data and grad), with a dashed grey border, and hover text that
/// names the original. Leaves inside a summary and consumers inside one are never copied.
struct LeafCopies {
  /// How many ranks an edge from a leaf must cross to count as long: more than 2, that is
  /// further than the next operation after the leaf's first consumer.
  static let longEdgeRanks = 2

  /// The copy each copied input edge comes from, by position in ``Drawing/inputs``: the
  /// copied leaf and the copy's number, from 1.
  private var copyAt: [Int: (leaf: Int, number: Int)] = [:]
  /// The number of copies drawn, all leaves together.
  private(set) var count = 0

  /// No copies.
  init() {}

  /// Chooses the copies from the edges of a ``LayoutEstimate``.
  ///
  /// - Parameters:
  ///   - threshold: the largest number of far consumers a leaf keeps without copies.
  ///   - tails, heads: the estimate's edges, as its node ids; `rank` their ranks.
  ///   - positions: each edge's position in `drawing.inputs`, or -1 when it is not an edge
  ///     from a value into an operation drawn as its own node.
  ///   - isLeaf: whether a node id is a value record with no inputs.
  /// - Complexity: O(e log e) in the number of edges.
  init(
    _ drawing: Drawing, threshold: Int, tails: [Int], heads: [Int], positions: [Int],
    rank: [Int], isLeaf: (Int) -> Bool
  ) {
    // The far edges of each leaf, in the consumers' trace order.
    var far: [Int: [Int]] = [:]
    for index in tails.indices where positions[index] >= 0 && isLeaf(tails[index]) {
      if rank[heads[index]] - rank[tails[index]] - 1 > Self.longEdgeRanks {
        far[tails[index], default: []].append(index)
      }
    }
    for leaf in far.keys.sorted() {
      guard let edges = far[leaf] else { continue }
      var numbers: [Int: Int] = [:]  // consumer's op node -> copy number
      for index in edges where numbers[heads[index]] == nil {
        numbers[heads[index]] = numbers.count + 1
      }
      guard numbers.count > threshold else { continue }
      for index in edges {
        copyAt[positions[index]] = (leaf, numbers[heads[index]] ?? 1)
      }
      count += numbers.count
    }
  }

  /// The copy that the input edge at `position` of ``Drawing/inputs`` starts from, if any.
  func copy(at position: Int) -> (leaf: Int, number: Int)? {
    position < 0 ? nil : copyAt[position]
  }

  /// Whether any leaf is drawn as copies.
  var isEmpty: Bool { count == 0 }

  /// The node name of copy `number` of value `leaf`: `n12c1`.
  static func name(leaf: Int, number: Int) -> String {
    Trace.nodeName(leaf) + "c\(number)"
  }
}
