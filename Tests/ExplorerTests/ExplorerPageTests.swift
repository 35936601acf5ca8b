import Autograd
import Foundation
import Inspection
import Rendering
import Testing

@testable import Explorer

/// The page as text: self-contained, its data the trace's numbers, its SVG linked by ids.
@Suite struct ExplorerPageTests {
  /// The page's data object.
  static func data(_ html: String) throws -> [String: Any] {
    let start = try #require(html.range(of: #"<script type="application/json" id="gradviz-data">"#))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let json = Data(html[start.upperBound..<end.lowerBound].utf8)
    return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
  }

  @Test func pageIsSelfContained() throws {
    let html = try ExplorerPage(root: Pages.neuron(), title: "neuron").html()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("Content-Security-Policy"))
    #expect(html.contains("default-src 'none'"))
    // No element that loads anything: the only URLs are XML namespace names.
    for pattern in [
      "<link", "<img", "<iframe", " src=", "@import", "url(", "fetch(", "XMLHttpRequest",
    ] {
      #expect(!html.contains(pattern), "the page contains \(pattern)")
    }
    let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
    for url in urls {
      #expect(
        url.hasPrefix("://www.w3.org/2000/svg") || url.hasPrefix("://www.w3.org/1999/xlink")
          || url.hasPrefix("-equiv"), "unexpected URL http\(url)")
    }
    // The script and style are the repository's files, as they are.
    let js = try String(
      contentsOf: Pages.root.appendingPathComponent("Sources/Explorer/Embedded/explorer.js"),
      encoding: .utf8)
    #expect(html.contains(js))
  }

  @Test func dataIsTheTracesNumbersAsGradsPrintsThem() throws {
    let o = Pages.neuron()
    let html = try ExplorerPage(root: o, title: "neuron").html()
    let data = try Self.data(html)
    let trace = Trace(root: o)
    let labels = try #require(data["label"] as? [String])
    let values = try #require(data["data"] as? [String])
    let grads = try #require(data["grad"] as? [String])
    #expect(labels.count == trace.count)
    for position in 0..<trace.count {
      let value = trace.value(at: position)
      #expect(labels[position] == value.label)
      #expect(values[position] == PythonFormat.float(value.data))
      #expect(grads[position] == PythonFormat.float(value.grad))
    }
    #expect(values[2] == "-3.0")
    #expect(grads[2] == "0.9999999999999996")
    let locals = try #require(data["local"] as? [String])
    let x1w1 = trace.value(at: 5)
    #expect(Array(locals[0..<2]) == x1w1.localDerivatives.map(PythonFormat.float))
    // Every leaf and operation has its check.
    let check = try #require(data["check"] as? [String: Any])
    let leaves = try #require(check["leaves"] as? [String: [String]])
    #expect(leaves["2"] == ["0.9999999999999996", "1.0", "4.4e-16", "4.4e-16", "pass"])
    let nodes = try #require(check["nodes"] as? [String: [[Any]]])
    #expect(nodes.count == 5)
  }

  @Test func svgHasTheIdsThePageLinksTo() throws {
    let html = try ExplorerPage(root: Pages.neuron(), title: "neuron").html()
    for k in 0..<10 { #expect(html.contains(#"<g id="n\#(k)" class="node value">"#)) }
    for k in 5..<10 {
      #expect(html.contains(#"<g id="n\#(k)op" class="node op">"#))
      #expect(html.contains(#"<g id="n\#(k)out" class="edge output">"#))
    }
    #expect(html.contains(#"<g id="n5in0" class="edge input">"#))
    #expect(html.contains(#"<g id="n5in1" class="edge input">"#))
    // No hover text in the page: the panel has the numbers.
    #expect(!html.contains("xlink:title"))
  }

  @Test func colorGradKeepsItsFillsAndALegendThePageCanHide() throws {
    let page = ExplorerPage(
      root: Pages.neuron(), options: DrawingOptions(color: .grad), title: "neuron")
    let html = try page.html()
    #expect(html.contains(#"<g id="legend" class="node legend">"#))
    #expect(html.contains(##"fill="#b2182b""##))
    #expect(html.contains("legend-toggle"))
    // The legend is smaller than the graph it explains.
    let plain = try ExplorerPage(root: Pages.neuron(), title: "neuron").html()
    func height(_ html: String) -> Double? {
      guard let start = html.range(of: #"viewBox="0.00 0.00 "#) else { return nil }
      let numbers = html[start.upperBound...].prefix { $0 != "\"" }.split(separator: " ")
      return numbers.count == 2 ? Double(numbers[1]) : nil
    }
    let withLegend = try #require(height(html))
    let without = try #require(height(plain))
    #expect(withLegend < without * 1.2, "the legend makes the picture \(withLegend) pt tall")
  }

  @Test func squareHasOneEdgePerOperand() throws {
    let tape = Tape()
    let x = Value(3.0, label: "x", on: tape)
    let y = x * x
    y.label = "y"
    y.backward()
    let html = try ExplorerPage(root: y, title: "square").html()
    #expect(html.contains(#"id="n1in0""#))
    #expect(html.contains(#"id="n1in1""#))
  }

  @Test func labelsCannotEndTheScript() throws {
    let tape = Tape()
    let a = Value(1.0, label: "</script><b>&", on: tape)
    let b = a * 2.0
    b.label = "b"
    b.backward()
    let html = try ExplorerPage(root: b, title: "</script> & <title>").html()
    #expect(!html.contains("</script><b>"))
    #expect(html.contains("&lt;/script&gt; &amp; &lt;title&gt;"))
    let data = try Self.data(html)
    #expect((data["label"] as? [String])?.first == "</script><b>&")
  }

  @Test func bigGraphsOpenCollapsedWithAViewPerGroup() throws {
    let loss = try Pages.demoStep(sizes: [4, 1], points: 20)
    let page = ExplorerPage(root: loss, options: DrawingOptions(maxNodes: 300), title: "small")
    let data = try Self.data(try page.html())
    #expect(data["collapse"] as? String == "neuron")
    let views = try #require(data["views"] as? [[String: Any]])
    let names = views.map { $0["name"] as? String ?? "?" }
    #expect(
      names == [
        "", "layer0_neuron0", "layer0_neuron1", "layer0_neuron2", "layer0_neuron3",
        "layer1_neuron0",
      ])
    let summaryOf = try #require(data["summaryOf"] as? [Int])
    let summaryNames = try #require(data["summaryNames"] as? [String])
    // Every value is either drawn in the first view or inside one of its summaries.
    let first = Set(try #require(views[0]["shown"] as? [Int]))
    for k in summaryOf.indices {
      #expect(first.contains(k) != (summaryOf[k] >= 0))
    }
    #expect(summaryNames.count == 5)
  }

  @Test func tooLargeEvenCollapsedIsRefused() throws {
    var x = Value(1.0, label: "x", on: Tape())
    for _ in 0..<50 { x = x + 1.0 }
    x.backward()
    #expect(throws: RenderError.self) {
      try ExplorerPage(root: x, options: DrawingOptions(maxNodes: 20), title: "chain").html()
    }
  }
}
