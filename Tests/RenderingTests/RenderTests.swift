import Autograd
import Foundation
import GraphvizBindings
import Rendering
import Testing

@Suite("rendering through Graphviz")
struct RenderTests {
  /// The SVG of `drawing`, as text.
  func svg(_ drawing: Drawing) throws -> String {
    String(decoding: try drawing.render(format: "svg"), as: UTF8.self)
  }

  /// The contents of the SVG's `<text>` elements, with XML entities decoded and no-break
  /// spaces read as spaces.
  func texts(in svg: String) -> [String] {
    svg.components(separatedBy: "<text").dropFirst().compactMap { element in
      guard let start = element.firstIndex(of: ">"),
        let end = element.range(of: "</text>")
      else { return nil }
      return decodingNumericEntities(String(element[element.index(after: start)..<end.lowerBound]))
        .replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#160;", with: " ")
        .replacingOccurrences(of: "&amp;", with: "&")
        .replacingOccurrences(of: "\u{00A0}", with: " ")
    }
  }

  /// `text` with `&#NN;` entities replaced by their characters.
  func decodingNumericEntities(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let start = rest.range(of: "&#"), let end = rest[start.upperBound...].firstIndex(of: ";"),
      let code = UInt32(rest[start.upperBound..<end]), let scalar = Unicode.Scalar(code)
    {
      result += rest[..<start.lowerBound]
      result.unicodeScalars.append(scalar)
      rest = rest[rest.index(after: end)...]
    }
    return result + rest
  }

  /// The titles of the SVG's node groups.
  func nodeTitles(in svg: String) -> [String] {
    svg.components(separatedBy: #"class="node">"#).dropFirst().compactMap { group in
      guard let start = group.range(of: "<title>"), let end = group.range(of: "</title>")
      else { return nil }
      return String(group[start.upperBound..<end.lowerBound])
    }
  }

  @Test("the neuron's SVG has 10 records and 5 operations with draw_dot's text")
  func neuronSVG() throws {
    let svg = try svg(Drawing(root: Graphs.neuron()))
    #expect(svg.components(separatedBy: #"<g id="node"#).count - 1 == 15)
    let titles = nodeTitles(in: svg)
    #expect(titles.count == 15)
    #expect(Set(titles.filter { !$0.hasSuffix("op") }) == Set((0..<10).map { "n\($0)" }))
    #expect(Set(titles.filter { $0.hasSuffix("op") }) == ["n5op", "n6op", "n7op", "n8op", "n9op"])
    // 9 input positions into 5 operations, and 5 edges from operations to their values.
    #expect(svg.components(separatedBy: #"class="edge""#).count - 1 == 14)
    let texts = texts(in: svg)
    for text in [
      "x1", "data 2.0000", "grad -1.5000", "x1*w1 + x2*w2", "o", "data 0.7071", "grad 1.0000",
      "tanh", "*", "+",
    ] {
      #expect(texts.contains(text), "\(text)")
    }
  }

  @Test("uncomputed gradients render as an em dash")
  func emDash() throws {
    let texts = texts(in: try svg(Drawing(root: Graphs.neuron(backward: false))))
    #expect(texts.filter { $0 == "grad —" }.count == 10)
  }

