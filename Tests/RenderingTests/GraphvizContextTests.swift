import GraphvizBindings
import Rendering
import Testing

@Suite("Graphviz errors")
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
}
