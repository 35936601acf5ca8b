import Foundation
import TestSupport

/// Runs the built `gradviz` binary, as a user would.
enum CLI {
  typealias Result = Program.Result

  /// The repository's root folder.
  static let root = Repository.root

  /// The project's reference material: `shared/` beside the repository when it is there,
  /// else the copy in Tests/Fixtures (see its README).
  static let shared = Repository.shared

  /// The copy of the reference material kept with the tests.
  static let fixtures = Repository.fixtures

  /// The binary that `swift build` put beside the test bundle, or `GRADVIZ_BIN`.
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["GRADVIZ_BIN"] {
      return URL(fileURLWithPath: path)
    }
    return Program.product("gradviz")
  }

  /// Runs `gradviz ARGS` with `stdin` as standard input, in `directory` (default: the
  /// repository's root, for commands that only read files there).
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    in directory: URL? = nil, using tool: String? = nil
  ) throws -> Result {
    try Program.run(
      tool.map { URL(fileURLWithPath: $0) } ?? binary, arguments, stdin: stdin,
      environment: environment, in: directory)
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
