import Autograd
import Foundation
import GraphvizBindings

extension Drawing {
  /// The number of drawn record nodes above which ``render(format:)`` uses the fast layout
  /// settings.
  static let fastLayoutThreshold = 1000

  /// Graph attributes that bound `dot`'s iterations for large graphs; used for layout only.
  ///
  /// With them, Graphviz 2.42 lays out 5,000 values in about 3 s instead of 28 s.
  static let fastLayoutAttributes = [
    ("newrank", "true"), ("nslimit", "0.02"), ("nslimit1", "0.02"), ("mclimit", "0.05"),
    ("remincross", "false"),
  ]

  /// The number of drawn plus estimated virtual nodes above which the layout uses
  /// ``fastLayoutAttributes`` even for few record nodes. (A 100-point MLP(2, [4, 1]) loss
  /// with `--collapse neuron`, 1,300 nodes and 11,000 virtual ones, did not finish in 60 s
  /// with Graphviz's defaults; it takes 2.7 s with the fast settings.)
  static let fastLayoutSizeThreshold = 5_000

  /// The number of drawn plus estimated virtual nodes above which the layout uses
  /// ``boundedLayoutAttributes`` (0.7 s for that MLP).
  static let boundedLayoutThreshold = 15_000

  /// Graph attributes for graphs whose long edges add hundreds of thousands of virtual
  /// nodes: no network-simplex iterations after the first feasible ranking and positions,
  /// one ordering pass, straight edges. The demo step's loss with `--collapse neuron`
  /// (2,600 drawn nodes, about 250,000 virtual ones) takes about 5 s with them and did not
  /// finish in 100 s with ``fastLayoutAttributes``.
  static let boundedLayoutAttributes = [
    ("newrank", "true"), ("nslimit", "0"), ("nslimit1", "0"), ("mclimit", "0.01"),
    ("remincross", "false"), ("splines", "line"),
  ]

  /// The layout settings for a selection: Graphviz's defaults for small drawings,
  /// ``fastLayoutAttributes`` above ``fastLayoutThreshold`` record nodes,
  /// ``boundedLayoutAttributes`` when long edges make the layout graph huge.
  ///
  /// - Complexity: O(n + e).
  package func layoutAttributes() throws -> [(String, String)] {
    let selection = try Selection(self, focus: options.focus, collapse: options.collapse)
    return layoutAttributes(for: selection)
  }

  /// The estimated size of the graph `dot` lays out: drawn nodes and edges, and the virtual
  /// nodes of long edges (see ``LayoutEstimate``).
  package func layoutSize() throws -> (nodes: Int, edges: Int, virtualNodes: Int) {
    let selection = try Selection(self, focus: options.focus, collapse: options.collapse)
    let estimate = LayoutEstimate(self, selection)
    return (estimate.nodes, estimate.edges, estimate.virtualNodes)
  }

  func layoutAttributes(for selection: Selection) -> [(String, String)] {
    let estimate = LayoutEstimate(self, selection)
    let size = estimate.nodes + estimate.virtualNodes
    if size > Self.boundedLayoutThreshold { return Self.boundedLayoutAttributes }
    if selection.recordCount > Self.fastLayoutThreshold || size > Self.fastLayoutSizeThreshold {
      return Self.fastLayoutAttributes
    }
    return []
  }

  /// The graph's name in the DOT text and pictures.
  static let graphName = "gradviz"

  /// The drawing as DOT text before any layout, as Graphviz's `agwrite` writes it (the
  /// text is written here, without Graphviz; see `DOTGraph.text()`).
  ///
  /// The text is the same, byte for byte, for the same computation and options on every run.
  /// It has no size limit: `dot` can lay it out later, and it is the way to look at graphs
  /// too large to render. Pictures from ``render(format:)`` add hover text (each value's
  /// label, data and grad in full precision) and, for large drawings, layout settings.
  ///
  /// - Returns: the DOT text of a `digraph`, ending in a newline.
  /// - Throws: ``RenderError/unknownFocus(_:labels:)`` when the focus names no value.
  /// - Complexity: O(n + e) in the number of nodes and edges; no recursion.
  public func dot() throws -> String {
    try dot(asRendered: false)
  }

