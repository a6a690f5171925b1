/// An item's primary key as storage orders it: the partition and sort key values as bytes whose
/// unsigned lexicographic order is DynamoDB's order (numbers numerically, strings and binary bytewise).
package struct StorageKey: Sendable, Hashable, Comparable {
    package var partition: [UInt8]
    /// Empty for a table without a sort key.
    package var sort: [UInt8]

    package init(partition: [UInt8], sort: [UInt8]) {
        self.partition = partition
        self.sort = sort
    }

    package static func < (lhs: StorageKey, rhs: StorageKey) -> Bool {
        if lhs.partition != rhs.partition { return lhs.partition.lexicographicallyPrecedes(rhs.partition) }
        return lhs.sort.lexicographicallyPrecedes(rhs.sort)
    }

    /// The ordering bytes of a key value (a string, number or binary).
    package static func bytes(of value: AttributeValue) -> [UInt8] {
        switch value {
        case .string(let s): Array(s.utf8)
        case .number(let n): n.sortableBytes
        case .binary(let b): b
        default: []
        }
    }
}

extension TableDefinition {
    /// The key attributes of `item` (an item or a `Key` parameter) after checking them against the schema:
    /// DynamoDB's messages for a missing key attribute, a wrong type or an empty value.
    package func key(of item: Item, isKeyParameter: Bool) throws(DynamoDBError) -> Item {
        var key = Item()
        for attribute in keyAttributes {
            guard let value = item[attribute.name] else {
                if isKeyParameter { throw .validation("The provided key element does not match the schema") }
                throw .invalidParameter("Missing the key \(attribute.name) in the item")
            }
            guard value.typeName == attribute.type.rawValue else {
                if isKeyParameter { throw .validation("The provided key element does not match the schema") }
                throw .invalidParameter(
                    "Type mismatch for key \(attribute.name) expected: \(attribute.type.rawValue) actual: \(value.typeName)")
            }
            let isEmpty: Bool
            switch value {
            case .string(let s): isEmpty = s.isEmpty
            case .binary(let b): isEmpty = b.isEmpty
            default: isEmpty = false
            }
            if isEmpty {
                throw .validation(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty \(attribute.type == .string ? "string" : "binary") value. Key: \(attribute.name)")
            }
            key[attribute.name] = value
        }
        if isKeyParameter, item.count != key.count {
            throw .validation("The provided key element does not match the schema")
        }
        return key
    }

    /// The storage key of an item whose key attributes were checked with `key(of:isKeyParameter:)`.
    package func storageKey(of item: Item) -> StorageKey {
        StorageKey(
            partition: StorageKey.bytes(of: item[partitionKey.name] ?? .null),
            sort: sortKey.map { StorageKey.bytes(of: item[$0.name] ?? .null) } ?? [])
    }

    /// Just the key attributes of a stored item (for LastEvaluatedKey).
    package func keyAttributes(of item: Item) -> Item {
        var key = Item()
        for attribute in keyAttributes { key[attribute.name] = item[attribute.name] }
        return key
    }
}
