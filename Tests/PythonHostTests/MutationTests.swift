import Foundation
import PythonHost
import Testing

/// Mutated scripts (characters dropped, swapped or repeated) each end with a result or a
/// diagnostic located in the script, never a crash or a hang. `make fuzz` runs many more
/// (`GRADVIZ_MUTATIONS`).
@Suite("Mutated scripts")
struct MutationTests {
  static var count: Int {
    Int(ProcessInfo.processInfo.environment["GRADVIZ_MUTATIONS"] ?? "") ?? 8
  }

  static let scripts: [String] = {
    let folders = [
      Support.root.appendingPathComponent("Samples"),
      Support.shared.appendingPathComponent("cases"),
    ]
    return folders.flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".mg") && $0 != "walkthrough.mg" }.sorted()
        .map { folder.appendingPathComponent($0).path }
    }
  }()

  /// A deterministic generator (SplitMix64), so a failure can be repeated.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static func mutate(_ text: String, _ generator: inout Generator) -> String {
    var characters = Array(text)
    guard characters.count > 2 else { return text }
    for _ in 0..<Int.random(in: 1...3, using: &generator) {
      let position = Int.random(in: 0..<characters.count - 1, using: &generator)
      switch Int.random(in: 0..<3, using: &generator) {
      case 0: characters.remove(at: position)
      case 1: characters.swapAt(position, position + 1)
      default: characters.insert(characters[position], at: position)
      }
    }
    return String(characters)
  }

  @Test(arguments: scripts)
  func everyMutationEndsWithAResultOrADiagnostic(_ path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var generator = Generator(state: UInt64(truncatingIfNeeded: path.hashValue & 0xFFFF))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    for _ in 0..<Self.count {
      let mutated = Self.mutate(text, &generator)
      let outcome = Support.run(mutated, name: "m.py", timeout: 5)
      if let error = outcome.error, !error.isSilent, error.fileName == "m.py" {
        #expect(
          (1...lines + 1).contains(error.line), "\(error.description)\n--- script:\n\(mutated)")
      }
    }
  }
}
