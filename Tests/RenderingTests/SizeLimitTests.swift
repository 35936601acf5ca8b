import Autograd
import Rendering
import Testing

@Suite("drawings too large to lay out")
struct SizeLimitTests {
  @Test("a 3,000-node graph is refused without --collapse, with advice, and accepted with it")
  func threeThousand() throws {
    let root = Graphs.mlp(hidden: [8, 8], samples: 15)
    let whole = Drawing(root: root)
    #expect(whole.valueCount > 3000 && whole.valueCount < 3500)
    #expect {
      try whole.render(format: "svg")
    } throws: { error in
      guard case .tooLarge(let nodes, let limit, let suggestions) = error as? RenderError
      else { return false }
      return nodes == whole.valueCount && limit == 2000
        && suggestions.first?.hasPrefix("--collapse neuron (") == true
        && suggestions.contains { $0.hasPrefix("--focus loss --depth ") }
    }
    let collapsed = Drawing(root: root, options: DrawingOptions(collapse: .neuron))
    let svg = String(decoding: try collapsed.render(format: "svg"), as: UTF8.self)
    #expect(svg.contains("<title>layer1_neuron7</title>"))
    #expect(svg.hasSuffix("</svg>\n"))
  }

  @Test("the advice's options do fit")
  func adviceFits() throws {
    let root = Graphs.mlp(hidden: [8, 8], samples: 15)
    let limit = 300
    let drawing = Drawing(root: root, options: DrawingOptions(maxNodes: limit))
    let error = Result { try drawing.render(format: "svg") }.failure as? RenderError
    guard case .tooLarge(_, _, let suggestions)? = error else {
      Issue.record("not refused: \(String(describing: error))")
      return
    }
    let focus = try #require(suggestions.first { $0.hasPrefix("--focus") })
    let depth = try #require(Int(focus.split(separator: " ")[3]))
    let fits = Drawing(
      root: root, options: DrawingOptions(maxNodes: limit, focus: Focus(name: "loss", depth: depth))
    )
    #expect(try fits.render(format: "canon").count > 0)
    let tooDeep = Drawing(
      root: root,
      options: DrawingOptions(maxNodes: limit, focus: Focus(name: "loss", depth: depth + 1)))
    #expect(throws: RenderError.self) { try tooDeep.render(format: "canon") }
  }

  @Test("the message says how many nodes there are and what to do")
  func message() {
    let text = RenderError.tooLarge(
      valueNodes: 3100, limit: 2000, suggestions: ["--collapse neuron (120 nodes)"]
    ).description
    for words in [
      "3100 nodes", "2000", "--collapse neuron (120 nodes)", "gradviz dot", "--max-nodes",
    ] {
      #expect(text.contains(words), "\(words)")
    }
    #expect(
      RenderError.tooLarge(valueNodes: 5, limit: 1, suggestions: []).description.contains(
        "--focus NAME --depth K"))
  }

  @Test("layout settings grow with the drawn size, long edges included")
  func layoutTiers() throws {
    #expect(try Drawing(root: Graphs.neuron()).layoutAttributes().isEmpty)
    let fast = try Drawing(root: Graphs.chain(501)).layoutAttributes()
    #expect(fast.contains { $0 == ("nslimit", "0.02") })
    let root = Graphs.mlp(hidden: [8, 8], samples: 15)
    let collapsed = Drawing(root: root, options: DrawingOptions(collapse: .neuron))
    let size = try collapsed.layoutSize()
    #expect(size.virtualNodes > 0)
    #expect(!(try collapsed.layoutAttributes()).isEmpty)
  }
}

extension Result {
  var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
