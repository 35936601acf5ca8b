import Autograd
import Foundation
import Rendering
import Testing

@Suite("leaf copies")
struct LeafCopyTests {
  /// `x = x * w + 0.25`, `steps` times: the leaf `w` (n0) feeds every step.
  static func sharedChain(_ steps: Int) -> Value {
    let tape = Tape()
    let w = Value(0.5, label: "w", on: tape)
    var x = Value(1, label: "x", on: tape)
    for _ in 0..<steps { x = x * w + 0.25 }
    x.backward()
    return x
  }

  /// The record label of each node of DOT text, by node name.
  static func labels(_ dot: String) -> [String: String] {
    var result: [String: String] = [:]
    var name: String? = nil
    for line in dot.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if !line.hasPrefix("\t\t"), let first = trimmed.split(separator: "\t").first,
        !trimmed.contains("->")
      {
        name = String(first)
      }
      if let name, let start = trimmed.range(of: #"label="{"#) {
        let rest = trimmed[start.upperBound...]
        result[name] = String(rest.prefix { $0 != "}" })
      }
    }
    return result
  }

  @Test("a leaf with many far uses gets a copy beside each of them, named after it")
  func copiesAppear() throws {
    let dot = try Drawing(root: Self.sharedChain(10)).dot()
    // w's first use is near (the original keeps that edge); the other 9 are far.
    let copies = (1...9).map { "n0c\($0)" }
    for copy in copies { #expect(dot.contains("\t\(copy)\t["), "\(copy)") }
    #expect(!dot.contains("n0c10"))
    #expect(dot.components(separatedBy: "n0 -> ").count - 1 == 1)
    #expect(dot.contains(##"color="#7f7f7f""##) && dot.contains("style=dashed"))
    // Each copy has one edge, into the operation it sits beside.
    for copy in copies { #expect(dot.components(separatedBy: "\(copy) -> ").count - 1 == 1) }
  }

  @Test("copies show the original's label, data and grad, in pictures and in every frame")
  func copiesShowTheOriginal() throws {
    let drawing = Drawing(root: Self.sharedChain(6))
    let labels = Self.labels(try drawing.dot())
    let original = try #require(labels["n0"])
    #expect(original.hasPrefix("w|data 0.5000|grad "))
    let copies = labels.filter { $0.key.hasPrefix("n0c") }
    #expect(copies.count == 5)
    #expect(copies.values.allSatisfy { $0 == original })
    let svg = String(decoding: try drawing.render(format: "svg"), as: UTF8.self)
    #expect(svg.contains(#"<g id="node"#) && svg.contains("copy 1 of n0"))
    // Frames: every copy shows the original's grad at every step.
    var frames = 0
    try drawing.renderFrames(format: "plain", limit: 100) { _, bytes in
      frames += 1
      var grads: [String: Substring] = [:]
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n")
      where line.hasPrefix("node n0") {
        let name = line.split(separator: " ")[1]
        guard let grad = line.range(of: "|grad ") else { continue }
        grads[String(name)] = line[grad.upperBound...].prefix { $0 != "}" && $0 != "\"" }
      }
      #expect(grads.count == 6)
      #expect(Set(grads.values).count == 1, "\(grads)")
    }
    #expect(frames == (try drawing.backwardFrames().count))
  }

  @Test("without copies, or under the threshold, the drawing is the same as before")
  func offSwitch() throws {
    let root = Self.sharedChain(10)
    var off = DrawingOptions()
    off.leafCopies = nil
    let plain = try Drawing(root: root, options: off).dot()
    #expect(!plain.contains("n0c"))
    #expect(plain.components(separatedBy: "n0 -> ").count - 1 == 10)
    var high = DrawingOptions()
    high.leafCopies = 9  // 9 far uses: not more than 9
    #expect(try Drawing(root: root, options: high).dot() == plain)
    // Four steps: 3 far uses, not more than the default's 3.
    let few = Self.sharedChain(4)
    #expect(try Drawing(root: few).dot() == (try Drawing(root: few, options: off).dot()))
  }

  @Test("the layout estimate counts the copies: the 660-step shared-leaf chain is accepted")
  func estimateAcceptsTheChain() throws {
    let root = Self.sharedChain(660)
    var off = DrawingOptions()
    off.leafCopies = nil
    let refused = Result { try Drawing(root: root, options: off).render(format: "svg") }
    guard case .layoutTooCostly(let layoutNodes, let limit, _)? = refused.failure as? RenderError
    else {
      Issue.record("not refused: \(refused)")
      return
    }
    #expect(layoutNodes > limit)
    let drawing = Drawing(root: root)
    let size = try drawing.layoutSize()
    #expect(size.virtualNodes < 100)
    // 1,982 values, 1,320 operations and 659 copies.
    #expect(size.nodes == 1_982 + 1_320 + 659)
    #expect(size.nodes + size.virtualNodes <= limit)
  }
}
