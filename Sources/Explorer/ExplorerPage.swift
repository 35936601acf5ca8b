import Autograd
import Inspection
import Rendering

/// The explorer: one self-contained HTML page to search, click, follow and step through a
/// traced graph, offline.
///
/// The page holds the Graphviz SVG of each view (laid out once, here), the trace's numbers,
/// and its own script and style (`Embedded/explorer.js`, `explorer.css`, built into the
/// binary), so it opens from disk and makes no network request. In the browser: drag, wheel
/// and pinch pan and zoom; a search box finds labels, ops and node names; clicking a value
/// shows its data and grad in full precision, its inputs with their local derivatives, its
/// consumers, its paths to the root with their products, and its numeric check; the arrow
/// keys step through one backward pass in the engine's order over the same layout.
///
/// Drawings with more record nodes than ``Rendering/DrawingOptions/maxNodes`` open
/// collapsed by neuron (or layer), and each summary opens its own laid-out values.
///
/// ```swift
/// let page = ExplorerPage(root: loss, title: "neuron.mg")
/// let html = try page.html()
/// ```
public struct ExplorerPage {
  /// The value whose graph is shown.
  public let root: Value
  /// The drawing's options: direction, node limit, collapse, focus, colour, edge labels.
  public let options: DrawingOptions
  /// The page's title, usually the script's file name.
  public let title: String
  /// Whether the page opens stepping through backward, at its first step.
  public let startsStepping: Bool

  /// The most values for which the page holds a numeric check of every node (the check
  /// re-runs the graph after each leaf, O(leaves × values)).
  public static let checkLimit = 20_000

  /// - Parameters:
  ///   - root: the value whose graph is shown; its grads should come from `backward()`.
  ///   - options: the drawing's options.
  ///   - title: the page's title.
  ///   - startsStepping: open at the first step of backward instead of the final grads.
  public init(
    root: Value, options: DrawingOptions = DrawingOptions(), title: String,
    startsStepping: Bool = false
  ) {
    self.root = root
    self.options = options
    self.title = title
    self.startsStepping = startsStepping
  }

  /// The page's HTML.
  ///
  /// - Throws: ``Rendering/RenderError/tooLarge(valueNodes:limit:suggestions:)`` when the
  ///   drawing does not fit under the node limit even collapsed;
  ///   ``Rendering/RenderError/unknownFocus(_:labels:)``; `GraphvizError.graphviz`.
  /// - Complexity: one Graphviz layout per view, plus O(leaves × n) for the check when the
  ///   trace has at most ``checkLimit`` values.
  public func html() throws -> String {
    let drawing = Drawing(root: root, options: options)
    let layout = try drawing.explorerLayout()
    var page = Self.template
    var views = ""
    for (index, view) in layout.views.enumerated() {
      views +=
        "<script type=\"image/svg+xml\" id=\"view-\(index)\">\n" + Self.inlineSVG(view.svg)
        + "</script>\n"
    }
    let json = dataJSON(drawing: drawing, layout: layout)
    let data = "<script type=\"application/json\" id=\"gradviz-data\">" + json + "</script>\n"
    page = Self.fill(page, "title", with: Self.escapeHTML(title))
    page = Self.fill(page, "style", with: Self.asset("explorer.css"))
    page = Self.fill(page, "script", with: Self.asset("explorer.js"))
    page = Self.fill(page, "data", with: data + views)
    return page
  }

  /// The SVG from its `<svg` element on (no XML declaration or doctype inside HTML), with no
  /// sequence that would end the script element it sits in.
  static func inlineSVG(_ svg: String) -> String {
    let start = svg.range(of: "<svg")?.lowerBound ?? svg.startIndex
    // Graphviz's comments (`<!-- n0&#45;&gt;n5op -->`) repeat each node's and edge's title.
    var text = ""
    text.reserveCapacity(svg.utf8.count)
    for line in svg[start...].split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("<!--"), line.hasSuffix("-->") { continue }
      text += line
      text += "\n"
    }
    // Graphviz escapes `<` in text, so this never matches; it is kept as a guarantee.
    return text.replacingOccurrences(of: "</script", with: "&lt;/script")
  }

  static var template: String { asset("explorer.html") }

  /// The text of an embedded file.
  static func asset(_ path: String) -> String {
    EmbeddedFiles.all.first { $0.path == path }?.text ?? ""
  }

  /// Replaces the first `{{name}}` in `page`.
  static func fill(_ page: String, _ name: String, with text: String) -> String {
    var page = page
    while let range = page.range(of: "{{" + name + "}}") {
      page.replaceSubrange(range, with: text)
    }
    return page
  }

  /// Text escaped for HTML content and attribute values.
  static func escapeHTML(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
