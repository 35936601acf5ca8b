import Foundation

/// What a run leaves behind when SIGINT, SIGTERM or SIGHUP ends it: nothing.
///
/// One handler, installed before the first temporary output file or Graphviz child exists,
/// removes the temporary file (``PendingFile``), kills the child that runs Graphviz, and then
/// lets the signal end the process as it would have (status 128 + signal in the shell).
enum Termination {
  /// The Graphviz child running now, or 0; read by the signal handler.
  nonisolated(unsafe) static var child: pid_t = 0

  /// Whether the handlers are installed.
  nonisolated(unsafe) private static var isInstalled = false

  /// Installs the handler for each of ``PendingFile/signals`` that is not ignored (a
  /// background job keeps ignoring SIGINT). Idempotent.
  static func installHandlers() {
    guard !isInstalled else { return }
    isInstalled = true
    _ = PendingFile.path  // made before any handler can run
    for signal in PendingFile.signals {
      var old = sigaction()
      guard sigaction(signal, nil, &old) == 0 else { continue }
      if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }  // SIG_IGN
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        if Termination.child > 0 { kill(Termination.child, SIGKILL) }
        if PendingFile.path.pointee != 0 { unlink(PendingFile.path) }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
      }
      sigemptyset(&action.sa_mask)
      _ = sigaction(signal, &action, nil)
    }
  }

  /// In a child: ends it when its parent is gone (killed by SIGKILL, which no handler sees),
  /// so that no orphaned Graphviz layout runs on. Checks twice a second on a small thread;
  /// without a thread to spare, nothing is watched.
  static func endWithParent() {
    let parent = getppid()
    var thread = pthread_t()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 64 << 10)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let watched = UnsafeMutableRawPointer(bitPattern: Int(parent))
    _ = pthread_create(
      &thread, &attributes,
      { raw in
        let parent = pid_t(truncatingIfNeeded: Int(bitPattern: raw))
        while getppid() == parent { usleep(500_000) }
        _exit(1)
      }, watched)
  }
}

/// The one temporary output file that may exist at a time, named in a fixed buffer that the
/// signal handler of ``Termination`` can read.
enum PendingFile {
  /// The buffer's size, in bytes, with the terminating NUL.
  static let capacity = 4096

  /// The temporary file's path, NUL-terminated; empty when there is none.
  nonisolated(unsafe) static let path: UnsafeMutablePointer<CChar> = {
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    buffer.initialize(repeating: 0, count: capacity)
    return buffer
  }()

  /// The signals that end a run from outside; blocked while the buffer changes.
  static let signals = [SIGINT, SIGTERM, SIGHUP]

  /// Creates the temporary file from `template` (ending in `XXXXXX`) with `mkstemp`; the
  /// buffer holds its name from before the file exists until it is renamed or removed.
  ///
  /// - Returns: the open descriptor, or -1 with `errno` set.
  static func create(_ template: String) -> Int32 {
    withSignalsBlocked { _ in
      _ = template.withCString { strncpy(path, $0, capacity - 1) }
      let descriptor = mkstemp(path)
      if descriptor < 0 {
        let code = errno
        path.pointee = 0
        errno = code
        return -1
      }
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      return descriptor
    }
  }

  /// Renames the temporary file to `target`; the buffer is cleared with signals blocked, so
  /// a handler never removes a file that is no longer the temporary one.
  static func rename(to target: String) -> Int32 {
    withSignalsBlocked { _ in
      let status = Glibc.rename(path, target)
      let code = errno
      if status == 0 { path.pointee = 0 }
      errno = code
      return status
    }
  }

  /// Removes the temporary file if it is still there.
  static func discard() {
    withSignalsBlocked { _ in
      if path.pointee != 0 { unlink(path) }
      path.pointee = 0
    }
  }

  /// Runs `body` with ``signals`` blocked in this thread, passing it the signal mask from
  /// before, and restores that mask afterwards (keeping `errno` as `body` left it).
  static func withSignalsBlocked<R>(_ body: (inout sigset_t) -> R) -> R {
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    for signal in signals { sigaddset(&blocked, signal) }
    pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    let result = body(&previous)
    let code = errno
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    errno = code
    return result
  }
}
