import Autograd
import Foundation
import Inspection
import Rendering
import Testing

@testable import Explorer

/// The explorer in a real browser: headless Chromium loads pages from files and reports what
/// it shows; the report is compared with the engine's and the inspections' numbers.
@Suite(.serialized) struct BrowserTests {
  init() throws {
    if let missing = Browser.missing {
      Issue.record(
        "\(missing) is missing: `make test` installs chromium, chromium-driver and python3-selenium"
      )
    }
  }

  /// The neuron page: search, panel, links, zoom and pan, backward steps, number text.
  @Test func neuronPage() throws {
    guard Browser.missing == nil else { return }
    let o = Pages.neuron()
    let folder = try Pages.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("neuron.html")
    try ExplorerPage(root: o, title: "neuron.mg").html().write(
      to: page, atomically: true, encoding: .utf8)
    let report = try #require(try Browser.run(["neuron", page.path]) as? [String: Any])

    #expect(report["console"] as? [String] == [], "console messages")
    #expect(report["requests"] as? [String] == [], "requests left the page")
    #expect(report["title"] as? String == "neuron.mg")

    // Search w1, Enter: the panel shows what `grads` and `why` print.
    let trace = Trace(root: o)
    let w1 = trace.value(at: 2)
    let panel = try #require(report["w1"] as? [String: Any])
    #expect(panel["label"] as? String == "w1")
    #expect(panel["data"] as? String == "-3.0")
    #expect(panel["grad"] as? String == "0.9999999999999996")
    #expect(panel["grad"] as? String == NumberText.full(w1.grad))
    let why = GradientPaths(of: w1, to: o)
    let products = try #require(panel["products"] as? [String])
    #expect(products.count == why.paths.count)
    #expect(products.first == "product 2.0 × 1.0 × 1.0 × 0.4999999999999998 = 0.9999999999999996")
    #expect(products.first?.hasSuffix(NumberText.full(why.paths[0].product)) == true)
    #expect(panel["equation"] as? String == "w1.grad = 0.9999999999999996")
    let check = GradientCheck(root: o)
    let leaf = try #require(check.leaves.first { $0.position == 2 })
    #expect(
      panel["check"] as? [String] == [
        "0.9999999999999996", NumberText.full(leaf.comparison.numeric),
        NumberText.short(leaf.comparison.absoluteError),
        NumberText.short(leaf.comparison.relativeError), "pass",
      ])

    // Following links moves the selection: w1's consumer, then that value's first input.
    let consumer = try #require(report["after_consumer_click"] as? [String: Any])
    #expect(consumer["label"] as? String == "x1*w1")
    #expect(consumer["inputs"] as? [String] == ["x1", "w1"])
    #expect(report["clicked_input"] as? String == "x1")
    let input = try #require(report["after_input_click"] as? [String: Any])
    #expect(input["label"] as? String == "x1")
    #expect(input["grad"] as? String == "-1.4999999999999993")

