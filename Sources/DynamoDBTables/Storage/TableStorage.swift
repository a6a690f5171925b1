/// What a mutation decides after reading the current item.
package enum ItemChange: Sendable, Equatable {
    /// Write this item (a put or an update).
    case put(Item)
    /// Delete the item.
    case delete
    /// Leave the item as it is.
    case keep
}

/// A stored item before and after one atomic mutation.
package struct ItemMutation: Sendable, Equatable {
    package var old: Item?
    package var new: Item?

    package init(old: Item?, new: Item?) {
        self.old = old
        self.new = new
    }
}

/// A bound on sort key bytes.
package struct SortBound: Sendable, Hashable {
    package var bytes: [UInt8]
    package var inclusive: Bool

    package init(_ bytes: [UInt8], inclusive: Bool) {
        self.bytes = bytes
        self.inclusive = inclusive
    }
}

/// Which stored items a Query or Scan reads, in which order and how many.
package struct KeyRange: Sendable, Hashable {
    /// The partition of a Query; nil for a Scan of the whole table (ordered by partition, then sort key).
    package var partition: [UInt8]?
    package var lower: SortBound?
    package var upper: SortBound?
    package var forward = true
    /// Items up to and including this key (in the read order) are skipped.
    package var exclusiveStart: StorageKey?
    package var limit: Int?

    package init(
        partition: [UInt8]?, lower: SortBound? = nil, upper: SortBound? = nil, forward: Bool = true,
        exclusiveStart: StorageKey? = nil, limit: Int? = nil
    ) {
        self.partition = partition
        self.lower = lower
        self.upper = upper
        self.forward = forward
        self.exclusiveStart = exclusiveStart
        self.limit = limit
    }

    /// Whether a key lies in the range (ignoring limit), for storages that filter in memory.
    package func contains(_ key: StorageKey) -> Bool {
        if let partition, key.partition != partition { return false }
        if let lower {
            if key.sort.lexicographicallyPrecedes(lower.bytes) { return false }
            if !lower.inclusive, key.sort == lower.bytes { return false }
        }
        if let upper {
            if upper.bytes.lexicographicallyPrecedes(key.sort) { return false }
            if !upper.inclusive, key.sort == upper.bytes { return false }
        }
        if let exclusiveStart {
            if partition == nil {
                return exclusiveStart < key
            }
            return forward ? exclusiveStart.sort.lexicographicallyPrecedes(key.sort) : key.sort.lexicographicallyPrecedes(exclusiveStart.sort)
        }
        return true
    }
}

/// How many items a table holds and their size, for DescribeTable.
package struct TableStatistics: Sendable, Equatable {
    package var itemCount: Int
    package var sizeBytes: Int

    package init(itemCount: Int, sizeBytes: Int) {
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
    }
}

/// Where tables and their items live. `mutate` is atomic per item: the read, the decision and the
/// write happen in one transaction, so two conditional writes of one key can never both succeed.
package protocol TableStorage: Sendable {
    /// Creates a table; `ResourceInUseException` when one of that name exists.
    func createTable(_ definition: TableDefinition) async throws(DynamoDBError)
    func definition(of table: String) async throws(DynamoDBError) -> TableDefinition?
    /// All table names in ascending order.
    func tableNames() async throws(DynamoDBError) -> [String]
    /// Deletes a table and its items, returning its definition; nil when there was none.
    func deleteTable(_ table: String) async throws(DynamoDBError) -> TableDefinition?
    func statistics(of table: String) async throws(DynamoDBError) -> TableStatistics
    /// The item with this key; `ResourceNotFoundException` when the table does not exist.
    func item(in table: String, key: StorageKey) async throws(DynamoDBError) -> Item?
    /// Reads the item, asks `change` what to do with it and does that, all in one transaction.
    /// An error thrown by `change` (a failed condition) leaves the item untouched and is rethrown.
    func mutate(
        in table: String, key: StorageKey, _ change: @escaping @Sendable (Item?) throws(DynamoDBError) -> ItemChange
    ) async throws(DynamoDBError) -> ItemMutation
    /// The items in `range`, in its order, at most `range.limit` of them.
    func items(in table: String, range: KeyRange) async throws(DynamoDBError) -> [Item]
}
