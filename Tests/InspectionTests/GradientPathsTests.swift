import Autograd
import Testing

@testable import Inspection

@Suite("Paths behind a gradient")
struct GradientPathsTests {
  @Test func chainHasOnePathPerLeaf() throws {
    let root = try Support.root("chain.mg")
    let a = try Support.value("a", in: root)
    let why = GradientPaths(of: a, to: root)
    #expect(why.pathCount == 1)
    #expect(why.paths[0].steps.map(\.to.label) == ["e", "d", "L"])
    #expect(why.paths[0].steps.map(\.localDerivative) == [-3, 1, -2])
    #expect(why.paths[0].product == 6)
    #expect(why.derivative == a.grad)
    #expect(why.causes.isEmpty)
    #expect(
      why.report(names: Trace(root: root)) == """
        1 path from a to L (each step: the op it enters, and its local derivative):
          1  a -[* -3.0]-> e -[+ 1.0]-> d -[* -2.0]-> L
             product -3.0 × 1.0 × -2.0 = 6.0

        a.grad = 6.0

        """)
  }

  /// The products sum to the grad, for every value of every reference case.
  @Test(arguments: Support.graphCases)
  func pathsSumToTheGrad(_ file: String) throws {
    let root = try Support.root(file)
    let trace = Trace(root: root)
    for id in trace.ids {
      let value = Value(tape: root.tape, id: id)
      let why = GradientPaths(of: value, to: root, limit: 1000)
      #expect(why.paths.count == why.pathCount)
      let sum = why.paths.reduce(0) { $0 + $1.product }
      #expect(Support.close(sum, value.grad, relative: 1e-12), "\(file) \(trace.name(of: value))")
      #expect(
        Support.close(why.derivative, value.grad, relative: 1e-12),
        "\(file) \(trace.name(of: value))")
    }
  }

  @Test func squareHasTwoPathsThroughOneOperation() throws {
    let root = try Support.root("square.mg")
    let x = try Support.value("x", in: root)
    let why = GradientPaths(of: x, to: root)
    #expect(why.pathCount == 2)
    #expect(why.paths.map { $0.steps[0].slot } == [0, 1])
    let report = why.report(names: Trace(root: root))
    #expect(report.contains("x -[* 3.0, operand 1]-> y"))
    #expect(report.contains("x -[* 3.0, operand 2]-> y"))
    #expect(report.contains("x.grad = 3.0 + 3.0 = 6.0"))
  }

  @Test func sanityCaseSumsFifteenPathsTo46() throws {
    let root = try Support.root("sanity.mg")
    let x = root.tape.topologicalOrder(from: root.id).first.map { Value(tape: root.tape, id: $0) }
    let why = GradientPaths(of: try #require(x), to: root)
    #expect(why.pathCount == 15)
    #expect(why.derivative == 46)
  }

  @Test func deadReluIsNamed() throws {
    let root = try Support.root(of: "x = Value(-1.0, label='x')\ny = x.relu()\nz = y * 2\n")
    let x = try Support.value("x", in: root)
    let why = GradientPaths(of: x, to: root)
    #expect(why.derivative == 0)
    guard case .zeroSteps(let steps, more: 0) = why.causes.first else {
      Issue.record("no zero steps: \(why.causes)")
      return
    }
    #expect(steps.map(\.to.op) == ["ReLU"])
    #expect(
      why.report(names: Trace(root: root)).contains(
        "a dead ReLU: y = ReLU(x) has input -1.0, not > 0, so its local derivative is 0"))
  }

  @Test func saturatedTanhIsNamed() throws {
    let root = try Support.root(of: "x = Value(25.0, label='x')\ny = x.tanh()\n")
    let report = GradientPaths(of: try Support.value("x", in: root), to: root).report(
      names: Trace(root: root))
    #expect(
      report.contains(
        "a saturated tanh: y = tanh(x) has input 25.0, so tanh = 1.0 and 1 - tanh² = 0"))
  }

  @Test func multiplicationByZeroIsNamed() throws {
    let root = try Support.root("neuron.mg")
    let report = GradientPaths(of: try Support.value("w2", in: root), to: root).report(
      names: Trace(root: root))
    #expect(
      report.hasSuffix(
        """
        w2.grad = 0.0
        every path passes through a step whose local derivative is 0:
          - a multiplication by zero: in x2*w2 = x2 * w2, the other factor, x2, is 0.0

        """))
  }

  @Test func valueTheRootDoesNotDependOn() throws {
    let root = try Support.root(
      of: "u = Value(5.0, label='u')\nx = Value(1.0, label='x')\nz = x * 2\n")
    let u = try Support.value("u", in: root)
    let why = GradientPaths(of: u, to: root)
    #expect(why.pathCount == 0 && why.paths.isEmpty && why.derivative == 0)
    guard case .unreachable = why.causes.first else {
      Issue.record("\(why.causes)")
      return
    }
    let report = why.report(names: Trace(root: root))
    #expect(report.contains("z does not depend on u"))
    #expect(report.contains("u.grad was never computed"))
  }

  @Test func cancellingPaths() throws {
    let root = try Support.root(of: "x = Value(1.0, label='x')\ny = x - x\n")
    let why = GradientPaths(of: try Support.value("x", in: root), to: root)
    guard case .cancellation = why.causes.first else {
      Issue.record("\(why.causes)")
      return
    }
  }

  @Test func firstNaNIsFound() throws {
    let source =
      "x = Value(800.0, label='x')\ny = x.exp(); y.label = 'y'\nz = y * 0.0; z.label = 'z'\nw = z + x\n"
    let root = try Support.root(of: source)
    let why = GradientPaths(of: try Support.value("x", in: root), to: root)
    #expect(why.derivative.isNaN)
    let report = why.report(names: Trace(root: root))
    #expect(
      report.contains(
        "the forward pass made its first inf at y = exp(x), with x = 800.0, from finite operands"))
    #expect(
      report.contains(
        "backward met its first non-finite local derivative at y = exp(x), with x = 800.0: dy/dx = inf; times the grad upstream, 0.0, it gives nan"
      ))
  }

  @Test func infiniteLocalDerivative() throws {
    let root = try Support.root(of: "x = Value(0.0, label='x')\ny = x ** 0.5\n")
    let why = GradientPaths(of: try Support.value("x", in: root), to: root)
    #expect(why.derivative == .infinity)
    guard case .nonFiniteStep(let step, upstream: 1) = why.causes.last else {
      Issue.record("\(why.causes)")
      return
    }
    #expect(step.to.op == "**0.5" && step.localDerivative == .infinity)
  }

  /// `x = x * x` sixty-five times: 2^65 paths, counted without overflow, listed up to the
  /// limit, summed by accumulation.
  @Test func exponentiallyManyPaths() throws {
    let tape = Tape()
    let x = Value(1.0, label: "x", on: tape)
    var y = x
    for _ in 0..<65 { y = y * y }
    y.backward()
    let why = GradientPaths(of: x, to: y, limit: 3)
    #expect(why.pathCount == Int.max)
    #expect(why.paths.count == 3)
    #expect(why.derivative == x.grad)
    let report = why.report(names: Trace(root: y))
    #expect(report.hasPrefix("more than \(Int.max) paths from x to n65"))
    #expect(report.contains("  ... and more paths than an Int can count\n"))
    #expect(report.contains("x.grad = 1.0 + 1.0 + 1.0 + ... = 3.6893488147419103e+19\n"))
  }

  @Test func anotherRoot() throws {
    let root = try Support.root("chain.mg")
    let why = GradientPaths(
      of: try Support.value("a", in: root), to: try Support.value("d", in: root))
    #expect(why.derivative == -3)
    let report = why.report(names: Trace(root: root))
    #expect(report.contains("dd/da = -3.0"))
    #expect(report.contains("(a.grad = 6.0 is the derivative of L, not of d)"))
  }

  /// Fifty thousand operations in a chain: no recursion anywhere.
  @Test func longChain() throws {
    let tape = Tape()
    let x = Value(0.5, label: "x", on: tape)
    var y = x
    for _ in 0..<50_000 { y = y + 1.0 }
    y.backward()
    let why = GradientPaths(of: x, to: y, limit: 1)
    #expect(why.pathCount == 1)
    #expect(why.paths[0].steps.count == 50_000)
    #expect(why.derivative == 1)
  }
}
