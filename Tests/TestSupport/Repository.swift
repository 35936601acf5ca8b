import Foundation

/// Where the tests find the repository and the project's reference material.
public enum Repository {
  /// The repository's root folder, found from this file's path.
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The project's reference material: `shared/` beside the repository when it is there (it
  /// has `cases/`), else the copy in Tests/Fixtures (see its README).
  public static let shared: URL = {
    let beside = root.deletingLastPathComponent().appendingPathComponent("shared")
    if FileManager.default.fileExists(atPath: beside.appendingPathComponent("cases").path) {
      return beside
    }
    return fixtures
  }()

  /// The copy of the reference material kept with the tests, `Tests/Fixtures/shared`.
  public static let fixtures = root.appendingPathComponent("Tests/Fixtures/shared")
}
