import Autograd
import Testing

@testable import Inspection

@Suite("Nudge")
struct NudgeTests {
  @Test func chainLeaf() throws {
    let root = try Support.root("chain.mg")
    let a = try Support.value("a", in: root)
    let before = Support.dataBits(root.tape)
    let nudge = try Nudge(root: root, moves: [(a, 0.01)])
    #expect(nudge.before == -8)
    #expect(nudge.predicted == 6 * 0.01)
    // L = (a*b + c) * f is linear in a: the actual change is the predicted one, up to rounding.
    #expect(abs(nudge.actual - 0.06) < 1e-14)
    #expect(nudge.after == ((2.01 * -3) + 10) * -2)
    #expect(Support.dataBits(root.tape) == before)
  }

  @Test func nonlinearSlopeApproachesTheGrad() throws {
    let root = try Support.root("neuron.mg")
    let x1 = try Support.value("x1", in: root)
    for delta in [1e-2, 1e-4, 1e-6] {
      let nudge = try Nudge(root: root, moves: [(x1, delta)])
      // The error of the first-order prediction is O(delta²).
      #expect(abs(nudge.actual - nudge.predicted) < 10 * delta * delta)
    }
  }

  /// Moving an operation's value holds it: only what is computed from it runs again.
  @Test func interiorValueIsHeld() throws {
    let root = try Support.root("chain.mg")
    let d = try Support.value("d", in: root)
    let nudge = try Nudge(root: root, moves: [(d, 0.5)])
    #expect(nudge.after == 4.5 * -2)
    #expect(nudge.predicted == -2 * 0.5)
    #expect(d.data == 4)
  }

  @Test func severalMoves() throws {
    let root = try Support.root("expression.mg")
    let trace = Trace(root: root)
    let a = trace.value(at: 0)
    let b = trace.value(at: 1)
    let nudge = try Nudge(root: root, moves: [(a, 0.1), (b, -0.2)])
    #expect(nudge.predicted == -3 * 0.1 + 2 * -0.2)
    #expect(nudge.after == 2.1 * -3.2 + 10)
  }

  @Test func reportInFull() throws {
    let root = try Support.root("chain.mg")
    let nudge = try Nudge(root: root, moves: [(try Support.value("a", in: root), 0.01)])
    #expect(
      nudge.report(names: Trace(root: root)) == """
        a: 2.0 -> 2.01 (+0.01)
        L: -8.0 -> -7.940000000000001

        predicted change of L  a.grad × 0.01 = 6.0 × 0.01 = 0.06
        actual change of L     -7.940000000000001 - -8.0 = 0.05999999999999872
        slope                  0.05999999999999872 / 0.01 = 5.999999999999872 (a.grad = 6.0)

        """)
    #expect(
      nudge.json(names: Trace(root: root))
        == #"{"actual":0.05999999999999872,"after":-7.940000000000001,"before":-8,"moves":[{"before":2,"delta":0.01,"grad":6,"id":0,"label":"a"}],"predicted":0.06,"root":6}"#
        + "\n")
  }

  @Test func errors() throws {
    let root = try Support.root("chain.mg", backward: .never)
    let a = try Support.value("a", in: root)
    #expect(throws: InspectionError.gradNotComputed("a")) {
      try Nudge(root: root, moves: [(a, 0.01)])
    }
    let computed = try Support.root("chain.mg")
    let b = try Support.value("b", in: computed)
    #expect(throws: InspectionError.self) {
      try Nudge(root: computed, moves: [(b, 0.01), (b, 0.02)])
    }
    #expect(throws: InspectionError.self) { try Nudge(root: computed, moves: [(b, .infinity)]) }
  }

  @Test func moveParsing() throws {
    #expect(try Nudge.move(parsing: "a=+0.01") == ("a", 0.01))
    #expect(try Nudge.move(parsing: "n3=-1e-3") == ("n3", -0.001))
    #expect(try Nudge.move(parsing: "x = y=2") == ("x = y", 2))
    #expect(throws: InspectionError.self) { try Nudge.move(parsing: "a") }
    #expect(throws: InspectionError.self) { try Nudge.move(parsing: "=1") }
    #expect(throws: InspectionError.self) { try Nudge.move(parsing: "a=nan") }
  }
}