  /// The DOT text; `asRendered` adds what ``render(format:)`` lays out besides: the layout
  /// settings and the hover text.
  package func dot(asRendered: Bool) throws -> String {
    let selection = try Selection(self, focus: options.focus, collapse: options.collapse)
    let attributes = asRendered ? layoutAttributes(for: selection) : []
    var graph = DOTGraph(named: Self.graphName)
    try describe(
      in: &graph, selection: selection, layoutAttributes: attributes, hoverText: asRendered)
    return String(decoding: graph.text(), as: UTF8.self)
  }

  /// The UTF-8 bytes of ``dot()``, handed to `sink` in pieces of about a megabyte, so the
  /// whole text of a large graph is never held at once.
  ///
  /// - Throws: the errors of ``dot()``, before any piece is written.
  /// - Complexity: that of ``dot()``.
  package func writeDOT(to sink: ([UInt8]) -> Void) throws {
    let selection = try Selection(self, focus: options.focus, collapse: options.collapse)
    var graph = DOTGraph(named: Self.graphName)
    try describe(in: &graph, selection: selection, layoutAttributes: [], hoverText: false)
    graph.write(to: sink)
  }

  /// Lays the drawing out with `dot` and renders it in memory, without running any program.
  ///
  /// Drawings with more record nodes (values and summaries) than ``DrawingOptions/maxNodes``
  /// are refused before anything is laid out, with the options that would bring them under
  /// the limit. Large drawings are laid out with settings that bound `dot`'s iterations:
  /// `newrank=true nslimit=0.02 nslimit1=0.02 mclimit=0.05 remincross=false` above 1,000
  /// record nodes or about 5,000 nodes once long edges are counted, and no iterations at all
  /// with straight edges above about 15,000 (see `layoutAttributes()`).
  ///
  /// A bitmap whose options set neither ``DrawingOptions/size`` nor ``DrawingOptions/scale``
  /// has at most ``PictureFit/defaultLongSide`` pixels on its long side; ``picture(format:)``
  /// also says whether it was scaled down.
  ///
  /// - Parameter format: an output format from `Graphviz.formats()`: `svg`, `png`, `pdf`,
  ///   `json`, `dot` (laid out, with positions), ...
  /// - Returns: the bytes of the rendered file.
  /// - Throws: ``RenderError/tooLarge(valueNodes:limit:suggestions:)`` when the drawing has
  ///   more record nodes than ``DrawingOptions/maxNodes``;
  ///   ``RenderError/unknownFocus(_:labels:)`` when the focus names no value;
  ///   `GraphvizError.unknownFormat` when no installed plugin offers `format`;
  ///   `GraphvizError.pictureTooLarge` for a raster picture over the pixel budget;
  ///   `GraphvizError.graphviz` with Graphviz's own messages when layout or rendering fails.
  /// - Complexity: dominated by `dot`'s layout, which grows faster than linearly (about 1 ms
  ///   for 10 values, 0.7 s for 1,000 with the default settings).
  public func render(format: String) throws -> [UInt8] {
    try picture(format: format).bytes
  }

  /// A rendered file, and how a bitmap was scaled down to the default bound.
  public struct Picture: Sendable {
    /// The bytes of the rendered file.
    public let bytes: [UInt8]
    /// How the picture was scaled down to ``PictureFit/defaultLongSide`` pixels; `nil` when
    /// it keeps its natural size (or the size and scale that the options ask for).
    public let fit: PictureFit?

    /// Creates a picture from its bytes.
    public init(bytes: [UInt8], fit: PictureFit?) {
      self.bytes = bytes
      self.fit = fit
    }
  }

