import Foundation

#if canImport(Glibc)
  import Glibc

  /// `RUSAGE_SELF` as `getrusage` takes it.
  let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#elseif canImport(Darwin)
  import Darwin

  let rusageSelf = RUSAGE_SELF
#endif

/// Clocks, memory and child processes for the benchmark.
enum Measure {
  /// Seconds on a monotonic clock.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }

  /// The median of `samples`.
  static func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The peak resident memory of this process so far, in bytes.
  static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(rusageSelf, &usage)
    #if canImport(Darwin)
      return Int(usage.ru_maxrss)
    #else
      return Int(usage.ru_maxrss) * 1024
    #endif
  }

  /// What a child process printed and the most memory it held.
  struct ChildResult {
    let status: Int32
    let output: String
    let peakResidentBytes: Int
  }

  /// Runs `arguments` (the first is looked up on `PATH`) with standard error passed through,
  /// and returns its standard output and peak memory; `nil` when it cannot be started.
  static func run(_ arguments: [String]) -> ChildResult? {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    posix_spawn_file_actions_addclose(&actions, pipe[1])
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let started = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
    close(pipe[1])
    guard started == 0 else {
      close(pipe[0])
      return nil
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(pipe[0], &buffer, buffer.count)
      if count <= 0 { break }
      output.append(contentsOf: buffer[0..<count])
    }
    close(pipe[0])
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildResult(
      status: exitStatus, output: String(decoding: output, as: UTF8.self),
      peakResidentBytes: Int(usage.ru_maxrss) * 1024)
  }

  /// The path of this executable.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }
}
