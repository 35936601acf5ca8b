/// How a ``Drawing`` is laid out and how large a graph ``Drawing/render(format:)`` accepts.
public struct DrawingOptions: Sendable {
  /// The direction of the edges.
  public var rankdir: RankDir
  /// The largest number of value nodes that ``Drawing/render(format:)`` lays out.
  ///
  /// Layout time grows faster than linearly with the size of the graph; ``Drawing/dot()`` is
  /// not limited.
  public var maxNodes: Int

  /// Creates drawing options.
  ///
  /// - Parameters:
  ///   - rankdir: the direction of the edges.
  ///   - maxNodes: the largest number of value nodes that rendering accepts.
  /// - Complexity: O(1).
  public init(rankdir: RankDir = .LR, maxNodes: Int = 2000) {
    self.rankdir = rankdir
    self.maxNodes = maxNodes
  }
}
