import JSONValue

extension Value {
    /// The JSON form of a result: sequences become arrays, functions inside containers are
    /// dropped (members) or null (elements) as `JSON.stringify` would; a bare function has none.
    func toJSON() -> JSONValue? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d):
            if d == d.rounded(), abs(d) < 9.0e15 { return .number(JSONNumber(Int64(d))) }
            return .number(JSONNumber(exactDouble: d))
        case .string(let s): return .string(s)
        case .function: return nil
        case .array(let a):
            if let json = a.jsonSource { return .array(json) }
            return .array(a.items.map { $0.toJSON() ?? .null })
        case .object(let o):
            if let json = o.jsonSource { return .object(json) }
            var out = JSONObject(minimumCapacity: o.count)
            o.forEachMember { k, v in
                if let j = v.toJSON() { out.append(k, j) }
            }
            return .object(out)
        }
    }

    /// A deep copy whose containers are fresh and editable (what `$clone` and transforms need).
    func deepCopy() -> Value {
        switch self {
        case .array(let a):
            let copy = JArray(a.items.map { $0.deepCopy() })
            return .array(copy)
        case .object(let o):
            let copy = JObject()
            for (k, v) in o.members { copy[k] = v.deepCopy() }
            return .object(copy)
        default:
            return self
        }
    }
}