  /// Renders the drawing as ``render(format:)`` does, and says whether a bitmap was scaled
  /// down.
  ///
  /// A bitmap (`png`, `jpg`, `gif`, ...) whose options set neither ``DrawingOptions/size``
  /// nor ``DrawingOptions/scale`` has at most ``PictureFit/defaultLongSide`` pixels on its
  /// long side; vector formats and text keep their natural size.
  ///
  /// - Parameter format: an output format from `Graphviz.formats()`.
  /// - Returns: the bytes, and the fit when the picture was scaled down.
  /// - Throws: the errors of ``render(format:)``.
  /// - Complexity: that of ``render(format:)``.
  public func picture(format: String) throws -> Picture {
    let selection = try checkedSelection()
    return try picture(format: format, selection: selection, overlay: nil)
  }

  /// The selection of the drawing's options, if it is small enough to lay out.
  ///
  /// - Throws: ``RenderError/tooLarge(valueNodes:limit:suggestions:)`` with advice.
  func checkedSelection() throws -> Selection {
    let selection = try Selection(self, focus: options.focus, collapse: options.collapse)
    guard selection.recordCount <= options.maxNodes else {
      throw RenderError.tooLarge(
        valueNodes: selection.recordCount, limit: options.maxNodes,
        suggestions: suggestions(under: options.maxNodes))
    }
    let estimate = LayoutEstimate(self, selection)
    let layoutSize = estimate.nodes + estimate.virtualNodes
    let layoutLimit = options.maxNodes * Self.layoutSizePerNode
    guard layoutSize <= layoutLimit else {
      throw RenderError.layoutTooCostly(
        layoutNodes: layoutSize, limit: layoutLimit,
        suggestions: suggestions(under: options.maxNodes))
    }
    return selection
  }

  /// How many nodes of `dot`'s layout graph, virtual nodes of long edges included, each unit
  /// of ``DrawingOptions/maxNodes`` allows: 200, so 400,000 by default. The demo step's
  /// loss with `--collapse neuron` (about 250,000) lays out in seconds; a chain of 2,640
  /// values with one leaf feeding every one of its 660 steps (about 870,000) took 80 s
  /// without leaf copies (``DrawingOptions/leafCopies``); with them it has no long edges.
  static let layoutSizePerNode = 200

  /// Renders a selection, with an overlay for backward frames.
  func render(
    format: String, selection: Selection, overlay: Overlay?, links: PageLinks? = nil,
    positions: FixedLayout? = nil
  ) throws -> [UInt8] {
    try picture(
      format: format, selection: selection, overlay: overlay, links: links,
      positions: positions
    ).bytes
  }

  /// Renders a selection, with an overlay for backward frames (or the explorer page's links),
  /// and the fit of a bitmap; with `positions`, at those positions instead of a new layout.
  func picture(
    format: String, selection: Selection, overlay: Overlay?, links: PageLinks? = nil,
    positions: FixedLayout? = nil
  ) throws -> Picture {
    let (text, bound) = try renderedText(
      format: format, selection: selection, overlay: overlay, links: links,
      positions: positions)
    return finished(try Graphviz.render(dot: text, format: format), format: format, bound: bound)
  }

  /// The DOT text that Graphviz lays out and renders for a picture, and the bound of a
  /// bitmap's size (see ``picture(format:selection:overlay:links:positions:)``).
  func renderedText(
    format: String, selection: Selection, overlay: Overlay?, links: PageLinks? = nil,
    positions: FixedLayout? = nil
  ) throws -> (text: String, bound: PictureSize?) {
    var layoutAttributes = positions?.graphAttributes ?? self.layoutAttributes(for: selection)
    if let scale = options.scale, !Self.isSVG(format) {
      let dpi = PictureFit.defaultDPI(format) * scale
      layoutAttributes.append(("dpi", PythonFormat.number(dpi)))
    }
    let bound = PictureFit.defaultBound(format: format, options: options)
    if let bound { layoutAttributes.append(("size", bound.description)) }
    // Graphviz reads the DOT text, so the picture is exactly what `dot` makes of the same
    // text: cgraph's order of nodes and edges after a read steers the layout, and a graph
    // built directly in another order lays out differently.
    var graph = DOTGraph(named: Self.graphName)
    try describe(
      in: &graph, selection: selection, layoutAttributes: layoutAttributes,
      hoverText: links == nil, overlay: overlay, links: links)
    try positions?.apply(to: &graph)
    return (String(decoding: graph.text(), as: UTF8.self), bound)
  }

