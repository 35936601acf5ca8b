import Autograd

extension Drawing {
  /// Turns a selection of the trace into Graphviz nodes, edges and clusters.
  struct Builder {
    typealias Graph = DOTGraph

    let drawing: Drawing
    let selection: Selection
    let overlay: Overlay?
    /// The explorer page's ids, classes and field widths; `nil` for other pictures.
    let links: PageLinks?
    let a: Attributes
    /// The fills of ``NodeColoring/grad``; `nil` without colour.
    let scale: GradientScale?
    /// Whether value nodes get hover text (`tooltip`).
    let hoverText: Bool
    /// The leaves drawn as copies beside their far consumers.
    let copies: LeafCopies

    /// The record node of each value drawn as its own record.
    private var valueNodes: [Graph.Node?]
    /// The node of each summary, once created.
    private var summaryNodes: [Graph.Node?]
    private var layerClusters: [Int: Graph.Subgraph] = [:]
    private var neuronClusters: [NodeGroup: Graph.Subgraph] = [:]
    /// Edges that involve a summary, as `tail>head`, drawn once each.
    private var summaryEdges: Set<String> = []
    /// The copies of leaves drawn so far, by name.
    private var copyNodes: [String: Graph.Node] = [:]

    init(
      drawing: Drawing, selection: Selection, overlay: Overlay?, links: PageLinks? = nil,
      attributes: Attributes, hoverText: Bool, scale: GradientScale?,
      copies: LeafCopies = LeafCopies()
    ) {
      self.links = links
      self.copies = copies
      self.hoverText = hoverText
      self.drawing = drawing
      self.selection = selection
      self.overlay = overlay
      self.a = attributes
      self.scale = scale
      valueNodes = Array(repeating: nil, count: drawing.valueCount)
      summaryNodes = Array(repeating: nil, count: selection.summaries.count)
    }

    private var options: DrawingOptions { drawing.options }

    /// The gradient of value `k` at this point (the frame's, or the trace's).
    private func grad(_ k: Int) -> Double { overlay?.grads[k] ?? drawing.grads[k] }

    /// Whether the gradient of value `k` is known at this point.
    private func isComputed(_ k: Int) -> Bool {
      overlay?.gradComputed[k] ?? drawing.gradComputed[k]
    }

    /// Builds every node and edge.
    mutating func build(in graph: inout Graph) throws {
      let n = drawing.valueCount
      let centres = Set(selection.centres)
      for k in 0..<n where selection.visible[k] {
        if selection.summaryOf[k] >= 0 {
          try addToSummary(k, in: &graph)
        } else {
          try addValue(k, isCentre: centres.contains(k), in: &graph)
        }
      }
      if options.focus != nil { try addDownstreamCuts(in: &graph) }
      if let scale {
        let legend = try graph.addNode(named: "legend")
        // A rank of its own after the root, so the legend adds no height to the picture.
        let root = drawing.rootPosition
        let summary = Int(selection.summaryOf[root])
        if let rootNode = valueNodes[root] ?? (summary >= 0 ? summaryNodes[summary] : nil) {
          let edge = try graph.addEdge(from: rootNode, to: legend)
          try graph.set(a.edgeStyle, to: "invis", on: edge)
        }
        try graph.set(a.shape, to: "plain", on: legend)
        try graph.set(a.label, toHTML: scale.legendHTML(), on: legend)
        try link(legend, id: "legend", className: "legend", in: &graph)
      }
    }

    /// Gives a node the `id` and `class` the explorer page finds it by.
    private func link(
      _ node: Graph.Node, id: String, className: String, in graph: inout Graph
    ) throws {
      guard let idAttribute = a.id, let classAttribute = a.className else { return }
      try graph.set(idAttribute, to: id, on: node)
      try graph.set(classAttribute, to: className, on: node)
    }

    /// Gives an edge the `id` and `class` the explorer page finds it by.
    private func link(
      _ edge: Graph.Edge, id: String, className: String, in graph: inout Graph
    ) throws {
      guard let idAttribute = a.edgeID, let classAttribute = a.edgeClassName else { return }
      try graph.set(idAttribute, to: id, on: edge)
      try graph.set(classAttribute, to: className, on: edge)
    }

