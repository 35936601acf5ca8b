import Autograd
import Foundation
import PythonHost
import Testing

/// Running scripts in-process with the embedded Python.
enum Support {
  /// The repository's root folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `shared/` beside the repository when it is there, else the copy in Tests/Fixtures.
  static let shared: URL = {
    let beside = root.deletingLastPathComponent().appendingPathComponent("shared")
    if FileManager.default.fileExists(atPath: beside.appendingPathComponent("cases").path) {
      return beside
    }
    return root.appendingPathComponent("Tests/Fixtures/shared")
  }()

  /// What a run printed and made, or its error.
  struct Outcome {
    let output: String
    let run: ScriptRun?
    let error: ScriptError?
    let notes: [String]
  }

  /// Runs `source` as a script named `name` in `directory`, capturing what it prints.
  static func run(
    _ source: String, name: String = "t.py", directory: String? = nil,
    backward: BackwardMode = .auto, timeout: Double? = 30, seed: Int = 0
  ) -> Outcome {
    let notes = NoteBox()
    do {
      let run = try ScriptHost.run(
        Script(source: source, fileName: name, directory: directory),
        options: .init(backward: backward, timeout: timeout, seed: seed, output: .capture),
        notes: { notes.append($0.description) })
      return Outcome(output: run.output ?? "", run: run, error: nil, notes: notes.all)
    } catch {
      return Outcome(output: "", run: nil, error: error, notes: notes.all)
    }
  }

  /// Runs `source` with `/usr/bin/python3` (or `python3` on the path) in `directory`; `nil`
  /// when there is no python3.
  static func python3(_ source: String, in directory: URL? = nil) throws -> (
    status: Int32, output: String
  )? {
    let candidates = ["/usr/bin/python3", "/usr/local/bin/python3"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-c", source]
    if let directory { process.currentDirectoryURL = directory }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-python-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Resident memory of this process in bytes, from /proc/self/statm.
  static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return 0
    }
    let fields = text.split(separator: " ")
    return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// The only value on `root`'s tape labelled `label`.
  static func value(_ label: String, in root: Value) throws -> Value {
    let tape = root.tape
    let matches = (0..<tape.count).map { Value(tape: tape, id: $0) }.filter { $0.label == label }
    try #require(matches.count == 1, "\(matches.count) values labelled \(label)")
    return matches[0]
  }
}

final class NoteBox: @unchecked Sendable {
  private let lock = NSLock()
  private var notes: [String] = []

  func append(_ note: String) {
    lock.lock()
    notes.append(note)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return notes
  }
}
