import Foundation
import Rendering
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The chain lengths to measure: `GRADVIZ_STEPS` if set, else 100,000 and 1,000,000.
private let measuredSteps =
  ProcessInfo.processInfo.environment["GRADVIZ_STEPS"].flatMap { Int($0) }.map { [$0] }
  ?? [100_000, 1_000_000]

/// A measurement, not part of the regular suite (the million-step chain takes about 40 s):
/// run it with `GRADVIZ_MILLION=1 swift test --filter millionChain`.
@Test(
  "a chain of a million additions through dot()",
  .enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_MILLION"] == "1"))
func millionChain() throws {
  for steps in measuredSteps {
    let clock = ContinuousClock()
    let start = clock.now
    let root = Graphs.chain(steps)
    let traced = clock.now
    let drawing = Drawing(root: root)
    let drawn = clock.now
    let text = try drawing.dot()
    let written = clock.now
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(
      "chain(\(steps)): \(drawing.valueCount) values, \(drawing.opCount) ops; "
        + "tape \(traced - start), Drawing.init \(drawn - traced), dot() \(written - drawn), "
        + "DOT \(text.utf8.count / 1_000_000) MB, peak RSS \(usage.ru_maxrss / 1024) MB")
    #expect(text.hasSuffix("op -> n\(2 * steps);\n}\n"))
  }
}
