/// A directed graph described for Graphviz, held in memory and written as DOT text the way
/// Graphviz's own `agwrite` (cgraph) writes it, without Graphviz.
///
/// Attributes are declared once with a default, then set on nodes, edges and subgraphs.
/// Nodes, edges and subgraphs are numbered in creation order, which is the order `agwrite`
/// goes by (cgraph's sequence numbers and, with gradviz's ID map, its subgraph IDs). Edges
/// belong to the root graph; a node belongs to at most one subgraph (and its parents).
///
/// The model stores what is set and nothing else, so a drawing of millions of values can be
/// described and written in one pass each (see ``text()``).
package struct DOTGraph {
  /// What an attribute belongs to.
  package enum Kind: Int {
    case graph, node, edge
  }

  /// A declared attribute.
  package struct Attribute {
    let kind: Kind
    let index: Int
  }

  /// A node of the graph: its creation (sequence) number.
  package struct Node {
    let index: Int32
  }

  /// An edge of the graph: its creation number.
  package struct Edge {
    let index: Int32
  }

  /// A subgraph (a cluster when its name starts with `cluster`): its creation number.
  package struct Subgraph {
    let index: Int
  }

  /// One attribute value on a node or an edge; values of one object are chained.
  struct Setting {
    var value: String
    /// The next setting of the same object, or -1.
    var next: Int32
    var attribute: UInt16
    var isHTML: Bool
  }

  /// The graph's name.
  let name: String
  /// Declared attribute names and defaults, by kind.
  var attributeNames: [[String]] = [[], [], []]
  var attributeDefaults: [[String]] = [[], [], []]

  /// Node names, in creation order.
  var nodeNames: [String] = []
  /// The innermost subgraph of each node, or -1.
  var nodeSubgraph: [Int32] = []
  /// The last setting of each node, or -1.
  var nodeSettings: [Int32] = []
  var settings: [Setting] = []

  /// Edge tails and heads, in creation order.
  var edgeTails: [Int32] = []
  var edgeHeads: [Int32] = []
  /// The last setting of each edge, or -1.
  var edgeSettings: [Int32] = []

  /// Subgraph names, parents (-1 for the root) and their own graph attributes.
  var subgraphNames: [String] = []
  var subgraphParents: [Int] = []
  var subgraphAttributes: [[(attribute: Int, value: String)]] = []

  /// An empty directed graph named `name`.
  package init(named name: String) {
    self.name = name
  }

  /// Declares an attribute with its default; for the graph, the root's value itself.
  ///
  /// Declaring a name again replaces its default.
  package mutating func declare(_ kind: Kind, _ name: String, default value: String) throws
    -> Attribute
  {
    if let index = attributeNames[kind.rawValue].firstIndex(of: name) {
      attributeDefaults[kind.rawValue][index] = value
      return Attribute(kind: kind, index: index)
    }
    attributeNames[kind.rawValue].append(name)
    attributeDefaults[kind.rawValue].append(value)
    return Attribute(kind: kind, index: attributeNames[kind.rawValue].count - 1)
  }

  /// Adds a node with a unique `name` to the graph.
  package mutating func addNode(named name: String) throws -> Node {
    try addNode(named: name, in: nil)
  }

  /// Adds a node with a unique `name` to the graph and to `subgraph` (and its parents).
  package mutating func addNode(named name: String, in subgraph: Subgraph?) throws -> Node {
    nodeNames.append(name)
    nodeSubgraph.append(Int32(subgraph?.index ?? -1))
    nodeSettings.append(-1)
    return Node(index: Int32(nodeNames.count - 1))
  }

  /// Adds a subgraph with a unique `name` to the graph or to `parent`.
  package mutating func addSubgraph(named name: String, in parent: Subgraph? = nil) throws
    -> Subgraph
  {
    subgraphNames.append(name)
    subgraphParents.append(parent?.index ?? -1)
    subgraphAttributes.append([])
    return Subgraph(index: subgraphNames.count - 1)
  }

  /// Adds an edge; several edges between the same nodes stay separate.
  @discardableResult
  package mutating func addEdge(from tail: Node, to head: Node) throws -> Edge {
    edgeTails.append(tail.index)
    edgeHeads.append(head.index)
    edgeSettings.append(-1)
    return Edge(index: Int32(edgeTails.count - 1))
  }

  /// Sets a node attribute.
  package mutating func set(_ attribute: Attribute, to value: String, on node: Node) throws {
    let index = Int(node.index)
    nodeSettings[index] = append(attribute, value, html: false, after: nodeSettings[index])
  }

  /// Sets a node attribute to an HTML-like label (`<...>` in DOT), such as a table.
  ///
  /// - Parameter html: the label's markup without the outer angle brackets.
  package mutating func set(_ attribute: Attribute, toHTML html: String, on node: Node) throws {
    let index = Int(node.index)
    nodeSettings[index] = append(attribute, html, html: true, after: nodeSettings[index])
  }

  /// Sets an edge attribute.
  package mutating func set(_ attribute: Attribute, to value: String, on edge: Edge) throws {
    let index = Int(edge.index)
    edgeSettings[index] = append(attribute, value, html: false, after: edgeSettings[index])
  }

  /// Sets a graph attribute of a subgraph, such as a cluster's `label`.
  package mutating func set(_ attribute: Attribute, to value: String, on subgraph: Subgraph)
    throws
  {
    var local = subgraphAttributes[subgraph.index]
    if let existing = local.firstIndex(where: { $0.attribute == attribute.index }) {
      local[existing].value = value
    } else {
      local.append((attribute.index, value))
    }
    subgraphAttributes[subgraph.index] = local
  }

  /// Chains a new setting after `previous`; returns its index.
  private mutating func append(
    _ attribute: Attribute, _ value: String, html: Bool, after previous: Int32
  ) -> Int32 {
    settings.append(
      Setting(value: value, next: previous, attribute: UInt16(attribute.index), isHTML: html))
    return Int32(settings.count - 1)
  }
}
