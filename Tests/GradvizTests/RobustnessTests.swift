import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Hostile and careless input, one case per kind of failure: every run ends with a status
/// below 128 and a message, nothing hangs, no output is wrong, empty or clobbered.
@Suite struct RobustnessTests {
  static let small = "a = Value(1.0, label='a'); b = a * 2.0"

  /// Runs `gradviz ARGS` through the shell with `prefix` first (`ulimit -v ...;`), standard
  /// input from `input` (a shell redirection, or empty).
  static func shell(_ prefix: String, _ arguments: [String], input: String = "")
    throws -> CLI.Result
  {
    let quoted = ([CLI.binary.path] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
    return try CLI.run(
      ["-c", prefix + " " + quoted.joined(separator: " ") + " " + input],
      using: "/bin/bash")
  }

  // MARK: - Crashes

  /// Every format `gradviz formats` lists writes a non-empty file and exits 0; the text
  /// formats that are XML or JSON parse.
  @Test func everyListedFormatWritesAFile() throws {
    let formats = try CLI.run(["formats"]).stdout.split(separator: "\n").map(String.init)
    #expect(!formats.contains("vdx") && !formats.contains("gd") && !formats.contains("ico"))
    #expect(formats.contains("svg") && formats.contains("png"))
    let folder = try TemporaryFolder()
    for format in formats {
      let out = folder.path("out." + format)
      let result = try CLI.run(["render", "-e", Self.small, "--format", format, "-o", out])
      #expect(result.status == 0, "\(format): \(result.stderr)")
      let bytes = (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data()
      #expect(!bytes.isEmpty, "\(format) wrote nothing")
      if ["svg", "cmapx", "cmapx_np"].contains(format) {
        #expect(XMLParser(data: bytes).parse(), "\(format) is not well-formed XML")
      }
      if ["graphviz-json", "json", "dot_json", "xdot_json", "json0"].contains(format) {
        #expect((try? JSONSerialization.jsonObject(with: bytes)) != nil, "\(format) is not JSON")
      }
    }
  }

  /// A raster past the pixel budget is refused with advice, before Graphviz allocates it;
  /// the old file stays.
  @Test(arguments: [["--scale", "1000"], ["--size", "1000!"]])
  func rasterPastThePixelBudgetIsRefused(_ options: [String]) throws {
    let folder = try TemporaryFolder()
    let out = folder.path("a.png")
    try Data("old".utf8).write(to: URL(fileURLWithPath: out))
    let result = try CLI.run(["render", "-e", Self.small, "-o", out] + options)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("gradviz: error: the picture would be "))
    #expect(result.stderr.contains("million pixels"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data("old".utf8))
    // Vector formats have no pixels and are not bounded.
    #expect(
      try CLI.run(["render", "-e", Self.small, "-o", folder.path("a.svg")] + options).status == 0)
  }

