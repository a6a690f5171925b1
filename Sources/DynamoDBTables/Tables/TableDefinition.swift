import JSONValue

/// A key attribute's type: only strings, numbers and binary can be keys.
package enum KeyAttributeType: String, Sendable, Hashable, CaseIterable {
    case string = "S"
    case number = "N"
    case binary = "B"
}

/// One element of a table's key schema.
package struct KeyAttribute: Sendable, Hashable {
    package var name: String
    package var type: KeyAttributeType

    package init(name: String, type: KeyAttributeType) {
        self.name = name
        self.type = type
    }
}

/// What CreateTable defines and DescribeTable describes: the name, the key schema, billing and
/// the time of creation. Secondary indexes are not supported.
package struct TableDefinition: Sendable, Hashable {
    package var name: String
    package var partitionKey: KeyAttribute
    package var sortKey: KeyAttribute?
    /// `PAY_PER_REQUEST` or `PROVISIONED`.
    package var billingMode: String
    package var readCapacityUnits: Int
    package var writeCapacityUnits: Int
    /// Seconds since 1970.
    package var creationDateTime: Double
    package var deletionProtectionEnabled: Bool

    package init(
        name: String, partitionKey: KeyAttribute, sortKey: KeyAttribute? = nil, billingMode: String = "PAY_PER_REQUEST",
        readCapacityUnits: Int = 0, writeCapacityUnits: Int = 0, creationDateTime: Double = 0,
        deletionProtectionEnabled: Bool = false
    ) {
        self.name = name
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.billingMode = billingMode
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
        self.creationDateTime = creationDateTime
        self.deletionProtectionEnabled = deletionProtectionEnabled
    }

    package var keyAttributes: [KeyAttribute] { [partitionKey] + (sortKey.map { [$0] } ?? []) }

    /// `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`
    package func arn(region: String, account: String) -> String { "arn:aws:dynamodb:\(region):\(account):table/\(name)" }
}

// MARK: - CreateTable input

