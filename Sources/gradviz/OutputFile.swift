import ArgumentParser
import Foundation

/// Writes command output to a file atomically, or to stdout for `-`.
enum OutputFile {
  /// Writes `bytes` to `path`: the whole file appears at once (written to a temporary file
  /// beside it, then renamed), so a failed run leaves any existing file as it was.
  ///
  /// - Throws: `ExitCode(74)` after printing why, when the file cannot be written.
  static func write(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
      Console.write(bytes)
      return
    }
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      let given = (path as NSString).deletingLastPathComponent
      Console.error(
        "gradviz: error: cannot write '\(path)': directory '\(given.isEmpty ? "." : given)' does not exist")
      throw ExitCode(74)
    }
    do {
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      let reason = FileManager.default.isWritableFile(atPath: directory)
        ? Console.describe(error) : "directory '\(directory)' is not writable"
      Console.error("gradviz: error: cannot write '\(path)': \(reason)")
      throw ExitCode(74)
    }
  }
}
