import Synchronization

/// Tables in memory, for tests and throwaway runs. One lock guards everything, which makes each
/// mutation atomic.
package final class InMemoryTableStorage: TableStorage {
    private struct Table {
        var definition: TableDefinition
        var items: [StorageKey: Item] = [:]
    }

    private let tables = Mutex<[String: Table]>([:])

    package init() {}

    package func createTable(_ definition: TableDefinition) async throws(DynamoDBError) {
        let created = tables.withLock { tables in
            guard tables[definition.name] == nil else { return false }
            tables[definition.name] = Table(definition: definition)
            return true
        }
        if !created { throw .tableExists(definition.name) }
    }

    package func definition(of table: String) async throws(DynamoDBError) -> TableDefinition? {
        tables.withLock { $0[table]?.definition }
    }

    package func tableNames() async throws(DynamoDBError) -> [String] {
        tables.withLock { $0.keys.sorted() }
    }

    package func deleteTable(_ table: String) async throws(DynamoDBError) -> TableDefinition? {
        tables.withLock { $0.removeValue(forKey: table)?.definition }
    }

    package func statistics(of table: String) async throws(DynamoDBError) -> TableStatistics {
        let stats = tables.withLock { tables in
            tables[table].map { t in
                TableStatistics(itemCount: t.items.count, sizeBytes: t.items.values.reduce(0) { $0 + AttributeValue.size(of: $1) })
            }
        }
        guard let stats else { throw .resourceNotFound }
        return stats
    }

    package func item(in table: String, key: StorageKey) async throws(DynamoDBError) -> Item? {
        let result: Item?? = tables.withLock { tables in tables[table].map { $0.items[key] } }
        guard let result else { throw .resourceNotFound }
        return result
    }

    package func mutate(
        in table: String, key: StorageKey, _ change: @escaping @Sendable (Item?) throws(DynamoDBError) -> ItemChange
    ) async throws(DynamoDBError) -> ItemMutation {
        let result: Result<ItemMutation, DynamoDBError> = tables.withLock { tables in
            guard tables[table] != nil else { return .failure(.resourceNotFound) }
            let old = tables[table]!.items[key]
            let decision: ItemChange
            switch Result(catching: { () throws(DynamoDBError) in try change(old) }) {
            case .success(let d): decision = d
            case .failure(let error): return .failure(error)
            }
            switch decision {
            case .keep:
                return .success(ItemMutation(old: old, new: old))
            case .delete:
                tables[table]!.items[key] = nil
                return .success(ItemMutation(old: old, new: nil))
            case .put(let item):
                tables[table]!.items[key] = item
                return .success(ItemMutation(old: old, new: item))
            }
        }
        return try result.get()
    }

    package func items(in table: String, range: KeyRange) async throws(DynamoDBError) -> [Item] {
        let all: [(StorageKey, Item)]? = tables.withLock { tables in
            tables[table].map { t in t.items.filter { range.contains($0.key) }.map { ($0.key, $0.value) } }
        }
        guard let all else { throw .resourceNotFound }
        var sorted = all.sorted { $0.0 < $1.0 }
        if !range.forward { sorted.reverse() }
        if let limit = range.limit { sorted = Array(sorted.prefix(limit)) }
        return sorted.map(\.1)
    }
}
