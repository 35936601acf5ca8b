import Testing

@testable import Autograd

/// Nodes whose data come from a script's own classes (a traced graph).
@Suite("Traced nodes")
struct TracedNodeTests {
  @Test func aTracedNodeKeepsTheScriptsDataAndName() {
    let tape = Tape()
    let a = Value(2.0, label: "a", on: tape)
    let b = Value(3.0, label: "b", on: tape)
    let product = tape.appendTraced(.multiply, data: 6.0000001, inputs: [a.id, b.id], name: "*")
    let relu = tape.appendTraced(.relu, data: 6.0000001, inputs: [product], name: "relu")
    #expect(Value(tape: tape, id: product).data == 6.0000001)
    #expect(Value(tape: tape, id: product).op == "*")
    #expect(Value(tape: tape, id: relu).op == "relu")
    #expect(Value(tape: tape, id: relu).operation == .relu)
    tape.forward()
    #expect(Value(tape: tape, id: product).data == 6)
  }

  @Test func anOpaqueNodeIsKnownByNameAndPassesNoGradient() throws {
    let tape = Tape()
    let a = Value(2.0, label: "a", on: tape)
    let b = Value(5.0, label: "b", on: tape)
    let top = tape.appendTraced(.opaque, data: 5.0, inputs: [a.id, b.id], name: "max")
    let root = Value(tape: tape, id: top) * a
    #expect(Value(tape: tape, id: top).op == "max")
    #expect(Value(tape: tape, id: top).operation == .opaque)
    root.backward()
    #expect(a.grad == 5)  // through the product only
    #expect(b.grad == 0)
    let derivatives = Value(tape: tape, id: top).localDerivatives
    #expect(derivatives.count == 2 && derivatives.allSatisfy { $0.isNaN })
    a.data = 3
    try tape.checkedForward()
    #expect(Value(tape: tape, id: top).data == 5)  // kept: no formula to recompute it
    #expect(root.data == 15)
  }

  @Test func anOpaqueNodeWithoutInputsReplays() throws {
    let tape = Tape()
    let lonely = tape.appendTraced(.opaque, data: 1.5, inputs: [], name: "")
    tape.forward()
    try tape.checkedForward()
    #expect(Value(tape: tape, id: lonely).data == 1.5)
    #expect(Value(tape: tape, id: lonely).op == "")
  }
}
