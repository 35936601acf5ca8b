extension DOTGraph {
  /// The graph as DOT text, byte for byte as cgraph's `agwrite` (Graphviz 2.42 to 14) writes
  /// the same graph built with the same calls.
  ///
  /// `agwrite`'s layout: the `graph`, `node` and `edge` defaults that are not empty; each
  /// subgraph (in creation order, nested ones first) with its own attributes and its nodes;
  /// then every node in creation order with its out-edges (ordered by head, then creation).
  /// A node is written as a statement where it has attributes other than the defaults (or no
  /// edges), at the first of: its own turn, or an edge from its earliest tail when that tail
  /// comes no later than the node. Attributes are written in name order, tab-indented, one a
  /// line; ports (`tailport`, `headport`) as `n:e`. Strings are quoted as `agstrcanon` quotes
  /// them (see ``DOTString``).
  ///
  /// - Returns: the UTF-8 text of a `digraph`, ending in a newline.
  /// - Complexity: O(n + e + s) in nodes, edges and settings (plus the sort of each node's
  ///   out-edges by head); no recursion (subgraphs are walked with an explicit stack).
  package func text() -> [UInt8] {
    var text: [UInt8] = []
    text.reserveCapacity(64 * nodeNames.count + 32 * edgeTails.count + 256)
    write(chunkSize: .max) { text.append(contentsOf: $0) }
    return text
  }

  /// Writes ``text()`` in pieces of about `chunkSize` bytes, so that the whole text of a
  /// large graph is never held at once.
  ///
  /// - Complexity: that of ``text()``.
  package func write(chunkSize: Int = 1 << 20, to sink: ([UInt8]) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      var writer = Writer(self, chunkSize: chunkSize, sink: sink)
      writer.write()
      writer.flush()
    }
  }

  /// Writes the text; state of one write.
  fileprivate struct Writer {
    let graph: DOTGraph
    var out: [UInt8] = []
    /// Attribute indices of each kind in name order (byte order, as cgraph's dictionaries).
    let order: [[Int]]
    /// The edge attributes written as ports.
    let tailport: Int?
    let headport: Int?
    /// Per attribute, the value found on the current object and the stamp it was found at.
    var found: [String?]
    var foundHTML: [Bool]
    var stamp: [Int]
    var generation = 0

    /// Where full pieces go, and their size.
    let sink: ([UInt8]) -> Void
    let chunkSize: Int

    init(_ graph: DOTGraph, chunkSize: Int, sink: @escaping ([UInt8]) -> Void) {
      self.graph = graph
      self.sink = sink
      self.chunkSize = chunkSize
      order = (0..<3).map { kind in
        graph.attributeNames[kind].indices.sorted {
          graph.attributeNames[kind][$0].utf8.lexicographicallyPrecedes(
            graph.attributeNames[kind][$1].utf8)
        }
      }
      let edgeNames = graph.attributeNames[Kind.edge.rawValue]
      tailport = edgeNames.firstIndex(of: "tailport")
      headport = edgeNames.firstIndex(of: "headport")
      let count = max(graph.attributeNames[1].count, graph.attributeNames[2].count)
      found = Array(repeating: nil, count: count)
      foundHTML = Array(repeating: false, count: count)
      stamp = Array(repeating: -1, count: count)
      out.reserveCapacity(chunkSize == .max ? 1 << 16 : chunkSize + (1 << 16))
    }

    /// Hands what is written so far to the sink.
    mutating func flush() {
      guard !out.isEmpty else { return }
      sink(out)
      out.removeAll(keepingCapacity: true)
    }

    /// Flushes once a piece is full; called between statements.
    mutating func statementEnd() {
      if out.count >= chunkSize { flush() }
    }

    mutating func put(_ text: String) {
      out.append(contentsOf: text.utf8)
    }

    mutating func indent(_ level: Int) {
      for _ in 0..<level { out.append(0x09) }
    }

    mutating func canon(_ text: String) {
      DOTString.appendCanonical(text, to: &out)
    }

    mutating func write() {
      let nodeCount = graph.nodeNames.count
      let edgeCount = graph.edgeTails.count

      // Out-edges by tail (compressed rows), each row by head then creation.
      var outStart = [Int](repeating: 0, count: nodeCount + 1)
      for tail in graph.edgeTails { outStart[Int(tail) + 1] += 1 }
      for k in 0..<nodeCount { outStart[k + 1] += outStart[k] }
      var fill = outStart
      var outEdges = [Int32](repeating: 0, count: edgeCount)
      for e in 0..<edgeCount {
        let tail = Int(graph.edgeTails[e])
        outEdges[fill[tail]] = Int32(e)
        fill[tail] += 1
      }
      let heads = graph.edgeHeads
      for k in 0..<nodeCount where outStart[k + 1] - outStart[k] > 1 {
        let range = outStart[k]..<outStart[k + 1]
        var sorted = true
        for p in range.dropFirst() where heads[Int(outEdges[p - 1])] > heads[Int(outEdges[p])] {
          sorted = false
          break
        }
        if !sorted {
          outEdges[range].sort { a, b in
            heads[Int(a)] != heads[Int(b)] ? heads[Int(a)] < heads[Int(b)] : a < b
          }
        }
      }
      // The earliest tail of each node's in-edges (nodeCount when none).
      var earliestTail = [Int32](repeating: Int32(nodeCount), count: nodeCount)
      for e in 0..<edgeCount {
        let head = Int(graph.edgeHeads[e])
        earliestTail[head] = min(earliestTail[head], graph.edgeTails[e])
      }

      put("digraph ")
      canon(graph.name)
      put(" {\n")
      writeDefaults(level: 1)
      writeSubgraphs()

      for n in 0..<nodeCount {
        let hasEdges = outStart[n + 1] > outStart[n] || earliestTail[n] < Int32(nodeCount)
        if graph.nodeSubgraph[n] < 0, Int(earliestTail[n]) >= n,
          !hasEdges || hasOwnAttributes(node: n)
        {
          writeNode(n, level: 1)
        }
        var previous = n
        for p in outStart[n]..<outStart[n + 1] {
          let e = Int(outEdges[p])
          let head = Int(heads[e])
          if head != previous, graph.nodeSubgraph[head] < 0, head >= n,
            Int(earliestTail[head]) >= n, hasOwnAttributes(node: head)
          {
            writeNode(head, level: 1)
            previous = head
          }
          writeEdge(e)
        }
      }
      put("}\n")
    }

    /// The root's `graph`, `node` and `edge` statements: the declared defaults that are not
    /// empty, in name order.
    mutating func writeDefaults(level: Int) {
      for (kind, keyword) in [(0, "graph"), (1, "node"), (2, "edge")] {
        let items = order[kind].compactMap { index -> (String, String)? in
          let value = graph.attributeDefaults[kind][index]
          return value.isEmpty ? nil : (graph.attributeNames[kind][index], value)
        }
        writeDictionary(keyword, items, level: level)
      }
    }

    /// `keyword [a=1,\n\t\tb=2\n\t];` as `agwrite` writes an attribute statement.
    mutating func writeDictionary(_ keyword: String, _ items: [(String, String)], level: Int) {
      guard !items.isEmpty else { return }
      indent(level)
      put(keyword)
      put(" [")
      for (position, (name, value)) in items.enumerated() {
        if position > 0 {
          put(",\n")
          indent(level + 1)
        }
        canon(name)
        put("=")
        canon(value)
      }
      if items.count > 1 {
        put("\n")
        indent(level)
      }
      put("];\n")
    }

    /// Every subgraph, depth first in creation order, each with its own nodes; no recursion.
    mutating func writeSubgraphs() {
      let count = graph.subgraphNames.count
      guard count > 0 else { return }
      var children = [[Int]](repeating: [], count: count + 1)
      for s in 0..<count { children[graph.subgraphParents[s] + 1].append(s) }
      var members = [[Int]](repeating: [], count: count)
      for n in graph.nodeNames.indices where graph.nodeSubgraph[n] >= 0 {
        members[Int(graph.nodeSubgraph[n])].append(n)
      }
      // (subgraph, next child to write); -1 is the root.
      var stack: [(subgraph: Int, child: Int)] = [(-1, 0)]
      while let (s, child) = stack.last {
        let level = stack.count
        let list = children[s + 1]
        if child < list.count {
          stack[stack.count - 1].child += 1
          let sub = list[child]
          indent(level)
          put("subgraph ")
          canon(graph.subgraphNames[sub])
          put(" {\n")
          let own = graph.subgraphAttributes[sub].sorted {
            graph.attributeNames[0][$0.attribute].utf8.lexicographicallyPrecedes(
              graph.attributeNames[0][$1.attribute].utf8)
          }
          writeDictionary(
            "graph", own.map { (graph.attributeNames[0][$0.attribute], $0.value) },
            level: level + 1)
          stack.append((sub, 0))
        } else {
          stack.removeLast()
          guard s >= 0 else { break }
          for n in members[s] { writeNode(n, level: level) }
          indent(level - 1)
          put("}\n")
        }
      }
    }

    /// Collects the settings of a node (`isEdge` false) or an edge into `found`, the last
    /// value of each attribute winning; returns the stamp they carry.
    mutating func collect(_ last: Int32) -> Int {
      generation += 1
      var s = last
      while s >= 0 {
        let setting = graph.settings[Int(s)]
        let a = Int(setting.attribute)
        if stamp[a] != generation {
          stamp[a] = generation
          found[a] = setting.value
          foundHTML[a] = setting.isHTML
        }
        s = setting.next
      }
      return generation
    }

    /// Whether a node has a value other than its attribute's default.
    mutating func hasOwnAttributes(node n: Int) -> Bool {
      let g = collect(graph.nodeSettings[n])
      for a in graph.attributeNames[1].indices where stamp[a] == g {
        if foundHTML[a] || found[a] != graph.attributeDefaults[1][a] { return true }
      }
      return false
    }

    /// `\t[a=1,\n\t\tb=2]` for the values of `kind` other than the defaults, `skipping` ports.
    mutating func writeAttributes(kind: Int, last: Int32, level: Int, skipping: (Int?, Int?)) {
      let g = collect(last)
      var count = 0
      for a in order[kind] where stamp[a] == g && a != skipping.0 && a != skipping.1 {
        guard let value = found[a] else { continue }
        let html = foundHTML[a]
        if !html && value == graph.attributeDefaults[kind][a] { continue }
        if count == 0 {
          put("\t[")
        } else {
          put(",\n")
          indent(level + 1)
        }
        count += 1
        canon(graph.attributeNames[kind][a])
        put("=")
        if html {
          out.append(UInt8(ascii: "<"))
          put(value)
          out.append(UInt8(ascii: ">"))
        } else {
          canon(value)
        }
      }
      if count > 0 { put("]") }
    }

    mutating func writeNode(_ n: Int, level: Int) {
      indent(level)
      canon(graph.nodeNames[n])
      writeAttributes(kind: 1, last: graph.nodeSettings[n], level: level, skipping: (nil, nil))
      put(";\n")
      statementEnd()
    }

    mutating func writeEdge(_ e: Int) {
      indent(1)
      canon(graph.nodeNames[Int(graph.edgeTails[e])])
      writePort(e, tailport)
      put(" -> ")
      canon(graph.nodeNames[Int(graph.edgeHeads[e])])
      writePort(e, headport)
      writeAttributes(
        kind: 2, last: graph.edgeSettings[e], level: 1, skipping: (tailport, headport))
      put(";\n")
      statementEnd()
    }

    /// `:e` for an edge's port; a `node:compass` port as two quoted parts.
    mutating func writePort(_ e: Int, _ port: Int?) {
      guard let port else { return }
      let g = collect(graph.edgeSettings[e])
      let value = stamp[port] == g ? found[port] ?? "" : graph.attributeDefaults[2][port]
      guard !value.isEmpty else { return }
      put(":")
      if let colon = value.firstIndex(of: ":") {
        DOTString.appendCanonical(String(value[..<colon]), to: &out)
        put(":")
        DOTString.appendCanonical(String(value[value.index(after: colon)...]), to: &out)
      } else {
        DOTString.appendCanonical(value, to: &out)
      }
    }
  }
}
