import Foundation

/// The project's reference material: `shared/` beside the repository when it is there, else
/// the copy in Tests/Fixtures.
enum Shared {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let root: URL = {
    let beside = repository.deletingLastPathComponent().appendingPathComponent("shared")
    if FileManager.default.fileExists(atPath: beside.appendingPathComponent("cases").path) {
      return beside
    }
    return repository.appendingPathComponent("Tests/Fixtures/shared")
  }()

  static func data(_ path: String) throws -> Data {
    try Data(contentsOf: root.appendingPathComponent(path))
  }

  static func text(_ path: String) throws -> String {
    String(decoding: try data(path), as: UTF8.self)
  }
}
