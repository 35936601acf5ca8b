import Foundation
import TestSupport
import Testing

/// What the user had survives a failed write, a closed pipe and an interrupted run.
///
/// The full-disk and read-only cases mount a small tmpfs, which needs root and a kernel that
/// allows it (a CI container run as root usually does); elsewhere they are skipped, with the
/// reason in the test's name.
@Suite struct OutputFailureTests {
  static let neuron = "Samples/neuron.mg"

  /// A full disk: the write fails with the system's reason and status 74, the old file is
  /// byte-identical and no temporary file is left beside it.
  @Test(.enabled(if: SmallDisk.canMount, "needs root and permission to mount a tmpfs"))
  func fullDiskKeepsTheOldFile() throws {
    let disk = try SmallDisk(kilobytes: 64)
    let out = disk.path("neuron.svg")
    let old = Data("the old picture, which must survive\n".utf8)
    try old.write(to: URL(fileURLWithPath: out))
    try disk.fill()
    let before = disk.contents()

    let result = try CLI.run(["render", Self.neuron, "-o", out])
    #expect(result.status == 74)
    #expect(result.stderr == "gradviz: error: cannot write '\(out)': No space left on device\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == old)
    #expect(disk.contents() == before)
  }

  /// A read-only file system: status 74 with the reason, the old file untouched.
  @Test(.enabled(if: SmallDisk.canMount, "needs root and permission to mount a tmpfs"))
  func readOnlyDirectoryKeepsTheOldFile() throws {
    let disk = try SmallDisk(kilobytes: 64)
    let out = disk.path("neuron.svg")
    let old = Data("the old picture\n".utf8)
    try old.write(to: URL(fileURLWithPath: out))
    try disk.remountReadOnly()

    let result = try CLI.run(["render", Self.neuron, "-o", out])
    #expect(result.status == 74)
    #expect(result.stderr.hasPrefix("gradviz: error: cannot write '\(out)': "))
    #expect(result.stderr.contains("Read-only file system") || result.stderr.contains("not writable"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == old)
    #expect(disk.contents() == ["neuron.svg"])
  }

  /// `gradviz dot big | head -1`: one line out, nothing on stderr, and gradviz ends by
  /// SIGPIPE (141 in the shell) or, if it finished first, with 0.
  @Test func brokenPipeEndsQuietly() throws {
    let folder = try TemporaryFolder()
    let script = folder.path("chain.mg")
    try BigScripts.chain(steps: 5_000).write(toFile: script, atomically: true, encoding: .utf8)
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/bash")
    shell.arguments = [
      "-c",
      "\"$0\" dot \"$1\" 2>\"$2/err\" | head -1 >\"$2/out\"; echo \"${PIPESTATUS[0]}\" >\"$2/status\"",
      CLI.binary.path, script, folder.url.path,
    ]
    try shell.run()
    shell.waitUntilExit()
    let status = try String(contentsOfFile: folder.path("status"), encoding: .utf8)
    #expect(["141\n", "0\n"].contains(status))
    #expect(try String(contentsOfFile: folder.path("err"), encoding: .utf8) == "")
    #expect(try String(contentsOfFile: folder.path("out"), encoding: .utf8) == "digraph gradviz {\n")
  }

  /// SIGINT in the middle of a long render: the process ends by the signal and leaves nothing
  /// in the output's folder but what was there. (`env --default-signal=INT` undoes the
  /// `SIG_IGN` that a background job inherits, so the test does not depend on how it is run.)
  @Test func interruptedRenderLeavesNoTemporaryFiles() throws {
    let folder = try TemporaryFolder()
    let script = folder.path("chain.mg")
    try BigScripts.chain(steps: 1_500).write(toFile: script, atomically: true, encoding: .utf8)
    let out = folder.path("chain.svg")
    let old = Data("old\n".utf8)
    try old.write(to: URL(fileURLWithPath: out))

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "--default-signal=INT", CLI.binary.path, "render", script, "-o", out, "--max-nodes", "10000",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    let stillRunning = process.isRunning
    process.interrupt()
    let deadline = Date().addingTimeInterval(20)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      Issue.record("gradviz render did not stop on SIGINT")
    }
    process.waitUntilExit()
    if stillRunning {
      #expect(process.terminationReason == .uncaughtSignal)
      #expect(process.terminationStatus == SIGINT)
      #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == old)
    }
    #expect(folder.contents() == ["chain.mg", "chain.svg"])
  }

  /// A missing folder is named as the user wrote it.
  @Test func missingFolderIsNamedAsGiven() throws {
    let folder = try TemporaryFolder()
    let neuron = CLI.root.appendingPathComponent(Self.neuron).path
    let result = try CLI.run(["render", neuron, "-o", "no/dir/x.svg"], in: folder.url)
    #expect(result.status == 74)
    #expect(result.stderr == "gradviz: error: cannot write 'no/dir/x.svg': directory 'no/dir' does not exist\n")
    #expect(folder.contents().isEmpty)
  }

  /// A format Graphviz does not have is one line of gradviz's own, without Graphviz's noise.
  @Test func graphvizErrorIsOneClearLine() throws {
    let folder = try TemporaryFolder()
    let result = try CLI.run(["render", Self.neuron, "--format", "nope", "-o", folder.path("x.svg")])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("gradviz: error: unknown output format 'nope'; "))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(folder.contents().isEmpty)
  }
}

/// Scripts generated at test time.
enum BigScripts {
  /// `x = x * 2.0 - 0.5` and `x = x * 0.5 + 0.25` in turn: a chain of `4 * steps + 1`
  /// values (a constant and an operation per operator) whose data stay between 1 and 1.5
  /// and whose root has d root / d x = 1.
  static func chain(steps: Int) -> String {
    var text = "x = Value(1.0, label='x')\n"
    text.reserveCapacity(steps * 24)
    for step in 0..<steps { text += step % 2 == 0 ? "x = x * 2.0 - 0.5\n" : "x = x * 0.5 + 0.25\n" }
    return text
  }
}

/// A tmpfs of a few kilobytes mounted on a fresh folder, unmounted and removed on deinit.
final class SmallDisk {
  let url: URL

  /// Whether this process may mount a tmpfs (tried once).
  static let canMount: Bool = {
    guard getuid() == 0, let disk = try? SmallDisk(kilobytes: 16) else { return false }
    return FileManager.default.isWritableFile(atPath: disk.url.path)
  }()

  init(kilobytes: Int) throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("gradviz-disk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    guard Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path]) else {
      try? FileManager.default.removeItem(at: url)
      throw CocoaError(.fileWriteNoPermission)
    }
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func contents() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  /// Writes a filler file until the disk is full.
  func fill() throws {
    if !FileManager.default.fileExists(atPath: path("filler")) {
      guard FileManager.default.createFile(atPath: path("filler"), contents: nil) else {
        throw CocoaError(.fileWriteUnknown)
      }
    }
    guard let handle = FileHandle(forWritingAtPath: path("filler")) else {
      throw CocoaError(.fileWriteUnknown)
    }
    defer { try? handle.close() }
    let block = Data(count: 1024)
    while (try? handle.write(contentsOf: block)) != nil {}
  }

  func remountReadOnly() throws {
    guard Self.mount(["-o", "remount,ro", url.path]) else { throw CocoaError(.fileWriteNoPermission) }
  }

  /// Runs `mount ARGS` quietly; whether it succeeded.
  private static func mount(_ arguments: [String]) -> Bool {
    run("/bin/mount", arguments)
  }

  private static func run(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  deinit {
    _ = Self.run("/bin/umount", [url.path])
    try? FileManager.default.removeItem(at: url)
  }
}
