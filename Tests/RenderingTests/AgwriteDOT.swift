import GraphvizBindings

@testable import Rendering

extension GraphvizContext {
  /// The DOT text that cgraph's own `agwrite` writes for `graph`, built with the same calls
  /// in the same order: what the tests compare ``DOTGraph/text()`` with.
  ///
  /// - Throws: ``GraphvizError/graphviz(_:)`` when Graphviz reports an error.
  static func writeDOT(_ model: DOTGraph) throws -> String {
    try writeDOT(named: model.name) { graph in
      var attributes: [[Graph.Attribute]] = [[], [], []]
      for (kind, code) in [(0, Graph.Kind.graph), (1, .node), (2, .edge)] {
        for (name, value) in zip(model.attributeNames[kind], model.attributeDefaults[kind]) {
          attributes[kind].append(try graph.declare(code, name, default: value))
        }
      }
      var subgraphs: [Graph.Subgraph] = []
      for (name, parent) in zip(model.subgraphNames, model.subgraphParents) {
        subgraphs.append(
          try graph.addSubgraph(named: name, in: parent < 0 ? nil : subgraphs[parent]))
      }
      var nodes: [Graph.Node] = []
      for (name, subgraph) in zip(model.nodeNames, model.nodeSubgraph) {
        nodes.append(
          try graph.addNode(named: name, in: subgraph < 0 ? nil : subgraphs[Int(subgraph)]))
      }
      var edges: [Graph.Edge] = []
      for (tail, head) in zip(model.edgeTails, model.edgeHeads) {
        edges.append(try graph.addEdge(from: nodes[Int(tail)], to: nodes[Int(head)]))
      }
      for (s, own) in model.subgraphAttributes.enumerated() {
        for (attribute, value) in own {
          try graph.set(attributes[0][attribute], to: value, on: subgraphs[s])
        }
      }
      func chain(_ last: Int32) -> [DOTGraph.Setting] {
        var result: [DOTGraph.Setting] = []
        var s = last
        while s >= 0 {
          result.append(model.settings[Int(s)])
          s = model.settings[Int(s)].next
        }
        return result.reversed()
      }
      for (n, last) in model.nodeSettings.enumerated() {
        for setting in chain(last) {
          let attribute = attributes[1][Int(setting.attribute)]
          if setting.isHTML {
            try graph.set(attribute, toHTML: setting.value, on: nodes[n])
          } else {
            try graph.set(attribute, to: setting.value, on: nodes[n])
          }
        }
      }
      for (e, last) in model.edgeSettings.enumerated() {
        for setting in chain(last) {
          try graph.set(attributes[2][Int(setting.attribute)], to: setting.value, on: edges[e])
        }
      }
    }
  }
}
