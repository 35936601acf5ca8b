/// Why Graphviz could not lay out or render a graph.
public enum GraphvizError: Error, CustomStringConvertible, Equatable {
  /// The output format is not one that the installed Graphviz plugins offer.
  ///
  /// `available` is the list that ``Graphviz/formats()`` returns.
  case unknownFormat(String, available: [String])
  /// Graphviz reported an error; the payload is its own text.
  case graphviz(String)
  /// Graphviz stopped without an answer (a crash, or no memory left); the payload says how,
  /// such as `signal 11, Segmentation fault`.
  case failed(String)
  /// A raster picture would have more pixels than ``PictureSize/pixelBudget`` allows, or a
  /// side longer than ``PictureSize/maxPixelSide``; `width` and `height` are in pixels.
  case pictureTooLarge(width: Int, height: Int, limit: Int)

  /// A message a user can act on.
  public var description: String {
    switch self {
    case .unknownFormat(let format, let available):
      return "unknown output format '\(format)'; the formats are: "
        + available.joined(separator: ", ")
    case .graphviz(let message):
      return "Graphviz: \(message)"
    case .failed(let reason):
      return "Graphviz failed (\(reason))"
    case .pictureTooLarge(let width, let height, let limit):
      let megapixels = Double(width) * Double(height) / 1e6
      return """
        the picture would be \(width) x \(height) pixels \
        (\(PictureSize.number((megapixels * 10).rounded() / 10)) million), more than the \
        \(limit / 1_000_000) million pixels and \(PictureSize.maxPixelSide) pixels a side \
        that are rendered. Use a smaller --scale or --size, --focus NAME --depth K, or svg \
        or pdf, which have no pixels.
        """
    }
  }
}
