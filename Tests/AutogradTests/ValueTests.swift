import Autograd
import Numerics
import TestSupport
import Testing

@Suite("Value and backward")
struct ValueTests {
  @Test func descriptionPrintsLikeMicrograd() {
    let tape = Tape()
    let d = Value(2.0, on: tape) * Value(-3.0, on: tape) + 10
    #expect(d.description == "Value(data=4.0)")
    #expect(Value(0.1, on: tape).description == "Value(data=0.1)")
    #expect(Value(1e-5, on: tape).description == "Value(data=1e-05)")
    #expect(Value(-.nan, on: tape).description == "Value(data=nan)")
  }

  @Test func walkthroughChain() {
    let tape = Tape()
    let a = Value(2.0, label: "a", on: tape)
    let b = Value(-3.0, label: "b", on: tape)
    let c = Value(10.0, label: "c", on: tape)
    let e = a * b
    let d = e + c
    let f = Value(-2.0, label: "f", on: tape)
    let L = d * f
    L.backward()
    #expect(L.data == -8)
    #expect([a.grad, b.grad, c.grad, e.grad, d.grad, f.grad, L.grad] == [6, -4, -2, -2, -2, 4, 1])
    #expect(e.op == "*" && d.op == "+" && a.op == "")
  }

  @Test func squareKeepsBothEdges() {
    let tape = Tape()
    let x = Value(3.0, on: tape)
    let y = x * x
    #expect(y.inputs == [x, x])
    y.backward()
    #expect(x.grad == 6)
  }

  @Test func gradientsAccumulate() {
    let tape = Tape()
    let a = Value(3.0, on: tape)
    let b = a + a
    b.backward()
    #expect(b.data == 6 && a.grad == 2)
  }

  @Test func tanhDoesNotOverflow() {
    let tape = Tape()
    for x in [800.0, 1e308, -800] {
      let leaf = Value(x, on: tape)
      let t = leaf.tanh()
      t.backward()
      #expect(abs(t.data) == 1)
      #expect(leaf.grad == 0)
    }
  }

  @Test func reluAtZeroHasZeroDerivative() {
    let tape = Tape()
    let x = Value(0.0, on: tape)
    let r = x.relu()
    r.backward()
    #expect(r.data == 0 && x.grad == 0)
    let negative = Value(-2.0, on: tape).relu()
    #expect(negative.data == 0 && negative.data.sign == .plus)
  }

  @Test func neuronMatchesWalkthrough() {
    let neuron = WalkthroughNeuron()
    let (x1, x2, w1, w2, b, n, o) = (
      neuron.x1, neuron.x2, neuron.w1, neuron.w2, neuron.b, neuron.n, neuron.o
    )
    #expect(o.data.isApproximatelyEqual(to: 0.7071067811865476, relativeTolerance: 1e-12))
    for (value, expected) in [(x1, -1.5), (w1, 1.0), (x2, 0.5), (w2, 0.0), (b, 0.5), (n, 0.5)] {
      #expect(value.grad.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9))
    }
  }

  /// Interior grads are recomputed on each call; leaves accumulate until zeroed. `m` feeds two
  /// paths, so micrograd's rule (interior grads left in place) would give a wrong second call.
  @Test func backwardTwiceRecomputesInteriorAndAccumulatesLeaves() {
    let tape = Tape()
    let x = Value(2.0, on: tape)
    let m = x * 3
    let y = m * m + m
    y.backward()
    let once = x.grad  // dy/dx = (2m + 1) * 3 = 39
    #expect(once == 39)
    #expect(m.grad == 13)
    y.backward()
    #expect(m.grad == 13)
    #expect(x.grad == 2 * once)
    tape.zeroGrad()
    y.backward()
    #expect(x.grad == once)
  }

