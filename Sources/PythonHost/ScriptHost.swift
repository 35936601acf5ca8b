import Autograd
import CPython
import Foundation

/// Runs scripts and notebooks with the embedded CPython, as `python3 FILE` would run them.
///
/// ```swift
/// let script = Script(source: "a = Value(2.0)\nb = a * a\nprint(b)\n", fileName: "<-e>")
/// let run = try ScriptHost.run(script, options: .init(output: .capture))
/// run.output   // "Value(data=4.0)\n"
/// ```
public enum ScriptHost {
  /// Where what the script prints goes.
  public enum Output: String, Sendable {
    /// To standard output, as `python3` prints it.
    case standardOutput = "stdout"
    /// To standard error (commands whose standard output is a drawing or a table).
    case standardError = "stderr"
    /// Nowhere (`--quiet`).
    case discard
    /// Into ``ScriptRun/output``.
    case capture
  }

  /// How to run a script.
  public struct Options: Sendable {
    /// Whether to run `root.backward()` after the script.
    public var backward: BackwardMode
    /// Stop the script after this many seconds, with an error naming the line; `nil` for no
    /// limit.
    public var timeout: Double?
    /// The seed of Python's `random` (and numpy's global generator) before the script runs.
    public var seed: Int
    /// Where the script's prints go.
    public var output: Output
    /// The folder that `render --all` writes pictures to, where matplotlib figures are saved
    /// too; `nil` when pictures are not written.
    public var picturesFolder: String?
    /// The script's arguments, `sys.argv[1:]`.
    public var arguments: [String]
    /// Whether a script that raises still gives its run, with the graphs and pictures made
    /// before (and, in a notebook, after) the error and the error in ``ScriptRun/error``;
    /// Ctrl-C and the timeout still throw.
    public var keepGraphsOnError = false

    public init(
      backward: BackwardMode = .auto, timeout: Double? = nil, seed: Int = 0,
      output: Output = .standardOutput, picturesFolder: String? = nil, arguments: [String] = []
    ) {
      self.arguments = arguments
      self.backward = backward
      self.timeout = timeout
      self.seed = seed
      self.output = output
      self.picturesFolder = picturesFolder
    }
  }

  /// Runs `script` in a fresh namespace and returns the graph it built.
  ///
  /// The script's folder is `sys.path[0]` (the current folder for `-e` and standard input),
  /// `sys.argv` is `[FILE]`, `__name__` is `"__main__"`; `Value` and `draw_dot` are
  /// built-ins that any definition or import of the script shadows. The root is the argument
  /// of the last `draw_dot(...)` call, else the last value that a top-level assignment bound
  /// to a name; such a `Value` whose label is still empty when the script ends is labelled
  /// with that name (after the script, so the script never sees it).
  ///
  /// - Parameters:
  ///   - script: the script; a `.ipynb` file name runs it as a notebook.
  ///   - options: backward, timeout, seed and where prints go.
  ///   - notes: receives each note as it is made, on the interpreter's thread.
  /// - Returns: the tape, the root and the pictures.
  /// - Throws: ``ScriptError`` for a syntax error, an exception (the statements before it
  ///   keep their output), Ctrl-C (status 130), the timeout, or `sys.exit(n)` with `n != 0`
  ///   (no message); or when the interpreter cannot start.
  public static func run(
    _ script: Script, options: Options = Options(),
    notes: @escaping @Sendable (ScriptNote) -> Void = { _ in }
  ) throws(ScriptError) -> sending ScriptRun {
    let outcome: Result<ScriptRun, ScriptError>
    do {
      outcome = try PythonInterpreter.shared.perform {
        execute(script, options: options, notes: notes)
      }
    } catch {
      // Start-up fails for want of memory or threads: the system's error (EX_OSERR, 71).
      throw .system("Python could not start (\(error.message))", fileName: script.fileName)
    }
    return try outcome.get()
  }

  /// The number of live Python `Value` objects (both flavours), for reference-count tests.
  public static func liveValueCount() -> Int {
    (try? PythonInterpreter.shared.perform { NativeValue.liveCount }) ?? 0
  }

