import Foundation

/// A new, empty folder in the system's temporary folder, removed with everything in it when
/// the value is freed.
public final class TemporaryFolder {
  /// The folder.
  public let url: URL

  /// Creates the folder.
  ///
  /// - Throws: when the folder cannot be created.
  public init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("gradviz-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of `name` in the folder.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// The names in the folder, sorted.
  public func contents() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}
