import Autograd
import Rendering
import Testing

@Suite("DOT text")
struct DOTSnapshotTests {
  @Test("the neuron, left to right")
  func neuron() throws {
    let drawing = Drawing(root: Graphs.neuron())
    #expect(drawing.valueCount == 10)
    #expect(drawing.opCount == 5)
    try Snapshot.check(try drawing.dot(), named: "neuron")
  }

  @Test("a drawing of a trace is the drawing of its root, with the same node names")
  func drawingATrace() throws {
    let root = Graphs.neuron()
    let trace = Trace(root: root)
    let drawing = Drawing(trace: trace)
    #expect(try drawing.dot() == (try Drawing(root: root).dot()))
    let text = try drawing.dot()
    for position in 0..<trace.count {
      #expect(text.contains("\t" + Trace.nodeName(position) + "\t[label="))
    }
  }

  @Test("the neuron, top to bottom: record fields without the outer braces")
  func neuronTopToBottom() throws {
    let text = try Drawing(root: Graphs.neuron(), options: DrawingOptions(rankdir: .TB)).dot()
    #expect(text.contains("rankdir=TB"))
    #expect(text.contains(#"label="x1|data 2.0000|grad -1.5000""#))
    try Snapshot.check(text, named: "neuron-TB")
  }

  @Test("x * x has two edges from x to the * node")
  func square() throws {
    let drawing = Drawing(root: Graphs.square())
    #expect(drawing.valueCount == 2)
    #expect(drawing.opCount == 1)
    let text = try drawing.dot()
    #expect(text.components(separatedBy: "n0 -> n1op;").count - 1 == 2)
    #expect(text.contains(#"label="{x|data 3.0000|grad 6.0000}""#))
    try Snapshot.check(text, named: "square")
  }

  @Test("a + a has two edges from a to the + node")
  func double() throws {
    let text = try Drawing(root: Graphs.double()).dot()
    #expect(text.components(separatedBy: "n0 -> n1op;").count - 1 == 2)
    #expect(text.contains(#"label="{a|data -2.0000|grad 2.0000}""#))
    try Snapshot.check(text, named: "double")
  }

  @Test("labels that need escaping")
  func nastyLabels() throws {
    try Snapshot.check(try Drawing(root: Graphs.nastyLabels()).dot(), named: "nasty-labels")
  }

  @Test("gradients never computed show as an em dash, not as 0")
  func noGradients() throws {
    let text = try Drawing(root: Graphs.neuron(backward: false)).dot()
    #expect(!text.contains("grad 0.0000"))
    #expect(text.components(separatedBy: "|grad —}").count - 1 == 10)
    try Snapshot.check(text, named: "neuron-no-grad")
  }

  @Test("a leaf alone is one record and no operation")
  func singleLeaf() throws {
    let drawing = Drawing(root: Value(1.5, label: "w", on: Tape()))
    #expect(drawing.valueCount == 1)
    #expect(drawing.opCount == 0)
    #expect(try drawing.dot().contains(#"[label="{w|data 1.5000|grad —}"];"#))
  }

  @Test("the same computation gives the same bytes, on one tape or two")
  func determinism() throws {
    let drawing = Drawing(root: Graphs.neuron())
    let first = try drawing.dot()
    #expect(try drawing.dot() == first)
    #expect(try Drawing(root: Graphs.neuron()).dot() == first)
  }

  @Test("a drawing keeps the trace it was made from")
  func snapshotOfTheTape() throws {
    let o = Graphs.neuron(backward: false)
    let before = Drawing(root: o)
    o.backward()
    o.label = "changed"
    #expect(try before.dot() == Drawing(root: Graphs.neuron(backward: false)).dot())
    #expect(try Drawing(root: o).dot().contains("changed|data 0.7071|grad 1.0000"))
  }

  @Test("only the values the root depends on are drawn")
  func onlyReachable() throws {
    let tape = Tape()
    let a = Value(1, label: "a", on: tape)
    _ = Value(2, label: "unused", on: tape)
    let c = a.relu()
    let text = try Drawing(root: c).dot()
    #expect(!text.contains("unused"))
    #expect(text.contains("n1op -> n1;"))
    #expect(text.contains("label=ReLU"))
  }

  @Test("layout settings for large graphs stay out of the DOT text")
  func noLayoutSettingsInDOT() throws {
    let text = try Drawing(root: Graphs.chain(600)).dot()
    #expect(!text.contains("newrank"))
    #expect(!text.contains("nslimit"))
  }

  @Test("a chain of 100,000 additions goes through dot() without recursion")
  func longChain() throws {
    let drawing = Drawing(root: Graphs.chain(100_000))
    #expect(drawing.valueCount == 200_001)
    #expect(drawing.opCount == 100_000)
    let text = try drawing.dot()
    #expect(text.hasSuffix("\tn200000op -> n200000;\n}\n"))
  }
}
