import Autograd
import Foundation
import PythonHost
import Testing

/// Scripts run as `python3 FILE` runs them: output, errors with carets, modules beside the
/// script, exit statuses, the seed and the timeout.
@Suite("Running scripts")
struct RunnerTests {
  @Test func anExceptionPointsAtItsLineWithOneNotePerCallingFrame() throws {
    let outcome = Support.run(
      """
      def g(x):
          return x.log()

      def f(x):
          return 2 * g(x)

      print("before")
      f(Value(-1.0))
      print("after")
      """)
    let error = try #require(outcome.error)
    #expect(
      error.description == """
        t.py:2:12: error: ValueError: math domain error: log(-1.0) (log needs a positive number)
            return x.log()
                   ^~~~~~~
        note: in g(), called at t.py:5:16
        note: in f(), called at t.py:8:1
        """)
    #expect(error.status == 1)
  }

  @Test func outputBeforeAnErrorIsKept() throws {
    let folder = try Support.temporaryFolder()
    let script = folder.appendingPathComponent("s.py")
    try "print('one')\nprint(undefined_name)\n".write(to: script, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    let outcome = Support.run("print('one')\nx = undefined_name\n")
    let error = try #require(outcome.error)
    #expect(error.message == "NameError: name 'undefined_name' is not defined")
    #expect(error.line == 2 && error.column == 5)
  }

  @Test func aSyntaxErrorIsReportedBeforeAnythingRuns() throws {
    let outcome = Support.run("print('never')\nx = (1,\ny = 2\n")
    let error = try #require(outcome.error)
    #expect(error.message == "SyntaxError: '(' was never closed")
    #expect(error.line == 2 && error.column == 5)
  }

  @Test func aModuleBesideTheScriptImportsAsPythonImportsIt() throws {
    let folder = try Support.temporaryFolder()
    try "def twice(v):\n    return v * 2\n".write(
      to: folder.appendingPathComponent("helper.py"), atomically: true, encoding: .utf8)
    let outcome = Support.run(
      "from helper import twice\nprint(twice(Value(2.0)))\n", name: "main.py",
      directory: folder.path)
    #expect(outcome.error == nil)
    #expect(outcome.output == "Value(data=4.0)\n")
  }

  @Test func sysExitEndsTheScriptWithItsStatus() throws {
    let clean = Support.run("import sys\nprint('a')\nsys.exit(0)\nprint('b')\n")
    #expect(clean.error == nil && clean.output == "a\n")
    let failed = Support.run("import sys\nsys.exit(3)\n")
    let error = try #require(failed.error)
    #expect(error.status == 3 && error.isSilent)
  }

  @Test func randomIsSeededWithZeroUnlessASeedIsGiven() throws {
    let source = "import random\nprint(random.random())\n"
    let zero = Support.run(source)
    let seven = Support.run(source, seed: 7)
    guard let (_, expectedZero) = try Support.python3("import random\nrandom.seed(0)\n" + source),
      let (_, expectedSeven) = try Support.python3("import random\nrandom.seed(7)\n" + source)
    else { return }
    #expect(zero.output == expectedZero)
    #expect(seven.output == expectedSeven)
  }

  @Test func aRunawayScriptStopsAtTheTimeoutNamingItsLine() throws {
    let start = Date()
    let outcome = Support.run("x = 0\nwhile True:\n    x += 1\n", timeout: 0.5)
    let error = try #require(outcome.error)
    #expect(error.message == "the script ran for more than --timeout 0.5 s")
    #expect((2...3).contains(error.line))
    #expect(Date().timeIntervalSince(start) < 10)
  }

  @Test func theRootIsTheLastDrawnValueElseTheLastBoundOneNamedByItsName() throws {
    let drawn = try #require(
      Support.run("a = Value(2.0)\nb = a * 3\ndraw_dot(a)\nc = b + 1\n").run)
    #expect(drawn.root?.data == 2.0 && drawn.root?.label == "a")
    #expect(drawn.pictures.map(\.place) == ["line 3"])
    let bound = try #require(Support.run("a = Value(2.0)\nb = a * 3\n").run)
    #expect(bound.root?.label == "b" && bound.root?.data == 6.0)
    #expect(bound.ranBackward)
    #expect(try Support.value("a", in: try #require(bound.root)).grad == 3)
  }

  /// A training loop's `loss`, assigned inside the loop, is the root; the loop variables that
  /// walk the parameters (`for p in ...`) are neither the root nor a name for a parameter.
  @Test func theRootOfATrainingLoopIsItsLoss() throws {
    let run = try #require(
      Support.run(
        """
        w = Value(0.5)
        for k in range(3):
            loss = (w * 2.0 - 1.5) ** 2
            for p in [w]:
                p.grad = 0.0
            loss.backward()
            for p in [w]:
                p.data += -0.1 * p.grad
        """
      ).run)
    let root = try #require(run.root)
    #expect(root.label == "loss")
    #expect(root.inputs.count == 1 && root.inputs[0].inputs[0].inputs[0].label == "w")
  }

  /// micrograd's MLP, written in Python, tags its values with their layer and neuron as the
  /// Swift nn does, so that `--collapse` and `--cluster` work on it.
  @Test func micrograds_MLPTagsLayersAndNeurons() throws {
    let run = try #require(
      Support.run(
        """
        from micrograd.nn import MLP, Neuron
        import random
        random.seed(3)
        n = MLP(2, [3, 1])
        y = n([1.0, -2.0]) + Neuron(1)([0.5])
        """
      ).run)
    let root = try #require(run.root)
    #expect(root.group == nil)
    #expect(root.inputs[0].group == NodeGroup(layer: 1, neuron: 0))
    #expect(root.inputs[1].group == nil)
    let tape = root.tape
    var members: [NodeGroup: Int] = [:]
    for id in 0..<tape.count {
      if let group = tape.group(of: id) { members[group, default: 0] += 1 }
    }
    // Layer 0: 3 neurons of 2 weights and a bias, the 2 inputs as constants, 2 products,
    // 2 sums and a ReLU each; layer 1: 3 weights and a bias, 3 products and 3 sums.
    #expect(
      members == [
        NodeGroup(layer: 0, neuron: 0): 10, NodeGroup(layer: 0, neuron: 1): 10,
        NodeGroup(layer: 0, neuron: 2): 10, NodeGroup(layer: 1, neuron: 0): 10,
      ])
  }

  @Test func aPictureShowsTheGraphAsItWasAtTheCall() throws {
    let run = try #require(
      Support.run(
        """
        a = Value(1.0, label='a')
        b = a * 2
        for step in range(3):
            draw_dot(b)
            a.data += 1
        """
      ).run)
    #expect(run.pictures.map(\.place) == ["line 4", "line 4", "line 4"])
    #expect(run.root?.data == 2 && run.root?.inputs[0].data == 4)  // as it is at the end
    #expect(run.pictures.map { $0.root.inputs[0].data } == [1, 2, 3])
  }
}