  /// A Python list of strings.
  static func list(_ strings: [String]) throws(PythonError) -> PythonObject {
    let list = try PythonError.check(PyList_New(0))
    for text in strings {
      let item = try PythonError.check(PyUnicode_FromString(text))
      try PythonError.check(status: item.borrow { PyList_Append(list.pointer, $0) })
    }
    return list
  }

  /// Calls `_gradviz_host.runner.run` for `script` under a ``Watchdog``: the one way a run
  /// and a re-run start; call on the interpreter's thread, between `Host.begin` and
  /// `Host.end`.
  ///
  /// - Parameters:
  ///   - output: where prints go (`Output`'s raw value).
  ///   - picturesFolder: where `--all` saves figures, if anywhere.
  ///   - nudging: the re-run's `Nudging` object, if this is a re-run.
  /// - Returns: the runner's result dictionary, or the error that kept it from running.
  static func callRunner(
    _ script: Script, options: Options, output: String, picturesFolder: String?,
    nudging: PythonObject? = nil
  ) -> Result<PythonObject, ScriptError> {
    do {
      let runner = try PythonError.check(PyImport_ImportModule("_gradviz_host.runner"))
      let watchdog: Watchdog?
      do {
        watchdog = try Watchdog.start(timeout: options.timeout)
      } catch {
        return .failure(
          .system(
            "cannot watch --timeout: no thread could start (\(error.reason))",
            fileName: script.fileName))
      }
      defer { watchdog?.cancel() }
      let none = { PythonObject(borrowing: Python.none) }
      let isNotebook = script.fileName.lowercased().hasSuffix(".ipynb")
      var arguments = [
        try Python.str(script.fileName), try Python.str(script.source),
        script.directory.flatMap { Python.string($0) } ?? none(),
        try PythonError.check(PyLong_FromSsize_t(options.seed)),
        try Python.str(output), try Python.str(isNotebook ? "notebook" : "script"),
        picturesFolder.flatMap { Python.string($0) } ?? none(),
        try list(options.arguments),
      ]
      if let nudging { arguments.append(nudging) }
      return .success(try runner.attribute("run").call(arguments))
    } catch {
      return .failure(
        ScriptError(
          fileName: script.fileName, line: 1, column: 1,
          message: "gradviz's Python host failed: \(error)", sourceLine: ""))
    }
  }

  private static func execute(
    _ script: Script, options: Options, notes: @escaping (ScriptNote) -> Void
  ) -> Result<ScriptRun, ScriptError> {
    Host.begin(fileName: script.fileName, notes: notes)
    defer { Host.end() }
    let tape = Host.run.tape
    let result: PythonObject
    switch callRunner(
      script, options: options, output: options.output.rawValue,
      picturesFolder: options.picturesFolder)
    {
    case .success(let answer): result = answer
    case .failure(let failure): return .failure(failure)
    }
    Host.flushStandardStreams()
    let output = result.item("output")?.string
    for pair in result.item("named")?.elements ?? [] {
      let parts = pair.elements
      guard parts.count == 2, NativeValue.isValue(parts[0].pointer), let name = parts[1].string
      else { continue }
      let value = NativeValue.value(parts[0].pointer)
      if value.tape === tape, value.label.isEmpty { value.label = name }
    }
    var raised: ScriptError?
    if let error = result.item("error"), !error.isNone {
      let failure = ScriptError(diagnostic: error, timeout: options.timeout)
      guard options.keepGraphsOnError, failure.status == 1 else { return .failure(failure) }
      raised = failure
    }
    let status = result.item("exit")?.int ?? 0
    if status != 0, raised == nil {
      return .failure(
        ScriptError(silentStatus: Int32(truncatingIfNeeded: status), fileName: script.fileName))
    }
    var root: Value?
    var traced: TraceDetails?
    if let object = result.item("root"), !object.isNone {
      if NativeValue.isValue(object.pointer) {
        root = NativeValue.value(object.pointer)
      } else {
        do {
          (root, traced) = try Pictures.trace(object, onto: Tape())
        } catch {
          Host.note("the last value has no picture: \(error.message)")
        }
      }
    }
    var ranBackward = false
    if options.backward == .auto, !Host.scriptSetGradients, let root, root.tape === tape {
      root.backward()
      ranBackward = true
    }
    var run = ScriptRun(
      tape: root?.tape ?? tape, root: root, ranBackward: ranBackward,
      scriptSetGradients: Host.scriptSetGradients, pictures: Host.pictures, output: output)
    run.traced = traced
    run.error = raised
    return .success(run)
  }
}

