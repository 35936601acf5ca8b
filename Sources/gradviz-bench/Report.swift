import Foundation

/// Runs every measurement in its own process and prints the figures and ratios.
struct Report {
  let shared: String
  let steps: Int
  let chainNodes: Int
  /// How many times each fast measurement is repeated.
  let rounds = 5

  /// One row of the train-step table.
  struct Row {
    let name: String
    let seconds: Double
    let nodes: Int?
    let peakBytes: Int
  }

  func run() {
    guard FileManager.default.fileExists(atPath: shared + "/data/moons100.csv") else {
      fail("no \(shared)/data/moons100.csv: give the shared folder with --shared DIR")
    }
    print(
      "gradviz bench: release build, one process per measurement; per step the median of "
        + "\(steps) steps, best of \(rounds) alternating rounds (micrograd: one run of 10 steps).")
    print("The machine may be shared and noisy: compare the ratios measured in this run.\n")
    print("Train step: micrograd's demo, MLP(2, [16, 16, 1]) on moons100 (100 samples), seed 1337")
    // The fast measurements alternate, five rounds each, and keep each one's best median:
    // another process busy on the machine slows a round, never speeds it up.
    var dotRuns: [Parsed] = []
    var graphRuns: [Parsed] = []
    var floorRuns: [Row] = []
    for _ in 0..<rounds {
      dotRuns.append(child(["train", "dot", "--steps", String(steps)]))
      graphRuns.append(child(["train", "micrograd", "--steps", String(steps)]))
      if let floor = cFloor() { floorRuns.append(floor) }
    }
    let dot = dotRuns.min { $0.number("median_step_s") < $1.number("median_step_s") } ?? dotRuns[0]
    let chainGraph =
      graphRuns.min { $0.number("median_step_s") < $1.number("median_step_s") } ?? graphRuns[0]
    let floor = floorRuns.min { $0.seconds < $1.seconds }
    var rows: [Row] = []
    rows.append(
      Row(
        name: "gradviz (dot nodes)", seconds: dot.number("median_step_s"),
        nodes: dot.int("graph_nodes"), peakBytes: dot.peak))
    rows.append(
      Row(
        name: "gradviz (micrograd's graph)", seconds: chainGraph.number("median_step_s"),
        nodes: chainGraph.int("graph_nodes"), peakBytes: chainGraph.peak))
    let python = micrograd()
    if let python { rows.append(python) }
    if let floor { rows.append(floor) }
    table(rows)
    print(
      "  gradviz's step records \(dot.int("graph_nodes")) nodes and \(dot.int("edges_per_step")) input edges; its loss after \(steps) steps: \(dot.number("last_loss"))"
    )
    print("\nRatios, measured in this run")
    let gradviz = dot.number("median_step_s")
    let micrograph = chainGraph.number("median_step_s")
    if let floor {
      let ratio = gradviz / floor.seconds
      print(ratioLine("gradviz / C floor", ratio, target: "at most 5x", met: ratio <= 5))
      let graphRatio = micrograph / floor.seconds
      print(
        ratioLine(
          "gradviz (micrograd's graph) / C floor", graphRatio, target: "at most 5x",
          met: graphRatio <= 5))
    } else {
      print("  C floor: no C compiler (cc), or no \(shared)/bench/mlp_floor.c; skipped")
    }
    if let python {
      let ratio = python.seconds / gradviz
      print(ratioLine("micrograd / gradviz", ratio, target: "at least 300x", met: ratio >= 300))
      let graphRatio = python.seconds / micrograph
      print(
        ratioLine(
          "micrograd / gradviz (micrograd's graph)", graphRatio, target: "at least 300x",
          met: graphRatio >= 300))
    } else {
      print(
        "  micrograd: python3 with micrograd 0.1.0, or \(shared)/bench/micrograd_step.py, not found; skipped"
      )
    }

    print(
      "\nChain: \(chainNodes) nodes (a leaf and tanh after tanh), fresh tape, nothing reserved; median of 5"
    )
    let chain = child(["chain", "--chain-nodes", String(chainNodes)])
    let seconds = chain.number("median_s")
    let bytes = Double(chain.peak - chain.int("baseline_rss_bytes")) / Double(chainNodes)
    print(
      String(
        format: "  record + backward   %.4f s   %.1f ns/node", seconds,
        seconds / Double(chainNodes) * 1e9)
        + "   (target under 0.5 s: \(seconds < 0.5 ? "met" : "missed"))")
    print(
      String(
        format: "    record %.4f s, backward %.4f s; forward replay %.4f s",
        chain.number("median_record_s"), chain.number("median_backward_s"),
        chain.number("median_replay_s")))
    print(
      String(
        format: "  memory              %.1f bytes/node above the process's baseline (peak %.1f MB)",
        bytes, Double(chain.peak) / 1e6)
        + "   (target under 100 bytes/node: \(bytes < 100 ? "met" : "missed"))")
  }

