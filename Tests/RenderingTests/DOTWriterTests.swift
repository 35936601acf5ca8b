import Autograd
import GraphvizBindings
import Rendering
import Testing

/// A small deterministic generator (SplitMix64), so every run checks the same cases.
struct DOTSeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("DOT text written without Graphviz, against Graphviz's own")
struct DOTWriterTests {
  /// Pieces that steer agstrcanon: id characters, digits, signs and dots, quotes,
  /// backslashes, spaces, line breaks, bytes beyond ASCII, record syntax.
  static let pieces = [
    "a", "Z", "_", "0", "7", ".", "-", "\"", "\\", " ", "\n", "\t", "é", "数", "|", "{", "}",
    "<", ">", "&", ";", "=", ",", ":", "#", "+", "*", "e", "x1", "data ", "1.0000",
  ]

  /// Whole strings that are special to DOT.
  static let specials = [
    "", "node", "Node", "EDGE", "graph", "digraph", "subgraph", "strict", "-", ".", "-.", "1.",
    ".5", "-3", "3-", "1.2.3", "0x1F", "1e5", "--", "n12", "n12op", "…", "#9e9e9e",
    "rounded,dashed",
    String(repeating: "a", count: 128), String(repeating: "a", count: 129),
    String(repeating: "a ", count: 100), String(repeating: "\\", count: 300),
    String(repeating: "ab-", count: 90), String(repeating: "1", count: 400),
    String(repeating: "数据", count: 80), String(repeating: "\"x\" ", count: 70),
  ]

  /// A random string of up to `length` pieces.
  static func randomString(_ random: inout DOTSeededGenerator, length: Int) -> String {
    let count = Int.random(in: 0...length, using: &random)
    return (0..<count).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
  }

  @Test("quoting matches agcanon on special and random strings, short and long")
  func quotingMatchesGraphviz() throws {
    var random = DOTSeededGenerator(state: 15)
    var strings = Self.specials
    for round in 0..<4_000 {
      strings.append(Self.randomString(&random, length: round % 4 == 0 ? 200 : 12))
    }
    let expected = try GraphvizContext.canonical(strings)
    for (string, graphviz) in zip(strings, expected) {
      #expect(DOTString.canonical(string) == graphviz, "\(string.debugDescription)")
    }
  }

  /// A random graph: declared attributes (some defaults empty), nested subgraphs with their
  /// own attributes, nodes in and out of them, edges in any direction with ports, settings
  /// that repeat the default or are set twice, an HTML label.
  static func randomGraph(_ random: inout DOTSeededGenerator) throws -> DOTGraph {
    var graph = DOTGraph(named: Bool.random(using: &random) ? "gradviz" : "my graph")
    let values = ["", "record", "12", "0.3", "filled", "#ff7f00", "a b", "x\"y", "node"]
    func value() -> String {
      Bool.random(using: &random)
        ? values.randomElement(using: &random) ?? "" : randomString(&random, length: 6)
    }
    _ = try graph.declare(.graph, "rankdir", default: "LR")
    if Bool.random(using: &random) { _ = try graph.declare(.graph, "size", default: "7,5") }
    let clusterLabel = try graph.declare(.graph, "label", default: "")
    let clusterStyle = try graph.declare(.graph, "style", default: "")
    var nodeAttributes: [DOTGraph.Attribute] = []
    for name in ["label", "shape", "fontsize", "color", "tooltip", "width"] {
      let defaultValue =
        name == "shape" ? "record" : (Int.random(in: 0..<5, using: &random) == 0 ? value() : "")
      nodeAttributes.append(try graph.declare(.node, name, default: defaultValue))
    }
    var edgeAttributes: [DOTGraph.Attribute] = []
    for name in ["style", "label", "color"] {
      edgeAttributes.append(try graph.declare(.edge, name, default: ""))
    }
    let tailport = try graph.declare(.edge, "tailport", default: "")
    let headport = try graph.declare(.edge, "headport", default: "")

    var subgraphs: [DOTGraph.Subgraph] = []
    for s in 0..<Int.random(in: 0...4, using: &random) {
      let parent =
        subgraphs.isEmpty || Bool.random(using: &random)
        ? nil : subgraphs.randomElement(using: &random)
      let subgraph = try graph.addSubgraph(named: "cluster_\(s)", in: parent)
      if Bool.random(using: &random) { try graph.set(clusterLabel, to: value(), on: subgraph) }
      if Bool.random(using: &random) { try graph.set(clusterStyle, to: "rounded", on: subgraph) }
      subgraphs.append(subgraph)
    }
    var nodes: [DOTGraph.Node] = []
    for k in 0..<Int.random(in: 1...30, using: &random) {
      let subgraph =
        Int.random(in: 0..<4, using: &random) == 0 ? subgraphs.randomElement(using: &random) : nil
      let node = try graph.addNode(
        named: Bool.random(using: &random) ? "n\(k)" : "n\(k)op", in: subgraph)
      for _ in 0..<Int.random(in: 0...3, using: &random) {
        if let attribute = nodeAttributes.randomElement(using: &random) {
          try graph.set(attribute, to: value(), on: node)
        }
      }
      if Int.random(in: 0..<20, using: &random) == 0 {
        try graph.set(nodeAttributes[0], toHTML: "<b>legend</b>", on: node)
      }
      nodes.append(node)
    }
    for _ in 0..<Int.random(in: 0...60, using: &random) {
      guard let tail = nodes.randomElement(using: &random),
        let head = nodes.randomElement(using: &random)
      else { continue }
      let edge = try graph.addEdge(from: tail, to: head)
      for _ in 0..<Int.random(in: 0...2, using: &random) {
        if let attribute = edgeAttributes.randomElement(using: &random) {
          try graph.set(attribute, to: value(), on: edge)
        }
      }
      if Int.random(in: 0..<4, using: &random) == 0 {
        try graph.set(
          tailport, to: ["e", "w", "n0:e", ""].randomElement(using: &random) ?? "", on: edge)
      }
      if Int.random(in: 0..<4, using: &random) == 0 {
        try graph.set(headport, to: ["w", "s"].randomElement(using: &random) ?? "", on: edge)
      }
    }
    return graph
  }

  @Test("random graphs: the same bytes as agwrite for the same calls")
  func randomGraphsMatchAgwrite() throws {
    var random = DOTSeededGenerator(state: 2026)
    for round in 0..<300 {
      let graph = try Self.randomGraph(&random)
      let text = String(decoding: graph.text(), as: UTF8.self)
      let graphviz = try GraphvizContext.writeDOT(graph)
      #expect(text == graphviz, "round \(round)")
      if text != graphviz { break }
    }
  }

  @Test("a chain is written without recursion, in order")
  func chainText() throws {
    let text = try Drawing(root: Graphs.chain(20_000)).dot()
    #expect(text.hasPrefix("digraph gradviz {\n\tgraph [rankdir=LR];\n\tnode [shape=record];\n"))
    #expect(text.hasSuffix("\tn40000op -> n40000;\n}\n"))
  }
}
