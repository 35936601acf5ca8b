import Autograd
import Foundation
import GraphJSON
import GraphvizBindings
import Rendering
import Testing

/// DOT snapshots of every picture option, and what each one draws.
@Suite("picture options")
struct PictureOptionTests {
  /// The lines of `text` that declare a node called `name`.
  func hasNode(_ name: String, in text: String) -> Bool {
    text.contains("\t\(name)\t[") || text.contains("\t\(name);")
  }

  /// How often `needle` occurs in `text`.
  func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  static let snapshots: [(String, DrawingOptions, @Sendable () -> Value)] = [
    ("neuron-color-grad", DrawingOptions(color: .grad), { Graphs.neuron() }),
    ("neuron-edge-grads", DrawingOptions(edgeGradients: true), { Graphs.neuron() }),
    (
      "neuron-focus-n-depth-1", DrawingOptions(focus: Focus(name: "n", depth: 1)),
      { Graphs.neuron() }
    ),
    (
      "neuron-BT-size", DrawingOptions(rankdir: .BT, size: PictureSize("8,4!")), { Graphs.neuron() }
    ),
    ("neuron-RL", DrawingOptions(rankdir: .RL), { Graphs.neuron() }),
    ("mlp-cluster-neuron", DrawingOptions(cluster: .neuron), { Graphs.mlp() }),
    ("mlp-cluster-layer", DrawingOptions(cluster: .layer), { Graphs.mlp() }),
    ("mlp-collapse-neuron", DrawingOptions(collapse: .neuron), { Graphs.mlp() }),
    ("mlp-collapse-layer-TB", DrawingOptions(rankdir: .TB, collapse: .layer), { Graphs.mlp() }),
    (
      "mlp-collapse-neuron-cluster-layer-color",
      DrawingOptions(cluster: .layer, collapse: .neuron, color: .grad), { Graphs.mlp() }
    ),
  ]

  @Test("DOT snapshot", arguments: 0..<10)
  func snapshot(index: Int) throws {
    let (name, options, make) = Self.snapshots[index]
    let text = try Drawing(root: make(), options: options).dot()
    try Snapshot.check(text, named: name)
    // The same bytes again, from a fresh tape.
    #expect(try Drawing(root: make(), options: options).dot() == text)
  }

  @Test("every rankdir keeps label | data | grad side by side", arguments: RankDir.allCases)
  func rankdirs(rankdir: RankDir) throws {
    let text = try Drawing(root: Graphs.neuron(), options: DrawingOptions(rankdir: rankdir)).dot()
    #expect(text.contains("rankdir=\(rankdir.rawValue)"))
    let record = "x1|data 2.0000|grad -1.5000"
    let expected = rankdir == .LR || rankdir == .RL ? "{" + record + "}" : record
    #expect(text.contains(#"label=""# + expected + #"""#))
  }

  @Test("--color grad: fills by sign and size, border by role, and a legend")
  func colorGrad() throws {
    let text = try Drawing(root: Graphs.neuron(), options: DrawingOptions(color: .grad)).dot()
    // x1.grad = -1.5 is in the top decade (1e0): the darkest blue; w2.grad = 0 is grey.
    #expect(text.contains("\tn0\t[fillcolor=\"#2166ac\""))
    #expect(text.contains("\tn3\t[fillcolor=\"#bdbdbd\""))
    // o.grad = 1: darkest red, and the root's thick border.
    let root = try #require(text.range(of: "\tn9\t["))
    let rootAttributes = text[root.lowerBound...].prefix { $0 != ";" }
    #expect(rootAttributes.contains(##"fillcolor="#b2182b""##))
    #expect(rootAttributes.contains("penwidth=3"))
    #expect(count("style=\"filled,dashed\"", in: text) == 5)  // the five inputs
    #expect(hasNode("legend", in: text))
    #expect(text.contains("label=<<TABLE"))
    #expect(text.contains("≥ 1e0"))
  }

  @Test("--color grad: parameters (leaves made in a model) have bold borders, constants dotted")
  func roles() throws {
    let text = try Drawing(root: Graphs.mlp(), options: DrawingOptions(color: .grad)).dot()
    #expect(count("penwidth=2", in: text) == 4 * 3 + 5)  // MLP(2, [4, 1]): 17 parameters
    #expect(text.contains("dotted"))
  }