/// Watches a run from a thread of its own, every tenth of a second taking the GIL for a
/// moment. Taking it makes the interpreter's thread look at its pending signals: Ctrl-C that
/// the system delivered to another thread (CPython on Linux only notices a signal at once on
/// its own thread) becomes `KeyboardInterrupt` within that tenth. After `timeout` seconds it
/// also raises `ScriptTimeout` in the interpreter's thread (`PyThreadState_SetAsyncExc`,
/// noticed at the next instruction), until the run ends.
///
/// The thread is a plain detached `pthread`, not a Dispatch timer: under a process limit,
/// Dispatch retries a thread it cannot start forever, and a run must never hang. When the
/// thread cannot start, a run with a timeout is refused (``start(timeout:)`` throws) and a run
/// without one goes on unwatched (Ctrl-C is then noticed at the script's next switch of the
/// GIL, or ends the process as usual).
final class Watchdog: @unchecked Sendable {
  /// Guards ``cancelled``; the thread waits on it between ticks.
  private let condition = NSCondition()
  /// Whether ``cancel()`` was called; read and written with ``condition`` locked.
  private var cancelled = false
  /// Whether the run it watches is still going; read and written with the GIL held, so that
  /// a tick that already waits for the GIL never reaches a later run.
  private var armed = true
  private let deadline: DispatchTime?
  private let target: UInt

  private init(timeout: Double?) {
    deadline = timeout.map { DispatchTime.now() + $0 }
    target = PyThread_get_thread_ident()
  }

  /// Starts watching; call on the interpreter's thread with the GIL held, after `_gradviz`
  /// is imported.
  ///
  /// - Returns: the watch, or `nil` when its thread could not start and there is no timeout.
  /// - Throws: ``WatchdogError`` when the thread could not start and `timeout` is set.
  static func start(timeout: Double?) throws(WatchdogError) -> Watchdog? {
    if let timeout, let exception = GradvizModule.timeoutError {
      let message = "the script ran for more than --timeout \(PythonFormat.number(timeout)) s"
      if let text = PythonObject(owning: PyUnicode_FromString(message)) {
        _ = text.borrow { PyObject_SetAttrString(exception, "message", $0) }
      }
      PyErr_Clear()
    }
    let watchdog = Watchdog(timeout: timeout)
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(watchdog)
    var thread = pthread_t()
    let status = pthread_create(
      &thread, &attributes,
      { raw in
        guard let raw else { return nil }
        Unmanaged<Watchdog>.fromOpaque(raw).takeRetainedValue().watch()
        return nil
      }, context.toOpaque())
    guard status == 0 else {
      context.release()
      if timeout == nil { return nil }
      throw WatchdogError(reason: String(cString: strerror(status)))
    }
    return watchdog
  }

  /// The thread's loop: a tick every tenth of a second until ``cancel()``.
  private func watch() {
    condition.lock()
    while !cancelled {
      _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
      if cancelled { break }
      condition.unlock()
      let state = PyGILState_Ensure()
      if armed, let deadline, DispatchTime.now() >= deadline {
        _ = PyThreadState_SetAsyncExc(target, GradvizModule.timeoutError)
      }
      PyGILState_Release(state)
      condition.lock()
    }
    condition.unlock()
  }

  /// Stops the watch; called on the interpreter's thread with the GIL held. It does not wait
  /// for the thread (which may be waiting for the GIL); the thread ends within a tenth.
  func cancel() {
    armed = false
    condition.lock()
    cancelled = true
    condition.signal()
    condition.unlock()
  }
}

/// The watch of a run with `--timeout` could not start its thread.
struct WatchdogError: Error {
  /// The system's reason, as `Resource temporarily unavailable`.
  let reason: String
}
