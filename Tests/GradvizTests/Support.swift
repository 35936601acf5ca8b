import Foundation

/// Runs the built `gradviz` binary, as a user would.
enum CLI {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutBytes: [UInt8]
  }

  /// The repository's root folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The project's reference material: `shared/` beside the repository when it is there,
  /// else the copy in Tests/Fixtures (see its README).
  static let shared: URL = {
    let beside = root.deletingLastPathComponent().appendingPathComponent("shared")
    if FileManager.default.fileExists(atPath: beside.appendingPathComponent("cases").path) {
      return beside
    }
    return fixtures
  }()

  /// The copy of the reference material kept with the tests.
  static let fixtures = root.appendingPathComponent("Tests/Fixtures/shared")

  /// The binary that `swift build` put beside the test bundle.
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["GRADVIZ_BIN"] {
      return URL(fileURLWithPath: path)
    }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if folder.lastPathComponent == "MacOS" {  // inside an .xctest bundle
      folder = folder.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    }
    return folder.appendingPathComponent("gradviz")
  }

  /// Runs `gradviz ARGS` with `stdin` as standard input, in `directory` (default: the
  /// repository's root, for commands that only read files there).
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    in directory: URL? = nil, using tool: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = tool.map { URL(fileURLWithPath: $0) } ?? binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? root
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Read stderr on another thread so that neither pipe fills up and blocks the child.
    let errorData = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorData.data = error.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errorData.data, as: UTF8.self),
      stdoutBytes: [UInt8](outData))
  }

  /// Parses `gradviz grads --format csv` output into rows of cells.
  static func csv(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, iterator = Array(text).makeIterator(), pending: Character? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
          } else {
            quoted = false
          }
        } else { field.append(c) }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(field); field = ""
      } else if c == "\n" {
        row.append(field); rows.append(row); row = []; field = ""
      } else { field.append(c) }
    }
    return rows
  }
}

/// Data filled in by another thread.
final class Box: @unchecked Sendable {
  var data = Data()
}