extension TableDefinition {
    /// Reads CreateTable's input, with DynamoDB's validation messages.
    package init(createTableInput input: JSONValue, creationDateTime: Double) throws(DynamoDBError) {
        guard let object = input.objectValue else { throw .validation("The CreateTable input must be an object") }
        let name = try Self.tableName(object["TableName"])
        guard let schema = object["KeySchema"]?.arrayValue, !schema.isEmpty else {
            throw .validation(
                "1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null")
        }
        guard schema.count <= 2 else {
            throw .validation(
                "1 validation error detected: Value '\(schema.count)' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2")
        }
        var elements: [(name: String, keyType: String)] = []
        for (i, element) in schema.enumerated() {
            guard let attributeName = element["AttributeName"]?.stringValue, !attributeName.isEmpty else {
                throw .validation(
                    "1 validation error detected: Value null at 'keySchema.\(i + 1).member.attributeName' failed to satisfy constraint: Member must not be null")
            }
            let keyType = element["KeyType"]?.stringValue ?? "null"
            guard keyType == "HASH" || keyType == "RANGE" else {
                throw .validation(
                    "1 validation error detected: Value '\(keyType)' at 'keySchema.\(i + 1).member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]")
            }
            elements.append((attributeName, keyType))
        }
        guard elements[0].keyType == "HASH" else {
            throw .invalidParameter("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        if elements.count == 2 {
            guard elements[1].keyType == "RANGE" else {
                throw .invalidParameter("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
            }
            guard elements[0].name != elements[1].name else {
                throw .invalidParameter("Both the Hash Key and the Range Key element in the KeySchema have the same name")
            }
        }
        for unsupported in ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"] where object[unsupported] != nil {
            throw .validation("\(unsupported) are not supported by Stepwise's embedded tables")
        }
        guard let definitionsJSON = object["AttributeDefinitions"]?.arrayValue else {
            throw .validation(
                "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null")
        }
        var types: [String: KeyAttributeType] = [:]
        var definedNames: [String] = []
        for (i, definition) in definitionsJSON.enumerated() {
            guard let attributeName = definition["AttributeName"]?.stringValue else {
                throw .validation(
                    "1 validation error detected: Value null at 'attributeDefinitions.\(i + 1).member.attributeName' failed to satisfy constraint: Member must not be null")
            }
            let typeText = definition["AttributeType"]?.stringValue ?? "null"
            guard let type = KeyAttributeType(rawValue: typeText) else {
                throw .validation(
                    "1 validation error detected: Value '\(typeText)' at 'attributeDefinitions.\(i + 1).member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]")
            }
            guard types[attributeName] == nil else {
                throw .invalidParameter("Duplicate AttributeName in AttributeDefinitions: \(attributeName)")
            }
            types[attributeName] = type
            definedNames.append(attributeName)
        }
        let keyNames = elements.map(\.name)
        let missing = keyNames.filter { types[$0] == nil }
        if !missing.isEmpty {
            throw .invalidParameter(
                "Some index key attributes are not defined in AttributeDefinitions. Keys: [\(missing.joined(separator: ", "))], AttributeDefinitions: [\(definedNames.joined(separator: ", "))]")
        }
        if definedNames.count != keyNames.count {
            throw .invalidParameter(
                "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        let billingMode = object["BillingMode"]?.stringValue ?? "PROVISIONED"
        guard billingMode == "PROVISIONED" || billingMode == "PAY_PER_REQUEST" else {
            throw .validation(
                "1 validation error detected: Value '\(billingMode)' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")
        }
        var read = 0
        var write = 0
        let throughput = object["ProvisionedThroughput"]
        if billingMode == "PROVISIONED" {
            guard let throughput else {
                throw .validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
            }
            guard let r = throughput["ReadCapacityUnits"]?.numberValue?.intValue, r >= 1,
                let w = throughput["WriteCapacityUnits"]?.numberValue?.intValue, w >= 1
            else {
                throw .invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified and at least 1 when BillingMode is PROVISIONED")
            }
            read = r
            write = w
        } else if throughput != nil {
            throw .invalidParameter(
                "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        self.init(
            name: name, partitionKey: KeyAttribute(name: keyNames[0], type: types[keyNames[0]]!),
            sortKey: keyNames.count == 2 ? KeyAttribute(name: keyNames[1], type: types[keyNames[1]]!) : nil,
            billingMode: billingMode, readCapacityUnits: read, writeCapacityUnits: write, creationDateTime: creationDateTime,
            deletionProtectionEnabled: object["DeletionProtectionEnabled"]?.boolValue ?? false)
    }

    /// Checks a `TableName` parameter as DynamoDB's request validation does.
    package static func tableName(_ value: JSONValue?) throws(DynamoDBError) -> String {
        guard let name = value?.stringValue else {
            throw .validation(
                "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")
        }
        if name.utf8.count < 3 {
            throw .validation(
                "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3")
        }
        if name.utf8.count > 255 {
            throw .validation(
                "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255")
        }
        let allowed = name.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45 || c == 46
        }
        guard allowed else {
            throw .validation(
                "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        return name
    }
}

// MARK: - JSON for storage and DescribeTable

extension TableDefinition {
    /// The CreateTable input that makes this table again (what storage keeps).
    package var createTableInput: JSONValue {
        var object: JSONObject = [
            "TableName": .string(name),
            "KeySchema": .array(keySchemaJSON),
            "AttributeDefinitions": .array(attributeDefinitionsJSON),
            "BillingMode": .string(billingMode),
        ]
        if billingMode == "PROVISIONED" {
            object["ProvisionedThroughput"] = [
                "ReadCapacityUnits": .int(readCapacityUnits), "WriteCapacityUnits": .int(writeCapacityUnits),
            ]
        }
        if deletionProtectionEnabled { object["DeletionProtectionEnabled"] = true }
        return .object(object)
    }

    /// The stored form: the CreateTable input plus the creation time.
    package var storedJSON: JSONValue {
        var object = createTableInput.objectValue ?? JSONObject()
        object["CreationDateTime"] = .number(JSONNumber(exactDouble: creationDateTime))
        return .object(object)
    }

    /// Reads `storedJSON` back.
    package init(storedJSON: JSONValue) throws(DynamoDBError) {
        let created = storedJSON["CreationDateTime"]?.numberValue?.doubleValue ?? 0
        var input = storedJSON.objectValue ?? JSONObject()
        input.removeValue(forKey: "CreationDateTime")
        try self.init(createTableInput: .object(input), creationDateTime: created)
    }

    private var keySchemaJSON: [JSONValue] {
        var out: [JSONValue] = [["AttributeName": .string(partitionKey.name), "KeyType": "HASH"]]
        if let sortKey { out.append(["AttributeName": .string(sortKey.name), "KeyType": "RANGE"]) }
        return out
    }

    private var attributeDefinitionsJSON: [JSONValue] {
        keyAttributes.map { ["AttributeName": .string($0.name), "AttributeType": .string($0.type.rawValue)] }
    }

    /// DescribeTable's `Table` (and CreateTable's and DeleteTable's `TableDescription`).
    package func description(
        region: String, account: String, itemCount: Int, sizeBytes: Int, status: String = "ACTIVE"
    ) -> JSONValue {
        var object: JSONObject = [
            "AttributeDefinitions": .array(attributeDefinitionsJSON),
            "TableName": .string(name),
            "KeySchema": .array(keySchemaJSON),
            "TableStatus": .string(status),
            "CreationDateTime": .number(JSONNumber(exactDouble: creationDateTime)),
            "ProvisionedThroughput": [
                "NumberOfDecreasesToday": 0, "ReadCapacityUnits": .int(readCapacityUnits),
                "WriteCapacityUnits": .int(writeCapacityUnits),
            ],
            "TableSizeBytes": .int(sizeBytes),
            "ItemCount": .int(itemCount),
            "TableArn": .string(arn(region: region, account: account)),
            "TableId": .string(tableId),
        ]
        if billingMode == "PAY_PER_REQUEST" {
            object["BillingModeSummary"] = [
                "BillingMode": "PAY_PER_REQUEST",
                "LastUpdateToPayPerRequestDateTime": .number(JSONNumber(exactDouble: creationDateTime)),
            ]
        }
        object["DeletionProtectionEnabled"] = .bool(deletionProtectionEnabled)
        return .object(object)
    }

    /// A UUID-shaped id derived from the name and creation time, so it is stable without storing it.
    private var tableId: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var hash2: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in (name + "@" + String(creationDateTime)).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            hash2 = (hash2 ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 7
        }
        func hex(_ v: UInt64, _ n: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 16 - s.count)) + s
        }
        let a = hex(hash, 16)
        let b = hex(hash2, 16)
        let all = Array(a + b)
        return "\(String(all[0..<8]))-\(String(all[8..<12]))-\(String(all[12..<16]))-\(String(all[16..<20]))-\(String(all[20..<32]))"
    }
}
