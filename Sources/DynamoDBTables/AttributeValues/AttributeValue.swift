import JSONValue

/// An item: attribute names to values.
package typealias Item = [String: AttributeValue]

/// One DynamoDB attribute value, as the `{"S": ...}`, `{"N": ...}`, ... wire format describes it.
/// Sets keep their members' order for printing but compare as sets.
package indirect enum AttributeValue: Sendable {
    case string(String)
    case number(DynamoNumber)
    case binary([UInt8])
    case bool(Bool)
    case null
    case map(Item)
    case list([AttributeValue])
    case stringSet([String])
    case numberSet([DynamoNumber])
    case binarySet([[UInt8]])

    /// The wire type name: `S`, `N`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS` or `BS`.
    package var typeName: String {
        switch self {
        case .string: "S"
        case .number: "N"
        case .binary: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .map: "M"
        case .list: "L"
        case .stringSet: "SS"
        case .numberSet: "NS"
        case .binarySet: "BS"
        }
    }

    package static let typeNames: Set<String> = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]

    /// The name DynamoDB's messages use for the type (`STRING`, `NUMBER`, ...).
    package var typeWord: String {
        switch self {
        case .string: "STRING"
        case .number: "NUMBER"
        case .binary: "BINARY"
        case .bool: "BOOLEAN"
        case .null: "NULL"
        case .map: "MAP"
        case .list: "LIST"
        case .stringSet: "STRING_SET"
        case .numberSet: "NUMBER_SET"
        case .binarySet: "BINARY_SET"
        }
    }

    package var isSet: Bool {
        switch self {
        case .stringSet, .numberSet, .binarySet: true
        default: false
        }
    }
}

extension AttributeValue: Hashable {
    package static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.binary(let a), .binary(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.map(let a), .map(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.stringSet(let a), .stringSet(let b)): Set(a) == Set(b)
        case (.numberSet(let a), .numberSet(let b)): Set(a) == Set(b)
        case (.binarySet(let a), .binarySet(let b)): Set(a) == Set(b)
        default: false
        }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        switch self {
        case .string(let s): hasher.combine(s)
        case .number(let n): hasher.combine(n)
        case .binary(let b): hasher.combine(b)
        case .bool(let b): hasher.combine(b)
        case .null: break
        case .map(let m): hasher.combine(m)
        case .list(let l): hasher.combine(l)
        case .stringSet(let s): hasher.combine(Set(s))
        case .numberSet(let s): hasher.combine(Set(s))
        case .binarySet(let s): hasher.combine(Set(s))
        }
    }
}

// MARK: - JSON

