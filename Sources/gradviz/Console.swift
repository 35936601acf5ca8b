import Autograd
import Foundation

/// Where messages and data go: data to stdout, everything else to stderr.
enum Console {
  /// Writes `text` and a newline to standard error.
  @Sendable static func error(_ text: String) {
    error(text: text)
  }

  /// Writes a message that may quote user text (labels, paths) to standard error, with
  /// control characters shown as escapes (`\x01`); its own line breaks stay.
  static func message(_ text: String) {
    error(
      text: text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { PrintableText.escape(String($0)) }.joined(separator: "\n"))
  }

  private static func error(text: String) {
    try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
  }

  /// Writes `bytes` to standard output as they are.
  ///
  /// When standard output cannot be written (closed, or the disk is full) this prints why and
  /// ends the process with status 74. A reader that goes away early (`gradviz dot x.mg | head`)
  /// ends it quietly through SIGPIPE, as it ends any Unix filter.
  @Sendable static func write(_ bytes: [UInt8]) {
    do {
      try FileHandle.standardOutput.write(contentsOf: Data(bytes))
    } catch {
      let reason = describe(error)
      Console.error(text: "gradviz: error: cannot write to standard output: \(reason)")
      exit(74)
    }
  }

  /// Writes `text` to standard output; see ``write(_:)``.
  @Sendable static func out(_ text: String) {
    write(Array(text.utf8))
  }

  /// Writes `line` and a newline to standard output; see ``write(_:)``.
  @Sendable static func line(_ line: String) {
    out(line + "\n")
  }

  /// An I/O error in words: the system's own text for the underlying `errno` when there is
  /// one (`Bad file descriptor`, `No space left on device`).
  static func describe(_ error: any Error) -> String {
    var nsError = error as NSError
    while nsError.domain != NSPOSIXErrorDomain,
      let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
    {
      nsError = underlying
    }
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    if nsError.code == CocoaError.fileWriteOutOfSpace.rawValue { return String(cString: strerror(ENOSPC)) }
    return error.localizedDescription
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
