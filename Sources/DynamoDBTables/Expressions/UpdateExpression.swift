/// A parsed UpdateExpression: its SET, REMOVE, ADD and DELETE actions.
package struct UpdateExpression: Sendable, Hashable {
    package struct Assignment: Sendable, Hashable {
        package var path: DocumentPath
        package var value: Operand
    }

    package struct SetChange: Sendable, Hashable {
        package var path: DocumentPath
        package var value: AttributeValue
    }

    package var sets: [Assignment] = []
    package var removes: [DocumentPath] = []
    package var adds: [SetChange] = []
    package var deletes: [SetChange] = []

    /// Every path the update writes, in the order written.
    package var paths: [DocumentPath] { sets.map(\.path) + removes + adds.map(\.path) + deletes.map(\.path) }

    package static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> UpdateExpression {
        var parser = try ExpressionParser(text, expression: "UpdateExpression", attributes: attributes)
        var update = UpdateExpression()
        var seen: Set<String> = []
        while parser.current.kind != .end {
            guard parser.current.kind == .word else { throw parser.syntaxError() }
            let clause = parser.current.text.uppercased()
            guard ["SET", "REMOVE", "ADD", "DELETE"].contains(clause) else { throw parser.syntaxError() }
            guard seen.insert(clause).inserted else {
                throw .validation(
                    "Invalid UpdateExpression: The \"\(clause)\" section can only be used once in an update expression;")
            }
            _ = parser.advance()
            repeat {
                if parser.current.isSymbol(",") { _ = parser.advance() }
                switch clause {
                case "SET":
                    let path = try parser.parsePath()
                    try parser.expectSymbol("=")
                    update.sets.append(Assignment(path: path, value: try parser.parseSetValue()))
                case "REMOVE":
                    update.removes.append(try parser.parsePath())
                default:
                    let path = try parser.parsePath()
                    guard parser.current.kind == .valueReference else { throw parser.syntaxError() }
                    let token = parser.advance()
                    let value = try parser.attributes.value(token.text, in: "UpdateExpression")
                    let allowed = clause == "ADD" ? (value.isSet || value.typeName == "N") : value.isSet
                    guard allowed else {
                        throw .validation(
                            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: \(clause), operand type: \(value.typeWord)")
                    }
                    if clause == "ADD" {
                        update.adds.append(SetChange(path: path, value: value))
                    } else {
                        update.deletes.append(SetChange(path: path, value: value))
                    }
                }
            } while parser.current.isSymbol(",")
        }
        let paths = update.paths
        for (i, a) in paths.enumerated() {
            for b in paths[(i + 1)...] where a.overlaps(b) {
                throw .validation(
                    "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(a), path two: \(b)")
            }
        }
        attributes = parser.attributes
        return update
    }

    /// The item after the update. Every SET value is computed from the item as it was, as DynamoDB does.
    package func apply(to item: Item) throws(DynamoDBError) -> Item {
        var values: [AttributeValue] = []
        for assignment in sets {
            guard let value = try assignment.value.evaluate(item) else { throw Operand.missingAttribute }
            values.append(value)
        }
        var result = item
        for (assignment, value) in zip(sets, values) { try assignment.path.set(value, in: &result) }
        // Paths in descending order (list indexes compared as numbers), so removing a list element
        // never shifts an element another REMOVE still has to reach.
        let orderedRemoves = removes.sorted { a, b in
            for (x, y) in zip(a.elements, b.elements) where x != y {
                switch (x, y) {
                case (.index(let i), .index(let j)): return i > j
                case (.name(let m), .name(let n)): return m > n
                case (.index, .name): return true
                case (.name, .index): return false
                }
            }
            return a.elements.count > b.elements.count
        }
        for path in orderedRemoves { try path.remove(from: &result) }
        for change in adds {
            let wrongType = DynamoDBError.validation("An operand in the update expression has an incorrect data type")
            switch (change.path.value(in: result), change.value) {
            case (nil, let value):
                try change.path.set(value, in: &result)
            case (.number(let a)?, .number(let b)):
                try change.path.set(.number(try DynamoNumber.adding(a, b)), in: &result)
            case (.stringSet(let a)?, .stringSet(let b)):
                try change.path.set(.stringSet(a + b.filter { !a.contains($0) }), in: &result)
            case (.numberSet(let a)?, .numberSet(let b)):
                try change.path.set(.numberSet(a + b.filter { !a.contains($0) }), in: &result)
            case (.binarySet(let a)?, .binarySet(let b)):
                try change.path.set(.binarySet(a + b.filter { !a.contains($0) }), in: &result)
            default:
                throw wrongType
            }
        }
        for change in deletes {
            let remaining: AttributeValue?
            switch (change.path.value(in: result), change.value) {
            case (nil, _):
                continue
            case (.stringSet(let a)?, .stringSet(let b)):
                let kept = a.filter { !b.contains($0) }
                remaining = kept.isEmpty ? nil : .stringSet(kept)
            case (.numberSet(let a)?, .numberSet(let b)):
                let kept = a.filter { !b.contains($0) }
                remaining = kept.isEmpty ? nil : .numberSet(kept)
            case (.binarySet(let a)?, .binarySet(let b)):
                let kept = a.filter { !b.contains($0) }
                remaining = kept.isEmpty ? nil : .binarySet(kept)
            default:
                throw .validation("An operand in the update expression has an incorrect data type")
            }
            if let remaining { try change.path.set(remaining, in: &result) } else { try change.path.remove(from: &result) }
        }
        return result
    }
}

extension ExpressionParser {
    /// A SET value: an operand, optionally `+` or `-` another.
    mutating func parseSetValue() throws(DynamoDBError) -> Operand {
        let left = try parseSetOperand()
        if current.isSymbol("+") {
            _ = advance()
            return .plus(left, try parseSetOperand())
        }
        if current.isSymbol("-") {
            _ = advance()
            return .minus(left, try parseSetOperand())
        }
        return left
    }

    private mutating func parseSetOperand() throws(DynamoDBError) -> Operand {
        guard current.kind == .word, next.isSymbol("(") else {
            if current.kind == .valueReference {
                let token = advance()
                return .value(try attributes.value(token.text, in: expression))
            }
            return .path(try parsePath())
        }
        let name = advance().text
        _ = advance()
        try enter()
        defer { depth -= 1 }
        let result: Operand
        switch name {
        case "if_not_exists":
            let path = try parsePath()
            try expectSymbol(",")
            result = .ifNotExists(path, try parseSetValue())
        case "list_append":
            let first = try parseSetValue()
            try expectSymbol(",")
            result = .listAppend(first, try parseSetValue())
        default:
            if Self.conditionFunctions.contains(name) || name == "size" {
                throw .validation(
                    "Invalid UpdateExpression: The function is not allowed in an update expression; function: \(name)")
            }
            throw .validation("Invalid UpdateExpression: Invalid function name; function: \(name)")
        }
        try expectSymbol(")")
        return result
    }
}
