import Foundation
import Testing

/// The copy of the reference material in Tests/Fixtures matches `shared/` beside the
/// repository, whenever both are present.
@Suite("Fixtures")
struct FixtureTests {
  @Test(arguments: ["cases", "data", "seed"])
  func fixtureCopyMatchesShared(_ folder: String) throws {
    let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
    let copy = CLI.fixtures.appendingPathComponent(folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: copy.path).sorted()
    #expect(!names.isEmpty)
    guard FileManager.default.fileExists(atPath: shared.path) else { return }
    #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path).sorted() == names)
    for name in names {
      let a = try Data(contentsOf: shared.appendingPathComponent(name))
      let b = try Data(contentsOf: copy.appendingPathComponent(name))
      #expect(a == b, "Tests/Fixtures/shared/\(folder)/\(name) differs from shared/")
    }
  }
}
