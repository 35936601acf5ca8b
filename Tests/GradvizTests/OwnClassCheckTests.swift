import Foundation
import Testing

/// `gradviz check` on scripts with their own Value class: the broken copies of the lecture's
/// class in Tests/Fixtures/own-engine, through the built binary and the embedded CPython.
@Suite("check on a script's own Value class")
struct OwnClassCheckTests {
  static let folder = "Tests/Fixtures/own-engine"

  static let fixtures: [String] = {
    let path = CLI.root.appendingPathComponent(folder).path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.filter { $0.hasSuffix(".py") && $0 != "dump_trace.py" }.sorted()
  }()

  /// The fixture's `# check:` line, split in words.
  static func expectation(_ file: String) throws -> [String] {
    let text = try String(
      contentsOf: CLI.root.appendingPathComponent(folder).appendingPathComponent(file),
      encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("# check: ") })
    return line.dropFirst("# check: ".count).split(separator: " ").map(String.init)
  }

  @Test(arguments: fixtures)
  func eachFixtureFailsAtItsNodeOrPasses(_ file: String) throws {
    let words = try Self.expectation(file)
    let result = try CLI.run(["check", "\(Self.folder)/\(file)"])
    if words == ["pass"] {
      #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
      #expect(result.stdout.contains("pass: "), "\(result.stdout)")
      return
    }
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("FAIL: the \(words[1]) of \(words[2]) (n"), "\(result.stdout)")
    #expect(result.stdout.contains("diagnosis: "), "\(result.stdout)")
    // The op at fault is named with where its _backward is (none for the root's seed).
    if words[3] != "-" {
      #expect(result.stdout.contains("'\(words[3])' ("), "\(result.stdout)")
      #expect(result.stdout.contains("\(Self.folder)/\(file):"), "\(result.stdout)")
    }
    #expect(!result.stderr.contains("error"), "\(result.stderr)")
  }

  @Test func theAssignmentIsQuotedFromTheSource() throws {
    let result = try CLI.run(["check", "\(Self.folder)/assign-add.py"])
    #expect(result.stdout.contains("diagnosis: '=' where '+=' belongs"))
    #expect(
      result.stdout.contains("\(Self.folder)/assign-add.py:23: self.grad = 1.0 * out.grad"),
      "\(result.stdout)")
  }

  @Test func referencePrintsTheEnginesGradsBesideTheScripts() throws {
    let result = try CLI.run(["check", "--reference", "\(Self.folder)/no-seed.py"])
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.contains("grad (script)") == true)
    #expect(lines.first?.contains("grad (engine)") == true)
    // The root: 0.0 in the script, 1.0 by the engine.
    #expect(
      lines.contains { $0.hasPrefix("9  o") && $0.contains("0.0") && $0.hasSuffix("differs") })
    #expect(result.stdout.contains("the script's grads are all 0"))
    let plain = try CLI.run(["check", "\(Self.folder)/no-seed.py"])
    #expect(plain.stdout.contains("--reference shows the engine's grads"))
  }

  @Test func referenceOnGradvizsOwnValuesIsRefused() throws {
    let result = try CLI.run(["check", "--reference", "-e", "a = Value(2.0); b = a * a"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("--reference compares a script's own Value class"))
  }

  @Test func gradsCompareMarksTheRowsThatDiffer() throws {
    let result = try CLI.run(["grads", "--compare", "\(Self.folder)/assign-mul.py"])
    #expect(result.status == 0)
    let differing = result.stdout.split(separator: "\n").filter { $0.hasSuffix("differs") }
    #expect(differing.count == 1, "\(result.stdout)")
    #expect(differing.first?.contains("  a  ") == true, "\(result.stdout)")
    let right = try CLI.run(["grads", "--compare", "\(Self.folder)/correct.py"])
    #expect(right.status == 0)
    #expect(!right.stdout.contains("differs"))
    #expect(right.stdout.split(separator: "\n").count == 31)
    let own = try CLI.run(["grads", "--compare", "-e", "a = Value(2.0); b = a * a"])
    #expect(own.status == 1)
    #expect(own.stderr.contains("--compare sets a script's own Value class beside the engine"))
  }

  @Test func colorCheckFillsTheWrongNodesRed() throws {
    let broken = try CLI.run(["dot", "--color", "check", "\(Self.folder)/assign-mul.py"])
    #expect(broken.status == 0, "\(broken.stderr)")
    #expect(broken.stdout.components(separatedBy: "fillcolor=\"#f4a3a3\"").count == 2)
    let right = try CLI.run(["dot", "--color", "check", "\(Self.folder)/correct.py"])
    #expect(!right.stdout.contains("#f4a3a3"))
    // gradviz's own values: only grads set by hand are wrong.
    let manual = try CLI.run([
      "dot", "--color", "check", "--no-backward", "-e",
      "a = Value(2.0, label='a'); b = a * 3.0; b.grad = 1.0; a.grad = 5.0",
    ])
    #expect(manual.stdout.components(separatedBy: "fillcolor=\"#f4a3a3\"").count == 2)
  }

  @Test func jsonNamesTheFailureAndTheDiagnosis() throws {
    let result = try CLI.run(["check", "--format", "json", "\(Self.folder)/tanh-one-minus-t.py"])
    #expect(result.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["passed"] as? Bool == false)
    let failures = try #require(object["failures"] as? [[String: Any]])
    #expect(failures.first?["diagnosis"] as? String == "wrong-formula")
    #expect(failures.first?["kind"] as? String == "grad")
    #expect((object["values"] as? [Any])?.count == 10)
  }

  /// A notebook of `cells`, the first being the class of fixture `file`, written to a
  /// scratch folder; returns its path and the folder to remove.
  static func notebook(classOf file: String, cells: [String]) throws -> (URL, URL) {
    let source = try String(
      contentsOf: CLI.root.appendingPathComponent(folder).appendingPathComponent(file),
      encoding: .utf8)
    // The header, the imports and the class: up to the first line at column 0 after it.
    let lines = source.components(separatedBy: "\n")
    let start = lines.firstIndex { $0.hasPrefix("class ") } ?? 0
    let end =
      lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") } ?? lines.count
    let classText = lines[..<end].joined(separator: "\n")
    func cell(_ text: String) -> [String: Any] {
      [
        "cell_type": "code", "metadata": [:], "outputs": [], "execution_count": NSNull(),
        "source": [text],
      ]
    }
    let notebook: [String: Any] = [
      "nbformat": 4, "nbformat_minor": 5, "metadata": [:],
      "cells": ([classText] + cells).map(cell),
    ]
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-owncheck-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let url = scratch.appendingPathComponent("lecture.ipynb")
    try JSONSerialization.data(withJSONObject: notebook).write(to: url)
    return (url, scratch)
  }

  /// Cells that raise (the lecture's torch cells) are reported, and the drawings still checked.
  @Test func aNotebookWithFailingCellsIsStillChecked() throws {
    let (file, scratch) = try Self.notebook(
      classOf: "correct.py",
      cells: [
        "import a_module_that_is_not_there",
        "a = Value(3.0, label='a')\nb = a * a + a; b.label = 'b'\nb.backward()\ndraw_dot(b)",
      ])
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = try CLI.run(["check", file.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cell 2:1:1: error: ModuleNotFoundError"), "\(result.stderr)")
    #expect(result.stdout.hasPrefix("cell 3:\npass: "), "\(result.stdout)")
  }

  /// A notebook: the broken class in one cell, a drawing before backward and one after.
  @Test func aNotebookIsCheckedAtEachDrawingNamedByItsCell() throws {
    let (file, scratch) = try Self.notebook(
      classOf: "assign-add.py",
      cells: [
        "a = Value(3.0, label='a')\nb = a + a; b.label = 'b'\ndraw_dot(b)",
        "b.backward()\ndraw_dot(b)",
      ])
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = try CLI.run(["check", file.path])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let blocks = result.stdout.components(separatedBy: "\n\n")
    #expect(blocks.count == 3, "\(result.stdout)")
    #expect(blocks.first?.hasPrefix("cell 2:\nnot checked: every grad is 0") == true)
    #expect(blocks.dropFirst().first?.hasPrefix("cell 3:\nFAIL: the grad of a (n0) is 1.0") == true)
    #expect(result.stdout.hasSuffix("FAIL: 1 of 2 drawings\n"))
  }

  // MARK: - Central differences of the whole script

  /// The class of fixture `file` followed by `usage`, written to a scratch folder as
  /// `name`; returns its path and the folder to remove.
  static func script(classOf file: String, usage: String, name: String = "own.py") throws
    -> (URL, URL)
  {
    let source = try String(
      contentsOf: CLI.root.appendingPathComponent(folder).appendingPathComponent(file),
      encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let start = lines.firstIndex { $0.hasPrefix("class ") } ?? 0
    let end =
      lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") } ?? lines.count
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-owncheck-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let url = scratch.appendingPathComponent(name)
    try (lines[..<end].joined(separator: "\n") + "\n" + usage).write(
      to: url, atomically: true, encoding: .utf8)
    return (url, scratch)
  }

  @Test func theLeafBeforeAnUnknownSinIsConfirmedByRunningTheScriptAgain() throws {
    let result = try CLI.run(["check", "\(Self.folder)/unknown-op.py"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stdout.contains(
        "checked by central differences of the whole script, re-run 3 times: the grad of 1 "
          + "leaf before 'sin' (s (n2))\n"), "\(result.stdout)")
    #expect(
      result.stdout.contains("  x (n1): grad -1.7551651237807455, central differences -1.75516512"))
    #expect(result.stdout.contains(": agrees (relative error "))
    #expect(result.stdout.contains("(1 by central differences of the script), 1 not checked"))
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    // The same numbers on every run.
    #expect(try CLI.run(["check", "\(Self.folder)/unknown-op.py"]).stdout == result.stdout)
  }

  @Test func aWrongSignInAnUnknownCosIsReportedAtItsLeaf() throws {
    let result = try CLI.run(["check", "\(Self.folder)/unknown-op-wrong-sign.py"])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.hasPrefix(
        "FAIL: the grad of x (n1) is -0.958851077208406; central differences of the whole "
          + "script give 0.95885107") == true, "\(result.stdout)")
    #expect(
      lines.contains(
        "  x (n1) reaches the root through 'cos' (c (n2)), an op gradviz does not know"))
    #expect(result.stdout.contains("diagnosis: the grad has the opposite sign"))
    #expect(
      lines.contains("  _backward of 'cos' (c (n2)): \(Self.folder)/unknown-op-wrong-sign.py:90"))
    #expect(result.stdout.contains(": differs (relative error "))
    #expect(lines.last?.hasPrefix("FAIL: 5 values: grads of 1 wrong, 1 not checked") == true)
    // w, whose grad does not go through cos, is checked by the engine and passes.
    #expect(!result.stdout.contains("w (n0): grad"))

    let json = try CLI.run([
      "check", "--format", "json", "\(Self.folder)/unknown-op-wrong-sign.py",
    ])
    #expect(json.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let failure = try #require((object["failures"] as? [[String: Any]])?.first)
    #expect(failure["reference"] as? String == "central differences")
    #expect(failure["node"] as? Int == 1)
    #expect(failure["culprit"] as? Int == 2)
    #expect(failure["diagnosis"] as? String == "opposite-sign")
    let differences = try #require(object["differences"] as? [String: Any])
    #expect(differences["reruns"] as? Int == 5)
    #expect(differences["leaf_count"] as? Int == 1)
    #expect((differences["leaves"] as? [[String: Any]])?.first?["status"] as? String == "fail")
  }

  @Test func aScriptSeededByTheClockIsNotCheckedByDifferences() throws {
    let result = try CLI.run(["check", "\(Self.folder)/unknown-op-nondeterministic.py"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stdout.contains(
        "not checked by central differences of the whole script (1 leaf): the script is not "
          + "deterministic: run again with --seed 0, its root's data is "), "\(result.stdout)")
    #expect(result.stdout.contains("not checked: the grads of x (n1) (used by 'sin' (n2)"))
    #expect(!result.stdout.contains(": agrees ("))
  }

  @Test(arguments: [
    (
      "if x.data != 0.5: raise ValueError('moved')",
      "x (n1): not checked: the re-run with it at 0.500001 failed: it raised "
    ),
    (
      "if x.data > 0.5: print('larger')",
      "x (n1): not checked: the re-run with it at 0.500001 failed: it printed 1 line, not 0"
    ),
    (
      "x.data = 0.7",
      "x (n1): not checked: its data changed after it was made (0.5 then, 0.7 in the graph)"
    ),
  ])
  func aLeafThatCannotBeCheckedByDifferencesSaysWhy(_ line: String, _ reason: String) throws {
    let (file, scratch) = try Self.script(
      classOf: "unknown-op.py",
      usage: "x = Value(0.5, label='x')\n\(line)\ny = x.sin() * 2.0; y.label = 'y'\ny.backward()\n")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = try CLI.run(["check", file.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("  " + reason), "\(result.stdout)")
    #expect(
      result.stdout.contains("not checked by central differences of the whole script, re-run "))
    #expect(!result.stderr.contains("moved"), "\(result.stderr)")
    #expect(!result.stderr.contains("larger"), "\(result.stderr)")
  }

  /// A nudge that sends the script into a loop ends at --timeout, and the leaves not yet
  /// checked are not checked.
  @Test func aRerunThatRunsPastTheTimeoutIsNotChecked() throws {
    let (file, scratch) = try Self.script(
      classOf: "unknown-op.py",
      usage: "x = Value(0.5, label='x')\nwhile x.data != 0.5: pass\n"
        + "y = x.sin() * 2.0; y.label = 'y'\ny.backward()\n")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = try CLI.run(["check", "--timeout", "1", file.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stdout.contains(
        "  x (n1): not checked: the re-run with it at 0.500001 ran for more than --timeout 1 s\n"),
      "\(result.stdout)")
    #expect(result.stdout.contains("re-run 2 times"))
  }

  /// In a notebook each drawing is checked by running the cells again up to it: the cells
  /// after it never run again, and what the cells print is shown once.
  @Test func aNotebookIsRunAgainUpToTheCheckedDrawing() throws {
    let scratchFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-owncheck-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: scratchFile) }
    let (file, scratch) = try Self.notebook(
      classOf: "unknown-op.py",
      cells: [
        "print('hello from cell 2')",
        "x = Value(0.5, label='x')\ns = x.sin(); s.label = 's'\ny = s * 3.0; y.label = 'y'\n"
          + "y.backward()\ndraw_dot(y)",
        "open('\(scratchFile.path)', 'a').write('ran\\n')",
      ])
    defer { try? FileManager.default.removeItem(at: scratch) }
    let result = try CLI.run(["check", file.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasPrefix("cell 3:\n"), "\(result.stdout)")
    #expect(
      result.stdout.contains(
        "checked by central differences of the whole script, re-run 3 times: the grad of 1 leaf"))
    #expect(result.stdout.contains("  x (n1): grad 2.632747685671118"))
    #expect(result.stdout.contains(": agrees ("))
    #expect(
      result.stderr.components(separatedBy: "hello from cell 2").count == 2, "\(result.stderr)")
    #expect(try String(contentsOf: scratchFile, encoding: .utf8) == "ran\n")
  }
}
