import Autograd

/// What a backward frame changes in a drawing: the gradients computed so far, the value being
/// processed, and fixed node sizes so that every frame has the same layout.
struct Overlay {
  /// The gradients at this point of backward, in trace order.
  var grads: [Double]
  /// Whether each gradient has been reached yet.
  var gradComputed: [Bool]
  /// The value whose backward step this frame shows, if any.
  var current: Int?
  /// The smallest width and height, in inches as Graphviz writes them, of each record node
  /// (values, their copies and summaries), by node name.
  var sizes: [String: (width: String, height: String)] = [:]
}

/// How the explorer page links to a picture: ids and classes on nodes and edges, and record
/// fields as wide as the widest text the page writes into them.
struct PageLinks {
  /// The gradients whose text sizes each record's grad field (see
  /// ``BackwardPass/widestGrads()``); the fills, borders and hover text keep the trace's.
  var fieldGrads: Overlay
}

/// How a value is drawn when borders tell kinds apart.
enum ValueRole {
  case root, parameter, input, constant, intermediate
}

extension Drawing {
  /// The role of value `k`: a leaf made inside a model (a group) is a parameter.
  func role(of k: Int) -> ValueRole {
    if k == rootPosition { return .root }
    switch kinds[k] {
    case .constant: return .constant
    case .leaf: return groups[k] >= 0 ? .parameter : .input
    default: return .intermediate
    }
  }

  /// The attributes the drawing sets, declared once with empty defaults.
  struct Attributes {
    let label, shape, fontsize, height, width, style, fillcolor, fontcolor, penwidth, tooltip,
      color: DOTGraph.Attribute
    let edgeLabel, edgeStyle, edgeColor, edgePenwidth, edgeFontsize, edgeFontcolor, tailport,
      headport: DOTGraph.Attribute
    let clusterLabel, clusterStyle, clusterColor, clusterFontcolor: DOTGraph.Attribute
    /// `id` and `class` of nodes and edges, declared only for the explorer page.
    let id, className, edgeID, edgeClassName: DOTGraph.Attribute?

    init(_ graph: inout DOTGraph, linked: Bool = false) throws {
      label = try graph.declare(.node, "label", default: "")
      shape = try graph.declare(.node, "shape", default: "record")
      fontsize = try graph.declare(.node, "fontsize", default: "")
      height = try graph.declare(.node, "height", default: "")
      width = try graph.declare(.node, "width", default: "")
      style = try graph.declare(.node, "style", default: "")
      fillcolor = try graph.declare(.node, "fillcolor", default: "")
      fontcolor = try graph.declare(.node, "fontcolor", default: "")
      penwidth = try graph.declare(.node, "penwidth", default: "")
      tooltip = try graph.declare(.node, "tooltip", default: "")
      color = try graph.declare(.node, "color", default: "")
      edgeLabel = try graph.declare(.edge, "label", default: "")
      edgeStyle = try graph.declare(.edge, "style", default: "")
      edgeColor = try graph.declare(.edge, "color", default: "")
      edgePenwidth = try graph.declare(.edge, "penwidth", default: "")
      edgeFontsize = try graph.declare(.edge, "fontsize", default: "")
      edgeFontcolor = try graph.declare(.edge, "fontcolor", default: "")
      tailport = try graph.declare(.edge, "tailport", default: "")
      headport = try graph.declare(.edge, "headport", default: "")
      clusterLabel = try graph.declare(.graph, "label", default: "")
      clusterStyle = try graph.declare(.graph, "style", default: "")
      clusterColor = try graph.declare(.graph, "color", default: "")
      clusterFontcolor = try graph.declare(.graph, "fontcolor", default: "")
      id = linked ? try graph.declare(.node, "id", default: "") : nil
      className = linked ? try graph.declare(.node, "class", default: "") : nil
      edgeID = linked ? try graph.declare(.edge, "id", default: "") : nil
      edgeClassName = linked ? try graph.declare(.edge, "class", default: "") : nil
    }
  }

  /// Colours of the marks the drawing adds.
  enum Marks {
    static let focus = "#ff7f00"
    static let current = "#ff7f00"
    static let currentFill = "#ffd92f"
    static let pending = "#9e9e9e"
    static let summaryFill = "#eeeeee"
    static let cut = "#9e9e9e"
    static let cluster = "#9e9e9e"
    static let copy = "#7f7f7f"
    static let wrong = "#d62728"
    static let wrongFill = "#f4a3a3"
  }

  /// Adds the drawing's attributes, nodes and edges to an empty graph; `hoverText` adds each
  /// value's `tooltip` (pictures have it; DOT text stays as short as `draw_dot`'s).
  ///
  /// Nodes are created in trace order, each operation node just before the value it makes,
  /// and each value's incoming edges right after it; a summary node where its group's first
  /// value would be.
  func describe(
    in graph: inout DOTGraph, selection: Selection,
    layoutAttributes: [(String, String)], hoverText: Bool, overlay: Overlay? = nil,
    links: PageLinks? = nil
  ) throws {
    _ = try graph.declare(.graph, "rankdir", default: options.rankdir.rawValue)
    if let size = options.size { _ = try graph.declare(.graph, "size", default: size.description) }
    for (name, value) in layoutAttributes { _ = try graph.declare(.graph, name, default: value) }
    let a = try Attributes(&graph, linked: links != nil)
    var builder = Builder(
      drawing: self, selection: selection, overlay: overlay, links: links, attributes: a,
      hoverText: hoverText,
      scale: options.color == .grad ? GradientScale(grads: grads, computed: gradComputed) : nil,
      copies: options.leafCopies == nil ? LeafCopies() : LayoutEstimate(self, selection).copies)
    try builder.build(in: &graph)
  }
}

extension Drawing {
  /// The record label of value `k` with the given gradient: `{label|data 2.0000|grad -1.5000}`.
  ///
  /// Fields start right after `{` and `|` with no space (Graphviz 2.42 drops a space after a
  /// field's leading space when a multi-byte character follows). Under `TB` and `BT` the
  /// braces are left out, so the fields still sit side by side.
  func recordLabel(_ k: Int, grad: Double, computed: Bool) -> String {
    let gradText = computed ? FieldFormat.number(grad) : "—"
    let fields =
      RecordLabel.escape(RecordLabel.shortened(drawnLabel(k))) + "|data "
      + FieldFormat.number(data[k]) + "|grad " + gradText
    return options.rankdir.isHorizontal ? "{" + fields + "}" : fields
  }
}