  @Test("--edge-grads: each input's contributions add up to its grad")
  func edgeGradsSum() throws {
    for root in [Graphs.neuron(), Graphs.square(), Graphs.double(), Graphs.mlp()] {
      let drawing = Drawing(root: root, options: DrawingOptions(edgeGradients: true))
      let text = try drawing.dot()
      // Sum the "+= x" of every edge out of each value node.
      var sums: [String: Double] = [:]
      var terms: [String: Int] = [:]
      for edge in DOTText.edges(text) {
        guard let term = DOTText.number(after: "+= ", in: edge.attributes) else { continue }
        sums[edge.tail, default: 0] += term
        terms[edge.tail, default: 0] += 1
      }
      let trace = root.tape.topologicalOrder(from: root.id)
      for (node, sum) in sums {
        let k = try #require(Int(node.dropFirst()))
        let grad = Value(tape: root.tape, id: trace[k]).grad
        // Each term is printed with 4 decimals.
        #expect(abs(sum - grad) <= 0.5e-4 * Double(terms[node] ?? 1) + 1e-12, "\(node)")
      }
      #expect(!sums.isEmpty)
    }
  }

  @Test("--focus: within depth upstream and downstream, cut markers where the graph goes on")
  func focus() throws {
    let o = Graphs.neuron()
    let depth0 = try Drawing(root: o, options: DrawingOptions(focus: Focus(name: "n", depth: 0)))
      .dot()
    #expect(hasNode("n8", in: depth0))
    #expect(!hasNode("n7", in: depth0) && !hasNode("n9", in: depth0))
    #expect(hasNode("n8cut", in: depth0))  // both inputs of n's + are cut
    #expect(depth0.contains("2 of 2 inputs not drawn"))
    #expect(hasNode("n8more", in: depth0))
    #expect(depth0.contains("used by 1 value not drawn"))

    let depth1 = try Drawing(root: o, options: DrawingOptions(focus: Focus(name: "n", depth: 1)))
      .dot()
    for node in ["n4", "n7", "n8", "n9"] { #expect(hasNode(node, in: depth1), "\(node)") }
    for node in ["n0", "n1", "n2", "n3", "n5", "n6"] {
      #expect(!hasNode(node, in: depth1), "\(node)")
    }
    #expect(hasNode("n7cut", in: depth1))
    #expect(!hasNode("n9more", in: depth1))  // the root is used by nothing
    #expect(depth1.contains(##"color="#ff7f00""##))  // the centre is marked

    let everything = try Drawing(
      root: o, options: DrawingOptions(focus: Focus(name: "o", depth: 10))
    ).dot()
    #expect(!everything.contains("cut") && !everything.contains("more"))
  }

  @Test("--focus takes node names, and a name that matches nothing is a clear error")
  func focusNames() throws {
    let o = Graphs.neuron()
    let byName = try Drawing(root: o, options: DrawingOptions(focus: Focus(name: "n8", depth: 1)))
      .dot()
    #expect(
      byName
        == (try Drawing(root: o, options: DrawingOptions(focus: Focus(name: "n", depth: 1))).dot()))
    let missing = Drawing(root: o, options: DrawingOptions(focus: Focus(name: "nope")))
    #expect {
      try missing.dot()
    } throws: { error in
      guard case .unknownFocus(let name, let labels) = error as? RenderError else { return false }
      let message = (error as? RenderError)?.description ?? ""
      return name == "nope" && labels.first == "o" && message.contains("'x1'")
    }
    #expect(throws: RenderError.self) {
      try Drawing(root: o, options: DrawingOptions(focus: Focus(name: "n10"))).render(format: "svg")
    }
  }

  @Test("--collapse neuron: one summary per neuron with its count, output and edges between")
  func collapseNeuron() throws {
    let root = Graphs.mlp(hidden: [4], samples: 2)
    let text = try Drawing(root: root, options: DrawingOptions(collapse: .neuron)).dot()
    for neuron in 0..<4 { #expect(hasNode("layer0_neuron\(neuron)", in: text)) }
    #expect(hasNode("layer1_neuron0", in: text))
    #expect(count("shape=Mrecord", in: text) == 5)
    // Each hidden neuron: 3 parameters, and per sample 2 products, 2 sums and a ReLU.
    #expect(text.contains("{layer 0 neuron 0|13 values|2 outputs|"))
    // Summaries are joined once per pair, however many values connect them.
    // They leave and enter the wide records at their sides.
    #expect(count("\tlayer0_neuron0:e -> layer1_neuron0:w;", in: text) == 1)
    #expect(!text.contains("\tn") || !text.contains("layer0_neuron0 -> layer0_neuron0"))
    // Values made inside neurons are not drawn.
    let drawing = Drawing(root: root)
    let plain = try drawing.dot()
    #expect(
      count("[label=", in: plain) + count("\t[fontsize", in: plain) > count("[label=", in: text))
  }

  @Test("a summary with one output shows that output's data and grad")
  func collapseOneOutput() throws {
    let root = Graphs.mlp(hidden: [2], samples: 1)
    let text = try Drawing(root: root, options: DrawingOptions(collapse: .layer)).dot()
    #expect(hasNode("layer0", in: text) && hasNode("layer1", in: text))
    // Layer 1 is the single output neuron: its output is the score.
    let trace = root.tape.topologicalOrder(from: root.id).map { Value(tape: root.tape, id: $0) }
    let score = try #require(trace.last { $0.group?.layer == 1 && !$0.isLeaf })
    let fields = "data \(FieldFormat.number(score.data))|grad \(FieldFormat.number(score.grad))"
    #expect(text.contains("{layer 1|"), "\(text)")
    #expect(text.contains("1 outputs") == false)
    #expect(text.contains(fields))
  }

  @Test("--cluster neuron nests a cluster per neuron inside a cluster per layer")
  func clusterNeuron() throws {
    let text = try Drawing(
      root: Graphs.mlp(hidden: [4], samples: 1), options: DrawingOptions(cluster: .neuron)
    ).dot()
    #expect(count("subgraph cluster_layer0 {", in: text) == 1)
    #expect(count("subgraph cluster_layer1 {", in: text) == 1)
    #expect(count("subgraph cluster_layer0_neuron", in: text) == 4)
    #expect(count("subgraph cluster_layer1_neuron", in: text) == 1)
    #expect(text.contains("label=\"layer 0\""))
    #expect(text.contains("label=\"neuron 3\""))
    let layers = try Drawing(
      root: Graphs.mlp(hidden: [4], samples: 1), options: DrawingOptions(cluster: .layer)
    ).dot()
    #expect(count("subgraph cluster_", in: layers) == 2)
  }

  @Test("graphs without groups: clusters and collapse change nothing")
  func noGroups() throws {
    let plain = try Drawing(root: Graphs.neuron()).dot()
    #expect(
      try Drawing(root: Graphs.neuron(), options: DrawingOptions(cluster: .neuron)).dot() == plain)
    #expect(
      try Drawing(root: Graphs.neuron(), options: DrawingOptions(collapse: .layer)).dot() == plain)
  }

  @Test("--size is Graphviz's size attribute")
  func size() throws {
    #expect(PictureSize("20,10")?.description == "20,10")
    #expect(PictureSize(" 40! ")?.description == "40!")
    #expect(PictureSize("7.5,2.25!")?.description == "7.5,2.25!")
    for bad in ["", "0", "-1,2", "a,b", "1,2,3", "inf", "1,", "!"] {
      #expect(PictureSize(bad) == nil, "\(bad)")
    }
    let text = try Drawing(root: Graphs.square(), options: DrawingOptions(size: PictureSize("3,2")))
      .dot()
    #expect(text.contains(#"size="3,2""#))
  }
}

