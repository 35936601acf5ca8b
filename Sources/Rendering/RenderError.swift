import Autograd

/// Why a ``Drawing`` could not be turned into DOT text, JSON or a picture.
public enum RenderError: Error, CustomStringConvertible, Equatable {
  /// The output format is not one that the installed Graphviz plugins offer.
  ///
  /// `available` is the list that ``Graphviz/formats()`` returns.
  case unknownFormat(String, available: [String])
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
  /// Graphviz reported an error; the payload is its own text.
  case graphviz(String)
  /// Graphviz stopped without an answer (a crash, or no memory left); the payload says how,
  /// such as `signal 11, Segmentation fault`.
  case graphvizFailed(String)
  /// A raster picture would have more pixels than ``PictureSize/pixelBudget`` allows, or a
  /// side longer than ``PictureSize/maxPixelSide``; `width` and `height` are in pixels.
  case pictureTooLarge(width: Int, height: Int, limit: Int)

  /// A message a user can act on.
  public var description: String {
    switch self {
    case .unknownFormat(let format, let available):
      return "unknown output format '\(format)'; the installed Graphviz offers: "
        + available.joined(separator: ", ")
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
    case .graphviz(let message):
      return "Graphviz: \(message)"
    case .graphvizFailed(let reason):
      return "Graphviz failed (\(reason))"
    case .pictureTooLarge(let width, let height, let limit):
      let megapixels = Double(width) * Double(height) / 1e6
      return """
        the picture would be \(width) x \(height) pixels \
        (\(PythonFormat.number((megapixels * 10).rounded() / 10)) million), more than the \
        \(limit / 1_000_000) million pixels and \(PictureSize.maxPixelSide) pixels a side \
        that are rendered. Use a smaller --scale or --size, --focus NAME --depth K, or svg \
        or pdf, which have no pixels.
        """
    }
  }
}
