// A libFuzzer target for the script reader and the evaluator: `make fuzz` builds it with
// `swiftc -sanitize=fuzzer,address` and runs it on a corpus seeded with the samples and the
// worked cases.
//
// Every input must either run or end in a diagnostic whose line and column lie inside the
// script; anything else (a crash, a stack overflow, a hang past libFuzzer's timeout, or a
// diagnostic pointing outside the text) is a finding.

import Scripting

/// The lengths of the script's lines in Unicode scalars, split as the reader splits them
/// (`\n`, `\r\n`, a lone `\r`).
private func lineLengths(_ source: String) -> [Int] {
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

/// Stops the fuzzer if a diagnostic's location is outside the script.
private func check(_ error: ScriptError, in source: String) {
  let lengths = lineLengths(source)
  for each in error.errors {
    guard each.line >= 1, each.line <= lengths.count,
      each.column >= 1, each.column <= lengths[each.line - 1] + 1
    else {
      fatalError("diagnostic outside the script: \(each.line):\(each.column)\n\(each)")
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let script: Script
  do {
    script = try Script(bytes: bytes, fileName: "fuzz.mg")
  } catch {
    let text = String(
      decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes,
      as: UTF8.self)
    check(error, in: text)
    return 0
  }
  do {
    _ = try Interpreter.run(script, maxSteps: 200_000, output: { _ in }, notes: { _ in })
  } catch {
    check(error, in: script.source)
  }
  return 0
}
