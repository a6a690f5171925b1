/// A node of the syntax tree, shaped like jsonata-js's AST objects so the evaluator can follow
/// the reference implementation step by step.
final class Node {
    enum Kind {
        // Parse-phase kinds.
        case op, end, error
        // AST kinds.
        case path, binary, unary, name, string, number, value, wildcard, descendant, parent
        case condition, block, bind, regex, function, partial, variable, lambda, apply, sort, transform
        case filter, index
    }

    var kind: Kind
    /// Operator symbol, name, variable name or string literal text.
    var value: String {
        didSet { symbol = Operator(value) }
    }
    /// `value` decoded once, so binary operators dispatch without comparing strings per evaluation.
    private(set) var symbol: Operator
    var position: Int

    var number: Double = 0
    /// For `value` literals: true, false or null.
    var literal: Value = .null
    var regex: RegexMatcher?

    var lhs: Node?
    var rhs: Node?
    var expression: Node?
    var expressions: [Node] = []
    var pairs: [(Node, Node)] = []
    var steps: [Node] = []
    var predicate: [Node]?
    var stages: [Node]?
    var group: Group?
    var terms: [(descending: Bool, expression: Node)] = []

    var keepArray = false
    var keepSingletonArray = false
    var consarray = false
    var tuple = false
    var focus: String?
    var indexVar: String?
    var ancestor: Slot?
    var slot: Slot?
    var seekingParent: [Slot]?

    var condition: Node?
    var then: Node?
    var otherwise: Node?

    var procedure: Node?
    var arguments: [Node] = []
    var signature: Signature?
    var body: Node?
    var thunk = false

    var pattern: Node?
    var update: Node?
    var delete: Node?

    init(_ kind: Kind, _ value: String = "", position: Int) {
        self.kind = kind
        self.value = value
        self.symbol = Operator(value)
        self.position = position
    }

    enum Operator {
        case add, subtract, multiply, divide, modulo
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case concat, range, and, or, `in`
        case other

        init(_ symbol: String) {
            switch symbol {
            case "+": self = .add
            case "-": self = .subtract
            case "*": self = .multiply
            case "/": self = .divide
            case "%": self = .modulo
            case "=": self = .equal
            case "!=": self = .notEqual
            case "<": self = .less
            case "<=": self = .lessEqual
            case ">": self = .greater
            case ">=": self = .greaterEqual
            case "&": self = .concat
            case "..": self = .range
            case "and": self = .and
            case "or": self = .or
            case "in": self = .in
            default: self = .other
            }
        }
    }

    /// Whether this is the `?` placeholder of a partial application.
    var isPlaceholder: Bool { kind == .op && value == "?" }

    struct Group {
        var pairs: [(Node, Node)]
        var position: Int
    }
}

/// An ancestor slot of the `%` operator: which step binds the parent value and under what label.
final class Slot {
    var label: String
    var level: Int
    let index: Int

    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}
