import Autograd
import Foundation
import GraphvizBindings
import Rendering
import Testing

/// SVG checked by structure, since Graphviz writes its version into it.
@Suite("SVG structure")
struct SVGStructureTests {
  func svg(_ root: Value, _ options: DrawingOptions = DrawingOptions()) throws -> String {
    String(decoding: try Drawing(root: root, options: options).render(format: "svg"), as: UTF8.self)
  }

  func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The numbers of the root `<svg>` element's `width`, `height` and `viewBox`.
  func dimensions(_ svg: String) throws -> (width: Double, height: Double, viewBox: [Double]) {
    let header =
      " "
      + (try #require(svg.components(separatedBy: "<svg ").dropFirst().first))
      .prefix { $0 != ">" }
    func attribute(_ name: String) throws -> String {
      let start = try #require(header.range(of: " \(name)=\""))
      return String(header[start.upperBound...].prefix { $0 != "\"" })
    }
    let width = try #require(
      Double(try attribute("width").replacingOccurrences(of: "pt", with: "")))
    let height = try #require(
      Double(try attribute("height").replacingOccurrences(of: "pt", with: "")))
    let viewBox = try attribute("viewBox").split(separator: " ").compactMap { Double($0) }
    return (width, height, viewBox)
  }

  @Test("a viewBox that holds the whole drawing, at every rankdir", arguments: RankDir.allCases)
  func viewBox(rankdir: RankDir) throws {
    let text = try svg(Graphs.neuron(), DrawingOptions(rankdir: rankdir))
    let size = try dimensions(text)
    #expect(size.viewBox.count == 4)
    #expect(abs(size.viewBox[2] - size.width) < 1 && abs(size.viewBox[3] - size.height) < 1)
    #expect(text.contains("transform=\"scale(1 1)"))
  }

  @Test("--scale changes width and height, not the viewBox, so nothing is clipped")
  func scale() throws {
    let natural = try dimensions(try svg(Graphs.neuron()))
    let doubled = try dimensions(try svg(Graphs.neuron(), DrawingOptions(scale: 2)))
    let halved = try dimensions(try svg(Graphs.neuron(), DrawingOptions(scale: 0.5)))
    #expect(doubled.viewBox == natural.viewBox && halved.viewBox == natural.viewBox)
    #expect(abs(doubled.width - 2 * natural.width) <= 1)
    #expect(abs(halved.height - natural.height / 2) <= 1)
  }

  @Test("--scale on a bitmap multiplies its pixels")
  func scalePNG() throws {
    func pixels(_ bytes: [UInt8]) -> (Int, Int) {
      let word = { (i: Int) in bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
      return (word(16), word(20))
    }
    let natural = pixels(try Drawing(root: Graphs.square()).render(format: "png"))
    let doubled = pixels(
      try Drawing(root: Graphs.square(), options: DrawingOptions(scale: 2)).render(format: "png"))
    #expect(abs(doubled.0 - 2 * natural.0) <= 2 && abs(doubled.1 - 2 * natural.1) <= 2)
  }

  @Test("--size bounds the picture in inches and keeps the viewBox consistent")
  func size() throws {
    let bounded = try dimensions(try svg(Graphs.neuron(), DrawingOptions(size: PictureSize("4,4"))))
    #expect(bounded.width <= 4 * 72 + 1 && bounded.height <= 4 * 72 + 1)
    #expect(abs(bounded.viewBox[2] - bounded.width) < 1)
  }

  @Test("hover text of every value says its label, data and grad in full")
  func hoverText() throws {
    let text = try svg(Graphs.neuron())
    #expect(count("<a xlink:title=", in: text) == 10)
    #expect(text.contains("xlink:title=\"x1&#10;data 2.0&#10;grad &#45;1.4999999999999993"))
    #expect(text.contains("o&#10;data 0.7071067811865477&#10;grad 1.0&#10;op tanh"))
    let none = try svg(Graphs.neuron(backward: false))
    #expect(count("grad not computed", in: none) == 10)
  }

  @Test("one cluster per layer and per neuron")
  func clusters() throws {
    let root = Graphs.mlp(hidden: [4], samples: 1)
    #expect(
      count(#"class="cluster""#, in: try svg(root, DrawingOptions(cluster: .neuron))) == 2 + 5)
    #expect(count(#"class="cluster""#, in: try svg(root, DrawingOptions(cluster: .layer))) == 2)
    #expect(count(#"class="cluster""#, in: try svg(root)) == 0)
    // Neuron summaries grouped in their layers' clusters.
    let grouped = try svg(root, DrawingOptions(cluster: .layer, collapse: .neuron))
    #expect(count(#"class="cluster""#, in: grouped) == 2)
  }

  @Test("summary nodes replace the values inside neurons and layers")
  func summaries() throws {
    let root = Graphs.mlp(hidden: [4], samples: 2)
    let neurons = try svg(root, DrawingOptions(collapse: .neuron))
    for name in (0..<4).map({ "layer0_neuron\($0)" }) + ["layer1_neuron0"] {
      #expect(neurons.contains("<title>\(name)</title>"), "\(name)")
    }
    #expect(neurons.contains("layer 0 neuron 2"))
    let layers = try svg(root, DrawingOptions(collapse: .layer))
    #expect(layers.contains("<title>layer0</title>") && layers.contains("<title>layer1</title>"))
    #expect(!layers.contains("<title>layer0_neuron0</title>"))
    #expect(count(#"class="node""#, in: layers) < count(#"class="node""#, in: neurons))
  }

  @Test("--color grad draws a legend with every fill")
  func legend() throws {
    let text = try svg(Graphs.neuron(), DrawingOptions(color: .grad))
    #expect(text.contains("<title>legend</title>"))
    for fill in ["#b2182b", "#2166ac", "#bdbdbd", "#ff00ff", "#000000"] {
      #expect(text.contains("fill=\"\(fill)\""), "\(fill)")
    }
    for words in ["not computed", "nan", "root", "parameter"] { #expect(text.contains(words)) }
    #expect(!(try svg(Graphs.neuron())).contains("<title>legend</title>"))
  }

  @Test("focus cut markers render")
  func focusMarkers() throws {
    let text = try svg(Graphs.neuron(), DrawingOptions(focus: Focus(name: "n", depth: 0)))
    #expect(text.contains("<title>n8cut</title>") && text.contains("<title>n8more</title>"))
    #expect(text.contains("…"))
  }
}