  private func ratioLine(_ name: String, _ ratio: Double, target: String? = nil, met: Bool = true)
    -> String
  {
    "  " + name.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%8.2fx", ratio)
      + (target.map { "   (target \($0): \(met ? "met" : "missed"))" } ?? "")
  }

  private func table(_ rows: [Row]) {
    print(
      "  " + "implementation".padding(toLength: 30, withPad: " ", startingAt: 0)
        + "   median ms     nodes   ns/node   peak MB")
    for row in rows {
      let nodes = row.nodes.map { String($0) } ?? "-"
      let perNode = row.nodes.map { String(format: "%.1f", row.seconds / Double($0) * 1e9) } ?? "-"
      print(
        "  " + row.name.padding(toLength: 30, withPad: " ", startingAt: 0)
          + String(format: "%12.4f", row.seconds * 1e3) + nodes.leftPadded(10)
          + perNode.leftPadded(10)
          + String(format: "%10.1f", Double(row.peakBytes) / 1e6))
    }
  }

  /// Python micrograd 0.1.0 running shared/bench/micrograd_step.py, if it is installed.
  private func micrograd() -> Row? {
    guard FileManager.default.fileExists(atPath: shared + "/bench/micrograd_step.py"),
      let check = Measure.run(["python3", "-c", "import micrograd"]), check.status == 0
    else { return nil }
    guard
      let result = Measure.run([
        "python3", shared + "/bench/micrograd_step.py", "--data", shared + "/data/moons100.csv",
      ]),
      result.status == 0, let json = Parsed(result)
    else {
      print("  micrograd: shared/bench/micrograd_step.py failed; skipped")
      return nil
    }
    return Row(
      name: "micrograd 0.1.0 (Python)", seconds: json.number("median_step_s"),
      nodes: json.int("graph_nodes"), peakBytes: json.peak)
  }

  /// shared/bench/mlp_floor.c compiled with `cc -O2` in a temporary folder, if there is a C
  /// compiler.
  private func cFloor() -> Row? {
    guard FileManager.default.fileExists(atPath: shared + "/bench/mlp_floor.c") else { return nil }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = folder.appendingPathComponent("mlp_floor").path
    guard let build = Measure.run(["cc", "-O2", "-o", binary, shared + "/bench/mlp_floor.c"]),
      build.status == 0,
      let result = Measure.run([binary, shared + "/data/moons100.csv"]), result.status == 0,
      let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("median_step_s") }
      ),
      let seconds = Double(line.split(separator: " ").last ?? "")
    else { return nil }
    return Row(
      name: "C floor (hand-derived, cc -O2)", seconds: seconds, nodes: nil,
      peakBytes: result.peakResidentBytes)
  }

  /// Runs this program in `mode` and reads its JSON.
  private func child(_ mode: [String]) -> Parsed {
    guard let result = Measure.run([Measure.executable] + mode + ["--shared", shared]),
      result.status == 0,
      let parsed = Parsed(result)
    else { fail("the '\(mode.joined(separator: " "))' measurement failed") }
    return parsed
  }

  private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gradviz-bench: error: \(message)\n".utf8))
    exit(1)
  }
}

/// A child's JSON output and peak memory.
struct Parsed {
  let object: [String: Any]
  let peak: Int

  init?(_ result: Measure.ChildResult) {
    guard let line = result.output.split(separator: "\n").last,
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { return nil }
    self.object = object
    peak = result.peakResidentBytes
  }

  func number(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
  func int(_ key: String) -> Int { (object[key] as? NSNumber)?.intValue ?? 0 }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? " " + self : String(repeating: " ", count: width - count) + self
  }
}
