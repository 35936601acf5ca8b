import Foundation
import TestSupport

/// The project's reference material: `shared/` beside the repository when it is there, else
/// the copy in Tests/Fixtures.
enum Shared {
  static let root = Repository.shared

  static func data(_ path: String) throws -> Data {
    try Data(contentsOf: root.appendingPathComponent(path))
  }

  static func text(_ path: String) throws -> String {
    String(decoding: try data(path), as: UTF8.self)
  }
}
