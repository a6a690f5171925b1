import JSONValue

/// Reads a request's members the way AWS's JSON 1.0 front end does.
///
/// Two kinds of bad input get two different errors, as on AWS: a member of the wrong JSON type
/// cannot be deserialized at all and stops the request at once with SerializationException;
/// constraint violations (a required member missing or null, a length, a range, an enum) are
/// collected over the whole request and reported together by `finish()` as one
/// ValidationException ("2 validation errors detected: ...; ..."). Unknown members are ignored,
/// and a JSON `null` counts as absent, as AWS's deserializer treats it.
package struct MemberReader {
    package let object: JSONObject
    /// The member path so far (`loggingConfiguration.`, `tags.1.member.`), as AWS names nested members.
    private let prefix: String
    package private(set) var violations: [String] = []

    package init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// Reads the top level of a request body: malformed JSON or a non-object is a SerializationException.
    package init(body: [UInt8]) throws(APIError) {
        // An empty body is read as `{}`: some clients send nothing for actions without required members.
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            self.init(JSONObject())
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: body)
        } catch {
            throw APIError(.serializationException, "Malformed JSON: \(error.reason) at line \(error.line), column \(error.column)")
        }
        guard case .object(let object) = value else {
            throw APIError(.serializationException, Self.unexpected(value, expected: "a Structure"))
        }
        self.init(object)
    }

    /// Throws the collected constraint violations, if any, as one ValidationException.
    package func finish() throws(APIError) {
        if !violations.isEmpty { throw .validation(violations) }
    }

    // MARK: Scalars

    /// A string member; nil when absent. `length` is in characters (UTF-16 units, as Java counts them).
    /// Sensitive members (definitions, payloads) are never echoed in messages.
    package mutating func string(
        _ name: String, length: ClosedRange<Int>? = nil, sensitive: Bool = false
    ) throws(APIError) -> String? {
        guard let value = present(name) else { return nil }
        guard case .string(let s) = value else { throw typeMismatch(value, expected: "a String") }
        if let length {
            let count = s.utf16.count
            if count > length.upperBound {
                violate(name, sensitive ? nil : s, "Member must have length less than or equal to \(length.upperBound)")
            } else if count < length.lowerBound {
                violate(name, sensitive ? nil : s, "Member must have length greater than or equal to \(length.lowerBound)")
            }
        }
        return s
    }

    /// A required string member: a violation when absent, and "" in its place (never used, as `finish()` throws).
    package mutating func requiredString(
        _ name: String, length: ClosedRange<Int>? = nil, sensitive: Bool = false
    ) throws(APIError) -> String {
        if let s = try string(name, length: length, sensitive: sensitive) { return s }
        violateNull(name)
        return ""
    }

    /// A JSON payload member (execution input, task output): AWS limits these in UTF-8 bytes.
    package mutating func payload(_ name: String, required: Bool = false) throws(APIError) -> String? {
        guard let s = try string(name) else {
            if required { violateNull(name) }
            return nil
        }
        if s.utf8.count > Limits.payloadBytes {
            violate(name, nil, "Member must have size less than or equal to \(Limits.payloadBytes) bytes in UTF-8 encoding")
        }
        return s
    }

    /// An integer member within `range` (inclusive), as AWS checks `min`/`max` on integer shapes.
    package mutating func integer(_ name: String, range: ClosedRange<Int>? = nil) throws(APIError) -> Int? {
        guard let value = present(name) else { return nil }
        guard case .number(let n) = value, n.isIntegral, let i = n.intValue, i >= Int32.min, i <= Int32.max else {
            throw typeMismatch(value, expected: "an Integer")
        }
        if let range {
            if i > range.upperBound {
                violate(name, String(i), "Member must have value less than or equal to \(range.upperBound)")
            } else if i < range.lowerBound {
                violate(name, String(i), "Member must have value greater than or equal to \(range.lowerBound)")
            }
        }
        return i
    }

    package mutating func boolean(_ name: String) throws(APIError) -> Bool? {
        guard let value = present(name) else { return nil }
        guard case .bool(let b) = value else { throw typeMismatch(value, expected: "a Boolean") }
        return b
    }

    /// A string member restricted to an enum's raw values.
    package mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ name: String, _ type: E.Type
    ) throws(APIError) -> E? where E.RawValue == String {
        try enumeration(name, cases: Array(E.allCases))
    }

    /// The same for an enum declared elsewhere (such as `StateMachineType`), given its cases in AWS's order.
    package mutating func enumeration<E: RawRepresentable>(
        _ name: String, cases: [E]
    ) throws(APIError) -> E? where E.RawValue == String {
        guard let s = try string(name) else { return nil }
        if let e = E(rawValue: s) { return e }
        let allowed = cases.map(\.rawValue).joined(separator: ", ")
        violate(name, s, "Member must satisfy enum value set: [\(allowed)]")
        return nil
    }

    // MARK: Structures and lists

    /// A nested structure member; its violations join this reader's with the member path prefixed.
    package mutating func structure<T>(
        _ name: String, _ read: (inout MemberReader) throws(APIError) -> T
    ) throws(APIError) -> T? {
        guard let value = present(name) else { return nil }
        guard case .object(let o) = value else { throw typeMismatch(value, expected: "a Structure") }
        var nested = MemberReader(o, prefix: prefix + name + ".")
        let result = try read(&nested)
        violations += nested.violations
        return result
    }

    /// A list of structures; AWS names elements `name.1.member` (one-based).
    package mutating func structureList<T>(
        _ name: String, _ read: (inout MemberReader) throws(APIError) -> T
    ) throws(APIError) -> [T]? {
        guard let value = present(name) else { return nil }
        guard case .array(let items) = value else { throw typeMismatch(value, expected: "a List") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw typeMismatch(item, expected: "a Structure") }
            var nested = MemberReader(o, prefix: prefix + "\(name).\(i + 1).member.")
            out.append(try read(&nested))
            violations += nested.violations
        }
        return out
    }

    /// A list of strings, each within `length`.
    package mutating func stringList(_ name: String, length: ClosedRange<Int>? = nil) throws(APIError) -> [String]? {
        guard let value = present(name) else { return nil }
        guard case .array(let items) = value else { throw typeMismatch(value, expected: "a List") }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else { throw typeMismatch(item, expected: "a String") }
            if let length {
                let count = s.utf16.count
                let path = "\(name).\(i + 1).member"
                if count > length.upperBound {
                    violate(path, s, "Member must have length less than or equal to \(length.upperBound)")
                } else if count < length.lowerBound {
                    violate(path, s, "Member must have length greater than or equal to \(length.lowerBound)")
                }
            }
            out.append(s)
        }
        return out
    }

    // MARK: Violations

    /// Records a required member that is missing.
    package mutating func violateNull(_ name: String) {
        violations.append("Value null at '\(prefix)\(name)' failed to satisfy constraint: Member must not be null")
    }

    /// Records a constraint violation with AWS's wording; a nil value is left out (sensitive members).
    package mutating func violate(_ name: String, _ value: String?, _ constraint: String) {
        let shown = value.map { "Value '\($0)' at" } ?? "Value at"
        violations.append("\(shown) '\(prefix)\(name)' failed to satisfy constraint: \(constraint)")
    }

    private func present(_ name: String) -> JSONValue? {
        guard let value = object[name], !value.isNull else { return nil }
        return value
    }

    private func typeMismatch(_ value: JSONValue, expected: String) -> APIError {
        APIError(.serializationException, Self.unexpected(value, expected: expected))
    }

    /// The deserializer's complaint about a value of the wrong JSON type, in the words of AWS's
    /// (Coral) JSON reader: "STRING_VALUE can not be converted to an Integer", "Start of list found
    /// where not expected".
    static func unexpected(_ value: JSONValue, expected: String) -> String {
        switch value {
        case .object: return "Start of structure or map found where not expected."
        case .array: return "Start of list found where not expected"
        case .string: return "STRING_VALUE can not be converted to \(expected)"
        case .number: return "NUMBER_VALUE can not be converted to \(expected)"
        case .bool(let b): return "\(b ? "TRUE_VALUE" : "FALSE_VALUE") can not be converted to \(expected)"
        case .null: return "NULL_VALUE can not be converted to \(expected)"
        }
    }
}

