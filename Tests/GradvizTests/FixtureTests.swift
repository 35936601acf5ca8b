import Foundation
import Testing

/// The copy of the reference material in Tests/Fixtures matches `shared/` beside the
/// repository, whenever both are present.
@Suite("Fixtures")
struct FixtureTests {
  @Test(arguments: ["cases", "data", "seed", "realcode"])
  func fixtureCopyMatchesShared(_ folder: String) throws {
    let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
    let copy = CLI.fixtures.appendingPathComponent(folder)
    let names = try Self.files(under: copy)
    #expect(!names.isEmpty)
    guard FileManager.default.fileExists(atPath: shared.path) else { return }
    #expect(try Self.files(under: shared) == names)
    for name in names {
      let a = try Data(contentsOf: shared.appendingPathComponent(name))
      let b = try Data(contentsOf: copy.appendingPathComponent(name))
      #expect(a == b, "Tests/Fixtures/shared/\(folder)/\(name) differs from shared/")
    }
  }

  /// The paths of the regular files below `folder`, relative to it, sorted.
  static func files(under folder: URL) throws -> [String] {
    let manager = FileManager.default
    return try manager.subpathsOfDirectory(atPath: folder.path).filter { path in
      var isFolder: ObjCBool = false
      _ = manager.fileExists(
        atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
      return !isFolder.boolValue
    }.sorted()
  }
}
