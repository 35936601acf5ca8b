import Autograd
import Foundation
import Numerics
import Rendering
import Testing

@Suite("backward frames")
struct FrameTests {
  @Test("one frame per value made by an operation, in the order backward visits them")
  func order() throws {
    let frames = try Drawing(root: Graphs.neuron()).backwardFrames()
    #expect(frames.map(\.value) == [9, 8, 7, 6, 5])
    #expect(frames.map(\.index) == Array(0..<5))
    #expect(
      frames[0].caption
        == "o.grad = 1, then o = tanh(n): n.grad += 0.5000 (local 0.5000 × o.grad 1.0000)")
    #expect(frames[4].caption.hasPrefix("'x1*w1' = x1 * w1: x1.grad += -1.5000 (local -3.0000 ×"))
    // A leaf alone: the seed frame only.
    let leaf = try Drawing(root: Value(2, label: "w", on: Tape())).backwardFrames()
    #expect(leaf.map(\.caption) == ["w.grad = 1 (the root)"])
  }

  /// The grads each frame shows, read from its `plain` rendering: `nil` for `—`.
  func shownGrads(_ drawing: Drawing) throws -> [[Double?]] {
    var result: [[Double?]] = []
    try drawing.renderFrames(format: "plain", limit: 100) { _, bytes in
      var grads = [Double?](repeating: nil, count: drawing.valueCount)
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n")
      where line.hasPrefix("node n") {
        let fields = line.split(separator: " ")
        guard let k = Int(fields[1].dropFirst()), let grad = line.range(of: "|grad ")
        else { continue }
        grads[k] = Double(line[grad.upperBound...].prefix { $0 != "}" && $0 != "\"" })
      }
      result.append(grads)
    }
    return result
  }

  @Test("grads fill in step by step, and the last frame has backward's grads")
  func grads() throws {
    let o = Graphs.neuron()
    let frames = try shownGrads(Drawing(root: o))
    #expect(frames.count == 5)
    #expect(frames[0][9] == 1 && frames[0][8] == 0.5 && frames[0][7] == nil)
    #expect(frames[1][7] == 0.5 && frames[1][4] == 0.5 && frames[1][0] == nil)
    let trace = o.tape.topologicalOrder(from: o.id).map { Value(tape: o.tape, id: $0) }
    for (k, value) in trace.enumerated() {
      let shown = try #require(frames[4][k], "n\(k)")
      #expect(shown.isApproximatelyEqual(to: value.grad, absoluteTolerance: 5e-5), "n\(k)")
    }
  }

  @Test("a value used twice gets its grad in two steps: the accumulation is visible")
  func accumulation() throws {
    let tape = Tape()
    let a = Value(3, label: "a", on: tape)
    let b = a * 2
    b.label = "b"
    let c = a + b
    c.label = "c"
    c.backward()
    let frames = try shownGrads(Drawing(root: c))
    // Trace: a, the constant 2, b, c. c's step gives a 1; b's step adds 2 more.
    #expect(frames.count == 2)
    #expect(frames[0][0] == 1)
    #expect(frames[1][0] == 3)
    #expect(a.grad == 3)
  }

  @Test("every frame has the same layout")
  func stableLayout() throws {
    var positions: [[String]] = []
    try Drawing(root: Graphs.neuron()).renderFrames(format: "plain", limit: 100) { _, bytes in
      positions.append(
        String(decoding: bytes, as: UTF8.self).split(separator: "\n")
          .filter { $0.hasPrefix("node ") }
          .map { $0.split(separator: " ").prefix(6).joined(separator: " ") })
    }
    #expect(positions.count == 5)
    #expect(positions.allSatisfy { $0 == positions[0] })
  }

  @Test("frames are drawn at one layout: nodes and edges stay put, edge labels included")
  func oneLayout() throws {
    let drawing = Drawing(root: Graphs.neuron(), options: DrawingOptions(edgeGradients: true))
    var places: [[String]] = []
    var labels: Set<String> = []
    try drawing.renderFrames(format: "plain", limit: 100) { _, bytes in
      var frame: [String] = []
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: " ")
        if fields.first == "node" {
          frame.append(fields.prefix(6).joined(separator: " "))
        } else if fields.first == "edge", fields.count > 3, let n = Int(fields[3]) {
          // Tail, head and the spline's points; the label's text changes, not its place.
          frame.append(fields.prefix(4 + 2 * n).joined(separator: " "))
          labels.insert(String(line))
        }
      }
      places.append(frame)
    }
    #expect(places.count == 5)
    #expect(places.allSatisfy { $0 == places[0] })
    #expect(labels.count > places[0].count / 2, "edge labels change from frame to frame")
  }

  @Test("the processed value and its input edges are highlighted; pending grads are greyed")
  func highlight() throws {
    var svgs: [String] = []
    try Drawing(root: Graphs.neuron()).renderFrames(format: "svg", limit: 100) { frame, bytes in
      svgs.append(String(decoding: bytes, as: UTF8.self))
    }
    let second = svgs[1]
    #expect(second.contains(##"fill="#ffd92f""##))
    #expect(second.components(separatedBy: ##"stroke="#ff7f00""##).count - 1 >= 3)
    #expect(second.contains("grad —"))
    #expect(!svgs[4].contains("grad —"))
  }

  @Test("more frames than the limit are refused before any is drawn")
  func limit() throws {
    var drawn = 0
    #expect(throws: RenderError.tooManyFrames(frames: 5, limit: 4)) {
      try Drawing(root: Graphs.neuron()).renderFrames(format: "svg", limit: 4) { _, _ in drawn += 1
      }
    }
    #expect(drawn == 0)
    #expect(RenderError.tooManyFrames(frames: 5, limit: 4).description.contains("--focus"))
  }

  @Test("with a focus, only the steps of drawn values are frames")
  func focused() throws {
    let drawing = Drawing(
      root: Graphs.neuron(), options: DrawingOptions(focus: Focus(name: "n", depth: 1)))
    #expect(try drawing.backwardFrames().map(\.value) == [9, 8, 7])
  }
}