    // Zoom and pan change the view.
    for key in ["zoom_key", "zoom_wheel", "pan", "pinch", "resize"] {
      let boxes = try #require(report[key] as? [String])
      #expect(boxes.count == 2 && boxes[0] != boxes[1], "\(key) did not change the view")
    }
    #expect(report["fitted_after_resize"] as? Bool == true)
    // A pinch apart zooms in: the visible box gets narrower.
    let pinch = try #require(report["pinch"] as? [String]).map {
      $0.split(separator: " ").compactMap { Double($0) }
    }
    #expect(pinch.count == 2 && pinch[1][2] < pinch[0][2])

    // Three steps of backward: every grad shown is the engine's after the same steps.
    let steps = try #require(report["steps"] as? [[String: String]])
    #expect(steps.count == 3)
    for (index, shown) in steps.enumerated() {
      let expected = Self.partialBackward(steps: index + 1)
      #expect(shown == expected, "after \(index + 1) steps")
    }
    let captions = try #require(report["captions"] as? [String])
    #expect(
      captions.first
        == "o.grad = 1, then o = tanh(n): n.grad += 0.5000 (local 0.5000 × o.grad 1.0000)")
    let drawing = Drawing(root: o)
    #expect(captions == Array(try drawing.backwardFrames().prefix(3).map(\.caption)))
    #expect(report["step_count"] as? String == "step 3 of 5")
    #expect(report["sizes_stable"] as? Bool == true)

    // The page writes numbers as Python and as the record fields do.
    let formats = try #require(report["formats"] as? [[String]])
    let xs: [Double] = [
      0, -0.0, 1, -1.5, 2.0, 1e-7, -1e-7, 1e12, 0.03125, 0.09375, -0.03125, 1.00005, 123.456789,
      0.1 + 0.2, 1e16, 1e-5, 6.8813735870195432, .nan, .infinity, -.infinity,
      .leastNonzeroMagnitude,
      1.7976931348623157e308, 0.00015, 999999999.99995,
    ]
    #expect(formats.count == xs.count)
    for (x, pair) in zip(xs, formats) {
      #expect(pair == [PythonFormat.float(x), FieldFormat.number(x)], "\(x)")
    }
  }

  /// The grad field of every record after the first `steps` steps of the engine's backward:
  /// the root seeded with 1, then `backwardStep()` of each value in backward's order.
  static func partialBackward(steps: Int) -> [String: String] {
    let o = Pages.neuron(backward: false)
    let trace = Trace(root: o)
    o.grad = 1
    let order =
      [trace.count - 1]
      + (0..<(trace.count - 1)).reversed().filter {
        !trace.value(at: $0).inputs.isEmpty
      }
    for k in order.prefix(steps) { trace.value(at: k).backwardStep() }
    var shown: [String: String] = [:]
    for k in 0..<trace.count {
      let value = trace.value(at: k)
      shown["n\(k)"] = "grad " + (value.isGradComputed ? FieldFormat.number(value.grad) : "—")
    }
    return shown
  }

  /// A leaf drawn as copies beside its far uses: every copy shows the original's grad, before
  /// and while stepping through backward, and a click on a copy selects the original.
  @Test func leafCopiesPage() throws {
    guard Browser.missing == nil else { return }
    let tape = Tape()
    let w = Value(0.5, label: "w", on: tape)
    var x = Value(1, label: "x", on: tape)
    for _ in 0..<6 { x = x * w + 0.25 }
    x.backward()
    let folder = try Pages.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("copies.html")
    try ExplorerPage(root: x, title: "copies", startsStepping: true).html().write(
      to: page, atomically: true, encoding: .utf8)
    let report = try #require(try Browser.run(["copies", page.path]) as? [String: Any])
    #expect(report["console"] as? [String] == [], "console messages")
    for key in ["copies", "stepped"] {
      let copies = try #require(report[key] as? [[String: Any]], "\(key)")
      #expect(copies.count == 5, "\(key)")
      #expect(copies.map { $0["id"] as? String } == (1...5).map { "n0c\($0)" }, "\(key)")
      for copy in copies {
        #expect(copy["value"] as? Int == 0)
        #expect(copy["grad"] as? String != nil)
        #expect(copy["grad"] as? String == copy["original"] as? String, "\(key)")
      }
    }
    // Three steps in, w has its grad from the last step only: not the final one.
    let stepped = try #require(report["stepped"] as? [[String: Any]])
    let final = try #require(report["copies"] as? [[String: Any]])
    #expect(stepped.first?["grad"] as? String != final.first?["grad"] as? String)
    #expect(report["selected"] as? Int == 0)
  }

  /// The demo step's page opens collapsed; clicking a neuron opens its own graph in place.
  @Test func demoStepPage() throws {
    guard Browser.missing == nil else { return }
    let loss = try Pages.demoStep()
    let folder = try Pages.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("demo.html")
    try ExplorerPage(root: loss, title: "demo step").html().write(
      to: page, atomically: true, encoding: .utf8)
    let report = try #require(try Browser.run(["demo", page.path]) as? [String: Any])
    #expect(report["console"] as? [String] == [], "console messages")
    #expect(report["requests"] as? [String] == [], "requests left the page")
    #expect((report["top_summaries"] as? Int ?? 0) == 33)
    #expect((report["views"] as? Int ?? 0) > 1)
    #expect(report["target"] as? String == "layer0_neuron0")
    #expect(report["opened_view"] as? Int == 1)
    #expect((report["crumbs"] as? String)?.contains("layer 0 neuron 0") == true)
    #expect((report["opened_records"] as? Int ?? 0) > 100)
    let search = try #require(report["search"] as? [String: Any])
    #expect((search["count"] as? Int ?? 0) > 300)
    // Searching from the whole graph for a value inside layer 0 neuron 1 opens that neuron.
    let searched = try #require(report["searched"] as? Int)
    #expect(report["search_view"] as? Int == 2)
    #expect(report["search_selected"] as? Int == searched)
    let panel = try #require(report["search_panel"] as? [String: Any])
    let value = Trace(root: loss).value(at: searched)
    #expect(panel["data"] as? String == NumberText.full(value.data))
    #expect(panel["grad"] as? String == NumberText.full(value.grad))
  }
}
