import Foundation

/// Runs a built program of this package, as a user would, and collects what it wrote.
public enum Program {
  /// What a program wrote, and how it ended.
  public struct Result: Sendable {
    /// The exit status.
    public let status: Int32
    /// Standard output, decoded as UTF-8.
    public let stdout: String
    /// Standard error, decoded as UTF-8.
    public let stderr: String
    /// Standard output, byte for byte.
    public let stdoutBytes: [UInt8]
  }

  /// The folder where `swift build` put the test bundle, and so the package's executables.
  public static var productsFolder: URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if folder.lastPathComponent == "MacOS" {  // inside an .xctest bundle
      folder = folder.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    }
    return folder
  }

  /// The executable product `name` that `swift build` put beside the test bundle.
  public static func product(_ name: String) -> URL {
    productsFolder.appendingPathComponent(name)
  }

  /// Runs `executable ARGUMENTS` with `stdin` as standard input and `environment` added to
  /// this process's, in `directory` (default: the repository's root).
  ///
  /// - Throws: when the program cannot be started.
  public static func run(
    _ executable: URL, _ arguments: [String], stdin: String = "",
    environment: [String: String] = [:], in directory: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? Repository.root
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
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
}

/// Data filled in by another thread.
final class Box: @unchecked Sendable {
  var data = Data()
}
