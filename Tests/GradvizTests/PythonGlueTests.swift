import Foundation
import Testing

/// The embedded Python (Sources/PythonHost/Embedded: the tracer, the graphviz module,
/// micrograd's nn, the notebook reader) passes its own unit tests under plain python3, with
/// pip's micrograd and graphviz as the references (Python/test_glue.py).
@Suite("Python glue under python3")
struct PythonGlueTests {
  @Test func unitTests() throws {
    let python3 = try Differential.python3.get()
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Python/test_glue.py")
    let result = try CLI.run(["-m", "unittest", "-v", tests.path], using: python3)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("\nOK"), "\(result.stderr)")
  }
}