    // MARK: - Values and operations

    /// Adds value `k` as a record, with its operation node and input edges.
    private mutating func addValue(_ k: Int, isCentre: Bool, in graph: inout Graph) throws {
      let cluster = try self.cluster(for: drawing.group(of: k), in: &graph)
      var opNode: Graph.Node? = nil
      if !drawing.ops[k].isEmpty {
        let node = try graph.addNode(named: "n\(k)op", in: cluster)
        try graph.set(a.label, to: RecordLabel.escape(drawing.ops[k]), on: node)
        try graph.set(a.shape, to: "ellipse", on: node)
        try graph.set(a.fontsize, to: "12", on: node)
        try graph.set(a.height, to: "0.3", on: node)
        try link(node, id: "n\(k)op", className: "op", in: &graph)
        opNode = node
      }
      let node = try addRecord(
        of: k, named: Trace.nodeName(k), className: "value",
        tooltip: hoverText ? tooltip(k) : "", in: cluster, &graph)
      valueNodes[k] = node
      try style(value: k, node: node, isCentre: isCentre, in: &graph)

      guard let opNode else { return }
      var missing = 0
      let range = drawing.inputRange(k)
      for position in range {
        let i = Int(drawing.inputs[position])
        guard selection.visible[i] else {
          missing += 1
          continue
        }
        if let copy = copies.copy(at: position) {
          let copyNode = try addCopy(of: copy.leaf, number: copy.number, in: cluster, &graph)
          let edge = try graph.addEdge(from: copyNode, to: opNode)
          try labelEdge(edge, position: position, value: k, in: &graph)
          try link(
            edge, id: "n\(k)in\(position - range.lowerBound)", className: "input", in: &graph)
        } else if let inputNode = valueNodes[i] {
          let edge = try graph.addEdge(from: inputNode, to: opNode)
          try labelEdge(edge, position: position, value: k, in: &graph)
          try link(
            edge, id: "n\(k)in\(position - range.lowerBound)", className: "input", in: &graph)
        } else {
          let s = Int(selection.summaryOf[i])
          try addSummaryEdge(from: s, toNode: opNode, named: "n\(k)op", in: &graph)
        }
      }
      if missing > 0 {
        let cut = try graph.addNode(named: "n\(k)cut", in: cluster)
        try link(cut, id: "n\(k)cut", className: "cut", in: &graph)
        try styleCut(cut, tooltip: "\(missing) of \(range.count) inputs not drawn", in: &graph)
        let edge = try graph.addEdge(from: cut, to: opNode)
        try graph.set(a.edgeStyle, to: "dashed", on: edge)
        try graph.set(a.edgeColor, to: Marks.cut, on: edge)
      }
      let out = try graph.addEdge(from: opNode, to: node)
      try link(out, id: "n\(k)out", className: "output", in: &graph)
    }

    /// Adds copy `number` of leaf `k` (see ``LeafCopies``), or returns it when this consumer
    /// already has it (`x * x`).
    private mutating func addCopy(
      of k: Int, number: Int, in cluster: Graph.Subgraph?, _ graph: inout Graph
    ) throws -> Graph.Node {
      let name = LeafCopies.name(leaf: k, number: number)
      if let existing = copyNodes[name] { return existing }
      let node = try addRecord(
        of: k, named: name, className: "value copy",
        tooltip: hoverText ? "copy \(number) of \(Trace.nodeName(k))" + #"\n"# + tooltip(k) : "",
        in: cluster, &graph)
      copyNodes[name] = node
      try style(value: k, node: node, isCentre: false, isCopy: true, in: &graph)
      return node
    }

    /// Adds value `k`'s record node `label | data | grad` as `name` (the value's own node, or
    /// a copy of a leaf), with its id, class, hover text (when ``hoverText``) and the frame
    /// overlay's fixed size.
    private mutating func addRecord(
      of k: Int, named name: String, className: String, tooltip: String,
      in cluster: Graph.Subgraph?, _ graph: inout Graph
    ) throws -> Graph.Node {
      let node = try graph.addNode(named: name, in: cluster)
      let field = links?.fieldGrads
      try graph.set(
        a.label,
        to: drawing.recordLabel(
          k, grad: field?.grads[k] ?? grad(k), computed: field?.gradComputed[k] ?? isComputed(k)),
        on: node)
      try link(node, id: name, className: className, in: &graph)
      if hoverText { try graph.set(a.tooltip, to: tooltip, on: node) }
      if let size = overlay?.sizes[name] {
        try graph.set(a.width, to: size.width, on: node)
        try graph.set(a.height, to: size.height, on: node)
      }
      return node
    }

