import Foundation
import Testing

/// Ctrl-C and --timeout stop a runaway script cleanly.
@Suite("Stopping a script")
struct InterruptTests {
  static let loop = "print('start', flush=True)\nx = 0\nwhile True:\n    x += 1\n"

  @Test func ctrlCEndsWithStatus130AndNamesTheLine() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-interrupt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = folder.appendingPathComponent("loop.py")
    try Self.loop.write(to: script, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["render", script.path, "-o", folder.appendingPathComponent("x.svg").path]
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Wait for the script to start, then interrupt it as Ctrl-C does.
    let started = Date()
    var text = Data()
    while !String(decoding: text, as: UTF8.self).contains("start"),
      Date().timeIntervalSince(started) < 30
    {
      text.append(error.fileHandleForReading.availableData)
    }
    process.interrupt()
    text.append(error.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    let stderr = String(decoding: text, as: UTF8.self)
    #expect(stderr.contains("loop.py:"))
    #expect(stderr.contains("error: interrupted (Ctrl-C)"))
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(left == ["loop.py"], "files left: \(left)")
  }

  @Test func timeoutStopsARunawayScriptNamingItsLine() throws {
    let result = try CLI.run(["run", "--timeout", "0.5", "-e", Self.loop])
    #expect(result.status == 1)
    #expect(result.stdout == "start\n")
    #expect(result.stderr.hasPrefix("<-e>:3:1: error: the script ran for more than --timeout 0.5 s")
      || result.stderr.hasPrefix("<-e>:4:5: error: the script ran for more than --timeout 0.5 s"),
      "\(result.stderr)")
  }
}
