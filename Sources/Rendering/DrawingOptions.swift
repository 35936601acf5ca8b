import GraphvizBindings

/// How a ``Drawing`` is drawn: direction, grouping, the part shown, colours, size, and how
/// large a graph ``Drawing/render(format:)`` accepts.
///
/// The defaults draw what micrograd's `draw_dot` draws: every value the root depends on, left
/// to right, without colour.
public struct DrawingOptions: Sendable, Equatable {
  /// The direction of the edges.
  public var rankdir: RankDir
  /// The largest number of record nodes (values and summaries) that
  /// ``Drawing/render(format:)`` lays out.
  ///
  /// Layout time grows faster than linearly with the size of the graph; ``Drawing/dot()`` is
  /// not limited.
  public var maxNodes: Int
  /// Draws a Graphviz cluster (a framed box) around the values of each layer, or of each
  /// neuron inside a box per layer; `nil` draws none.
  public var cluster: GroupLevel?
  /// Draws one summary node per neuron or per layer instead of the values made inside it;
  /// `nil` draws every value.
  public var collapse: GroupLevel?
  /// Draws only the values near one value; `nil` draws the whole graph.
  public var focus: Focus?
  /// How value nodes are filled.
  public var color: NodeColoring
  /// With ``NodeColoring/check``: the values drawn red, by position in the trace (the `#`
  /// column of `gradviz grads`).
  public var flagged: Set<Int> = []
  /// Labels each input edge with its local derivative and the gradient it carries back.
  public var edgeGradients: Bool
  /// The largest size of the picture, Graphviz's `size` attribute: `"W,H"` or `"W"` in
  /// inches, with a trailing `!` to scale small pictures up as well; `nil` for the natural
  /// size.
  public var size: PictureSize?
  /// A factor for the picture's size (`2` doubles it, `0.5` halves it); `nil` for 1.
  public var scale: Double?
  /// Draws a leaf as a copy beside each operation it feeds far away, when more than this many
  /// such operations share it (see ``defaultLeafCopies``); `nil` draws every leaf once, with
  /// an edge to each of its uses.
  ///
  /// A copy is the same record (label, data and grad) with a dashed grey border, named
  /// `n12c1`, `n12c2`, ... for value `n12`. A far operation is one more than two ranks after
  /// the leaf's first use. Copies keep long edges out of the layout: a chain of 2,000 values
  /// with one leaf in every step lays out in seconds instead of minutes.
  public var leafCopies: Int? = DrawingOptions.defaultLeafCopies

  /// The default for ``leafCopies``: a leaf with more than 3 far uses is drawn as copies.
  public static let defaultLeafCopies = 3

  /// The default for ``maxNodes``: about what `dot` lays out in seconds.
  public static let defaultMaxNodes = 2000

  /// Creates drawing options.
  ///
  /// - Parameters:
  ///   - rankdir: the direction of the edges.
  ///   - maxNodes: the largest number of record nodes that rendering accepts.
  ///   - cluster: the group level to frame in clusters, or `nil`.
  ///   - collapse: the group level to draw as summary nodes, or `nil`.
  ///   - focus: the value to draw the surroundings of, or `nil` for the whole graph.
  ///   - color: how value nodes are filled.
  ///   - edgeGradients: whether input edges carry derivative labels.
  ///   - size: the largest size of the picture, or `nil`.
  ///   - scale: a factor for the picture's size, or `nil`.
  /// - Complexity: O(1).
  public init(
    rankdir: RankDir = .LR, maxNodes: Int = DrawingOptions.defaultMaxNodes,
    cluster: GroupLevel? = nil, collapse: GroupLevel? = nil, focus: Focus? = nil,
    color: NodeColoring = .plain, edgeGradients: Bool = false, size: PictureSize? = nil,
    scale: Double? = nil
  ) {
    self.rankdir = rankdir
    self.maxNodes = maxNodes
    self.cluster = cluster
    self.collapse = collapse
    self.focus = focus
    self.color = color
    self.edgeGradients = edgeGradients
    self.size = size
    self.scale = scale
  }
}
