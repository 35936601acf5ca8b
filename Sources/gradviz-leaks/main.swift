import Autograd
import Foundation
import GraphvizBindings
import PythonHost
import Rendering
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

// `make leaks`: renders the same drawings many times in one process through the public API
// and prints the resident memory after the first 10 rounds and after the last, so that a leak
// shows as growth. Run it under valgrind with few rounds for a list of lost blocks.
//
// Usage: gradviz-leaks [ROUNDS] [FORMAT] [GRAPHS]   (default: 1000 svg both)
// Each round renders the walkthrough's neuron and a 2,000-node graph (GRAPHS: both, neuron or
// large), and writes their DOT text.
//
// Usage: gradviz-leaks python [ROUNDS]   (default: 1000)
// Runs a script through the embedded Python ROUNDS times, each in a fresh namespace, and
// prints the live Value objects and the resident memory after 10 rounds and after the last;
// exits 1 if the live Values did not return to their count after the first round.

/// The resident memory of this process now, in KiB, from /proc/self/statm; 0 where that is
/// not available.
func residentKiB() -> Int {
  guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
    return 0
  }
  let fields = text.split(separator: " ")
  guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

/// 2,000 value nodes: 40 independent chains of 25 steps `x = tanh(x * w)` (leaf `w`), summed,
/// after `backward()`. Wide and shallow enough that `dot` lays it out in about a second.
func twoThousand() -> Value {
  let tape = Tape()
  var total = Value(0.0, label: "zero", on: tape)
  var count = 1
  for chain in 0..<40 {
    var x = Value(Double(chain) / 40, label: "x\(chain)", on: tape)
    count += 1
    for step in 0..<12 {
      let w = Value(0.5 + Double(step) / 24, label: "w\(chain).\(step)", on: tape)
      x = (x * w).tanh()
      count += 3
    }
    total = total + x
    count += 1
  }
  while count + 2 <= 2000 {
    total = total + Value(1.0, label: "c\(count)", on: tape)
    count += 2
  }
  if count < 2000 { total = total.tanh() }
  total.label = "total"
  total.backward()
  return total
}

/// The `python` mode: one script, many runs.
func pythonRounds(_ rounds: Int) -> Never {
  let source = """
    import random
    xs = [Value(random.uniform(-1, 1), label=f'x{i}') for i in range(30)]
    y = sum((x * x for x in xs), Value(0.0)).tanh()
    class Box:
        pass
    box = Box(); box.y = y; box.me = box
    y.backward()
    for x in xs:
        x.m = x.grad
    draw_dot(y)
    """
  let script = Script(source: source, fileName: "leaks.py")
  func once() {
    do {
      _ = try ScriptHost.run(script, options: .init(output: .discard))
    } catch {
      FileHandle.standardError.write(Data("gradviz-leaks: \(error)\n".utf8))
      exit(1)
    }
  }
  once()
  let live = ScriptHost.liveValueCount()
  var afterTen = 0
  for round in 2...max(rounds, 2) {
    once()
    if round == min(10, rounds) { afterTen = residentKiB() }
  }
  let final = residentKiB()
  let liveAfter = ScriptHost.liveValueCount()
  print("gradviz-leaks: \(rounds) runs of a Python script, each in a fresh namespace")
  print("live Value objects: \(live) after the first run, \(liveAfter) after the last")
  print(
    "RSS after 10 runs: \(afterTen) KiB; after \(rounds) runs: \(final) KiB (\(final - afterTen) KiB more)"
  )
  exit(liveAfter == live ? 0 : 1)
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "python" {
  pythonRounds(arguments.dropFirst().first.flatMap { Int($0) } ?? 1000)
}
let rounds = arguments.first.flatMap { Int($0) } ?? 1000
let format = arguments.dropFirst().first ?? "svg"
let which = arguments.dropFirst(2).first ?? "both"
var drawings: [(name: String, drawing: Drawing)] = []
if which != "large" { drawings.append(("the neuron", Drawing(root: WalkthroughNeuron().o))) }
if which != "neuron" {
  let large = Drawing(root: twoThousand())
  drawings.append(("a \(large.valueCount)-value graph", large))
}
print(
  "gradviz-leaks: \(rounds) rounds of: " + drawings.map(\.name).joined(separator: " and ")
    + ", rendered as \(format) and written as DOT; Graphviz \(Graphviz.version)")

var afterTen = 0
let start = Date()
do {
  for round in 1...max(rounds, 1) {
    for (_, drawing) in drawings {
      _ = try drawing.render(format: format)
      _ = try drawing.dot()
    }
    if round == min(10, rounds) {
      afterTen = residentKiB()
      print("RSS after \(round) rounds: \(afterTen) KiB")
    }
  }
} catch {
  FileHandle.standardError.write(Data("gradviz-leaks: \(error)\n".utf8))
  exit(1)
}
let final = residentKiB()
let growth = afterTen == 0 ? 0 : Double(final - afterTen) / Double(afterTen) * 100
print(
  "RSS after \(rounds) rounds: \(final) KiB (\(String(format: "%+.1f", growth))% since round 10), "
    + String(format: "%.1f s", Date().timeIntervalSince(start)))
