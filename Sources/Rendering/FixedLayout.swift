import Foundation
import GraphvizBindings

/// The positions of one `dot` layout, to draw other graphs of the same nodes and edges at
/// exactly those places without laying them out again.
///
/// Read from Graphviz's `json0` output (the laid-out graph as JSON: `bb`, each node's `pos`,
/// `width` and `height`, each edge's `pos` spline and label position `lp`, each cluster's `bb`
/// and `lp`), and applied to a ``DOTGraph`` as those same attributes with `layout=nop2`:
/// Graphviz's `neato -n2`, which takes nodes and edges where they are and only renders. Labels,
/// colours and pen widths may differ from the laid-out graph; node sizes and the graph's
/// nodes, edges and clusters may not (a node or edge the layout does not have is an error).
struct FixedLayout {
  /// The laid-out graph's bounding box, as Graphviz writes it: `llx,lly,urx,ury` in points.
  let boundingBox: String
  /// Each node's `pos` (`x,y` in points), `width` and `height` (inches), by name.
  let nodes: [String: (pos: String, width: String, height: String)]
  /// Each edge's `pos` and `lp` (empty without a label), by `tail>head`, in creation order
  /// (several edges join the same nodes).
  let edges: [String: [(pos: String, labelPos: String)]]
  /// Each cluster's `bb` and `lp`, by name.
  let clusters: [String: (bb: String, labelPos: String)]

  /// Reads a `json0` rendering.
  ///
  /// - Throws: `GraphvizError.graphviz` when the bytes are not Graphviz's JSON of a
  ///   laid-out graph.
  /// - Complexity: O(n + e) in the nodes and edges.
  init(json0 bytes: [UInt8]) throws {
    guard
      let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
      let boundingBox = root["bb"] as? String
    else { throw GraphvizError.graphviz("the layout has no bounding box") }
    self.boundingBox = boundingBox
    var names: [Int: String] = [:]
    var nodes: [String: (pos: String, width: String, height: String)] = [:]
    var clusters: [String: (bb: String, labelPos: String)] = [:]
    for case let object as [String: Any] in root["objects"] as? [Any] ?? [] {
      guard let name = object["name"] as? String else { continue }
      if let bb = object["bb"] as? String {
        clusters[name] = (bb, object["lp"] as? String ?? "")
      } else if let id = object["_gvid"] as? Int, let pos = object["pos"] as? String,
        let width = object["width"] as? String, let height = object["height"] as? String
      {
        names[id] = name
        nodes[name] = (pos, width, height)
      }
    }
    var edges: [String: [(pos: String, labelPos: String)]] = [:]
    for case let edge as [String: Any] in root["edges"] as? [Any] ?? [] {
      guard let tail = (edge["tail"] as? Int).flatMap({ names[$0] }),
        let head = (edge["head"] as? Int).flatMap({ names[$0] }),
        let pos = edge["pos"] as? String
      else { throw GraphvizError.graphviz("the layout has an edge without a position") }
      edges[tail + ">" + head, default: []].append((pos, edge["lp"] as? String ?? ""))
    }
    self.nodes = nodes
    self.edges = edges
    self.clusters = clusters
  }

  /// The graph attributes that draw a graph at these positions: `layout=nop2` and `bb`.
  var graphAttributes: [(String, String)] {
    [("layout", "nop2"), ("bb", boundingBox)]
  }

  /// The size of each node as laid out, by name, for ``Overlay/sizes``.
  var sizes: [String: (width: String, height: String)] {
    nodes.mapValues { ($0.width, $0.height) }
  }

  /// Sets `pos` on every node and edge of `graph`, `lp` on labelled edges, and `bb` and `lp`
  /// on its clusters.
  ///
  /// - Throws: `GraphvizError.graphviz` when `graph` has a node or edge the layout has
  ///   not.
  /// - Complexity: O(n + e).
  func apply(to graph: inout DOTGraph) throws {
    let nodePos = try graph.declare(.node, "pos", default: "")
    let edgePos = try graph.declare(.edge, "pos", default: "")
    let labelPos = try graph.declare(.edge, "lp", default: "")
    for (index, name) in graph.nodeNames.enumerated() {
      guard let node = nodes[name] else {
        throw GraphvizError.graphviz("the layout has no node \(name)")
      }
      try graph.set(nodePos, to: node.pos, on: DOTGraph.Node(index: Int32(index)))
    }
    var used: [String: Int] = [:]
    for index in graph.edgeTails.indices {
      let key =
        graph.nodeNames[Int(graph.edgeTails[index])] + ">"
        + graph.nodeNames[Int(graph.edgeHeads[index])]
      let occurrence = used[key, default: 0]
      used[key] = occurrence + 1
      guard let laidOut = edges[key], occurrence < laidOut.count else {
        throw GraphvizError.graphviz("the layout has no edge \(key)")
      }
      let edge = DOTGraph.Edge(index: Int32(index))
      try graph.set(edgePos, to: laidOut[occurrence].pos, on: edge)
      if !laidOut[occurrence].labelPos.isEmpty {
        try graph.set(labelPos, to: laidOut[occurrence].labelPos, on: edge)
      }
    }
    guard !graph.subgraphNames.isEmpty else { return }
    let clusterBox = try graph.declare(.graph, "bb", default: boundingBox)
    let clusterLabelPos = try graph.declare(.graph, "lp", default: "")
    for (index, name) in graph.subgraphNames.enumerated() {
      guard let cluster = clusters[name] else { continue }
      let subgraph = DOTGraph.Subgraph(index: index)
      try graph.set(clusterBox, to: cluster.bb, on: subgraph)
      if !cluster.labelPos.isEmpty {
        try graph.set(clusterLabelPos, to: cluster.labelPos, on: subgraph)
      }
    }
  }
}
