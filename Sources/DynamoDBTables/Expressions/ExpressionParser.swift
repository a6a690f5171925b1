/// A recursive-descent parser for DynamoDB's expression languages. `expression` names the request
/// parameter (`ConditionExpression`, `UpdateExpression`, ...) as DynamoDB's messages do; `#names` and
/// `:values` are substituted while parsing and their use recorded in `attributes`.
struct ExpressionParser {
    let expression: String
    let tokens: [ExpressionToken]
    let source: [UInt8]
    var position = 0
    var attributes: ExpressionAttributes
    /// Parentheses and NOTs open around the current token; bounded so hostile input cannot exhaust the stack.
    var depth = 0

    /// DynamoDB's limit on an expression's length.
    static let maximumBytes = 4096
    /// Deeper nesting is refused: recursive descent (and evaluation) must not overflow a thread's stack.
    static let maximumDepth = 64

    init(_ text: String, expression: String, attributes: ExpressionAttributes) throws(DynamoDBError) {
        self.expression = expression
        guard text.utf8.count <= Self.maximumBytes else {
            throw .validation("Invalid \(expression): Expression size has exceeded the maximum allowed size; expression size: \(text.utf8.count)")
        }
        self.source = Array(text.utf8)
        self.attributes = attributes
        tokens = try ExpressionLexer.tokens(text, expression: expression)
        if tokens.count == 1 {
            throw .validation("Invalid \(expression): The expression can not be empty;")
        }
    }

    var current: ExpressionToken { tokens[position] }
    var next: ExpressionToken { tokens[min(position + 1, tokens.count - 1)] }

    mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// DynamoDB's syntax error for the current token, "near" it and its neighbours.
    func syntaxError() -> DynamoDBError {
        let from = position > 0 ? tokens[position - 1].start : current.start
        let to = position + 1 < tokens.count ? tokens[position + 1].end : current.end
        let near = String(decoding: source[from..<max(from, to)], as: UTF8.self)
        return ExpressionLexer.syntaxError(expression, token: current.text, near: near)
    }

    mutating func expectSymbol(_ s: String) throws(DynamoDBError) {
        guard current.isSymbol(s) else { throw syntaxError() }
        _ = advance()
    }

    mutating func expectEnd() throws(DynamoDBError) {
        guard current.kind == .end else { throw syntaxError() }
    }

    // MARK: Paths and operands

    mutating func parsePath() throws(DynamoDBError) -> DocumentPath {
        var elements = [try parsePathName()]
        while true {
            if current.isSymbol(".") {
                _ = advance()
                elements.append(try parsePathName())
            } else if current.isSymbol("[") {
                _ = advance()
                guard current.kind == .integer, let index = Int(current.text) else { throw syntaxError() }
                _ = advance()
                try expectSymbol("]")
                elements.append(.index(index))
            } else {
                return DocumentPath(elements)
            }
        }
    }

    private mutating func parsePathName() throws(DynamoDBError) -> PathElement {
        let token = current
        switch token.kind {
        case .nameReference:
            _ = advance()
            return .name(try attributes.name(token.text, in: expression))
        case .word:
            if ReservedWords.words.contains(token.text.uppercased()) {
                throw .validation(
                    "Invalid \(expression): Attribute name is a reserved keyword; reserved keyword: \(token.text)")
            }
            _ = advance()
            return .name(token.text)
        default:
            throw syntaxError()
        }
    }

    /// A condition operand: a path, a `:value` or `size(path)`.
    mutating func parseOperand() throws(DynamoDBError) -> Operand {
        switch current.kind {
        case .valueReference:
            let token = advance()
            return .value(try attributes.value(token.text, in: expression))
        case .word where next.isSymbol("("):
            let name = advance().text
            guard name == "size" else {
                if Self.conditionFunctions.contains(name) || Self.updateFunctions.contains(name) {
                    throw .validation(
                        "Invalid \(expression): The function is not allowed to be used this way in an expression; function: \(name)")
                }
                throw .validation("Invalid \(expression): Invalid function name; function: \(name)")
            }
            _ = advance()
            let path = try parsePath()
            try expectSymbol(")")
            return .size(path)
        case .word, .nameReference:
            return .path(try parsePath())
        default:
            throw syntaxError()
        }
    }

    static let conditionFunctions: Set<String> = [
        "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains",
    ]
    static let updateFunctions: Set<String> = ["if_not_exists", "list_append"]

    // MARK: Conditions

