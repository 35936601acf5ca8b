import GraphvizBindings
import Testing

@Suite("Graphviz bindings")
struct GraphvizContextTests {
  /// Renders one node with the record label `label`.
  func renderRecord(_ label: String) throws -> [UInt8] {
    try GraphvizContext.render(named: "test", format: "svg") { graph in
      let labelAttribute = try graph.declare(.node, "label", default: "")
      _ = try graph.declare(.node, "shape", default: "record")
      let node = try graph.addNode(named: "n0")
      try graph.set(labelAttribute, to: label, on: node)
    }
  }

  @Test(
    "an error that Graphviz only reports becomes GraphvizError.graphviz, and the next render works")
  func badLabel() throws {
    #expect {
      try renderRecord("{unclosed")
    } throws: { error in
      guard case .graphviz(let message) = error as? GraphvizError else { return false }
      return message.contains("bad label format")
    }
    #expect(String(decoding: try renderRecord("{fine|field}"), as: UTF8.self).contains("field"))
  }

  @Test("DOT text is laid out and rendered in process, without any value or drawing")
  func plainDOTText() throws {
    let (bytes, layout) = try Graphviz.renderInProcess(
      dot: "digraph G { a -> b; b -> c }", format: "svg")
    let svg = String(decoding: bytes, as: UTF8.self)
    for node in ["a", "b", "c"] { #expect(svg.contains("<title>\(node)</title>")) }
    let size = try #require(layout)
    #expect(size.width > 0 && size.height > size.width)
  }

  @Test("formats that open windows or write files of their own are not offered")
  func formats() throws {
    let formats = try Graphviz.formats()
    #expect(formats.contains("svg") && formats.contains("png") && formats.contains("dot"))
    for refused in ["x11", "xlib", "gtk", "vrml"] { #expect(!formats.contains(refused)) }
    #expect(formats == formats.sorted())
    #expect(throws: GraphvizError.unknownFormat("nope", available: formats)) {
      try Graphviz.renderInProcess(dot: "digraph { a }", format: "nope")
    }
  }

  @Test("a raster picture over the pixel budget is refused after layout, before rendering")
  func pixelBudget() throws {
    // 500 by 500 inches at 96 dpi: 48,000 pixels a side.
    let dot = #"digraph { size="500,500!"; a -> b }"#
    #expect {
      try Graphviz.renderInProcess(dot: dot, format: "png")
    } throws: { error in
      guard case .pictureTooLarge(let width, let height, let limit) = error as? GraphvizError
      else { return false }
      return height > PictureSize.maxPixelSide && width * height > PictureSize.pixelBudget
        && limit == PictureSize.pixelBudget
    }
    // SVG has no pixels.
    #expect(!(try Graphviz.renderInProcess(dot: dot, format: "svg")).bytes.isEmpty)
  }

  @Test("the size attribute reads and writes as Graphviz spells it")
  func sizeAttribute() {
    #expect(PictureSize("20,10")?.description == "20,10")
    #expect(PictureSize(" 40! ")?.description == "40!")
    #expect(PictureSize("2.5,1")?.height == 1)
    for bad in ["", "0", "-1,2", "1,2,3", "a", "inf", "1,"] { #expect(PictureSize(bad) == nil) }
  }
}
