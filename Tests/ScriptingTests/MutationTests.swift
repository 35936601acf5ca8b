import Foundation
import Testing

@testable import Scripting

/// Mutated scripts: the samples, the worked cases and the language tests' scripts, with
/// tokens and bytes deleted, duplicated, swapped and inserted by a seeded generator. Every
/// mutant must run or give diagnostics whose lines and columns lie inside it; none may crash.
@Suite("Mutated scripts never crash")
struct MutationTests {
  /// The scripts that are mutated.
  static let originals: [String] = {
    let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")
    let sampleFiles = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
    var scripts = sampleFiles.filter { $0.hasSuffix(".mg") }.sorted().compactMap {
      try? String(contentsOf: samples.appendingPathComponent($0), encoding: .utf8)
    }
    scripts += SharedCases.files.compactMap { try? SharedCases.script($0).source }
    scripts += LanguageTests.cases.map(\.source)
    return scripts
  }()

  /// The pieces a script is cut into for token mutations: names, numbers, runs of blanks,
  /// single other characters.
  static func tokens(_ source: String) -> [String] {
    var tokens: [String] = []
    var current = ""
    var kind = 0
    for character in source {
      let next: Int =
        character.isLetter || character == "_"
        ? 1
        : character.isNumber ? (kind == 1 ? 1 : 2) : character == " " ? 3 : 4
      if next != kind || next == 4, !current.isEmpty {
        tokens.append(current)
        current = ""
      }
      kind = next
      current.append(character)
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
  }

  /// One mutation of `parts`: delete, duplicate, swap with the next, or insert one taken from
  /// elsewhere.
  static func mutate<T>(_ parts: inout [T], pool: [T], using random: inout RobustnessTests.SplitMix)
  {
    guard !parts.isEmpty else {
      if let element = pool.randomElement(using: &random) { parts.append(element) }
      return
    }
    let position = Int.random(in: 0..<parts.count, using: &random)
    switch Int.random(in: 0..<4, using: &random) {
    case 0: parts.remove(at: position)
    case 1: parts.insert(parts[position], at: position)
    case 2: parts.swapAt(position, min(position + 1, parts.count - 1))
    default:
      if let element = pool.randomElement(using: &random) { parts.insert(element, at: position) }
    }
  }

  /// The lengths of the lines of `source` in Unicode scalars, split as scripts are.
  static func lineLengths(_ source: String) -> [Int] {
    var lengths: [Int] = []
    var length = 0
    var afterReturn = false
    for scalar in source.unicodeScalars {
      if afterReturn {
        afterReturn = false
        if scalar == "\n" { continue }
      }
      if scalar == "\n" || scalar == "\r" {
        lengths.append(length)
        length = 0
        afterReturn = scalar == "\r"
      } else {
        length += 1
      }
    }
    lengths.append(length)
    return lengths
  }

  /// Whether every diagnostic of `error` points inside `source`.
  static func isInside(_ error: ScriptError, _ source: String) -> Bool {
    let lengths = lineLengths(source)
    return error.errors.allSatisfy {
      $0.line >= 1 && $0.line <= lengths.count && $0.column >= 1
        && $0.column <= lengths[$0.line - 1] + 1
    }
  }

  /// The batches the mutations are run in, in parallel: 24 × 450 = 10,800 mutants.
  static let batches = Array(0..<24)
  static let perBatch = 450

  @Test("each mutant runs or gives diagnostics inside it", arguments: batches)
  func mutants(_ batch: Int) {
    var random = RobustnessTests.SplitMix(state: 0x5EED_0000 + UInt64(batch))
    let originals = Self.originals
    var outcomes = (ran: 0, diagnosed: 0)
    for index in 0..<Self.perBatch {
      let original = originals[(batch * Self.perBatch + index) % originals.count]
      let mutations = Int.random(in: 1...3, using: &random)
      let script: Script
      let text: String
      if index % 3 == 2 {
        // Bytes: may break the UTF-8.
        var bytes = Array(original.utf8)
        let pool: [UInt8] = [
          0x00, 0x0A, 0x0D, 0x09, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x7B, 0x80, 0xC3, 0xE4, 0xFF,
        ]
        for _ in 0..<mutations {
          Self.mutate(&bytes, pool: pool + bytes.prefix(64), using: &random)
        }
        text = String(decoding: bytes, as: UTF8.self)
        do {
          script = try Script(bytes: bytes, fileName: "m.mg")
        } catch {
          #expect(Self.isInside(error, text), "\(error)")
          outcomes.diagnosed += 1
          continue
        }
      } else {
        var tokens = Self.tokens(original)
        let pool = tokens
        for _ in 0..<mutations { Self.mutate(&tokens, pool: pool, using: &random) }
        text = tokens.joined()
        script = Script(source: text, fileName: "m.mg")
      }
      do {
        _ = try Interpreter.run(script, maxSteps: 20_000) { _ in }
        outcomes.ran += 1
      } catch {
        #expect(Self.isInside(error, text), "\(error)\n--- mutant ---\n\(text)")
        outcomes.diagnosed += 1
      }
    }
    #expect(outcomes.ran + outcomes.diagnosed == Self.perBatch)
    #expect(outcomes.ran > 0 && outcomes.diagnosed > 0)
  }
}