  /// What Graphviz rendered, as a picture: an SVG scaled by the options' `scale`, a bitmap
  /// with its fit to `bound`.
  func finished(_ rendered: Graphviz.Rendered, format: String, bound: PictureSize?) -> Picture {
    let (bytes, layout) = rendered
    if let scale = options.scale, format == "svg" {
      return Picture(bytes: Self.scaleSVG(bytes, by: scale), fit: nil)
    }
    let fit = bound.flatMap { bound in
      layout.flatMap { PictureFit(layout: $0, dpi: PictureFit.defaultDPI(format), bound: bound) }
    }
    return Picture(bytes: bytes, fit: fit)
  }

  /// Options that would bring the drawing under `limit` record nodes, each with its count.
  func suggestions(under limit: Int) -> [String] {
    var result: [String] = []
    for level in [GroupLevel.neuron, .layer] where options.collapse == nil {
      guard
        let selection = try? Selection(self, focus: options.focus, collapse: level),
        !selection.summaries.isEmpty, selection.recordCount <= limit
      else { continue }
      result.append("--collapse \(level.rawValue) (\(selection.recordCount) nodes)")
      break
    }
    let centres =
      (options.focus.flatMap { try? Selection.centres(named: $0.name, in: self) })
      ?? [rootPosition]
    let name = options.focus?.name ?? Self.focusName(of: rootPosition, in: labels)
    if let fit = FocusDistances(self, centres: centres).largestDepth(fitting: limit) {
      result.append("--focus \(name) --depth \(fit.depth) (\(fit.values) nodes)")
    }
    return result
  }

  /// How `--focus` names value `k`: its label when no other value has it, else its node name (`n12`).
  static func focusName(of k: Int, in labels: [String]) -> String {
    let label = labels[k]
    let plain = label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    if !label.isEmpty, plain, labels.lazy.filter({ $0 == label }).count == 1 { return label }
    return Trace.nodeName(k)
  }

  // MARK: - Scale

  /// Whether Graphviz writes `format` as SVG text.
  static func isSVG(_ format: String) -> Bool { format == "svg" }

  /// The SVG with its `width` and `height` multiplied by `scale` and its `viewBox` kept, so a
  /// browser draws all of it, larger or smaller.
  ///
  /// (Graphviz 2.42's own `dpi` scales the drawing but not the `viewBox`, which clips SVG.)
  static func scaleSVG(_ bytes: [UInt8], by scale: Double) -> [UInt8] {
    var text = String(decoding: bytes, as: UTF8.self)
    guard let svgStart = text.range(of: "<svg "),
      let svgEnd = text[svgStart.upperBound...].firstIndex(of: ">")
    else { return bytes }
    for attribute in ["width", "height"] {
      let key = " " + attribute + "=\""
      guard let start = text.range(of: key, range: svgStart.lowerBound..<svgEnd),
        let end = text[start.upperBound...].firstIndex(of: "\"")
      else { continue }
      let old = text[start.upperBound..<end]
      let number = old.prefix { $0.isNumber || $0 == "." }
      guard let value = Double(number) else { continue }
      let unit = old.dropFirst(number.count)
      text.replaceSubrange(
        start.upperBound..<end, with: PythonFormat.number((value * scale).rounded()) + unit)
    }
    return Array(text.utf8)
  }
}
