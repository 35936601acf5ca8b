import Autograd
import Foundation

/// Reads the bytes of a script: a file, or standard input for `-`.
///
/// Reading is an error path like any other: standard input may be closed, the path may name
/// a folder, and a device such as `/dev/zero` never ends. Every case ends in a
/// ``ScriptFile/ReadError`` with a reason a user can act on, and no read goes past
/// ``limit`` bytes.
enum ScriptFile {
  /// The largest script read, in bytes: 64 MiB, six times the 10 MB script `make bench-script`
  /// reads in well under a second.
  static let limit = 64 << 20

  /// Why a script could not be read.
  struct ReadError: Error, CustomStringConvertible {
    /// The script as the user named it: a path, or `standard input`.
    let source: String
    /// The reason, such as `no such file` or `it is a directory`.
    let reason: String

    var description: String { "cannot read \(source): \(reason)" }
  }

  /// Reads the whole script at `path`, or standard input when `path` is `-`.
  ///
  /// - Parameters:
  ///   - path: a file's path, or `-` for standard input.
  ///   - limit: the largest number of bytes accepted.
  /// - Returns: the bytes, exactly as stored.
  /// - Throws: ``ReadError`` when standard input is closed, the path is missing, a folder or
  ///   not readable, a read fails, or there are more than `limit` bytes.
  /// - Complexity: O(n) in the script's size; at most `limit + 1` bytes are read.
  static func read(_ path: String, limit: Int = ScriptFile.limit) throws(ReadError) -> [UInt8] {
    let isStandardInput = path == "-"
    let source = isStandardInput ? "standard input" : "'\(PrintableText.escape(path))'"
    func failure(_ reason: String) -> ReadError { ReadError(source: source, reason: reason) }
    func systemReason(_ code: Int32) -> String {
      switch code {
      case ENOENT: "no such file"
      case EISDIR: "it is a directory"
      case EACCES: "permission denied"
      case EBADF where isStandardInput: "standard input is closed"
      default: String(cString: strerror(code))
      }
    }

    let descriptor: Int32
    if isStandardInput {
      descriptor = STDIN_FILENO
    } else {
      descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
      guard descriptor >= 0 else { throw failure(systemReason(errno)) }
    }
    defer { if !isStandardInput { close(descriptor) } }

    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure(systemReason(errno)) }
    if status.st_mode & S_IFMT == S_IFDIR { throw failure("it is a directory") }
    if !isStandardInput {
      // O_NONBLOCK only kept open() from waiting on a FIFO without a writer; reads block.
      let flags = fcntl(descriptor, F_GETFL)
      if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    }
    if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit {
      throw failure(tooLarge(limit))
    }

    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        Foundation.read(descriptor, $0.baseAddress, $0.count)
      }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(systemReason(errno))
      }
      guard bytes.count + count <= limit else { throw failure(tooLarge(limit)) }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  private static func tooLarge(_ limit: Int) -> String {
    "it is larger than \(limit >> 20) MiB, the largest script gradviz reads"
  }
}