  /// Reading a script: standard input closed, a directory, an endless device, each an error
  /// with a reason, never a signal or a wait without end.
  @Test func unreadableScriptsAreErrors() throws {
    let closed = try Self.shell("", ["grads", "-"], input: "<&-")
    #expect(closed.status == 1)
    #expect(
      closed.stderr == "gradviz: error: cannot read standard input: standard input is closed\n")
    let directory = try CLI.run(["grads", "/tmp"])
    #expect(directory.status == 1)
    #expect(directory.stderr == "gradviz: error: cannot read '/tmp': it is a directory\n")
    let stdinDirectory = try Self.shell("", ["grads", "-"], input: "< /tmp")
    #expect(stdinDirectory.status == 1)
    #expect(stdinDirectory.stderr.contains("it is a directory"))
    let endless = try Self.shell("", ["grads", "-"], input: "< /dev/zero")
    #expect(endless.status == 1)
    #expect(endless.stderr.contains("larger than 64 MiB"))
  }

  /// Graphviz runs out of memory: `Graphviz failed (...)`, status 70, the old file intact.
  /// An address-space limit of 210 MB lets gradviz itself run the script but not Graphviz
  /// lay out 2,400 values; with 1 GB everything succeeds. Below 200 MiB a run is refused
  /// before Python starts (status 71), where an allocation could otherwise fail inside the
  /// Swift runtime, which ends the process.
  @Test(.timeLimit(.minutes(5))) func graphvizOutOfMemoryIsContained() throws {
    let folder = try TemporaryFolder()
    let script = folder.path("chain.mg")
    try BigScripts.chain(steps: 600).write(toFile: script, atomically: true, encoding: .utf8)
    let out = folder.path("chain.svg")
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: out))
    var failures = 0
    for kilobytes in [150_000, 210_000, 1_000_000] {
      let result = try Self.shell(
        "ulimit -v \(kilobytes);", ["render", script, "--max-nodes", "10000", "-o", out])
      #expect(result.status < 128, "ulimit -v \(kilobytes): status \(result.status)")
      if result.status == 0 {
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasSuffix("</svg>\n"))
      } else if result.status == 71 {
        // Too little memory for a run: refused before it starts, never a hang or a signal.
        #expect(kilobytes < 200 << 10, "ulimit -v \(kilobytes): \(result.stderr)")
        #expect(
          result.stderr.hasPrefix("gradviz: error: Python could not start (an address-space "),
          "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data("old\n".utf8))
      } else {
        failures += 1
        #expect(result.status == 70, "ulimit -v \(kilobytes): \(result.stderr)")
        #expect(result.stderr.hasPrefix("gradviz: error: Graphviz failed ("))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data("old\n".utf8))
      }
      try Data("old\n".utf8).write(to: URL(fileURLWithPath: out))
    }
    #expect(failures >= 1, "no limit made Graphviz run out of memory")
    #expect(folder.contents() == ["chain.mg", "chain.svg"])
  }

  /// The child that runs Graphviz turns DOT text it cannot read into Graphviz's own message
  /// and status 70, which the parent passes on.
  @Test func graphvizChildReportsBadDOT() throws {
    let result = try CLI.run(["graphviz-child", "svg"], stdin: "digraph { a -> }")
    #expect(result.status == 70)
    #expect(result.stderr.hasPrefix("graphviz: "))
  }

  /// Process limits so low that Graphviz's own threads (pango's), its child process or the
  /// script interpreter's thread cannot start: the run succeeds, or Graphviz fails with a
  /// message and status 70, or Python cannot start (status 71); nothing hangs, no signal ends
  /// gradviz, no output is left half-made. Root is not bound by the limit, so as root the run
  /// is made as `nobody` through `setpriv` where it exists.
  @Test(.timeLimit(.minutes(2)), arguments: [1, 3, 4, 5, 8])
  func lowProcessLimitIsContained(limit: Int) throws {
    let out = "/tmp/gradviz-nobody-\(UUID().uuidString).svg"
    defer { unlink(out) }
    let asNobody = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    // `nobody` may not reach the build folder (a clone inside a private folder), so it runs a
    // copy of the binary in a folder of its own that anyone can read.
    var binary = CLI.binary.path
    let copyFolder = "/tmp/gradviz-nobody-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: copyFolder) }
    if asNobody {
      try FileManager.default.createDirectory(
        atPath: copyFolder, withIntermediateDirectories: false,
        attributes: [.posixPermissions: 0o755])
      binary = copyFolder + "/gradviz"
      try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
    }
    func run(_ arguments: [String]) throws -> CLI.Result {
      let quoted = ([binary] + arguments)
        .map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        .joined(separator: " ")
      let command = "ulimit -u \(limit); exec " + quoted
      return asNobody
        ? try CLI.run(
          ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/bash", "-c", command],
          using: "/usr/bin/setpriv")
        : try CLI.run(["-c", command], using: "/bin/bash")
    }
    let result = try run(["render", "-e", Self.small, "-o", out])
    #expect(result.status < 128, "\(result.stderr)")
    switch result.status {
    case 0:
      #expect(FileManager.default.fileExists(atPath: out))
    case 70:
      #expect(result.stderr.hasPrefix("gradviz: error: Graphviz failed ("), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out))
    default:
      #expect(result.status == 71, "\(result.stderr)")
      #expect(result.stderr.hasPrefix("gradviz: error: Python could not start ("))
      #expect(!FileManager.default.fileExists(atPath: out))
    }
    // --timeout needs a thread to watch the run: without one, the run is refused.
    let timed = try run(["grads", "--timeout", "60", "-e", Self.small])
    #expect(timed.status == 0 || timed.status == 71, "\(timed.stderr)")
    if timed.status == 0 {
      #expect(timed.stdout.contains("grad"))
    } else {
      #expect(
        timed.stderr.hasPrefix("gradviz: error: Python could not start (")
          || timed.stderr.hasPrefix("gradviz: error: cannot watch --timeout: "), "\(timed.stderr)")
    }
  }

  // MARK: - Wrong or unsafe output

  /// Control characters in labels: the SVG is well-formed, graphviz-json parses, and the
  /// terminal outputs show them escaped.
  @Test func controlCharactersAreEscaped() throws {
    let script =
      #"a = Value(1.0, label='c\x01d\x1b]0;title\x07'); b = Value(2.0, label='x\ny'); c = a*b"#
    let folder = try TemporaryFolder()
    let svg = try CLI.run(["render", "-e", script, "-o", folder.path("a.svg")])
    #expect(svg.status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path("a.svg")))
    #expect(XMLParser(data: bytes).parse())
    #expect(String(decoding: bytes, as: UTF8.self).contains(#"c\x01d\x1b]0;title\x07"#))
    let json = try CLI.run(["render", "-e", script, "--format", "graphviz-json", "-o", "-"])
    #expect((try? JSONSerialization.jsonObject(with: Data(json.stdoutBytes))) != nil)
    for command in [["grads"], ["check"], ["grads", "--format", "csv"]] {
      let result = try CLI.run(command + ["-e", script])
      #expect(result.status == 0)
      let raw = result.stdout.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }
      #expect(raw.isEmpty, "\(command): raw control characters")
      #expect(result.stdout.contains(#"c\x01d\x1b]0;title\x07"#))
      #expect(result.stdout.contains(#"x\ny"#))
    }
    let why = try CLI.run(["why", "-e", script, "n0"])
    #expect(why.status == 0)
    #expect(!why.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x01 })
    let unknown = try CLI.run(["why", "-e", script, "no\u{1B}such"])
    #expect(unknown.status == 1)
    #expect(!unknown.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x01 })
    // JSON keeps the label exactly.
    let table = try CLI.run(["grads", "-e", script, "--format", "json"])
    #expect(table.stdout.contains(#"c\u0001d"#))
  }

  /// Tooltips show the label as typed: Graphviz's `\N`, `\G`, `\L`, `\E`, a doubled
  /// backslash and an entity are not interpreted.
  @Test func tooltipsShowTheLabelAsTyped() throws {
    let label = #"p\Nq\Gr\Ls\Et\\u&amp;v<w>"#
    let script = "a = Value(1.0, label=r'\(label)'); b = a * 2.0"
    let result = try CLI.run(["render", "-e", script, "--format", "svg", "-o", "-"])
    #expect(result.status == 0)
    let delegate = TitleCollector()
    let parser = XMLParser(data: Data(result.stdoutBytes))
    parser.delegate = delegate
    #expect(parser.parse())
    #expect(delegate.titles.contains { $0.hasPrefix(label + "\n") }, "\(delegate.titles)")
  }

  /// A label of 20,000 characters without a space: drawn shortened, the DOT text reads back,
  /// the table keeps it whole.
  @Test func longLabelsAreDrawnShortened() throws {
    let long = String(repeating: "x", count: 20_000)
    let script = "a = Value(1.0, label='\(long)'); b = a * 2.0"
    let folder = try TemporaryFolder()
    let render = try CLI.run(["render", "-e", script, "-o", folder.path("a.svg")])
    #expect(render.status == 0, "\(render.stderr)")
    let dot = try CLI.run(["dot", "-e", script])
    #expect(dot.status == 0)
    #expect(dot.stdout.contains("…"))
    let readBack = try CLI.run(["graphviz-child", "plain"], stdin: dot.stdout)
    #expect(readBack.status == 0, "\(readBack.stderr)")
    #expect(try CLI.run(["grads", "-e", script]).stdout.contains(long))
  }

  /// `check` at a large magnitude: `x + 1` at 1e10 passes (the step is scaled to x).
  @Test(arguments: ["1e10", "1e5", "-3e7"]) func checkScalesTheStep(_ x: String) throws {
    let result = try CLI.run(["check", "-e", "x = Value(\(x)); y = x + 1.0"])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("pass: "))
  }

  /// `check` on a wide sum: no kink, no failure, leaves sampled with a note.
  @Test func checkSamplesTheLeavesOfAWideNeuron() throws {
    let script = """
      xs = [Value(float(i % 7) - 3.0) for i in range(400)]
      ws = [Value(0.001 * (i % 11)) for i in range(400)]
      n = sum([w*x for w, x in zip(ws, xs)], Value(0.5)).tanh()
      """
    let result = try CLI.run(["check", "-e", script])
    #expect(result.status == 0, "\(result.stdout.suffix(400))")
    #expect(result.stdout.contains("(200 of the 801 leaves checked"))
    #expect(!result.stdout.contains("not differentiable"))
    let json = try CLI.run(["check", "-e", script, "--format", "json"])
    #expect(json.stdout.contains(#""leaves_checked":200"#))
    #expect(json.stdout.contains(#""leaves_total":801"#))
  }

  // MARK: - Output files

  /// `/dev/null` stays a device; a 0600 file keeps its mode; a symlink keeps pointing at its
  /// target, which is replaced; a hard link keeps sharing the file; a FIFO is written
  /// through.
  @Test func specialFilesAreWrittenThrough() throws {
    let folder = try TemporaryFolder()
    let null = try CLI.run(["render", "-e", Self.small, "--format", "svg", "-o", "/dev/null"])
    #expect(null.status == 0)
    var status = stat()
    #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)

    let privateFile = folder.path("private.svg")
    try Data("old".utf8).write(to: URL(fileURLWithPath: privateFile))
    chmod(privateFile, 0o600)
    #expect(try CLI.run(["render", "-e", Self.small, "-o", privateFile]).status == 0)
    #expect(stat(privateFile, &status) == 0 && status.st_mode & 0o777 == 0o600)

    let target = folder.path("target.svg")
    let symbolic = folder.path("link.svg")
    try Data("old".utf8).write(to: URL(fileURLWithPath: target))
    #expect(symlink("target.svg", symbolic) == 0)
    #expect(try CLI.run(["render", "-e", Self.small, "-o", symbolic]).status == 0)
    #expect(lstat(symbolic, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
    #expect(try String(contentsOfFile: target, encoding: .utf8).contains("<svg"))

    let hard = folder.path("hard.svg")
    #expect(link(target, hard) == 0)
    #expect(try CLI.run(["render", "-e", Self.small, "--rankdir", "TB", "-o", hard]).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: hard))
        == Data(contentsOf: URL(fileURLWithPath: target)))
    #expect(stat(hard, &status) == 0 && status.st_nlink == 2)

    let fifo = folder.path("pipe.svg")
    #expect(mkfifo(fifo, 0o644) == 0)
    let reader = try CLI.run(
      [
        "-c", "cat \"$0\" > \"$1\" & \"$2\" render -e \"$3\" -o \"$0\"; wait", fifo,
        folder.path("read.svg"), CLI.binary.path, Self.small,
      ], using: "/bin/bash")
    #expect(reader.status == 0)
    #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    #expect(try String(contentsOfFile: folder.path("read.svg"), encoding: .utf8).contains("<svg"))
    #expect(!folder.contents().contains { $0.hasPrefix(".") })
  }

  /// A path ending in `/` and a directory as output: clear errors, status 74, nothing made.
  @Test func directoriesAreNotOutputs() throws {
    let folder = try TemporaryFolder()
    let slash = try CLI.run(["render", "-e", Self.small, "-o", "x.svg/"], in: folder.url)
    #expect(slash.status == 74)
    #expect(
      slash.stderr == "gradviz: error: cannot write 'x.svg/': a file name cannot end in '/'\n")
    try FileManager.default.createDirectory(
      atPath: folder.path("d.svg"), withIntermediateDirectories: false)
    let directory = try CLI.run(["render", "-e", Self.small, "-o", "d.svg"], in: folder.url)
    #expect(directory.status == 74)
    #expect(directory.stderr == "gradviz: error: cannot write 'd.svg': it is a directory\n")
    #expect(folder.contents() == ["d.svg"])
  }

  /// SIGTERM at many moments of a write: the old file or the new one, nothing else.
  @Test func terminationAtAnyMomentLeavesNothingBehind() throws {
    let folder = try TemporaryFolder()
    let out = folder.path("a.svg")
    try Data("old".utf8).write(to: URL(fileURLWithPath: out))
    for delay in stride(from: 0.02, through: 0.4, by: 0.02) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [
        "--default-signal=TERM", CLI.binary.path, "render", "-e", Self.small, "-o", out,
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      process.terminate()
      process.waitUntilExit()
      #expect(folder.contents() == ["a.svg"], "after \(delay) s: \(folder.contents())")
      let text = try String(contentsOfFile: out, encoding: .utf8)
      #expect(text == "old" || text.hasSuffix("</svg>\n"))
    }
  }

  // MARK: - Smaller

  /// A focus label on several values: all are drawn, and a note says so with their names.
  @Test func ambiguousFocusSaysSo() throws {
    let script = "a = Value(1.0, label='x'); b = Value(2.0, label='x'); c = a * b"
    let result = try CLI.run(["dot", "-e", script, "--focus", "x"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("gradviz: note: --focus 'x' labels 2 values (n0, n1)"))
    let single = try CLI.run([
      "dot", "-e", "a = Value(1.0, label='x'); c = a * 2.0", "--focus", "x",
    ])
    #expect(single.stderr.isEmpty)
  }

  /// Help and the version into a full device: status 74 and a message.
  @Test(arguments: [["--version"], ["--help"], ["help"]]) func helpIntoAFullDevice(
    _ arguments: [String]
  ) throws {
    let result = try Self.shell("", arguments, input: "> /dev/full")
    #expect(result.status == 74)
    #expect(result.stderr.contains("No space left on device"))
  }
}

/// Collects the `xlink:title` of every `<a>` in an SVG.
final class TitleCollector: NSObject, XMLParserDelegate {
  var titles: [String] = []

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if let title = attributes["xlink:title"] { titles.append(title) }
  }
}
