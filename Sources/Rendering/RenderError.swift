/// Why a ``Drawing`` could not be drawn: too large, a focus that names no value, too many
/// frames.
///
/// What Graphviz itself refuses or reports (a format it does not offer, its own errors, a
/// raster picture over the pixel budget) is a `GraphvizError` from the GraphvizBindings
/// library.
public enum RenderError: Error, CustomStringConvertible, Equatable {
  /// The drawing has more record nodes (values and summaries) than
  /// ``DrawingOptions/maxNodes`` allows for layout.
  ///
  /// `suggestions` are options that would bring the drawing under the limit, each with the
  /// number of record nodes it would draw, such as `--collapse neuron (35 nodes)`.
  case tooLarge(valueNodes: Int, limit: Int, suggestions: [String])
  /// The graph `dot` would lay out, counting the virtual nodes that long edges add (see
  /// `LayoutEstimate`), is larger than 200 × ``DrawingOptions/maxNodes``: minutes and
  /// gigabytes of layout. `suggestions` are as for ``tooLarge(valueNodes:limit:suggestions:)``.
  case layoutTooCostly(layoutNodes: Int, limit: Int, suggestions: [String])
  /// ``DrawingOptions/focus`` names no value: no label matches and it is no node name.
  ///
  /// `labels` are some of the graph's labels, the root's first.
  case unknownFocus(String, labels: [String])
  /// A backward animation would have more frames than allowed.
  case tooManyFrames(frames: Int, limit: Int)

  /// A message a user can act on.
  public var description: String {
    switch self {
    case .tooLarge(let valueNodes, let limit, let suggestions):
      let advice =
        suggestions.isEmpty
        ? "Draw a smaller part of the computation with --focus NAME --depth K"
        : "These options bring it under the limit: " + suggestions.joined(separator: "; ")
      return """
        the graph has \(valueNodes) nodes to draw, more than the \(limit) that are laid out \
        (--max-nodes). Layout time grows fast with size (minutes for a few thousand nodes), \
        and a picture that large is hard to read anyway. \(advice). `gradviz dot` writes the \
        DOT text of any size without layout; raise --max-nodes if you are prepared to wait.
        """
    case .layoutTooCostly(let layoutNodes, let limit, let suggestions):
      let advice =
        suggestions.isEmpty
        ? "Draw a smaller part with --focus NAME --depth K"
        : "These options draw less: " + suggestions.joined(separator: "; ")
      return """
        the layout would route long edges through about \(layoutNodes) nodes, more than the \
        \(limit) allowed (200 per --max-nodes): values used far from where they are made \
        (a leaf that feeds every step) cost minutes and gigabytes of layout. \(advice). \
        `gradviz dot` writes the DOT text of any size; raise --max-nodes if you are \
        prepared to wait.
        """
    case .unknownFocus(let name, let labels):
      let known =
        labels.isEmpty
        ? "the graph has no labelled values"
        : "labels in this graph include: " + labels.map { "'\($0)'" }.joined(separator: ", ")
      return "no value is labelled '\(name)' (nor is it a node name such as n0): \(known)"
    case .tooManyFrames(let frames, let limit):
      return """
        backward has \(frames) steps to draw, more than the \(limit) frames allowed \
        (--max-frames); each frame is a full layout. Draw part of the graph with --focus NAME \
        --depth K, or --collapse neuron, or raise --max-frames.
        """
    }
  }
}
