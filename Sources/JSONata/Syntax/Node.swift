/// A node of the syntax tree, shaped like jsonata-js's AST objects so the evaluator can follow
/// the reference implementation step by step.
///
/// Fields are written only while parsing, after which the tree is read-only; evaluation reads
/// them on every node, so their dynamic exclusivity checks are switched off.
final class Node {
    enum Kind {
        // Parse-phase kinds.
        case op, end, error
        // AST kinds.
        case path, binary, unary, name, string, number, value, wildcard, descendant, parent
        case condition, block, bind, regex, function, partial, variable, lambda, apply, sort, transform
        case filter, index
    }

    @exclusivity(unchecked) var kind: Kind
    /// Operator symbol, name, variable name or string literal text.
    @exclusivity(unchecked) var value: String {
        didSet { symbol = Operator(value) }
    }
    /// `value` decoded once, so binary operators dispatch without comparing strings per evaluation.
    @exclusivity(unchecked) private(set) var symbol: Operator
    @exclusivity(unchecked) var position: Int

    @exclusivity(unchecked) var number: Double = 0
    /// For `value` literals: true, false or null.
    @exclusivity(unchecked) var literal: Value = .null
    @exclusivity(unchecked) var regex: RegexMatcher?

    @exclusivity(unchecked) var lhs: Node?
    @exclusivity(unchecked) var rhs: Node?
    @exclusivity(unchecked) var expression: Node?
    @exclusivity(unchecked) var expressions: [Node] = []
    @exclusivity(unchecked) var pairs: [(Node, Node)] = []
    @exclusivity(unchecked) var steps: [Node] = []
    @exclusivity(unchecked) var predicate: [Node]?
    @exclusivity(unchecked) var stages: [Node]?
    @exclusivity(unchecked) var group: Group?
    @exclusivity(unchecked) var terms: [(descending: Bool, expression: Node)] = []

    @exclusivity(unchecked) var keepArray = false
    @exclusivity(unchecked) var keepSingletonArray = false
    @exclusivity(unchecked) var consarray = false
    @exclusivity(unchecked) var tuple = false
    @exclusivity(unchecked) var focus: String?
    @exclusivity(unchecked) var indexVar: String?
    @exclusivity(unchecked) var ancestor: Slot?
    @exclusivity(unchecked) var slot: Slot?
    @exclusivity(unchecked) var seekingParent: [Slot]?

    @exclusivity(unchecked) var condition: Node?
    @exclusivity(unchecked) var then: Node?
    @exclusivity(unchecked) var otherwise: Node?

    @exclusivity(unchecked) var procedure: Node?
    @exclusivity(unchecked) var arguments: [Node] = []
    @exclusivity(unchecked) var signature: Signature?
    @exclusivity(unchecked) var body: Node?
    @exclusivity(unchecked) var thunk = false

    @exclusivity(unchecked) var pattern: Node?
    @exclusivity(unchecked) var update: Node?
    @exclusivity(unchecked) var delete: Node?

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
