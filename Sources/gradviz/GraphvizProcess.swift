import ArgumentParser
import Foundation
import GraphvizBindings

/// Graphviz's layout and rendering in a child process: the same binary run as
/// `gradviz graphviz-child FORMAT`, with the DOT text as standard input.
///
/// Graphviz 2.42 cannot be made safe: it crashes when it runs out of memory, on some plugins'
/// inputs, and it leaks a little per layout. In a child, a crash becomes
/// ``GraphvizError/failed(_:)`` (`gradviz: error: Graphviz failed (...)`, exit 70)
/// before any output file is touched, and what it leaks ends with it. The DOT text, the
/// rendered bytes and the messages pass through unlinked temporary files, so nothing waits on
/// a pipe, no thread is needed and nothing is left behind. The rendered bytes follow one line
/// with the layout's size (``layoutTag``), which the 4,000-pixel note needs. When no process
/// can be started (a process limit), that is the same error: Graphviz never runs uncontained.
enum GraphvizProcess {
  /// The hidden subcommand's name.
  static let subcommand = "graphviz-child"

  /// The first line of the child's standard error when a raster picture is over the pixel
  /// budget; the width, height and limit follow on the same line.
  static let pictureTooLargeTag = "picture-too-large"

  /// The first word of the child's first line on standard output, followed by the width and
  /// height of the layout's bounding box in points (or `-` when there is none); the rendered
  /// bytes come after that line.
  static let layoutTag = "layout"

  /// The status the child exits with when it refused the picture.
  static let refusedStatus: Int32 = 1

  /// Makes every drawing render in a child process.
  static func install() {
    Graphviz.useRenderer { text, format in try render(dot: text, format: format) }
    Graphviz.useBatchRenderer { texts, format in try render(dots: texts, format: format) }
  }

  /// The child's option that reads several DOT texts: each one's byte count on a line of its
  /// own, then its bytes. The answer has each one's layout line, then a line with the byte
  /// count of its rendering, then the rendering.
  static let batchOption = "--batch"

  /// Lays out and renders `text` in a child process.
  ///
  /// - Throws: the child's ``GraphvizError``; ``GraphvizError/failed(_:)`` when the child
  ///   ends by a signal or without an answer, or cannot be started; ``GraphvizError/graphviz(_:)`` when the
  ///   temporary files cannot be made.
  static func render(dot text: String, format: String) throws -> Graphviz.Rendered {
    try answer(try run(input: Array(text.utf8), arguments: [format]))
  }

  /// Lays out and renders several DOT texts in one child process, in order.
  ///
  /// - Throws: the errors of ``render(dot:format:)``, for the first text that fails.
  static func render(dots texts: [String], format: String) throws -> [Graphviz.Rendered] {
    var input: [UInt8] = []
    for text in texts {
      let bytes = Array(text.utf8)
      input += Array("\(bytes.count)\n".utf8) + bytes
    }
    let output = try run(input: input, arguments: [format, batchOption])
    var answers: [Graphviz.Rendered] = []
    var offset = 0
    func line() throws -> [Substring] {
      guard let newline = output[offset...].firstIndex(of: UInt8(ascii: "\n")) else {
        throw GraphvizError.failed("its answer is cut short")
      }
      defer { offset = newline + 1 }
      return String(decoding: output[offset..<newline], as: UTF8.self).split(separator: " ")
    }
    for _ in texts {
      let layout = try layoutSize(try line())
      guard let count = try line().first.flatMap({ Int($0) }), count >= 0,
        offset + count <= output.count
      else { throw GraphvizError.failed("its answer is cut short") }
      answers.append((Array(output[offset..<(offset + count)]), layout))
      offset += count
    }
    return answers
  }