    mutating func parseCondition() throws(DynamoDBError) -> Condition {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(DynamoDBError) -> Condition {
        var left = try parseNot()
        while current.isKeyword("AND") {
            _ = advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(DynamoDBError) -> Condition {
        if current.isKeyword("NOT") {
            _ = advance()
            try enter()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    /// One level deeper, refused past `maximumDepth`.
    mutating func enter() throws(DynamoDBError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw .validation("Invalid \(expression): The expression nests more than \(Self.maximumDepth) levels of parentheses or NOT")
        }
    }

    private mutating func parsePrimary() throws(DynamoDBError) -> Condition {
        if current.isSymbol("(") {
            _ = advance()
            try enter()
            defer { depth -= 1 }
            let inner = try parseCondition()
            try expectSymbol(")")
            return inner
        }
        if current.kind == .word, next.isSymbol("("), current.text != "size" {
            return try parseFunction()
        }
        let left = try parseOperand()
        if current.kind == .symbol, let op = Comparator(rawValue: current.text) {
            _ = advance()
            return .compare(left, op, try parseOperand())
        }
        if current.isKeyword("BETWEEN") {
            _ = advance()
            let low = try parseOperand()
            guard current.isKeyword("AND") else { throw syntaxError() }
            _ = advance()
            let high = try parseOperand()
            if case .value(let l) = low, case .value(let h) = high {
                guard let order = AttributeValue.order(l, h) else {
                    throw .validation(
                        "Invalid \(expression): The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: \(l.messageText), upper bound operand: AttributeValue: \(h.messageText)")
                }
                if order > 0 {
                    throw .validation(
                        "Invalid \(expression): The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \(l.messageText), upper bound operand: AttributeValue: \(h.messageText)")
                }
            }
            return .between(left, low, high)
        }
        if current.isKeyword("IN") {
            _ = advance()
            try expectSymbol("(")
            var candidates = [try parseOperand()]
            while current.isSymbol(",") {
                _ = advance()
                candidates.append(try parseOperand())
            }
            try expectSymbol(")")
            return .isIn(left, candidates)
        }
        throw syntaxError()
    }

    private mutating func parseFunction() throws(DynamoDBError) -> Condition {
        let name = advance().text
        guard Self.conditionFunctions.contains(name) else {
            if Self.updateFunctions.contains(name) {
                throw .validation(
                    "Invalid \(expression): The function is not allowed to be used this way in an expression; function: \(name)")
            }
            throw .validation("Invalid \(expression): Invalid function name; function: \(name)")
        }
        try expectSymbol("(")
        var arguments = [try parseOperand()]
        while current.isSymbol(",") {
            _ = advance()
            arguments.append(try parseOperand())
        }
        try expectSymbol(")")
        let expected = name == "attribute_exists" || name == "attribute_not_exists" ? 1 : 2
        guard arguments.count == expected else {
            throw .validation(
                "Invalid \(expression): Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(arguments.count)")
        }
        func pathArgument(_ operand: Operand) throws(DynamoDBError) -> DocumentPath {
            guard case .path(let path) = operand else {
                throw .validation(
                    "Invalid \(expression): Operator or function requires a document path; operator or function: \(name)")
            }
            return path
        }
        switch name {
        case "attribute_exists": return .attributeExists(try pathArgument(arguments[0]))
        case "attribute_not_exists": return .attributeNotExists(try pathArgument(arguments[0]))
        case "attribute_type":
            let path = try pathArgument(arguments[0])
            if case .value(let type) = arguments[1] {
                guard case .string(let typeName) = type, AttributeValue.typeNames.contains(typeName) else {
                    throw .validation(
                        "Invalid \(expression): Invalid attribute type name found; type: \(type.messageText), valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}")
                }
            }
            return .attributeType(path, arguments[1])
        case "begins_with":
            for case .value(let v) in arguments {
                guard case .string = v else {
                    if case .binary = v { continue }
                    throw .validation(
                        "Invalid \(expression): Incorrect operand type for operator or function; operator or function: begins_with, operand type: \(v.typeName)")
                }
            }
            return .beginsWith(arguments[0], arguments[1])
        default:
            return .contains(arguments[0], arguments[1])
        }
    }
}

extension Condition {
    /// Parses a ConditionExpression or FilterExpression (`expression` names which, for messages).
    package static func parse(
        _ text: String, expression: String, attributes: inout ExpressionAttributes
    ) throws(DynamoDBError) -> Condition {
        var parser = try ExpressionParser(text, expression: expression, attributes: attributes)
        let condition = try parser.parseCondition()
        try parser.expectEnd()
        attributes = parser.attributes
        return condition
    }
}

/// A ProjectionExpression: the paths to keep.
package struct Projection: Sendable, Hashable {
    package var paths: [DocumentPath]

    package init(paths: [DocumentPath]) { self.paths = paths }

    package static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Projection {
        var parser = try ExpressionParser(text, expression: "ProjectionExpression", attributes: attributes)
        var paths = [try parser.parsePath()]
        while parser.current.isSymbol(",") {
            _ = parser.advance()
            paths.append(try parser.parsePath())
        }
        try parser.expectEnd()
        for (i, a) in paths.enumerated() {
            for b in paths[(i + 1)...] where a.overlaps(b) {
                throw .validation(
                    "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(a), path two: \(b)")
            }
        }
        attributes = parser.attributes
        return Projection(paths: paths)
    }

    /// The parts of `item` the paths name, nested as in the item; projected list elements keep their order.
    package func apply(to item: Item) -> Item {
        var root = ProjectionTree()
        for path in paths { root.add(path.elements[...]) }
        var out = Item()
        for (name, child) in root.names {
            if let value = item[name], let projected = child.apply(to: value) { out[name] = projected }
        }
        return out
    }
}

/// The paths of a projection merged into a tree, applied to a value in one walk.
private struct ProjectionTree {
    var isLeaf = false
    var names: [String: ProjectionTree] = [:]
    var indexes: [Int: ProjectionTree] = [:]

    mutating func add(_ path: ArraySlice<PathElement>) {
        guard let step = path.first else {
            isLeaf = true
            return
        }
        switch step {
        case .name(let n): names[n, default: ProjectionTree()].add(path.dropFirst())
        case .index(let i): indexes[i, default: ProjectionTree()].add(path.dropFirst())
        }
    }

    func apply(to value: AttributeValue) -> AttributeValue? {
        if isLeaf { return value }
        switch value {
        case .map(let m) where !names.isEmpty:
            var out = Item()
            for (name, child) in names {
                if let v = m[name], let projected = child.apply(to: v) { out[name] = projected }
            }
            return out.isEmpty ? nil : .map(out)
        case .list(let l) where !indexes.isEmpty:
            let kept = indexes.keys.sorted().compactMap { i in l.indices.contains(i) ? indexes[i]!.apply(to: l[i]) : nil }
            return kept.isEmpty ? nil : .list(kept)
        default:
            return nil
        }
    }
}
