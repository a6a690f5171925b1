import JSONValue

/// Step Functions shows every member PascalCase; camelCase services get their own spelling on the
/// wire and ours back, except inside map-typed members whose keys are the user's data.
package enum MemberCase {
    /// PascalCase state-side keys to the wire's camelCase.
    package static func toWire(_ value: JSONValue, maps: [String: AWSQuery.MapNames]) -> JSONValue {
        recase(value, maps: maps, key: lowerFirst)
    }

    /// The wire's camelCase keys to PascalCase for the state.
    package static func fromWire(_ value: JSONValue, maps: [String: AWSQuery.MapNames]) -> JSONValue {
        recase(value, maps: maps, key: upperFirst)
    }

    private static func recase(_ value: JSONValue, maps: [String: AWSQuery.MapNames], key convert: (String) -> String) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { recase($0, maps: maps, key: convert) })
        case .object(let object):
            var out = JSONObject(minimumCapacity: object.count)
            for (key, member) in object.members {
                let converted = convert(key)
                // The map member itself is recased; its keys, the user's, are not.
                if maps[lowerFirst(key)] != nil {
                    out.append(converted, member)
                } else {
                    out.append(converted, recase(member, maps: maps, key: convert))
                }
            }
            return .object(out)
        default:
            return value
        }
    }

    package static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }

    package static func upperFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}
