/// Why a ``Drawing`` could not be turned into DOT text or a picture.
public enum RenderError: Error, CustomStringConvertible, Equatable {
  /// The output format is not one that the installed Graphviz plugins offer.
  ///
  /// `available` is the list that ``Graphviz/formats()`` returns.
  case unknownFormat(String, available: [String])
  /// The graph has more value nodes than ``DrawingOptions/maxNodes`` allows for layout.
  case tooLarge(valueNodes: Int, limit: Int)
  /// Graphviz reported an error; the payload is its own text.
  case graphviz(String)

  /// A message a user can act on.
  public var description: String {
    switch self {
    case .unknownFormat(let format, let available):
      return "unknown output format '\(format)'; the installed Graphviz offers: "
        + available.joined(separator: ", ")
    case .tooLarge(let valueNodes, let limit):
      return """
        the graph has \(valueNodes) value nodes, more than the \(limit) that are laid out by \
        default. Layout time grows fast with size (minutes for a few thousand nodes), and a \
        picture that large is hard to read anyway. Use `gradviz dot` to get the DOT text \
        without layout, draw a smaller part of the computation, or raise --max-nodes if you \
        are prepared to wait.
        """
    case .graphviz(let message):
      return "Graphviz: \(message)"
    }
  }
}