/// Unlabelled inputs of a model are drawn as `x[i]`, after the weight they meet.
@Suite("model inputs")
struct ModelInputNameTests {
  @Test("an unlabelled input multiplied by a neuron's weight i is drawn as x[i]")
  func inputNames() throws {
    let tape = Tape()
    let group = NodeGroup(layer: 0, neuron: 0)
    let (w0, w1, b) = tape.withGroup(group) {
      (Value(0.5, label: "w0", on: tape), Value(-1.0, label: "w1", on: tape), Value(0.1, on: tape))
    }
    let x0 = Value(2.0, on: tape)
    let x1 = Value(3.0, on: tape)
    let named = Value(4.0, label: "given", on: tape)
    let out = tape.withGroup(group) { w0 * x0 + x1 * w1 + b + named }
    out.label = "out"
    out.backward()
    let text = try Drawing(root: out).dot()
    #expect(text.contains("{x[0]|data 2.0000|"))
    #expect(text.contains("{x[1]|data 3.0000|"))
    #expect(text.contains("{given|data 4.0000|"))
    // The bias is a parameter, not an input: it keeps its empty label.
    #expect(text.contains("{|data 0.1000|"))
    // The export keeps the labels as they are.
    #expect(!(try Trace(root: out).json(gradvizVersion: "0")).contains("x[0]"))
  }
}