extension AttributeValue {
    /// Parses one attribute value of DynamoDB's JSON, with DynamoDB's messages for malformed ones.
    package init(json: JSONValue) throws(DynamoDBError) {
        guard let object = json.objectValue else {
            throw .validation("Supplied AttributeValue must be an object with exactly one of the supported datatypes")
        }
        let present = object.members.filter { Self.typeNames.contains($0.key) }
        if present.count > 1 {
            throw .validation(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        guard let (type, value) = present.first else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        switch type {
        case "S":
            self = .string(try Self.string(value, type))
        case "N":
            self = .number(try DynamoNumber(parsing: try Self.string(value, type)))
        case "B":
            self = .binary(try Self.binary(value, type))
        case "BOOL":
            guard let b = value.boolValue else { throw Self.wrongJSON(type, "a boolean") }
            self = .bool(b)
        case "NULL":
            guard let b = value.boolValue else { throw Self.wrongJSON(type, "a boolean") }
            guard b else { throw .invalidParameter("Null attribute value types must have the value of true") }
            self = .null
        case "M":
            guard let members = value.objectValue else { throw Self.wrongJSON(type, "an object") }
            self = .map(try Self.item(members))
        case "L":
            guard let elements = value.arrayValue else { throw Self.wrongJSON(type, "an array") }
            var list: [AttributeValue] = []
            list.reserveCapacity(elements.count)
            for element in elements { list.append(try AttributeValue(json: element)) }
            self = .list(list)
        case "SS":
            let members = try Self.strings(value, type)
            guard !members.isEmpty else { throw .invalidParameter("An string set  may not be empty") }
            try Self.checkUnique(members, printed: members)
            self = .stringSet(members)
        case "NS":
            let texts = try Self.strings(value, type)
            guard !texts.isEmpty else { throw .invalidParameter("An number set  may not be empty") }
            var numbers: [DynamoNumber] = []
            for text in texts { numbers.append(try DynamoNumber(parsing: text)) }
            try Self.checkUnique(numbers, printed: texts)
            self = .numberSet(numbers)
        default:  // BS
            guard let elements = value.arrayValue else { throw Self.wrongJSON(type, "an array") }
            guard !elements.isEmpty else { throw .invalidParameter("Binary sets should not be empty") }
            var members: [[UInt8]] = []
            for element in elements { members.append(try Self.binary(element, type)) }
            try Self.checkUnique(members, printed: elements.map { $0.stringValue ?? "" })
            self = .binarySet(members)
        }
    }

    /// Parses an item (or a key): an object of attribute values.
    package static func item(_ object: JSONObject) throws(DynamoDBError) -> Item {
        var item = Item(minimumCapacity: object.count)
        for (name, value) in object.members { item[name] = try AttributeValue(json: value) }
        return item
    }

    /// Parses an item given as a JSON value that must be an object; `parameter` names it in the message.
    package static func item(_ json: JSONValue, parameter: String) throws(DynamoDBError) -> Item {
        guard let object = json.objectValue else { throw .validation("\(parameter) must be a map of attribute values") }
        return try item(object)
    }

    private static func string(_ value: JSONValue, _ type: String) throws(DynamoDBError) -> String {
        guard let s = value.stringValue else { throw wrongJSON(type, "a string") }
        return s
    }

    private static func strings(_ value: JSONValue, _ type: String) throws(DynamoDBError) -> [String] {
        guard let elements = value.arrayValue else { throw wrongJSON(type, "an array of strings") }
        var out: [String] = []
        for element in elements {
            guard let s = element.stringValue else { throw wrongJSON(type, "an array of strings") }
            out.append(s)
        }
        return out
    }

    private static func binary(_ value: JSONValue, _ type: String) throws(DynamoDBError) -> [UInt8] {
        guard let text = value.stringValue else { throw wrongJSON(type, "base64 text") }
        guard let bytes = Base64.decode(text) else {
            throw .validation("Invalid Base64 value for \(type): \(text)")
        }
        return bytes
    }

    private static func checkUnique<T: Hashable>(_ members: [T], printed: [String]) throws(DynamoDBError) {
        if Set(members).count != members.count {
            throw .invalidParameter("Input collection [\(printed.joined(separator: ", "))] contains duplicates.")
        }
    }

    private static func wrongJSON(_ type: String, _ expected: String) -> DynamoDBError {
        .validation("The value of the \(type) attribute value must be \(expected)")
    }

    /// The value in DynamoDB's JSON.
    package var json: JSONValue {
        switch self {
        case .string(let s): ["S": .string(s)]
        case .number(let n): ["N": .string(n.text)]
        case .binary(let b): ["B": .string(Base64.encode(b))]
        case .bool(let b): ["BOOL": .bool(b)]
        case .null: ["NULL": true]
        case .map(let m): ["M": Self.json(m)]
        case .list(let l): ["L": .array(l.map(\.json))]
        case .stringSet(let s): ["SS": .array(s.map { .string($0) })]
        case .numberSet(let s): ["NS": .array(s.map { .string($0.text) })]
        case .binarySet(let s): ["BS": .array(s.map { .string(Base64.encode($0)) })]
        }
    }

    /// An item in DynamoDB's JSON, its attributes in name order so output is stable.
    package static func json(_ item: Item) -> JSONValue {
        var object = JSONObject(minimumCapacity: item.count)
        for name in item.keys.sorted() { object.append(name, item[name]!.json) }
        return .object(object)
    }

    /// The value as DynamoDB prints it in messages: `{S:abc}`, `{N:5}`.
    package var messageText: String {
        switch self {
        case .string(let s): "{S:\(s)}"
        case .number(let n): "{N:\(n.text)}"
        case .binary(let b): "{B:\(Base64.encode(b))}"
        case .bool(let b): "{BOOL:\(b)}"
        case .null: "{NULL:true}"
        case .map(let m): "{M:{\(m.keys.sorted().map { "\($0)=\(m[$0]!.messageText)" }.joined(separator: ", "))}}"
        case .list(let l): "{L:[\(l.map(\.messageText).joined(separator: ", "))]}"
        case .stringSet(let s): "{SS:[\(s.joined(separator: ", "))]}"
        case .numberSet(let s): "{NS:[\(s.map(\.text).joined(separator: ", "))]}"
        case .binarySet(let s): "{BS:[\(s.map(Base64.encode).joined(separator: ", "))]}"
        }
    }

    /// The size DynamoDB counts toward its 400 KB item limit (close to, not exactly, its accounting).
    package var size: Int {
        switch self {
        case .string(let s): s.utf8.count
        case .number(let n): (n.digits.count + 1) / 2 + 1
        case .binary(let b): b.count
        case .bool, .null: 1
        case .map(let m): 3 + m.reduce(0) { $0 + $1.key.utf8.count + $1.value.size + 1 }
        case .list(let l): 3 + l.reduce(0) { $0 + $1.size + 1 }
        case .stringSet(let s): s.reduce(0) { $0 + $1.utf8.count }
        case .numberSet(let s): s.reduce(0) { $0 + ($1.digits.count + 1) / 2 + 1 }
        case .binarySet(let s): s.reduce(0) { $0 + $1.count }
        }
    }

    /// The size of a whole item: attribute names and values.
    package static func size(of item: Item) -> Int {
        item.reduce(0) { $0 + $1.key.utf8.count + $1.value.size }
    }
}