  @Test("labels that need escaping render as typed, without Graphviz errors")
  func nastyLabels() throws {
    for rankdir in RankDir.allCases {
      let drawing = Drawing(root: Graphs.nastyLabels(), options: DrawingOptions(rankdir: rankdir))
      let texts = texts(in: try svg(drawing))
      for label in Escaping.nasty where !label.isEmpty {
        let lines = label.replacingOccurrences(of: "\t", with: #"\t"#).split(separator: "\n")
        for line in lines { #expect(texts.contains(String(line)), "\(rankdir) \(label)") }
      }
    }
  }

  @Test("the installed formats include the common ones")
  func formats() throws {
    let formats = try Graphviz.formats()
    for format in ["svg", "png", "pdf", "dot", "json"] { #expect(formats.contains(format)) }
    #expect(formats == formats.sorted())
    #expect(Set(formats).count == formats.count)
    #expect(!formats.contains { $0.contains(":") })
    #expect(!formats.contains("x11"))
    #expect(!formats.contains("vrml"))
    #expect(Graphviz.version.first?.isNumber == true)
  }

  @Test("an unknown format is refused, and rendering still works after it")
  func unknownFormat() throws {
    let drawing = Drawing(root: Graphs.neuron())
    let available = try Graphviz.formats()
    #expect(throws: GraphvizError.unknownFormat("nope", available: available)) {
      try drawing.render(format: "nope")
    }
    #expect(throws: GraphvizError.unknownFormat("svg:nope", available: available)) {
      try drawing.render(format: "svg:nope")
    }
    #expect(throws: GraphvizError.unknownFormat("x11", available: available)) {
      try drawing.render(format: "x11")
    }
    #expect(try svg(drawing).contains("data 0.7071"))
    #expect(
      GraphvizError.unknownFormat("nope", available: ["png", "svg"]).description.contains(
        "png, svg"))
  }

  @Test("formats render", arguments: ["png", "pdf", "json", "dot"])
  func otherFormats(format: String) throws {
    let bytes = try Drawing(root: Graphs.square()).render(format: format)
    #expect(bytes.count > 100)
    if format.hasPrefix("png") { #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47]) }
    if format == "pdf" { #expect(Array(bytes.prefix(4)) == Array("%PDF".utf8)) }
  }

  @Test("more value nodes than the limit are refused before anything is built")
  func tooLarge() throws {
    let drawing = Drawing(root: Graphs.chain(1000))
    #expect(drawing.valueCount == 2001)
    func isRefusal(_ error: any Error, nodes: Int, limit: Int) -> Bool {
      guard case .tooLarge(nodes, limit, let suggestions) = error as? RenderError else {
        return false
      }
      // No groups to collapse: the advice is a focus on the root, which has no label.
      return suggestions.count == 1 && suggestions[0].hasPrefix("--focus n2000 --depth ")
        || nodes == 10
    }
    #expect { try drawing.render(format: "svg") } throws: {
      isRefusal($0, nodes: 2001, limit: 2000)
    }
    // The size is checked first: not even the format is looked up.
    #expect { try drawing.render(format: "nope") } throws: {
      isRefusal($0, nodes: 2001, limit: 2000)
    }
    let small = Drawing(root: Graphs.neuron(), options: DrawingOptions(maxNodes: 9))
    #expect { try small.render(format: "svg") } throws: { isRefusal($0, nodes: 10, limit: 9) }
    let advice = RenderError.tooLarge(valueNodes: 2001, limit: 2000, suggestions: []).description
    #expect(advice.contains("gradviz dot"))
    #expect(advice.contains("--max-nodes"))
  }

  @Test("above 1,000 values the layout uses the fast settings")
  func fastLayoutSettings() throws {
    let large = String(
      decoding: try Drawing(root: Graphs.chain(501)).render(format: "canon"), as: UTF8.self)
    for setting in ["newrank=true", "nslimit=0.02", "nslimit1=0.02", "mclimit=0.05"] {
      #expect(large.contains(setting), "\(setting)")
    }
    let small = String(
      decoding: try Drawing(root: Graphs.chain(499)).render(format: "canon"), as: UTF8.self)
    #expect(!small.contains("newrank"))
  }

  @Test("renders from many tasks at once give the same pictures")
  func concurrentRenders() async throws {
    let expected = try Drawing(root: Graphs.neuron()).render(format: "svg")
    try await withThrowingTaskGroup(of: [UInt8].self) { group in
      for _ in 0..<8 {
        group.addTask { try Drawing(root: Graphs.neuron()).render(format: "svg") }
        group.addTask {
          _ = try Drawing(root: Graphs.square()).dot()
          return expected
        }
      }
      for try await svg in group { #expect(svg == expected) }
    }
  }
}
