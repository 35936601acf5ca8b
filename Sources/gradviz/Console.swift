import Foundation

/// Where messages and data go: data to stdout, everything else to stderr.
enum Console {
  /// Writes `text` and a newline to standard error.
  @Sendable static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Writes `bytes` to standard output as they are.
  static func write(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
  }

  /// Why `path` cannot be read, in words.
  static func reason(forPath path: String) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      return "no such file"
    }
    return isDirectory.boolValue ? "it is a directory" : "permission denied"
  }
}
