import Autograd
import Foundation
import PythonHost
import Testing

/// Running a script again with one of its leaves nudged where it is made.
@Suite("Re-running a script with a leaf nudged")
struct ScriptRerunTests {
  static let usage = """
    a = Value(2.0, label='a')
    b = Value(-3.0, label='b')
    c = a*b + 1.0; c.label = 'c'
    print('made', c.data)
    draw_dot(c)
    print('after')
    d = c * 2.0

    """

  static let script = Script(source: ScriptsOwnClassTests.lectureValue + usage, fileName: "t.py")
  static let options = ScriptHost.Options(backward: .never, timeout: 30, output: .capture)

  @Test func theFirstRunNumbersTheLeavesAndStopsAtTheDrawing() throws {
    let rerun = try ScriptHost.rerun(
      Self.script, options: Self.options, picture: 0, nudge: nil, record: true)
    #expect(rerun.error == nil)
    #expect(rerun.rootData == -5)
    // 'after' is never printed: the run stops once the root's data is known.
    #expect(rerun.printedLines == 1)
    let graph = try #require(rerun.graph)
    #expect(graph.data.last == -5)
    #expect(graph.ops.last == "+")
    // a, b and the 1.0 that __add__ wraps, in the order they were made.
    let made = graph.leaves.compactMap { $0 }
    #expect(made.map(\.index).sorted() == [0, 1, 2])
    #expect(Set(made.map(\.dataWhenMade)) == [2, -3, 1])
    let a = try #require(made.first { $0.dataWhenMade == 2 })
    #expect(a.index == 0)
  }

  @Test func aNudgedLeafMovesTheRoot() throws {
    let moved = try ScriptHost.rerun(
      Self.script, options: Self.options, picture: 0, nudge: .init(index: 0, data: 2.5),
      record: false)
    #expect(moved.rootData == -6.5)
    #expect(moved.graph == nil)
    // Without a drawing to stop at, the root is as the first run's: the last drawing's,
    // after the whole run.
    let last = try ScriptHost.rerun(
      Self.script, options: Self.options, picture: nil, nudge: .init(index: 1, data: -4),
      record: false)
    #expect(last.rootData == -7.0)
    #expect(last.printedLines == 2)
  }

  @Test func aRerunLeavesNoTraceOnTheNextRun() throws {
    _ = try ScriptHost.rerun(
      Self.script, options: Self.options, picture: 0, nudge: .init(index: 0, data: 7),
      record: true)
    let run = try ScriptHost.run(
      Script(
        source: Self.script.source
          + "print(hasattr(Value.__init__, '__wrapped__'), a.data)\n",
        fileName: "t.py"),
      options: Self.options)
    #expect(run.output == "made -5.0\nafter\nFalse 2.0\n")
    #expect(run.pictures.count == 1)
  }

  @Test func anErrorIsGivenBackNotThrown() throws {
    let raising = Script(
      source: ScriptsOwnClassTests.lectureValue
        + "a = Value(2.0, label='a')\nif a.data != 2.0: raise ValueError('moved')\nb = a * 3.0\n",
      fileName: "t.py")
    let rerun = try ScriptHost.rerun(
      raising, options: Self.options, picture: nil, nudge: .init(index: 0, data: 2.5),
      record: false)
    #expect(rerun.error?.message == "ValueError: moved")
    #expect(rerun.error?.sourceLine == "if a.data != 2.0: raise ValueError('moved')")
  }
}