/// The service model's limits that several shapes share.
package enum Limits {
    /// `Arn`: 1...256 characters.
    package static let arn = 1...256
    /// `LongArn` (map runs, versions): 1...2000.
    package static let longArn = 1...2000
    /// `Name`: 1...80.
    package static let name = 1...80
    /// `Definition`: 1...1 MiB characters.
    package static let definition = 1...1_048_576
    /// `SensitiveData` payloads: 256 KiB in UTF-8.
    package static let payloadBytes = 262_144
    /// `SensitiveError`: 0...256; `SensitiveCause`: 0...32768.
    package static let error = 0...256
    package static let cause = 0...32_768
    /// `TaskToken`: 1...2048.
    package static let taskToken = 1...2048
    /// `PageToken`: 1...1024; ListExecutions' own token: 1...3096.
    package static let pageToken = 1...1024
    package static let listExecutionsPageToken = 1...3096
    /// `PageSize`: 0...1000, 0 meaning the default of 100.
    package static let pageSize = 0...1000
    package static let defaultPageSize = 100
    /// `TagKey` 1...128, `TagValue` 0...256.
    package static let tagKey = 1...128
    package static let tagValue = 0...256
    /// `TraceHeader`: 0...256.
    package static let traceHeader = 0...256
    /// `VersionDescription`: 0...256.
    package static let versionDescription = 0...256
}