  /// Interior gradients start from 0 in every backward, whatever wrote them before: a
  /// backward from a value above, a backward from a value below, an assignment, one step.
  @Test func interiorGradientsStartFromZeroWhateverWroteThem() {
    let tape = Tape()
    let x = Value(2.0, on: tape)
    let m = x * 3
    let y = m * m + m
    let z = y.tanh() + y
    z.backward()
    y.backward()  // below z: m's gradient from z must not leak in
    #expect(m.grad == 13 && y.grad == 1)
    m.grad = 100
    y.backward()
    #expect(m.grad == 13)
    tape.zeroGrad()
    y.grad = 1
    y.backwardStep()  // m.grad = 2m + 1 = 13 through the two paths of `m * m + m`'s nodes
    let n = tape.count
    let w = m * 2  // a node recorded after all that starts at 0 and is reached fresh
    w.backward()
    #expect(tape.count == n + 2)
    #expect(m.grad == 2)
    #expect(x.grad == 6 + 0)  // x accumulates: 0 after zeroGrad, then 3 * 2 from w
  }

  @Test func backwardStepIsOneLocalStep() {
    let tape = Tape()
    let a = Value(2.0, on: tape)
    let b = Value(-3.0, on: tape)
    let e = a * b
    e.grad = 1
    #expect(!a.isGradComputed)
    e.backwardStep()
    #expect(a.grad == -3 && b.grad == 2 && a.isGradComputed)
    a.backwardStep()  // a leaf: nothing to do
    #expect(a.grad == -3)
  }

  @Test func topologicalOrderListsOnlyWhatTheRootNeeds() {
    let tape = Tape()
    let a = Value(1.0, on: tape)
    let unrelated = Value(5.0, on: tape) * 2
    let y = a.exp()
    #expect(tape.topologicalOrder(from: y.id) == [a.id, y.id])
    #expect(!tape.topologicalOrder(from: y.id).contains(unrelated.id))
  }

  @Test func opSymbolsFollowMicrograd() {
    let tape = Tape()
    let x = Value(2.0, on: tape)
    #expect((x ** 2).op == "**2")
    #expect((x ** -1).op == "**-1")
    #expect((x ** 0.5).op == "**0.5")
    #expect(x.relu().op == "ReLU")
    #expect(x.tanh().op == "tanh")
    #expect((-x).op == "neg")
  }

  /// A million-node chain: build, backward and free without recursion.
  @Test func millionNodeChain() {
    var tape: Tape? = Tape(capacity: 1_000_001)
    guard let chain = tape else { return }
    let x = Value(0.5, on: chain)
    var y = x
    for _ in 0..<1_000_000 { y = y.relu() }
    y.backward()
    #expect(x.grad == 1)
    #expect(chain.topologicalOrder(from: y.id).count == 1_000_001)
    tape = nil
  }
}

@Suite("Forward replay")
struct ForwardTests {
  @Test func replayFollowsAChangedLeaf() {
    let tape = Tape()
    let x = Value(2.0, on: tape)
    let y = (x * x + 1).tanh() / (3 - x).exp()
    let before = y.data
    x.data = 2.5
    tape.forward()
    let fresh = Tape()
    let x2 = Value(2.5, on: fresh)
    let expected = (x2 * x2 + 1).tanh() / (3 - x2).exp()
    #expect(y.data == expected.data)
    x.data = 2.0
    tape.forward(through: y.id)
    #expect(y.data == before)
  }
}

@Suite("Groups")
struct GroupTests {
  @Test func valuesMadeInsideAGroupCarryIt() {
    let tape = Tape()
    let x = Value(1.0, on: tape)
    let group = NodeGroup(layer: 1, neuron: 3)
    let y = tape.withGroup(group) { x * 2 + 1 }
    let z = y.tanh()
    #expect(x.group == nil)
    #expect(y.group == group)
    #expect(y.inputs[0].group == group)
    #expect(z.group == nil)
    #expect(group.description == "layer 1 neuron 3")
  }
}