    /// Sets the fill and border of value `k`'s record (or of a copy of it: dashed and grey).
    private mutating func style(
      value k: Int, node: Graph.Node, isCentre: Bool, isCopy: Bool = false, in graph: inout Graph
    ) throws {
      var styles: [String] = []
      var penwidth: String? = nil
      var borderColor: String? = nil
      var fill: GradientScale.Fill? = nil
      if let scale {
        fill = scale.fill(grad(k), computed: isComputed(k))
        switch drawing.role(of: k) {
        case .root: penwidth = "3"
        case .parameter: penwidth = "2"
        case .input: styles.append("dashed")
        case .constant: styles.append("dotted")
        case .intermediate: break
        }
      }
      if options.color == .check, options.flagged.contains(k) {
        fill = GradientScale.Fill(fill: Marks.wrongFill, font: nil)
        borderColor = Marks.wrong
        penwidth = "2"
      }
      if overlay != nil, !isComputed(k) {
        try graph.set(a.fontcolor, to: Marks.pending, on: node)
      }
      if isCentre {
        penwidth = "3"
        borderColor = Marks.focus
      }
      if let overlay, overlay.current == k {
        penwidth = "4"
        borderColor = Marks.current
        if fill == nil { fill = GradientScale.Fill(fill: Marks.currentFill, font: nil) }
      }
      if isCopy {
        if !styles.contains("dashed") { styles.append("dashed") }
        if borderColor == nil { borderColor = Marks.copy }
      }
      if let fill {
        styles.insert("filled", at: 0)
        try graph.set(a.fillcolor, to: fill.fill, on: node)
        if let font = fill.font { try graph.set(a.fontcolor, to: font, on: node) }
      }
      if !styles.isEmpty { try graph.set(a.style, to: styles.joined(separator: ","), on: node) }
      if let penwidth { try graph.set(a.penwidth, to: penwidth, on: node) }
      if let borderColor { try graph.set(a.color, to: borderColor, on: node) }
    }

