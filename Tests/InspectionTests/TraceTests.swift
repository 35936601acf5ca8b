import Autograd
import Testing

@testable import Inspection

@Suite("Trace and selection")
struct TraceTests {
  @Test func positionsAndNames() throws {
    let root = try Support.root("sanity.mg")
    let trace = Trace(root: root)
    #expect(trace.count == 14)
    #expect(trace.value(at: trace.count - 1) == root)
    #expect(trace.name(of: trace.value(at: 1)) == "n1")
    #expect(trace.name(of: root) == "y")
    for (position, id) in trace.ids.enumerated() {
      #expect(trace.position(of: Value(tape: root.tape, id: id)) == position)
    }
  }

  @Test func selectByLabelOrPosition() throws {
    let root = try Support.root("chain.mg")
    let trace = Trace(root: root)
    #expect(try trace.select("e").label == "e")
    #expect(try trace.select("n3").label == "e")
    #expect(throws: InspectionError.noSuchPosition(7, count: 7)) { try trace.select("n7") }
    #expect(throws: InspectionError.unknownLabel("q", labels: ["a", "b", "c", "e", "d", "f", "L"]))
    {
      try trace.select("q")
    }
    #expect(throws: InspectionError.emptySelector) { try trace.select("") }
  }

  @Test func aValueHasOneNameAndALabelComesBeforeANodeName() throws {
    let root = try Support.root(
      of: "a = Value(1.0, label='n2')\nb = a * 2\nc = b + a; c.label = 'c'\n")
    let trace = Trace(root: root)
    // n2 is the label of n0, so it names that value, not the one at position 2.
    #expect(try trace.select("n2") == trace.value(at: 0))
    #expect(try trace.select("n1") == trace.value(at: 1))
    #expect(trace.name(of: trace.value(at: 1)) == "n1")
    // The old form #N is not a second name.
    #expect(throws: InspectionError.unknownLabel("#1", labels: ["n2", "b", "c"])) {
      try trace.select("#1")
    }
  }

  @Test func ambiguousLabelsListTheirPositions() throws {
    let root = try Support.root(
      of:
        "x = Value(1.0, label='x')\ny = x * 2; y.label = 'x'\nz = Value(3.0, label='x')\nw = y + 1\n"
    )
    let trace = Trace(root: root)
    #expect(throws: InspectionError.ambiguousLabel("x", positions: [0, 2], elsewhere: 1)) {
      try trace.select("x")
    }
    let message = InspectionError.ambiguousLabel("x", positions: [0, 2], elsewhere: 1).description
    #expect(
      message
        == "'x' labels 3 values (n0, n2, 1 the root does not depend on): pick one by its node name, as n0 (n and the # column of 'gradviz grads')"
    )
  }

  @Test func valuesOffTheTraceAreFoundByLabel() throws {
    let root = try Support.root(
      of: "u = Value(5.0, label='u')\nx = Value(1.0, label='x')\nz = x * 2\n")
    let trace = Trace(root: root)
    let u = try trace.select("u")
    #expect(!trace.contains(u))
    #expect(trace.name(of: u) == "u")
  }
}
