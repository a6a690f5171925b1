/// A value in an expression: an attribute path, a `:value`, `size(path)`, or (in UpdateExpression's
/// SET) arithmetic, `if_not_exists` and `list_append`.
package indirect enum Operand: Sendable, Hashable {
    case path(DocumentPath)
    case value(AttributeValue)
    case size(DocumentPath)
    case plus(Operand, Operand)
    case minus(Operand, Operand)
    case ifNotExists(DocumentPath, Operand)
    case listAppend(Operand, Operand)
}

/// A comparison operator of condition expressions.
package enum Comparator: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A parsed ConditionExpression, FilterExpression or KeyConditionExpression.
package indirect enum Condition: Sendable, Hashable {
    case compare(Operand, Comparator, Operand)
    case between(Operand, Operand, Operand)
    case isIn(Operand, [Operand])
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    case attributeExists(DocumentPath)
    case attributeNotExists(DocumentPath)
    case attributeType(DocumentPath, Operand)
    case beginsWith(Operand, Operand)
    case contains(Operand, Operand)
}

// MARK: - Evaluation

extension Operand {
    /// The operand's value for `item`; nil when it names a missing attribute (a condition then is false).
    package func evaluate(_ item: Item) throws(DynamoDBError) -> AttributeValue? {
        switch self {
        case .path(let path):
            return path.value(in: item)
        case .value(let value):
            return value
        case .size(let path):
            guard let value = path.value(in: item) else { return nil }
            let size: Int
            switch value {
            case .string(let s): size = s.utf8.count
            case .binary(let b): size = b.count
            case .map(let m): size = m.count
            case .list(let l): size = l.count
            case .stringSet(let s): size = s.count
            case .numberSet(let s): size = s.count
            case .binarySet(let s): size = s.count
            default: return nil
            }
            return .number(DynamoNumber(size))
        case .plus(let a, let b), .minus(let a, let b):
            guard let x = try a.evaluate(item), let y = try b.evaluate(item) else { throw Self.missingAttribute }
            guard case .number(let m) = x, case .number(let n) = y else {
                throw .validation("An operand in the update expression has an incorrect data type")
            }
            if case .plus = self { return .number(try DynamoNumber.adding(m, n)) }
            return .number(try DynamoNumber.subtracting(m, n))
        case .ifNotExists(let path, let fallback):
            if let existing = path.value(in: item) { return existing }
            guard let value = try fallback.evaluate(item) else { throw Self.missingAttribute }
            return value
        case .listAppend(let a, let b):
            guard let x = try a.evaluate(item), let y = try b.evaluate(item) else { throw Self.missingAttribute }
            guard case .list(let l1) = x, case .list(let l2) = y else {
                throw .validation("An operand in the update expression has an incorrect data type")
            }
            return .list(l1 + l2)
        }
    }

    static let missingAttribute = DynamoDBError.validation(
        "The provided expression refers to an attribute that does not exist in the item")
}

extension AttributeValue {
    /// The order of two scalars of the same type (`N`, `S` or `B`), nil for any other pair.
    package static func order(_ a: AttributeValue, _ b: AttributeValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.string(let x), .string(let y)):
            let (p, q) = (Array(x.utf8), Array(y.utf8))
            return p == q ? 0 : (p.lexicographicallyPrecedes(q) ? -1 : 1)
        case (.binary(let x), .binary(let y)): return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        default: return nil
        }
    }
}

extension Condition {
    /// Whether `item` (empty for an item that does not exist) satisfies the condition.
    package func evaluate(_ item: Item) throws(DynamoDBError) -> Bool {
        switch self {
        case .compare(let a, let op, let b):
            let x = try a.evaluate(item)
            let y = try b.evaluate(item)
            guard let x, let y else { return op == .notEqual }
            switch op {
            case .equal: return x == y
            case .notEqual: return x != y
            default:
                guard let order = AttributeValue.order(x, y) else { return false }
                switch op {
                case .less: return order < 0
                case .lessOrEqual: return order <= 0
                case .greater: return order > 0
                default: return order >= 0
                }
            }
        case .between(let a, let low, let high):
            guard let x = try a.evaluate(item), let l = try low.evaluate(item), let h = try high.evaluate(item),
                let lower = AttributeValue.order(x, l), let upper = AttributeValue.order(x, h)
            else { return false }
            return lower >= 0 && upper <= 0
        case .isIn(let a, let candidates):
            guard let x = try a.evaluate(item) else { return false }
            for candidate in candidates where try candidate.evaluate(item) == x { return true }
            return false
        case .and(let p, let q):
            guard try p.evaluate(item) else { return false }
            return try q.evaluate(item)
        case .or(let p, let q):
            if try p.evaluate(item) { return true }
            return try q.evaluate(item)
        case .not(let p): return try !p.evaluate(item)
        case .attributeExists(let path): return path.value(in: item) != nil
        case .attributeNotExists(let path): return path.value(in: item) == nil
        case .attributeType(let path, let type):
            guard let value = path.value(in: item), case .string(let name)? = try type.evaluate(item) else { return false }
            return value.typeName == name
        case .beginsWith(let a, let prefix):
            switch (try a.evaluate(item), try prefix.evaluate(item)) {
            case (.string(let s)?, .string(let p)?): return s.utf8.starts(with: p.utf8)
            case (.binary(let s)?, .binary(let p)?): return s.starts(with: p)
            default: return false
            }
        case .contains(let a, let operand):
            guard let container = try a.evaluate(item), let element = try operand.evaluate(item) else { return false }
            switch (container, element) {
            case (.string(let s), .string(let sub)): return sub.isEmpty || s.contains(sub)
            case (.binary(let s), .binary(let sub)):
                guard !sub.isEmpty else { return true }
                guard s.count >= sub.count else { return false }
                return (0...(s.count - sub.count)).contains { s[$0..<($0 + sub.count)].elementsEqual(sub) }
            case (.stringSet(let set), .string(let s)): return set.contains(s)
            case (.numberSet(let set), .number(let n)): return set.contains(n)
            case (.binarySet(let set), .binary(let b)): return set.contains(b)
            case (.list(let list), _): return list.contains(element)
            default: return false
            }
        }
    }
}
