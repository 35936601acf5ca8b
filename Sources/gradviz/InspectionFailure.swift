import ArgumentParser
import Inspection

/// Turns inspection errors into messages and exit statuses.
enum InspectionFailure {
  /// Runs `body`; on an ``InspectionError`` (a value that cannot be found, a grad never
  /// computed) prints it and exits 1.
  static func guarding<T>(_ body: () throws(InspectionError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      if case .expression(let diagnostic) = error {
        Console.error("gradviz: error: \(diagnostic)")
      } else {
        Console.message("gradviz: error: \(error.description)")
      }
      throw ExitCode(1)
    }
  }
}
