import Foundation

/// Initial parameter values read from JSON: a list of numbers, or an object whose
/// `init_params` is one (with optional `layer_sizes` and `data`), as micrograd's
/// `[p.data for p in model.parameters()]` dumps them.
///
/// ```json
/// {"layer_sizes": [2, 16, 16, 1], "data": "../data/moons100.csv", "init_params": [0.23, ...]}
/// ```
public struct ParameterFile: Sendable, Equatable {
  /// The values in micrograd's parameter order (layer by layer, neuron by neuron, weights
  /// then bias).
  public var parameters: [Double]
  /// The model's sizes with the input count first (`[2, 16, 16, 1]`), if the file says.
  public var layerSizes: [Int]?
  /// The data file the parameters were trained on, as the file writes it (relative to the
  /// file's folder), if it says.
  public var dataPath: String?

  /// Reads the JSON text `json`.
  ///
  /// - Throws: ``ParameterFileError`` when the text is not JSON, or is neither a list of
  ///   numbers nor an object with an `init_params` list of numbers, or `layer_sizes` is not a
  ///   list of positive integers.
  public init(json: Data) throws(ParameterFileError) {
    let decoder = JSONDecoder()
    if let list = try? decoder.decode([Double].self, from: json) {
      parameters = list
      return
    }
    let object: Object
    do {
      object = try decoder.decode(Object.self, from: json)
    } catch let error as DecodingError {
      throw ParameterFileError(Self.explain(error))
    } catch {
      throw ParameterFileError("not valid JSON")
    }
    if let sizes = object.layerSizes, sizes.count < 2 || sizes.contains(where: { $0 < 1 }) {
      throw ParameterFileError(
        "\"layer_sizes\" must be a list of positive integers, input count first")
    }
    parameters = object.initParams
    layerSizes = object.layerSizes
    dataPath = object.data
  }

  /// The object form, as micrograd's reference files write it.
  private struct Object: Decodable {
    let initParams: [Double]
    let layerSizes: [Int]?
    let data: String?

    enum CodingKeys: String, CodingKey {
      case initParams = "init_params"
      case layerSizes = "layer_sizes"
      case data
    }
  }

  private static func explain(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      return "not valid JSON"
    case .keyNotFound(let key, _) where key.stringValue == "init_params":
      return "expected a JSON list of numbers, or an object with an \"init_params\" list"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
        .joined()
      if path.isEmpty {
        return "expected a JSON list of numbers, or an object with an \"init_params\" list"
      }
      if path.hasPrefix(".layer_sizes") {
        return "\"layer_sizes\" must be a list of positive integers, input count first"
      }
      return "\(path.dropFirst()) is not a number"
    case .keyNotFound:
      return "expected a JSON list of numbers, or an object with an \"init_params\" list"
    @unknown default:
      return "not a list of numbers"
    }
  }
}

/// Why a parameter file could not be read.
public struct ParameterFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public let description: String

  init(_ description: String) {
    self.description = description
  }
}
