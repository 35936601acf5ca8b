import Foundation
import Testing

/// DOT snapshots stored beside the tests, compared byte for byte.
///
/// Run the tests with `RECORD_SNAPSHOTS=1` to write the current output as the new snapshots.
enum Snapshot {
  /// `Tests/RenderingTests/Snapshots`, found from this file's path.
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  /// Whether this run records snapshots instead of checking them.
  static var isRecording: Bool {
    ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  }

  /// Checks `text` against `Snapshots/<name>.dot`, or records it.
  static func check(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let file = directory.appendingPathComponent(name + ".dot")
    if isRecording {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
      return
    }
    guard let expected = FileManager.default.contents(atPath: file.path) else {
      Issue.record(
        "no snapshot \(file.lastPathComponent); run with RECORD_SNAPSHOTS=1 to record it",
        sourceLocation: sourceLocation)
      return
    }
    #expect(
      Array(text.utf8) == Array(expected),
      "DOT differs from \(file.lastPathComponent):\n\(text)", sourceLocation: sourceLocation)
  }
}
