import JSONValue

/// A KeyConditionExpression checked against the key schema: the partition and an optional sort key range.
struct KeyCondition {
    var partition: AttributeValue
    var lower: SortBound?
    var upper: SortBound?

    init(_ condition: Condition, definition: TableDefinition) throws(DynamoDBError) {
        var parts: [Condition] = []
        func flatten(_ c: Condition) throws(DynamoDBError) {
            switch c {
            case .and(let a, let b):
                try flatten(a)
                try flatten(b)
            case .or: throw .validation("Invalid operator used in KeyConditionExpression: OR")
            case .not: throw .validation("Invalid operator used in KeyConditionExpression: NOT")
            case .isIn: throw .validation("Invalid operator used in KeyConditionExpression: IN")
            case .compare(_, .notEqual, _): throw .validation("Unsupported operator on KeyConditionExpression: operator: <>")
            case .attributeExists, .attributeNotExists, .attributeType, .contains:
                throw .validation("Invalid operator used in KeyConditionExpression: function")
            default: parts.append(c)
            }
        }
        try flatten(condition)
        guard parts.count <= 2 else { throw .validation("Conditions can be of length 1 or 2 only") }
        var partition: AttributeValue?
        var sort: (lower: SortBound?, upper: SortBound?)?
        let typeMismatch = DynamoDBError.invalidParameter("Condition parameter type does not match schema type")
        func keyValue(_ operand: Operand, _ attribute: KeyAttribute) throws(DynamoDBError) -> AttributeValue {
            guard case .value(let v) = operand else { throw .validation("Query key condition not supported") }
            guard v.typeName == attribute.type.rawValue else { throw typeMismatch }
            return v
        }
        for part in parts {
            let attributeName: String
            switch part {
            case .compare(.path(let p), _, _), .between(.path(let p), _, _), .beginsWith(.path(let p), _):
                guard p.elements.count == 1 else { throw .validation("Query key condition not supported") }
                attributeName = p.attributeName
            default:
                throw .validation("Query key condition not supported")
            }
            if attributeName == definition.partitionKey.name {
                guard case .compare(_, .equal, let value) = part, partition == nil else {
                    throw .validation("Query key condition not supported")
                }
                partition = try keyValue(value, definition.partitionKey)
                continue
            }
            guard let sortKey = definition.sortKey, attributeName == sortKey.name, sort == nil else {
                throw .validation("Query key condition not supported")
            }
            switch part {
            case .compare(_, let op, let operand):
                let bytes = StorageKey.bytes(of: try keyValue(operand, sortKey))
                switch op {
                case .equal: sort = (SortBound(bytes, inclusive: true), SortBound(bytes, inclusive: true))
                case .less: sort = (nil, SortBound(bytes, inclusive: false))
                case .lessOrEqual: sort = (nil, SortBound(bytes, inclusive: true))
                case .greater: sort = (SortBound(bytes, inclusive: false), nil)
                default: sort = (SortBound(bytes, inclusive: true), nil)
                }
            case .between(_, let low, let high):
                sort = (
                    SortBound(StorageKey.bytes(of: try keyValue(low, sortKey)), inclusive: true),
                    SortBound(StorageKey.bytes(of: try keyValue(high, sortKey)), inclusive: true)
                )
            case .beginsWith(_, let operand):
                guard sortKey.type != .number else {
                    throw .validation(
                        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
                }
                let prefix = StorageKey.bytes(of: try keyValue(operand, sortKey))
                sort = (SortBound(prefix, inclusive: true), Self.successor(of: prefix).map { SortBound($0, inclusive: false) })
            default:
                throw .validation("Query key condition not supported")
            }
        }
        guard let partition else {
            throw .validation("Query condition missed key schema element: \(definition.partitionKey.name)")
        }
        self.partition = partition
        lower = sort?.lower
        upper = sort?.upper
    }

    /// The smallest byte string greater than every string starting with `prefix`; nil when there is none.
    static func successor(of prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}

extension DynamoDBService {
    func query(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try await table(request)
        try request.rejectLegacy(["KeyConditions", "QueryFilter", "ConditionalOperator"])
        if let index = try request.string("IndexName") {
            throw .validation("The table does not have the specified index: \(index)")
        }
        guard let keyText = try request.string("KeyConditionExpression") else {
            throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        var attributes = try ExpressionAttributes(request: request.object)
        let keyCondition = try KeyCondition(
            try Condition.parse(keyText, expression: "KeyConditionExpression", attributes: &attributes), definition: definition)
        let filter = try request.condition("FilterExpression", &attributes)
        let projection = try request.projection(&attributes)
        try attributes.checkAllUsed()
        var range = KeyRange(
            partition: StorageKey.bytes(of: keyCondition.partition), lower: keyCondition.lower, upper: keyCondition.upper,
            forward: try request.bool("ScanIndexForward") ?? true)
        return try await read(request, definition: definition, range: &range, filter: filter, projection: projection)
    }

    func scan(_ request: Request) async throws(DynamoDBError) -> JSONValue {
        let definition = try await table(request)
        try request.rejectLegacy(["ScanFilter", "ConditionalOperator"])
        if let index = try request.string("IndexName") {
            throw .validation("The table does not have the specified index: \(index)")
        }
        let segment = try ScanSegment(request)
        var attributes = try ExpressionAttributes(request: request.object)
        let filter = try request.condition("FilterExpression", &attributes)
        let projection = try request.projection(&attributes)
        try attributes.checkAllUsed()
        var range = KeyRange(partition: nil)
        return try await read(
            request, definition: definition, range: &range, filter: filter, projection: projection, segment: segment)
    }

    /// What Query and Scan share: the start key, the limit, the filter, Select and the page's last key.
    private func read(
        _ request: Request, definition: TableDefinition, range: inout KeyRange, filter: Condition?, projection: Projection?,
        segment: ScanSegment? = nil
    ) async throws(DynamoDBError) -> JSONValue {
        if let filter {
            for path in filterPaths(filter) where definition.keyAttributes.contains(where: { $0.name == path.attributeName }) {
                if range.partition != nil {
                    throw .validation(
                        "Filter Expression can only contain non-primary key attributes: Primary key attribute: \(path.attributeName)")
                }
            }
        }
        let select = try request.choice(
            "Select", ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"],
            default: projection == nil ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES")
        if select == "ALL_PROJECTED_ATTRIBUTES" {
            throw .validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
        }
        if select == "ALL_ATTRIBUTES", projection != nil {
            throw .validation(
                "Cannot specify the AttributesToGet or ProjectionExpression when choosing to get ALL_ATTRIBUTES")
        }
        if let start = request["ExclusiveStartKey"] {
            let startItem = try AttributeValue.item(start, parameter: "ExclusiveStartKey")
            let key: Item
            do {
                key = try definition.key(of: startItem, isKeyParameter: true)
            } catch {
                throw .validation("The provided starting key is invalid: \(error.message)")
            }
            range.exclusiveStart = definition.storageKey(of: key)
        }
        range.limit = try request.positiveInt("Limit")
        _ = try request.bool("ConsistentRead")
        var items: [Item]
        if let segment {
            // A segment is every partition whose hash falls in it: read on past other segments' items.
            let limit = range.limit
            range.limit = nil
            items = try await storage.items(in: definition.name, range: range).filter {
                segment.contains(definition.storageKey(of: $0).partition)
            }
            range.limit = limit
            if let limit { items = Array(items.prefix(limit)) }
        } else {
            items = try await storage.items(in: definition.name, range: range)
        }
        var kept: [Item] = []
        for item in items where try filter?.evaluate(item) ?? true { kept.append(item) }
        var output: JSONObject = [:]
        if select != "COUNT" {
            output["Items"] = .array(kept.map { AttributeValue.json(projection?.apply(to: $0) ?? $0) })
        }
        output["Count"] = .int(kept.count)
        output["ScannedCount"] = .int(items.count)
        if let limit = range.limit, items.count == limit, let last = items.last {
            output["LastEvaluatedKey"] = AttributeValue.json(definition.keyAttributes(of: last))
        }
        let scannedBytes = items.reduce(0) { $0 + AttributeValue.size(of: $1) }
        output["ConsumedCapacity"] = try request.consumedCapacity(table: definition.name, bytes: scannedBytes, write: false)
        return .object(output)
    }

    private func filterPaths(_ condition: Condition) -> [DocumentPath] {
        func operandPaths(_ o: Operand) -> [DocumentPath] {
            switch o {
            case .path(let p), .size(let p): [p]
            default: []
            }
        }
        switch condition {
        case .compare(let a, _, let b): return operandPaths(a) + operandPaths(b)
        case .between(let a, let b, let c): return operandPaths(a) + operandPaths(b) + operandPaths(c)
        case .isIn(let a, let list): return operandPaths(a) + list.flatMap(operandPaths)
        case .and(let a, let b), .or(let a, let b): return filterPaths(a) + filterPaths(b)
        case .not(let a): return filterPaths(a)
        case .attributeExists(let p), .attributeNotExists(let p): return [p]
        case .attributeType(let p, _): return [p]
        case .beginsWith(let a, let b), .contains(let a, let b): return operandPaths(a) + operandPaths(b)
        }
    }
}

/// One segment of a parallel Scan: the partitions whose key hash falls in it.
struct ScanSegment {
    var segment: Int
    var total: Int

    init?(_ request: Request) throws(DynamoDBError) {
        let segment = request["Segment"]?.numberValue?.intValue
        let total = request["TotalSegments"]?.numberValue?.intValue
        if segment == nil, total == nil { return nil }
        guard let segment, let total else {
            throw .validation(
                "The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
        }
        guard (1...1_000_000).contains(total) else {
            throw .validation(
                "1 validation error detected: Value '\(total)' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000")
        }
        guard (0..<total).contains(segment) else {
            throw .validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(total)")
        }
        self.segment = segment
        self.total = total
    }

    /// FNV-1a of the partition key bytes, so a partition always falls in the same segment.
    func contains(_ partition: [UInt8]) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in partition { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(total)) == segment
    }
}
