import JSONValue

/// A compiled `[?(...)]` predicate, shaped like Jayway's expression nodes.
indirect enum FilterExpression: Sendable {
    case and([FilterExpression])
    case or([FilterExpression])
    case not(FilterExpression)
    case relation(FilterOperand, RelationalOperator, FilterOperand)
    /// `@.key` alone (or `!@.key`): whether the path yields something.
    case exists(TokenProgram, shouldExist: Bool)
}

/// One side of a comparison: a path evaluated per item, or a literal.
enum FilterOperand: Sendable {
    case path(TokenProgram)
    case literal(FilterValue)
}

/// Jayway's value nodes: what a filter compares. Their types decide equality (`"42" == 42` holds one way).
enum FilterValue: Sendable {
    case string(String)
    case number(DecimalText)
    case bool(Bool)
    case null
    /// An array or object; `isLiteral` marks text from the filter itself, which Jayway never equates to
    /// a document value when it is on the left.
    case json(JSONValue, isLiteral: Bool)
    case pattern(RegexPattern)
    /// A path that matched nothing: equal to nothing.
    case undefined

    /// Jayway's node class, for `===`.
    var kind: Int {
        switch self {
        case .string: 0
        case .number: 1
        case .bool: 2
        case .null: 3
        case .json: 4
        case .pattern: 5
        case .undefined: 6
        }
    }
}

/// A `/regex/flags` literal, kept as text because compiled regexes are not `Sendable`.
struct RegexPattern: Sendable {
    var source: String
    var flags: String
}

/// The relational operators of Jayway's filter language.
enum RelationalOperator: String, Sendable, CaseIterable {
    case gte = ">=", lte = "<=", eq = "==", tseq = "===", ne = "!=", tsne = "!==", lt = "<", gt = ">"
    case regex = "=~", nin = "NIN", `in` = "IN", contains = "CONTAINS", all = "ALL", size = "SIZE"
    case type = "TYPE", matches = "MATCHES", empty = "EMPTY", subsetof = "SUBSETOF", anyof = "ANYOF"
    case noneof = "NONEOF"

    /// Word operators are case-insensitive, as Jayway upper-cases before matching.
    init?(text: String) {
        self.init(rawValue: text.uppercased())
    }
}
