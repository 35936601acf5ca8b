import Autograd
import Foundation
import Testing

@testable import Inspection

@Suite("Gradient table")
struct GradientTableTests {
  static let neuronTable = """
    #  label          op                  data                 grad
    0  x1                                  2.0  -1.4999999999999993
    1  x2                                  0.0   0.4999999999999998
    2  w1                                 -3.0   0.9999999999999996
    3  w2                                  1.0                  0.0
    4  b                     6.881373587019543   0.4999999999999998
    5  x1*w1          *                   -6.0   0.4999999999999998
    6  x2*w2          *                    0.0   0.4999999999999998
    7  x1*w1 + x2*w2  +                   -6.0   0.4999999999999998
    8  n              +     0.8813735870195432   0.4999999999999998
    9  o              tanh  0.7071067811865477                  1.0

    """

  @Test func neuronTableInFull() throws {
    #expect(GradientTable(root: try Support.root("neuron.mg")).table == Self.neuronTable)
  }

  @Test func leavesOnlyDropsOperationsAndConstants() throws {
    let root = try Support.root("neuron_exp.mg")
    let table = GradientTable(root: root, leavesOnly: true)
    #expect(table.rows.map(\.value.label) == ["x1", "x2", "w1", "w2", "b"])
    #expect(table.rows.map(\.position) == [0, 1, 2, 3, 4])
    let all = GradientTable(root: root)
    #expect(all.rows.contains { $0.value.operation == .constant })
  }

  @Test func sortOrders() throws {
    let root = try Support.root("chain.mg")
    func labels(_ order: GradientTable.Order) -> [String] {
      GradientTable(root: root, order: order).rows.map(\.value.label)
    }
    // grads: a 6, b -4, c -2, e -2, d -2, f 4, L 1
    #expect(labels(.topo) == ["a", "b", "c", "e", "d", "f", "L"])
    #expect(labels(.grad) == ["a", "f", "L", "c", "e", "d", "b"])
    #expect(labels(.absGrad) == ["a", "b", "f", "c", "e", "d", "L"])
    #expect(labels(.label) == ["L", "a", "b", "c", "d", "e", "f"])
  }

  @Test func notComputedNaNAndInfinitySortLastAndSurviveEveryFormat() throws {
    let tape = Tape()
    let a = Value(1.0, label: "a", on: tape)
    let b = Value(2.0, label: "b", on: tape)
    let root = a * b
    root.label = "c"
    root.grad = .nan
    b.grad = .infinity
    let table = GradientTable(root: root, order: .grad)
    #expect(table.rows.map(\.value.label) == ["b", "c", "a"])
    #expect(
      table.table == """
        #  label  op  data  grad
        1  b           2.0   inf
        2  c      *    2.0   nan
        0  a           1.0     -

        """)
    #expect(table.csv == "#,label,op,data,grad\n1,b,,2.0,inf\n2,c,*,2.0,nan\n0,a,,1.0,\n")
    let json = table.json
    #expect(json.contains(#""grad":"inf""#))
    #expect(json.contains(#""grad":"nan""#))
    #expect(json.contains(#""grad":null,"group":null,"id":0"#))
  }

  @Test func csvQuotesLabelsThatNeedIt() throws {
    let root = try Support.root(of: "a = Value(1.0, label='x, \"y\"')\nb = a * 2\n")
    let csv = GradientTable(root: root).csv
    #expect(csv.split(separator: "\n")[1] == #"0,"x, ""y""",,1.0,2.0"#)
  }

  @Test func jsonInFullForTheChain() throws {
    let json = GradientTable(root: try Support.root("chain.mg")).json
    #expect(
      json == """
        {"root":6,"values":[
        {"data":2,"grad":6,"group":null,"id":0,"inputs":[],"kind":"leaf","label":"a","op":""},
        {"data":-3,"grad":-4,"group":null,"id":1,"inputs":[],"kind":"leaf","label":"b","op":""},
        {"data":10,"grad":-2,"group":null,"id":2,"inputs":[],"kind":"leaf","label":"c","op":""},
        {"data":-6,"grad":-2,"group":null,"id":3,"inputs":[0,1],"kind":"operation","label":"e","op":"*"},
        {"data":4,"grad":-2,"group":null,"id":4,"inputs":[3,2],"kind":"operation","label":"d","op":"+"},
        {"data":-2,"grad":4,"group":null,"id":5,"inputs":[],"kind":"leaf","label":"f","op":""},
        {"data":-8,"grad":1,"group":null,"id":6,"inputs":[4,5],"kind":"operation","label":"L","op":"*"}
        ]}

        """)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect((object["values"] as? [Any])?.count == 7)
  }

  @Test func groupsAppearInJSON() throws {
    let tape = Tape()
    let x = Value(1.0, label: "x", on: tape)
    let y = tape.withGroup(NodeGroup(layer: 0, neuron: 2)) { x * 3 }
    let z = tape.withGroup(NodeGroup(layer: 1)) { y.tanh() }
    z.backward()
    let json = GradientTable(root: z).json
    #expect(json.contains(#""group":{"layer":0,"neuron":2}"#))
    #expect(json.contains(#""group":{"layer":1,"neuron":null}"#))
  }

  @Test func fullPrecisionRoundTrips() throws {
    let root = try Support.root("neuron.mg")
    for row in GradientTable(root: root).csv.split(separator: "\n").dropFirst() {
      let cells = row.split(separator: ",", omittingEmptySubsequences: false)
      let label = String(cells[1])
      let value = try Support.value(label, in: root)
      #expect(Double(String(cells[3])) == value.data)
      #expect(Double(String(cells[4])) == value.grad)
    }
  }
}
