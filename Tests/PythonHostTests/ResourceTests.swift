import Autograd
import Foundation
import PythonHost
import Testing

/// References balance over many runs; deep graphs neither overflow nor recurse.
@Suite("Reference counts and deep graphs", .serialized)
struct ResourceTests {
  /// A script run 1,000 times in one process, each in a fresh namespace: the count of live
  /// `Value` objects returns to where it started and resident memory does not grow.
  @Test func runningAScriptAThousandTimesLeavesNothingBehind() throws {
    let source = """
      import random
      xs = [Value(random.uniform(-1, 1), label=f'x{i}') for i in range(30)]
      y = sum((x * x for x in xs), Value(0.0)).tanh()
      class Box:
          pass
      box = Box(); box.y = y; box.me = box
      y.backward()
      for x in xs:
          x.m = x.grad
      """
    _ = Support.run(source)
    let liveBefore = ScriptHost.liveValueCount()
    for _ in 0..<100 { _ = Support.run(source) }
    let rssBefore = Support.residentBytes()
    for _ in 0..<1_000 { _ = Support.run(source) }
    let rssAfter = Support.residentBytes()
    #expect(ScriptHost.liveValueCount() == liveBefore)
    #expect(rssAfter - rssBefore < 8 << 20, "resident memory grew by \(rssAfter - rssBefore) bytes")
  }

  /// A million `tanh` nodes built in a Python loop, then backward: no recursion error.
  @Test func aMillionOpChainBuiltInPythonRunsBackward() throws {
    let outcome = Support.run(
      """
      y = Value(0.5, label='x')
      for _ in range(1_000_000):
          y = y.tanh()
      y.backward()
      print(y._prev[0]._op)
      """, timeout: 600)
    #expect(outcome.error == nil)
    #expect(outcome.output == "tanh\n")
    let root = try #require(outcome.run?.root)
    #expect(root.tape.count == 1_000_001)
    #expect(root.tape.topologicalOrder(from: root.id).count == 1_000_001)
  }
}
