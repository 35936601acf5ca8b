import CPython
import Foundation

/// The embedded CPython interpreter, on one thread of its own.
///
/// The interpreter is started on that thread the first time it is needed (``perform(_:)``),
/// which makes it Python's main thread: signal handlers (Ctrl-C) and pending calls (the
/// timeout) run there. Every call into Python happens on it with the GIL held; the GIL is
/// released only while the thread waits for work, so threads a script starts still run.
///
/// Start-up follows "Initialization, Finalization, and Threads" in CPython's documentation:
/// a `PyConfig` of the Python configuration (environment variables and `site` honoured, so
/// the system's `dist-packages`, such as Debian's numpy and matplotlib, import), `_gradviz`
/// added with `PyImport_AppendInittab`, and the finder of the embedded glue modules appended
/// to `sys.meta_path` last, so that a script's own module or an installed package wins.
final class PythonInterpreter: @unchecked Sendable {
  static let shared = PythonInterpreter()

  private let condition = NSCondition()
  private var jobs: [() -> Void] = []
  private var thread: Thread?
  /// Why start-up failed, if it did.
  private(set) var startFailure: String?

  private init() {}

  /// Whether the calling thread is the interpreter's.
  var isCurrent: Bool { Thread.current === thread }

  /// Runs `body` on the interpreter's thread with the GIL held and returns its result;
  /// blocks the caller until it is done. Reentrant: a call from that thread runs at once.
  ///
  /// - Throws: ``PythonError`` when the interpreter could not start.
  func perform<T>(_ body: @escaping () -> T) throws(PythonError) -> T {
    if isCurrent { return body() }
    start()
    if let startFailure { throw PythonError(type: "ImportError", message: startFailure) }
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let job = {
      box.value = body()
      done.signal()
    }
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
    done.wait()
    guard let value = box.value else { preconditionFailure("the interpreter's thread ran no job") }
    return value
  }

  private func start() {
    condition.lock()
    defer { condition.unlock() }
    guard thread == nil else { return }
    // A parent may have left Ctrl-C blocked (the mask is inherited across exec); the
    // interpreter's thread, started from this one, must be able to receive it.
    Self.unblockInterrupt()
    let started = DispatchSemaphore(value: 0)
    let thread = Thread { [unowned self] in
      Self.unblockInterrupt()
      self.startFailure = Self.initialize()
      started.signal()
      self.serve()
    }
    thread.name = "gradviz-python"
    thread.stackSize = 64 << 20
    self.thread = thread
    thread.start()
    condition.unlock()
    started.wait()
    condition.lock()
  }

  /// Runs jobs forever, holding the GIL only while one runs.
  private func serve() {
    var state = PyEval_SaveThread()
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      PyEval_RestoreThread(state)
      job()
      state = PyEval_SaveThread()
    }
  }

  /// Unblocks SIGINT in the calling thread.
  private static func unblockInterrupt() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Starts the interpreter; returns why it failed, or `nil`.
  private static func initialize() -> String? {
    // The table keeps the name's pointer: it must outlive the interpreter.
    PyImport_AppendInittab(NativeValue.permanent("_gradviz"), GradvizModule.initialize)
    var config = PyConfig()
    PyConfig_InitPythonConfig(&config)
    defer { PyConfig_Clear(&config) }
    config.parse_argv = 0
    config.install_signal_handlers = 1
    let status = Py_InitializeFromConfig(&config)
    if PyStatus_Exception(status) != 0 {
      return status.err_msg.map { String(cString: $0) } ?? "Python could not start"
    }
    // Python ignores SIGPIPE; gradviz's own output ends quietly when its reader goes away
    // (`gradviz dot x.py | head`), as any Unix filter does.
    signal(SIGPIPE, SIG_DFL)
    do {
      try EmbeddedModules.install()
    } catch {
      return "the embedded Python modules could not be installed: \(error)"
    }
    return nil
  }
}

/// The result of a job, handed from the interpreter's thread to the caller.
private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
