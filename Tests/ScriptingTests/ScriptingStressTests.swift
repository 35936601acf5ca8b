import Autograd
import Foundation
import Testing

@testable import Scripting

/// Long runs for `make stress` (set GRADVIZ_STRESS=1); `make test` skips them.
@Suite(
  "Scripting stress", .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
struct ScriptingStressTests {
  @Test("a 10 MB script of assignments runs")
  func tenMegabyteScript() throws {
    var source = ""
    var index = 0
    while source.utf8.count < 10 << 20 {
      source += "x\(index) = \(index % 1000).5\ny\(index) = x\(index) * 2.0 - \(index % 7)\n"
      index += 1
    }
    let last = index - 1
    let outcome = try run(source + "print(y\(last))", maxSteps: 100_000_000)
    let expected = (Double(last % 1000) + 0.5) * 2.0 - Double(last % 7)
    #expect(outcome.printed == [PythonFormat.float(expected)])
    #expect(outcome.run.root == nil)
  }

  @Test("a list nested a million deep, and a million chained closures, are freed")
  func millionDeep() throws {
    let source = """
      a = []
      for i in range(1000000):
          a = [a]
      def wrap(g):
          def h(x):
              return g(x)
          return h
      f = lambda x: x
      for i in range(1000000):
          f = wrap(f)
      print('done')
      """
    #expect(try run(source, maxSteps: 100_000_000).printed == ["done"])
  }

  @Test("100,000 more mutants, with other seeds, run or give diagnostics inside them")
  func manyMutations() {
    let batch = MutationTests()
    for index in 0..<222 { batch.mutants(1_000 + index) }
  }
}
