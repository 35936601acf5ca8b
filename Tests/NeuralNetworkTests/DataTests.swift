import Foundation
import NeuralNetwork
import Testing

@Suite("Data sets and parameter files")
struct DataTests {
  @Test func readsMicrogradsDemoData() throws {
    let data = try Dataset(csv: Shared.text("data/moons100.csv"))
    #expect(data.count == 100 && data.featureCount == 2)
    #expect(data.inputs[0] == [1.1221146075409685, 0.08147717341718697])
    #expect(data.labels[0] == -1)
    #expect(data.labels.filter { $0 == 1 }.count == 50)
  }

  @Test func csvWithoutHeaderCRLFAndBlankLines() throws {
    let data = try Dataset(csv: "1,2,+1\r\n\r\n-3.5,4e-1,-1.0\r\n")
    #expect(data.inputs == [[1, 2], [-3.5, 0.4]])
    #expect(data.labels == [1, -1])
  }

  @Test(arguments: [
    (
      "x0,x1,y\n1,2,0\n",
      "line 2: the label (last cell) must be -1 or +1, found '0' (for labels 0/1, write -1 for 0)"
    ),
    ("x0,x1,y\n1,2,1\n1,2\n", "line 3: expected 3 cells, as on the first line, found 2"),
    ("1,abc,1\n", "line 1: 'abc' is not a finite number"),
    ("x0,x1,y\n", "no samples (expected lines such as 0.5,-1.2,1)"),
    ("x,y\n1\n", "line 2: expected the inputs and then the label, separated by commas"),
    ("x0,x1,y\n1,nan,1\n", "line 2: 'nan' is not a finite number"),
  ])
  func csvErrorsNameTheLine(text: String, message: String) {
    #expect(throws: DatasetError.self) { try Dataset(csv: text) }
    do {
      _ = try Dataset(csv: text)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func twoMoonsAreSeededAndBalanced() {
    let a = Dataset.twoMoons(count: 101, noise: 0.1, seed: 9)
    #expect(a == Dataset.twoMoons(count: 101, noise: 0.1, seed: 9))
    #expect(a != Dataset.twoMoons(count: 101, noise: 0.1, seed: 10))
    #expect(a.count == 101 && a.featureCount == 2)
    #expect(a.labels.filter { $0 == -1 }.count == 50)
    // Without noise every point lies on its moon: unit circles around (0, 0) and (1, 0.5).
    let clean = Dataset.twoMoons(count: 40, noise: 0, seed: 1)
    for (x, y) in zip(clean.inputs, clean.labels) {
      let center = y < 0 ? (0.0, 0.0) : (1.0, 0.5)
      let radius = ((x[0] - center.0) * (x[0] - center.0) + (x[1] - center.1) * (x[1] - center.1))
        .squareRoot()
      #expect(abs(radius - 1) < 1e-12)
      #expect(y < 0 ? x[1] >= -1e-12 : x[1] <= 0.5 + 1e-12)
    }
  }

  @Test func parameterFileForms() throws {
    let list = try ParameterFile(json: Data("[0.5, -1, 0]".utf8))
    #expect(list.parameters == [0.5, -1, 0] && list.layerSizes == nil && list.dataPath == nil)
    let reference = try ParameterFile(json: Shared.data("cases/moons-micrograd.json"))
    #expect(reference.parameters.count == 337)
    #expect(reference.parameters[0] == 0.23550571390294128)
    #expect(reference.parameters[1] == 0.06653114721000164)
    #expect(reference.layerSizes == [2, 16, 16, 1])
    #expect(reference.dataPath == "../data/moons100.csv")
  }

  @Test(arguments: [
    (
      "{\"weights\": [1]}",
      "expected a JSON list of numbers, or an object with an \"init_params\" list"
    ),
    ("{\"init_params\": [1, \"a\"]}", "init_params[1] is not a number"),
    (
      "{\"init_params\": [1], \"layer_sizes\": [2, 0]}",
      "\"layer_sizes\" must be a list of positive integers, input count first"
    ),
  ])
  func parameterFileErrors(json: String, message: String) {
    do {
      _ = try ParameterFile(json: Data(json.utf8))
      Issue.record("no error for \(json)")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func parameterFileThatIsNotJSON() {
    #expect(throws: ParameterFileError.self) { try ParameterFile(json: Data("[1, 2".utf8)) }
  }
}
