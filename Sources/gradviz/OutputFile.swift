import ArgumentParser
import Autograd
import Foundation

/// Writes command output to a file, or to stdout for `-`.
///
/// What is at the path decides how:
/// - a regular file (or nothing yet) is replaced atomically: the bytes go to a temporary file
///   beside it, which takes the old file's mode (and owner, when allowed), then is renamed
///   over it, so a failed or interrupted run leaves the old file as it was;
/// - a symbolic link has its target replaced that way; the link stays;
/// - a regular file with other hard links is written in place, so that every link sees it;
/// - anything else (`/dev/null`, `/dev/stdout`, a FIFO, a terminal) is written through.
///
/// SIGINT, SIGTERM and SIGHUP during a write remove the temporary file before the process
/// ends by the signal: nothing is left behind at any moment.
enum OutputFile {
  /// Writes `bytes` to `path` as described above.
  ///
  /// - Throws: `ExitCode(74)` after printing why, when the file cannot be written: a folder,
  ///   a path ending in `/`, a missing or read-only folder, a full disk.
  static func write(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
      Console.write(bytes)
      return
    }
    let shown = PrintableText.escape(path)
    func fail(_ reason: String) -> ExitCode {
      Console.error("gradviz: error: cannot write '\(shown)': \(reason)")
      return ExitCode(74)
    }
    var status = stat()
    let exists = stat(path, &status) == 0
    if exists, status.st_mode & S_IFMT == S_IFDIR { throw fail("it is a directory") }
    if path.hasSuffix("/") { throw fail("a file name cannot end in '/'") }
    if exists, status.st_mode & S_IFMT != S_IFREG || status.st_nlink > 1 {
      // Not a regular file, or one with other names: write through, in place.
      if let reason = writeThrough(bytes, to: path) { throw fail(reason) }
      return
    }
    let target = exists ? (resolvedPath(path) ?? path) : path
    let directory = (target as NSString).deletingLastPathComponent
    var isDirectory: ObjCBool = false
    guard
      FileManager.default.fileExists(
        atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      let given = (path as NSString).deletingLastPathComponent
      throw fail("directory '\(PrintableText.escape(given.isEmpty ? "." : given))' does not exist")
    }
    if let reason = replace(target, with: bytes, mode: exists ? status : nil) {
      throw fail(reason)
    }
  }

  /// The path with every symbolic link resolved, or `nil` when it cannot be resolved.
  private static func resolvedPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Opens `path` for writing without replacing it and writes `bytes`.
  ///
  /// - Returns: why it failed, or `nil`.
  private static func writeThrough(_ bytes: [UInt8], to path: String) -> String? {
    let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { return reason(errno) }
    defer { close(descriptor) }
    return writeAll(bytes, to: descriptor)
  }

  /// Writes `bytes` to a new temporary file beside `path` and renames it over `path`.
  ///
  /// - Parameter mode: the status of the file being replaced, whose mode and owner the new
  ///   file takes; `nil` for a new file, which gets 0666 less the umask.
  /// - Returns: why it failed, or `nil`.
  private static func replace(_ path: String, with bytes: [UInt8], mode: stat?) -> String? {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let template = (directory.isEmpty ? "" : directory + "/") + "." + name + ".gradviz-XXXXXX"
    guard template.utf8.count < PendingFile.capacity else { return "the path is too long" }
    Termination.installHandlers()
    let descriptor = PendingFile.create(template)
    guard descriptor >= 0 else {
      let code = errno
      if code == EACCES || code == EPERM {
        return
          "directory '\(PrintableText.escape(directory.isEmpty ? "." : directory))' is not writable"
      }
      return reason(code)
    }
    var failure: String?
    if let mode {
      if fchmod(descriptor, mode.st_mode & 0o7777) != 0 { failure = reason(errno) }
      if getuid() == 0 || mode.st_uid == getuid() {
        _ = fchown(descriptor, mode.st_uid, mode.st_gid)
        _ = fchmod(descriptor, mode.st_mode & 0o7777)
      }
    } else {
      let mask = umask(0)
      umask(mask)
      if fchmod(descriptor, 0o666 & ~mask) != 0 { failure = reason(errno) }
    }
    if failure == nil { failure = writeAll(bytes, to: descriptor) }
    if failure == nil, fsync(descriptor) != 0, errno != EINVAL { failure = reason(errno) }
    if close(descriptor) != 0, failure == nil { failure = reason(errno) }
    if failure == nil, PendingFile.rename(to: path) != 0 { failure = reason(errno) }
    PendingFile.discard()
    return failure
  }

  /// Writes all of `bytes` to an open descriptor.
  ///
  /// - Returns: why it failed, or `nil`.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return reason(errno)
      }
      offset += count
    }
    return nil
  }

  /// The system's words for `code`.
  private static func reason(_ code: Int32) -> String {
    switch code {
    case EISDIR: "it is a directory"
    case ENOENT: "no such file or directory"
    default: String(cString: strerror(code))
    }
  }
}