    /// Labels an input edge with its local derivative and the gradient it carries back, and
    /// marks the edges of a frame's current step.
    private mutating func labelEdge(
      _ edge: Graph.Edge, position: Int, value k: Int, in graph: inout Graph
    ) throws {
      if options.edgeGradients {
        let local = drawing.localDerivatives[position]
        var text = "local " + FieldFormat.number(local)
        if isComputed(k) { text += #"\n+= "# + FieldFormat.number(local * grad(k)) }
        try graph.set(a.edgeLabel, to: text, on: edge)
        try graph.set(a.edgeFontsize, to: "10", on: edge)
      }
      if let overlay, overlay.current == k {
        try graph.set(a.edgeColor, to: Marks.current, on: edge)
        try graph.set(a.edgePenwidth, to: "2.5", on: edge)
      }
    }

    /// The hover text of value `k`: its label, then data, grad, operation and group in full
    /// precision, as an escaped Graphviz string.
    private func tooltip(_ k: Int) -> String {
      var lines = [
        drawing.labels[k].isEmpty ? Trace.nodeName(k) : RecordLabel.shortened(drawing.labels[k])
      ]
      lines.append("data " + PythonFormat.float(drawing.data[k]))
      lines.append("grad " + (isComputed(k) ? PythonFormat.float(grad(k)) : "not computed"))
      switch drawing.kinds[k].role {
      case .leaf: lines.append(drawing.groups[k] >= 0 ? "parameter" : "leaf")
      case .constant: lines.append("constant")
      case .operation: lines.append("op " + drawing.ops[k])
      }
      if let group = drawing.group(of: k) { lines.append(group.description) }
      return lines.map(Self.escapeString).joined(separator: #"\n"#)
    }

    /// Text for a Graphviz escString (tooltips) that shows as typed.
    ///
    /// ```
    /// control char  ->  \x01   (as PrintableText shows it)
    /// \             ->  \\\\    (2.42 unescapes a tooltip twice: once on reading, once
    ///                             for \N, \G, \L and \E)
    /// &             ->  &#38;   (so a typed &amp; stays &amp;)
    /// ```
    static func escapeString(_ text: String) -> String {
      var result = ""
      for scalar in PrintableText.escape(text).unicodeScalars {
        switch scalar {
        case "\\": result += #"\\\\"#
        case "&": result += "&#38;"
        default: result.unicodeScalars.append(scalar)
        }
      }
      return result
    }

    // MARK: - Summaries

    /// Counts value `k` into its summary: creates the summary node at the group's first value
    /// and draws the edges that come into the group.
    private mutating func addToSummary(_ k: Int, in graph: inout Graph) throws {
      let s = Int(selection.summaryOf[k])
      let summary = selection.summaries[s]
      let name = Self.summaryName(summary.group)
      if summaryNodes[s] == nil {
        let cluster =
          options.cluster == nil
          ? nil : try layerCluster(summary.group.layer, in: &graph)
        let node = try graph.addNode(named: name, in: cluster)
        summaryNodes[s] = node
        try describeSummary(summary, node: node, in: &graph)
        try link(node, id: name, className: "summary", in: &graph)
        if let size = overlay?.sizes[name] {
          try graph.set(a.width, to: size.width, on: node)
          try graph.set(a.height, to: size.height, on: node)
        }
      }
      guard let node = summaryNodes[s] else { return }
      for input in drawing.inputs(of: k) {
        let i = Int(input)
        guard selection.visible[i], Int(selection.summaryOf[i]) != s else { continue }
        if let inputNode = valueNodes[i] {
          let key = "n\(i)>" + name
          if summaryEdges.insert(key).inserted {
            let edge = try graph.addEdge(from: inputNode, to: node)
            try graph.set(a.headport, to: options.rankdir.entrySide, on: edge)
          }
        } else {
          try addSummaryEdge(
            from: Int(selection.summaryOf[i]), toNode: node, named: name, in: &graph)
        }
      }
    }

    /// An edge from summary `s` to a node, drawn once.
    private mutating func addSummaryEdge(
      from s: Int, toNode head: Graph.Node, named headName: String, in graph: inout Graph
    ) throws {
      guard let tail = summaryNodes[s] else { return }
      let key = Self.summaryName(selection.summaries[s].group) + ">" + headName
      guard summaryEdges.insert(key).inserted else { return }
      // Wide summary records: edges leave and enter at their sides, not through their text.
      let edge = try graph.addEdge(from: tail, to: head)
      try graph.set(a.tailport, to: options.rankdir.exitSide, on: edge)
      if headName.hasPrefix("layer") {
        try graph.set(a.headport, to: options.rankdir.entrySide, on: edge)
      }
    }

    /// The node name of a summary: `layer0_neuron3`, `layer1`.
    static func summaryName(_ group: NodeGroup) -> String {
      "layer\(group.layer)" + (group.neuron.map { "_neuron\($0)" } ?? "")
    }

    /// Sets a summary's label: group, count, and its output's data and grad (or their ranges
    /// when the group has several outputs).
    private mutating func describeSummary(
      _ summary: Selection.Summary, node: Graph.Node, in graph: inout Graph
    ) throws {
      let outputs = summary.outputs
      var fields = [RecordLabel.escape(summary.group.description), "\(summary.members) values"]
      if outputs.count == 1, let k = outputs.first {
        fields.append("data " + FieldFormat.number(drawing.data[k]))
        fields.append("grad " + (isComputed(k) ? FieldFormat.number(grad(k)) : "—"))
      } else {
        fields.append("\(outputs.count) outputs")
        fields.append("data " + Self.range(outputs.map { drawing.data[$0] }))
        let computed = outputs.allSatisfy(isComputed)
        fields.append("grad " + (computed ? Self.range(outputs.map(grad)) : "—"))
      }
      let joined = fields.joined(separator: "|")
      try graph.set(
        a.label, to: options.rankdir.isHorizontal ? "{" + joined + "}" : joined, on: node)
      try graph.set(a.shape, to: "Mrecord", on: node)
      let tip =
        "\(summary.group): \(summary.members) values, \(outputs.count) "
        + (outputs.count == 1 ? "output" : "outputs")
      if hoverText { try graph.set(a.tooltip, to: tip, on: node) }
      var fill = GradientScale.Fill(fill: Marks.summaryFill, font: nil)
      if let scale, outputs.count == 1, let k = outputs.first,
        let graded = scale.fill(grad(k), computed: isComputed(k))
      {
        fill = graded
      }
      try graph.set(a.style, to: "filled", on: node)
      try graph.set(a.fillcolor, to: fill.fill, on: node)
      if let font = fill.font { try graph.set(a.fontcolor, to: font, on: node) }
    }

    /// `-0.3100 to 2.0500`, or one number when all are equal; NaNs are mentioned, not ranked.
    static func range(_ numbers: [Double]) -> String {
      let ordered = numbers.filter { !$0.isNaN }
      var text: String
      if let low = ordered.min(), let high = ordered.max() {
        text =
          low == high
          ? FieldFormat.number(low) : FieldFormat.number(low) + " to " + FieldFormat.number(high)
        if ordered.count < numbers.count { text += ", nan" }
      } else {
        text = "nan"
      }
      return text
    }

    // MARK: - Clusters

    /// The cluster a value of `group` is drawn in, created on first use.
    private mutating func cluster(for group: NodeGroup?, in graph: inout Graph) throws
      -> Graph.Subgraph?
    {
      guard let level = options.cluster, let group else { return nil }
      let layer = try layerCluster(group.layer, in: &graph)
      guard level == .neuron, let neuron = group.neuron else { return layer }
      if let existing = neuronClusters[group] { return existing }
      let cluster = try graph.addSubgraph(
        named: "cluster_" + Self.summaryName(group), in: layer)
      try graph.set(a.clusterLabel, to: "neuron \(neuron)", on: cluster)
      try graph.set(a.clusterStyle, to: "rounded,dashed", on: cluster)
      try graph.set(a.clusterColor, to: Marks.cluster, on: cluster)
      neuronClusters[group] = cluster
      return cluster
    }

    /// The cluster of layer `layer`, created on first use.
    private mutating func layerCluster(_ layer: Int, in graph: inout Graph) throws
      -> Graph.Subgraph
    {
      if let existing = layerClusters[layer] { return existing }
      let cluster = try graph.addSubgraph(named: "cluster_layer\(layer)")
      try graph.set(a.clusterLabel, to: "layer \(layer)", on: cluster)
      try graph.set(a.clusterStyle, to: "rounded", on: cluster)
      try graph.set(a.clusterColor, to: Marks.cluster, on: cluster)
      layerClusters[layer] = cluster
      return cluster
    }

    // MARK: - Focus

    /// Marks each drawn value that is used by values outside the focus.
    private mutating func addDownstreamCuts(in graph: inout Graph) throws {
      let n = drawing.valueCount
      var hidden = [Int](repeating: 0, count: n)
      for j in 0..<n where !selection.visible[j] {
        var previous = -1
        for input in drawing.inputs(of: j) where selection.visible[Int(input)] {
          if Int(input) != previous { hidden[Int(input)] += 1 }
          previous = Int(input)
        }
      }
      for k in 0..<n where hidden[k] > 0 {
        guard let node = valueNodes[k] else { continue }
        let cut = try graph.addNode(named: "n\(k)more")
        let uses = hidden[k] == 1 ? "1 value" : "\(hidden[k]) values"
        try styleCut(cut, tooltip: "used by \(uses) not drawn", in: &graph)
        let edge = try graph.addEdge(from: node, to: cut)
        try graph.set(a.edgeStyle, to: "dashed", on: edge)
        try graph.set(a.edgeColor, to: Marks.cut, on: edge)
      }
    }

    /// A marker where the focus cut the graph.
    private mutating func styleCut(_ node: Graph.Node, tooltip: String, in graph: inout Graph)
      throws
    {
      try graph.set(a.label, to: "…", on: node)
      try graph.set(a.shape, to: "plaintext", on: node)
      try graph.set(a.fontcolor, to: Marks.cut, on: node)
      try graph.set(a.tooltip, to: tooltip, on: node)
    }
  }
}
