import Testing

@testable import Autograd

/// The topological snapshot that drawings and inspections read.
@Suite("Trace")
struct TraceTests {
  @Test func positionsFollowTheTopologicalOrderOfTheRootsGraphOnly() {
    let tape = Tape()
    let a = Value(2.0, label: "a", on: tape)
    let unused = Value(7.0, label: "unused", on: tape)
    let b = Value(-3.0, label: "b", on: tape)
    let product = a * b
    let d = product + 10
    d.label = "d"
    d.backward()
    let trace = Trace(root: d)
    #expect(trace.count == 5)
    #expect(trace.ids == [a.id, b.id, product.id, product.id + 1, d.id])
    #expect(trace.position(of: a) == 0)
    #expect(trace.position(of: unused) == nil)
    #expect(!trace.contains(unused))
    #expect(trace.value(at: 4) == d)
    #expect(trace.rootPosition == 4)
    #expect(trace.labels == ["a", "b", "", "", "d"])
    #expect(trace.data == [2, -3, -6, 10, 4])
    #expect(trace.grads[0] == -3 && trace.grads[1] == 2)
    #expect(trace.ops == ["", "", "*", "", "+"])
    #expect(trace.kinds == [.leaf, .leaf, .multiply, .constant, .add])
    #expect(Array(trace.inputs(at: 2)) == [0, 1])
    #expect(Array(trace.inputs(at: 4)) == [2, 3])
    #expect(trace.inputs(at: 0).isEmpty)
  }

  @Test func anInputUsedTwiceIsListedTwice() {
    let tape = Tape()
    let a = Value(3.0, label: "a", on: tape)
    let square = a * a
    let trace = Trace(root: square)
    #expect(Array(trace.inputs(at: 1)) == [0, 0])
  }

  @Test func theSnapshotKeepsWhatTheTapeHeldWhenItWasTaken() {
    let tape = Tape()
    let x = Value(2.0, label: "x", on: tape)
    let y = x * 3
    let trace = Trace(root: y)
    #expect(trace.gradComputed == [false, false, false])
    y.backward()
    x.label = "renamed"
    #expect(trace.labels[0] == "x")
    #expect(trace.name(of: x) == "x")
    #expect(trace.gradComputed == [false, false, false])
    #expect(Trace(root: y).grads[0] == 3)
  }

  @Test func unlabelledValuesAreNamedByTheirNodeName() {
    let tape = Tape()
    let x = Value(2.0, label: "x\u{1}", on: tape)
    let y = x * 3
    let trace = Trace(root: y)
    #expect(trace.name(at: 2) == "n2")
    #expect(trace.name(of: y) == "n2")
    #expect(trace.name(at: 1) == "n1")
    #expect(trace.name(of: x) == #"x\x01"#)
    #expect(trace.name(of: Value(1.0, on: tape)) == "an unlabelled value")
    #expect(Trace.nodeName(12) == "n12")
  }

  @Test func nodeNamesReadBackToTheirPositionAndNothingElseDoes() {
    #expect(Trace.position(inNodeName: "n0") == 0)
    #expect(Trace.position(inNodeName: "n12") == 12)
    for notAName in ["n", "n012", "n+1", "n-1", "#3", "3", "N3", "n3op", " n3", "n 3", ""] {
      #expect(Trace.position(inNodeName: notAName) == nil, "\(notAName)")
    }
    for position in [0, 7, 99, 123_456] {
      #expect(Trace.position(inNodeName: Trace.nodeName(position)) == position)
    }
  }

  @Test func aChainOfAMillionValuesIsTracedWithoutRecursion() {
    let tape = Tape(capacity: 1_000_001)
    var x = Value(0.5, on: tape)
    // Each step adds a constant and a sum: a million and one values in all.
    for _ in 0..<500_000 { x = x + 1 }
    let trace = Trace(root: x)
    #expect(trace.count == 1_000_001)
    #expect(trace.position(of: x) == trace.count - 1)
  }
}
