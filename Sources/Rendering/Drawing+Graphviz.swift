extension Drawing {
  /// The number of value nodes above which ``render(format:)`` uses the fast layout settings.
  static let fastLayoutThreshold = 1000

  /// Graph attributes that bound `dot`'s iterations for large graphs; used for layout only.
  ///
  /// With them, Graphviz 2.42 lays out 5,000 values in about 3 s instead of 28 s.
  static let fastLayoutAttributes = [
    ("newrank", "true"), ("nslimit", "0.02"), ("nslimit1", "0.02"), ("mclimit", "0.05"),
    ("remincross", "false"),
  ]

  /// The graph's name in the DOT text and pictures.
  static let graphName = "gradviz"

  /// The drawing as DOT text, written by Graphviz (cgraph's `agwrite`) before any layout.
  ///
  /// The text is the same, byte for byte, for the same computation on every run. It has no
  /// size limit: `dot` can lay it out later, and it is the way to look at graphs too large to
  /// render.
  ///
  /// - Returns: the DOT text of a `digraph`, ending in a newline.
  /// - Throws: ``RenderError/graphviz(_:)`` with Graphviz's own messages when Graphviz
  ///   reports an error.
  /// - Complexity: O(n + e) in the number of nodes and edges (cgraph's name lookups add a
  ///   logarithmic factor); no recursion.
  public func dot() throws -> String {
    try GraphvizContext.writeDOT(named: Self.graphName) { graph in
      try describe(in: &graph, layoutAttributes: [])
    }
  }

  /// Lays the drawing out with `dot` and renders it in memory, without running any program.
  ///
  /// Graphs with more than ``DrawingOptions/maxNodes`` value nodes are refused before
  /// anything is built. Above 1,000 value nodes, the layout uses settings that bound `dot`'s
  /// iterations (`newrank=true nslimit=0.02 nslimit1=0.02 mclimit=0.05 remincross=false`).
  ///
  /// - Parameter format: an output format from ``Graphviz/formats()``: `svg`, `png`, `pdf`,
  ///   `json`, `dot` (laid out, with positions), ...
  /// - Returns: the bytes of the rendered file.
  /// - Throws: ``RenderError/tooLarge(valueNodes:limit:)`` when the graph has more than
  ///   ``DrawingOptions/maxNodes`` value nodes; ``RenderError/unknownFormat(_:available:)``
  ///   when no installed plugin offers `format`; ``RenderError/graphviz(_:)`` with Graphviz's
  ///   own messages when layout or rendering fails.
  /// - Complexity: dominated by `dot`'s layout, which grows faster than linearly (about 1 ms
  ///   for 10 values, 0.7 s for 1,000 with the default settings).
  public func render(format: String) throws -> [UInt8] {
    guard valueCount <= options.maxNodes else {
      throw RenderError.tooLarge(valueNodes: valueCount, limit: options.maxNodes)
    }
    let layoutAttributes = valueCount > Self.fastLayoutThreshold ? Self.fastLayoutAttributes : []
    return try GraphvizContext.render(named: Self.graphName, format: format) { graph in
      try describe(in: &graph, layoutAttributes: layoutAttributes)
    }
  }

  /// Adds the drawing's attributes, nodes and edges to an empty graph.
  ///
  /// Nodes are created in trace order, each operation node just before the value it makes,
  /// and each value's incoming edges right after it.
  func describe(
    in graph: inout GraphvizContext.Graph, layoutAttributes: [(String, String)]
  ) throws {
    _ = try graph.declare(.graph, "rankdir", default: options.rankdir.rawValue)
    for (name, value) in layoutAttributes {
      _ = try graph.declare(.graph, name, default: value)
    }
    let label = try graph.declare(.node, "label", default: "")
    let shape = try graph.declare(.node, "shape", default: "record")
    let fontsize = try graph.declare(.node, "fontsize", default: "")
    let height = try graph.declare(.node, "height", default: "")

    var valueNodes: [GraphvizContext.Graph.Node] = []
    valueNodes.reserveCapacity(valueCount)
    for k in 0..<valueCount {
      let op = ops[k]
      guard !op.isEmpty else {
        let node = try graph.addNode(named: "n\(k)")
        try graph.set(label, to: recordLabel(k), on: node)
        valueNodes.append(node)
        continue
      }
      let opNode = try graph.addNode(named: "n\(k)op")
      try graph.set(label, to: RecordLabel.escape(op), on: opNode)
      try graph.set(shape, to: "ellipse", on: opNode)
      try graph.set(fontsize, to: "12", on: opNode)
      try graph.set(height, to: "0.3", on: opNode)
      let node = try graph.addNode(named: "n\(k)")
      try graph.set(label, to: recordLabel(k), on: node)
      valueNodes.append(node)
      for input in inputs(of: k) {
        try graph.addEdge(from: valueNodes[Int(input)], to: opNode)
      }
      try graph.addEdge(from: opNode, to: node)
    }
  }

  /// The record label of value `k`: `{label|data 2.0000|grad -1.5000}`.
  ///
  /// Fields start right after `{` and `|` with no space (Graphviz 2.42 drops a space after a
  /// field's leading space when a multi-byte character follows). Under `TB` and `BT` the
  /// braces are left out, so the fields still sit side by side.
  func recordLabel(_ k: Int) -> String {
    let grad = gradComputed[k] ? FieldFormat.number(grads[k]) : "—"
    let fields =
      RecordLabel.escape(labels[k]) + "|data " + FieldFormat.number(data[k]) + "|grad " + grad
    return options.rankdir.isHorizontal ? "{" + fields + "}" : fields
  }
}
