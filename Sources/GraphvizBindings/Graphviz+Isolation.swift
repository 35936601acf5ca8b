import Synchronization

extension Graphviz {
  /// The width and height of a layout's bounding box, in points, before any `size` or `dpi`
  /// scaling.
  public typealias LayoutSize = (width: Double, height: Double)

  /// What a ``Renderer`` returns: the bytes of the rendered file, and the size of the layout
  /// (`nil` if Graphviz set no bounding box).
  public typealias Rendered = (bytes: [UInt8], layout: LayoutSize?)

  /// A function that lays out DOT text with `dot` and renders it in `format`: the bytes of
  /// the file and the layout's size, or a ``GraphvizError``.
  public typealias Renderer = @Sendable (_ dot: String, _ format: String) throws -> Rendered

  /// The renderer that every rendering uses; ``renderInProcess(dot:format:)`` unless a
  /// program installs another with ``useRenderer(_:)``.
  private static let renderer = Mutex<Renderer>({ try renderInProcess(dot: $0, format: $1) })

  /// Makes every later rendering (a drawing's, or a frame's) lay out and render through
  /// `renderer`, for instance in a child process that contains Graphviz's crashes and leaks.
  ///
  /// - Complexity: O(1).
  public static func useRenderer(_ renderer: @escaping Renderer) {
    self.renderer.withLock { $0 = renderer }
  }

  /// Lays out and renders DOT text with the installed renderer.
  package static func render(dot text: String, format: String) throws -> Rendered {
    let renderer = self.renderer.withLock { $0 }
    return try renderer(text, format)
  }

  /// A function that lays out and renders several DOT texts in `format`, in order, as a
  /// ``Renderer`` does each: for instance all in one child process.
  public typealias BatchRenderer =
    @Sendable (_ dots: [String], _ format: String) throws -> [Rendered]

  /// The renderer of ``render(dots:format:)``; `nil` renders each text with ``renderer``.
  private static let batchRenderer = Mutex<BatchRenderer?>(nil)

  /// Makes every later rendering of several pictures at once (backward frames) go through
  /// `renderer`.
  ///
  /// - Complexity: O(1).
  public static func useBatchRenderer(_ renderer: @escaping BatchRenderer) {
    batchRenderer.withLock { $0 = renderer }
  }

  /// Lays out and renders several DOT texts with the installed batch renderer, or one by one
  /// with the installed renderer.
  package static func render(dots texts: [String], format: String) throws -> [Rendered] {
    if let batch = batchRenderer.withLock({ $0 }) { return try batch(texts, format) }
    return try texts.map { try render(dot: $0, format: format) }
  }

  /// Reads DOT text, lays it out with `dot` and renders it in this process, as the `dot`
  /// program does with the same text.
  ///
  /// Raster formats are refused after layout and before rendering when the picture would
  /// exceed ``PictureSize/pixelBudget``.
  ///
  /// - Parameters:
  ///   - text: a DOT graph, such as the Rendering library's `Drawing.dot()` returns.
  ///   - format: a format from ``formats()``.
  /// - Returns: the bytes of the rendered file, and the width and height of the layout's
  ///   bounding box in points.
  /// - Throws: ``GraphvizError/unknownFormat(_:available:)``;
  ///   ``GraphvizError/pictureTooLarge(width:height:limit:)``; ``GraphvizError/graphviz(_:)``
  ///   when Graphviz cannot read the text or reports an error.
  /// - Complexity: that of `dot`'s layout.
  public static func renderInProcess(dot text: String, format: String) throws -> Rendered {
    let (bytes, layout) = try GraphvizContext.renderMeasured(dot: text, format: format)
    return (bytes, layout.map { ($0.width, $0.height) })
  }
}