  /// Runs the child with `input` as its standard input: its standard output, when it ends
  /// well.
  private static func run(input bytes: [UInt8], arguments childArguments: [String]) throws
    -> [UInt8]
  {
    let input = try TemporaryFile()
    let output = try TemporaryFile()
    let errors = try TemporaryFile()
    try input.write(bytes)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input.descriptor, STDIN_FILENO)
    posix_spawn_file_actions_adddup2(&actions, output.descriptor, STDOUT_FILENO)
    posix_spawn_file_actions_adddup2(&actions, errors.descriptor, STDERR_FILENO)

    let executable = "/proc/self/exe"
    let arguments = ["gradviz", subcommand] + childArguments
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    Termination.installHandlers()
    // Without Swift's backtracer, whose helper process can hang when memory ran out: a crash
    // in the child ends it at once, and the parent says so.
    let variables =
      ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" }
      .map { "\($0.key)=\($0.value)" } + ["SWIFT_BACKTRACE=enable=no"]
    var environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
    defer { for pointer in environment { free(pointer) } }
    // The handler must see the child's id as soon as it exists: signals wait meanwhile.
    let spawned = PendingFile.withSignalsBlocked { previous in
      // The child starts with no signal blocked, whatever this thread blocks now.
      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      posix_spawnattr_setsigmask(&attributes, &previous)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
      let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, &environment)
      if spawned == 0 { Termination.child = pid }
      return spawned
    }
    defer { Termination.child = 0 }
    guard spawned == 0 else {
      // No process to spare (a process limit): an error, never Graphviz uncontained here,
      // where a thread it cannot start (pango's) would end gradviz with a signal.
      throw GraphvizError.failed(
        "cannot start a process for it: \(String(cString: strerror(spawned)))")
    }

    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else {
        throw GraphvizError.failed("cannot wait for it: \(String(cString: strerror(errno)))")
      }
    }
    let message = String(decoding: try errors.readAll(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let signal = status & 0x7F
    if signal != 0 {
      // What the child said last before it died, such as GLib's "Error creating thread".
      let said = message.split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.last { !$0.isEmpty && !$0.hasPrefix("***") }
      throw GraphvizError.failed(
        "signal \(signal), \(String(cString: strsignal(signal)))"
          + (signal == SIGKILL ? "; out of memory?" : "")
          + (said.map { ": " + String($0.prefix(300)) } ?? ""))
    }
    let code = (status >> 8) & 0xFF
    switch code {
    case 0:
      return try output.readAll()
    case refusedStatus:
      throw childError(message)
    default:
      let failed = "gradviz: error: Graphviz failed ("
      if message.hasPrefix(failed), message.hasSuffix(")"), !message.contains("\n") {
        throw GraphvizError.failed(String(message.dropFirst(failed.count).dropLast()))
      }
      let text = message.isEmpty ? "exit status \(code)" : message
      if message.hasPrefix(Self.graphvizPrefix) {
        throw GraphvizError.graphviz(String(message.dropFirst(Self.graphvizPrefix.count)))
      }
      throw GraphvizError.failed(text)
    }
  }

  /// How the child prefixes Graphviz's own error text.
  static let graphvizPrefix = "graphviz: "

  /// The layout line and the rendered bytes that a successful child wrote.
  ///
  /// - Throws: ``GraphvizError/failed(_:)`` when the first line is not a layout line.
  static func answer(_ output: [UInt8]) throws -> Graphviz.Rendered {
    guard let newline = output.firstIndex(of: UInt8(ascii: "\n")) else {
      throw GraphvizError.failed("its answer has no layout line")
    }
    let words = String(decoding: output[..<newline], as: UTF8.self).split(separator: " ")
    return (Array(output[(newline + 1)...]), try layoutSize(words))
  }

  /// The layout's size from the words of a layout line (`layout W H`, or `layout -` for
  /// none).
  ///
  /// - Throws: ``GraphvizError/failed(_:)`` when the words are not a layout line.
  private static func layoutSize(_ words: [Substring]) throws -> Graphviz.LayoutSize? {
    guard words.first.map(String.init) == layoutTag else {
      throw GraphvizError.failed("its answer has no layout line")
    }
    guard words.count == 3, let width = Double(words[1]), let height = Double(words[2]) else {
      return nil
    }
    return (width, height)
  }

  /// The first line of a successful child's standard output.
  static func layoutLine(_ layout: Graphviz.LayoutSize?) -> String {
    guard let layout else { return layoutTag + " -\n" }
    return "\(layoutTag) \(layout.width) \(layout.height)\n"
  }

  /// The error a refusing child described on its standard error.
  private static func childError(_ message: String) -> GraphvizError {
    let words = message.split(separator: " ")
    if words.count == 4, words[0] == pictureTooLargeTag,
      let width = Int(words[1]), let height = Int(words[2]), let limit = Int(words[3])
    {
      return .pictureTooLarge(width: width, height: height, limit: limit)
    }
    return .graphviz(message)
  }

  /// The child's side: DOT text on standard input, the rendered bytes on standard output.
  struct Child: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: GraphvizProcess.subcommand,
      abstract: "Lay out DOT text from standard input and write the rendered file.",
      shouldDisplay: false)

    @Argument var format: String

    @Flag(name: .customLong(String(GraphvizProcess.batchOption.dropFirst(2))))
    var batch = false

    func run() throws {
      Termination.endWithParent()
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        bytes.append(contentsOf: chunk[0..<count])
      }
      do {
        guard batch else {
          let rendered = try Graphviz.renderInProcess(
            dot: String(decoding: bytes, as: UTF8.self), format: format)
          Console.write(Array(GraphvizProcess.layoutLine(rendered.layout).utf8) + rendered.bytes)
          return
        }
        var answer: [UInt8] = []
        var offset = 0
        while let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")),
          let count = Int(String(decoding: bytes[offset..<newline], as: UTF8.self)),
          count >= 0, newline + 1 + count <= bytes.count
        {
          let text = String(decoding: bytes[(newline + 1)..<(newline + 1 + count)], as: UTF8.self)
          offset = newline + 1 + count
          let rendered = try Graphviz.renderInProcess(dot: text, format: format)
          answer += Array(GraphvizProcess.layoutLine(rendered.layout).utf8)
          answer += Array("\(rendered.bytes.count)\n".utf8) + rendered.bytes
        }
        Console.write(answer)
      } catch GraphvizError.pictureTooLarge(let width, let height, let limit) {
        Console.error("\(GraphvizProcess.pictureTooLargeTag) \(width) \(height) \(limit)")
        throw ExitCode(GraphvizProcess.refusedStatus)
      } catch GraphvizError.graphviz(let message) {
        Console.error(GraphvizProcess.graphvizPrefix + message)
        throw ExitCode(70)
      } catch let error as GraphvizError {
        Console.error(error.description)
        throw ExitCode(GraphvizProcess.refusedStatus)
      }
    }
  }
}

/// A file in the temporary folder, unlinked as soon as it is made: only its descriptor
/// names it, so it disappears with the process at any moment.
final class TemporaryFile {
  let descriptor: Int32

  init() throws {
    let folder =
      ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "/tmp"
    var template = Array((folder + "/gradviz-XXXXXX").utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else {
      throw GraphvizError.failed(
        "cannot make a temporary file in \(folder): \(String(cString: strerror(errno)))")
    }
    unlink(template)
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    self.descriptor = descriptor
  }

  /// Writes all of `bytes` and rewinds.
  func write(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        throw GraphvizError.failed(
          "cannot write a temporary file: \(String(cString: strerror(errno)))")
      }
      offset += count
    }
    lseek(descriptor, 0, SEEK_SET)
  }

  /// Everything in the file, from its start.
  func readAll() throws -> [UInt8] {
    lseek(descriptor, 0, SEEK_SET)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count < 0 {
        throw GraphvizError.failed(
          "cannot read a temporary file: \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  deinit { close(descriptor) }
}
