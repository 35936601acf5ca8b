import Autograd
import GraphvizBindings

/// One laid-out picture of the explorer page: the whole drawing, or the values of one
/// neuron or layer.
package struct ExplorerView: Sendable {
  /// The view's name: empty for the page's first view, else the name of the summary node it
  /// opens (`layer0_neuron3`, `layer1`).
  package let name: String
  /// What the view shows, in words: `layer 0 neuron 3`; empty for the first view.
  package let title: String
  /// The SVG text. Record nodes have the ids `n<k>` (trace position k), operation nodes
  /// `n<k>op`, summaries their names; input edges `n<k>in<slot>`, the edge from an operation
  /// to its value `n<k>out`. Classes: `value`, `op`, `summary`, `cut`, `legend` on nodes,
  /// `input`, `output` on edges.
  package let svg: String
  /// The values drawn as their own records, in trace order.
  package let shown: [Int]
}

/// Every picture of the explorer page, laid out once each.
package struct ExplorerLayout: Sendable {
  /// The level the first view is collapsed at, if any.
  package let collapse: GroupLevel?
  /// The first view, then one view per summary that fits under the node limit.
  package let views: [ExplorerView]
  /// The names of the first view's summaries, in its order.
  package let summaryNames: [String]
  /// For each value, its summary in the first view as an index into ``summaryNames``, or -1.
  package let summaryOf: [Int32]
  /// The summaries without their own view, with their number of values: more than
  /// ``DrawingOptions/maxNodes``.
  package let unopened: [String: Int]
}

extension Drawing {
  /// Lays out the pictures of the explorer page.
  ///
  /// The first view is the drawing as its options select it. When that has more record nodes
  /// than ``DrawingOptions/maxNodes`` and no `collapse` was chosen, it is collapsed by neuron,
  /// else by layer, whichever fits first. Each summary then gets its own view of the values
  /// inside it, when they fit under the same limit. Every record's grad field is laid out as
  /// wide as the widest text it shows during one backward pass or after it, so the page can
  /// write any step's gradients into the same layout.
  ///
  /// - Throws: ``RenderError/tooLarge(valueNodes:limit:suggestions:)`` when even the collapsed
  ///   first view does not fit; ``RenderError/unknownFocus(_:labels:)``;
  ///   `GraphvizError.graphviz` from Graphviz.
  /// - Complexity: one layout per view.
  package func explorerLayout() throws -> ExplorerLayout {
    var collapse = options.collapse
    var selection = try Selection(self, focus: options.focus, collapse: collapse)
    if selection.recordCount > options.maxNodes, collapse == nil {
      for level in [GroupLevel.neuron, .layer] {
        let collapsed = try Selection(self, focus: options.focus, collapse: level)
        if !collapsed.summaries.isEmpty, collapsed.recordCount <= options.maxNodes {
          selection = collapsed
          collapse = level
          break
        }
      }
    }
    guard selection.recordCount <= options.maxNodes else {
      throw RenderError.tooLarge(
        valueNodes: selection.recordCount, limit: options.maxNodes,
        suggestions: suggestions(under: options.maxNodes))
    }
    let links = PageLinks(fieldGrads: explorerFieldGrads())
    var views = [try explorerView(name: "", title: "", selection: selection, links: links)]
    var unopened: [String: Int] = [:]
    if let collapse {
      for summary in selection.summaries {
        let name = Builder.summaryName(summary.group)
        let members = Selection(self, members: summary.group, level: collapse)
        guard members.recordCount <= options.maxNodes else {
          unopened[name] = members.recordCount
          continue
        }
        views.append(
          try explorerView(
            name: name, title: summary.group.description, selection: members, links: links))
      }
    }
    return ExplorerLayout(
      collapse: collapse, views: views,
      summaryNames: selection.summaries.map { Builder.summaryName($0.group) },
      summaryOf: selection.summaryOf, unopened: unopened)
  }

  private func explorerView(
    name: String, title: String, selection: Selection, links: PageLinks
  ) throws -> ExplorerView {
    let bytes = try render(format: "svg", selection: selection, overlay: nil, links: links)
    let shown = (0..<valueCount).filter { selection.isShown($0) }
    return ExplorerView(
      name: name, title: title, svg: String(decoding: bytes, as: UTF8.self), shown: shown)
  }

  /// For each value, the gradient with the longest field text of those it shows: during one
  /// backward pass from zero, after it, and the trace's own.
  func explorerFieldGrads() -> Overlay {
    var widest = BackwardPass(self).widestGrads()
    for k in 0..<valueCount where gradComputed[k] {
      let text = FieldFormat.number(grads[k])
      if !widest.gradComputed[k] || text.count > FieldFormat.number(widest.grads[k]).count {
        widest.grads[k] = grads[k]
        widest.gradComputed[k] = true
      }
    }
    return widest
  }
}
