import Autograd
import Foundation
import TestSupport
import Testing

@Suite("Tape scopes and threads")
struct TapeScopeTests {
  @Test func valuesRecordOnTheScopesTape() {
    let tape = Tape()
    let grad = Tape.withCurrent(tape) { current in
      #expect(current === tape && Tape.current === tape)
      let a = Value(2.0, label: "a")
      let b = a * a + 1
      b.backward()
      #expect(a.tape === tape && b.tape === tape)
      return a.grad
    }
    #expect(grad == 4)
    #expect(tape.count == 4)  // a, a * a, the constant 1, and the sum
  }

  @Test func aFinishedScopeFreesItsTape() {
    weak var freed: Tape?
    let sum = Tape.withCurrent { tape in
      freed = tape
      var total = Value(0.0)
      for i in 0..<10_000 { total = total + Value(Double(i)) }
      total.backward()
      return total.data
    }
    #expect(sum == 49_995_000)
    #expect(freed == nil)
  }

  @Test func aValueReturnedFromAScopeKeepsItsTape() {
    weak var kept: Tape?
    let value = Tape.withCurrent { tape in
      kept = tape
      return Value(3.0) * Value(4.0)
    }
    #expect(kept === value.tape)
    #expect(value.data == 12)
  }

  @Test func scopesNestAndRestoreTheOuterTape() {
    struct Failure: Error {}
    let outer = Tape()
    let inner = Tape()
    Tape.withCurrent(outer) { _ in
      #expect(Value(1.0).tape === outer)
      Tape.withCurrent(inner) { _ in #expect(Value(2.0).tape === inner) }
      #expect(Value(3.0).tape === outer)
      #expect(throws: Failure.self) {
        try Tape.withCurrent(inner) { _ throws(Failure) in throw Failure() }
      }
      #expect(Value(4.0).tape === outer)
    }
    #expect(outer.count == 3 && inner.count == 1)
  }

  /// What one scope recorded, in plain numbers that may cross to the caller's task.
  struct Recorded: Sendable, Equatable {
    var count: Int
    var allOnTheScopesTape: Bool
    var data: [Double]
  }

  /// Records `n` leaves from `first` on in a scope, and a sum of them.
  static func record(from first: Double, count n: Int, entered: (() -> Void)? = nil) -> Recorded {
    Tape.withCurrent { tape in
      entered?()
      var values: [Value] = []
      for i in 0..<n { values.append(Value(first + Double(i))) }
      values.append(Value.sum(values))
      return Recorded(
        count: tape.count,
        allOnTheScopesTape: values.allSatisfy { $0.tape === tape && Tape.current === tape },
        data: values.dropLast().map(\.data))
    }
  }

  static func expected(from first: Double, count n: Int) -> Recorded {
    Recorded(
      count: n + 1, allOnTheScopesTape: true, data: (0..<n).map { first + Double($0) })
  }

  @Test func scopesOnConcurrentTasksDoNotMix() async {
    let n = 20_000
    let results = await withTaskGroup(of: (Int, Recorded).self) { group in
      for k in 0..<4 {
        group.addTask { (k, Self.record(from: Double(k * 1_000_000), count: n)) }
      }
      var results: [Int: Recorded] = [:]
      for await (k, recorded) in group { results[k] = recorded }
      return results
    }
    for k in 0..<4 {
      #expect(results[k] == Self.expected(from: Double(k * 1_000_000), count: n))
    }
  }

  /// Two threads each hold their scope open while the other records in its own.
  @Test func scopesOpenAtTheSameTimeOnTwoThreadsDoNotMix() {
    let n = 50_000
    let bothEntered = DispatchGroup()
    bothEntered.enter()
    bothEntered.enter()
    let finished = DispatchGroup()
    let results = Results()
    for k in 0..<2 {
      finished.enter()
      Thread.detachNewThread {
        let recorded = Self.record(from: Double(k) * 1e6, count: n) {
          bothEntered.leave()
          bothEntered.wait()
        }
        results.set(k, recorded)
        finished.leave()
      }
    }
    finished.wait()
    for k in 0..<2 {
      #expect(results.get(k) == Self.expected(from: Double(k) * 1e6, count: n))
    }
  }

  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [Int: Recorded] = [:]
    func set(_ k: Int, _ recorded: Recorded) { lock.withLock { table[k] = recorded } }
    func get(_ k: Int) -> Recorded? { lock.withLock { table[k] } }
  }

  @Test func aValueOutsideAnyScopeStopsTheProgramWithAMessage() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Value(1.0)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("no current tape"))
    #expect(message.contains("Tape.withCurrent"))
  }

  @Test func aTaskStartedInAScopeDoesNotSeeIt() async {
    await #expect(processExitsWith: .failure) {
      let task = Tape.withCurrent { _ in
        _ = Value(1.0)
        return Task { _ = Value(2.0) }
      }
      await task.value
    }
  }

  /// Misuse fails to compile: a tape or a value cannot cross to another thread, and the
  /// scoped form that keeps them on one does compile.
  @Test(arguments: [
    (
      "func f() {\n  let tape = Tape()\n  Task.detached { print(tape.count) }\n"
        + "  print(tape.count)\n}\n", false
    ),
    ("func send(_ v: Value) { Task.detached { print(v.data) } }\n", false),
    ("func sendable(_: some Sendable) {}\nfunc g() { sendable(Tape()) }\n", false),
    ("func sendable(_: some Sendable) {}\nfunc g() { sendable(Value(1.0, on: Tape())) }\n", false),
    (
      "func h() {\n  let sum = Tape.withCurrent { _ in (Value(2.0) * Value(3.0)).data }\n"
        + "  Task.detached { print(sum) }\n}\n", true
    ),
  ])
  func crossingThreadsIsACompileError(source: String, compiles: Bool) throws {
    let folder = try TemporaryFolder()
    let file = folder.path("main.swift")
    try Data(("import Autograd\n" + source).utf8).write(to: URL(fileURLWithPath: file))
    let modules = Program.productsFolder.appendingPathComponent("Modules").path
    let result = try Program.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      // Sending is checked on SIL, after type checking.
      ["swiftc", "-emit-sil", "-o", "/dev/null", "-swift-version", "6", "-I", modules, file])
    if compiles {
      #expect(result.status == 0, "\(result.stderr)")
    } else {
      #expect(result.status != 0)
      #expect(result.stderr.contains("Sendable") || result.stderr.contains("data race"))
      #expect(!result.stderr.contains("no such module"))
    }
  }
}
