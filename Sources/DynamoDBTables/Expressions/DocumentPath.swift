/// One step of a document path: an attribute or map member name, or a list index.
package enum PathElement: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case index(Int)

    package var description: String {
        switch self {
        case .name(let n): n
        case .index(let i): "[\(i)]"
        }
    }
}

/// A document path such as `a.b[0].c`, its `#names` already substituted.
package struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    package var elements: [PathElement]

    package init(_ elements: [PathElement]) { self.elements = elements }

    /// The top-level attribute the path starts with.
    package var attributeName: String {
        if case .name(let n) = elements.first { return n }
        return ""
    }

    /// As DynamoDB's overlap messages print it: `[a, b, [0]]`.
    package var description: String { "[" + elements.map(\.description).joined(separator: ", ") + "]" }

    /// True when one path is a prefix of the other (DynamoDB forbids such pairs in one update).
    package func overlaps(_ other: DocumentPath) -> Bool {
        let n = min(elements.count, other.elements.count)
        return Array(elements.prefix(n)) == Array(other.elements.prefix(n))
    }

    /// The value at this path in `item`, nil when anything on the way is missing or of another type.
    package func value(in item: Item) -> AttributeValue? {
        guard let top = item[attributeName] else { return nil }
        return Self.value(at: elements.dropFirst(), in: top)
    }

    private static func value(at rest: ArraySlice<PathElement>, in value: AttributeValue) -> AttributeValue? {
        guard let step = rest.first else { return value }
        switch (step, value) {
        case (.name(let n), .map(let m)):
            guard let child = m[n] else { return nil }
            return Self.value(at: rest.dropFirst(), in: child)
        case (.index(let i), .list(let l)):
            guard l.indices.contains(i) else { return nil }
            return Self.value(at: rest.dropFirst(), in: l[i])
        default:
            return nil
        }
    }

    private static let invalidForUpdate = DynamoDBError.validation(
        "The document path provided in the update expression is invalid for update")

    /// Sets the value at this path; a list index past the end appends. The parents must exist.
    package func set(_ newValue: AttributeValue, in item: inout Item) throws(DynamoDBError) {
        if elements.count == 1 {
            item[attributeName] = newValue
            return
        }
        guard var top = item[attributeName] else { throw Self.invalidForUpdate }
        try Self.set(newValue, at: elements.dropFirst(), in: &top)
        item[attributeName] = top
    }

    private static func set(
        _ newValue: AttributeValue, at rest: ArraySlice<PathElement>, in value: inout AttributeValue
    ) throws(DynamoDBError) {
        let step = rest.first!
        let last = rest.count == 1
        switch (step, value) {
        case (.name(let n), .map(var m)):
            if last {
                m[n] = newValue
            } else {
                guard var child = m[n] else { throw invalidForUpdate }
                try set(newValue, at: rest.dropFirst(), in: &child)
                m[n] = child
            }
            value = .map(m)
        case (.index(let i), .list(var l)):
            if last {
                if i < l.count { l[i] = newValue } else { l.append(newValue) }
            } else {
                guard l.indices.contains(i) else { throw invalidForUpdate }
                try set(newValue, at: rest.dropFirst(), in: &l[i])
            }
            value = .list(l)
        default:
            throw invalidForUpdate
        }
    }

    /// Removes the value at this path; nothing happens when it is not there.
    package func remove(from item: inout Item) throws(DynamoDBError) {
        if elements.count == 1 {
            item[attributeName] = nil
            return
        }
        guard var top = item[attributeName] else { return }
        try Self.remove(at: elements.dropFirst(), in: &top)
        item[attributeName] = top
    }

    private static func remove(at rest: ArraySlice<PathElement>, in value: inout AttributeValue) throws(DynamoDBError) {
        let step = rest.first!
        let last = rest.count == 1
        switch (step, value) {
        case (.name(let n), .map(var m)):
            if last {
                m[n] = nil
            } else if var child = m[n] {
                try remove(at: rest.dropFirst(), in: &child)
                m[n] = child
            }
            value = .map(m)
        case (.index(let i), .list(var l)):
            guard l.indices.contains(i) else { return }
            if last {
                l.remove(at: i)
            } else {
                try remove(at: rest.dropFirst(), in: &l[i])
            }
            value = .list(l)
        default:
            throw invalidForUpdate
        }
    }
}
