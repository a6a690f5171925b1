import JSONValue

/// The AWS Query protocol's two halves: a JSON input flattened into form parameters, and an XML
/// response read back into JSON.
package enum AWSQuery {
    /// How one map-typed member spells its entries' key and value (`key`/`value` unless the
    /// service's model renames them, as SNS's `MessageAttributes` does with `Name`/`Value`).
    package struct MapNames: Sendable, Equatable {
        package var key: String
        package var value: String
        package init(key: String = "key", value: String = "value") {
            self.key = key
            self.value = value
        }
    }

    /// `Action=...&Version=...` followed by the flattened parameters, form-encoded.
    ///
    /// Without the service model, an object is a structure unless its member name is listed in
    /// `maps`: structures flatten to `Name.Member`, maps to `Name.entry.N.key`/`Name.entry.N.value`,
    /// lists to `Name.member.N` (an empty list is sent as `Name=`, as the SDKs do).
    package static func formBody(action: String, version: String, parameters: JSONObject, maps: [String: MapNames]) -> String {
        let pairs = [("Action", action), ("Version", version)] + flattened(parameters, maps: maps)
        return pairs.map { "\(SignatureV4.uriEncode($0.0))=\(SignatureV4.uriEncode($0.1))" }.joined(separator: "&")
    }

    /// The parameters as name/value pairs, before form encoding (the order AWS's SDKs use).
    package static func flattened(_ parameters: JSONObject, maps: [String: MapNames]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (key, value) in parameters.members {
            flatten(value, name: key, prefix: key, maps: maps, into: &pairs)
        }
        return pairs
    }

    private static func flatten(
        _ value: JSONValue, name: String, prefix: String, maps: [String: MapNames], into pairs: inout [(String, String)]
    ) {
        switch value {
        case .null:
            return
        case .bool(let b):
            pairs.append((prefix, b ? "true" : "false"))
        case .number(let n):
            pairs.append((prefix, n.description))
        case .string(let s):
            pairs.append((prefix, s))
        case .array(let items):
            if items.isEmpty { pairs.append((prefix, "")) }
            for (index, item) in items.enumerated() {
                flatten(item, name: name, prefix: "\(prefix).member.\(index + 1)", maps: maps, into: &pairs)
            }
        case .object(let object):
            if let names = maps[name] {
                for (index, member) in object.members.enumerated() {
                    let entry = "\(prefix).entry.\(index + 1)"
                    pairs.append(("\(entry).\(names.key)", member.key))
                    flatten(member.value, name: names.value, prefix: "\(entry).\(names.value)", maps: maps, into: &pairs)
                }
            } else {
                for member in object.members {
                    flatten(member.value, name: member.key, prefix: "\(prefix).\(member.key)", maps: maps, into: &pairs)
                }
            }
        }
    }

    /// The contents of `<ActionResult>` in an `<ActionResponse>` document, as JSON.
    /// A response without a result element (actions that return nothing) is `{}`.
    package static func result(of document: XMLElement, action: String) -> JSONValue {
        guard let result = document.children.first(where: { $0.localName == "\(action)Result" }) else { return [:] }
        let value = json(result)
        return value.objectValue == nil ? [:] : value
    }

    /// The request id from `<ResponseMetadata><RequestId>` or an error document's `<RequestId>`.
    package static func requestId(of document: XMLElement) -> String? {
        document.child("ResponseMetadata")?.child("RequestId")?.text ?? document.child("RequestId")?.text
    }

    /// An element as JSON: text for a leaf, an array for `<member>` lists (and repeated siblings),
    /// an object for `<entry><key/><value/></entry>` maps, and an object of children otherwise.
    /// Text stays text: without the model, `0` and `true` cannot be told from strings.
    package static func json(_ element: XMLElement) -> JSONValue {
        let children = element.children
        if children.isEmpty { return .string(element.text) }
        if children.allSatisfy({ $0.localName == "member" }) {
            return .array(children.map(json))
        }
        if children.allSatisfy({ $0.localName == "entry" }) {
            var map = JSONObject()
            for entry in children {
                let key = entry.children.first { $0.localName == "key" || $0.localName == "Name" }
                let value = entry.children.first { $0.localName == "value" || $0.localName == "Value" }
                map.append(key?.text ?? "", value.map(json) ?? .null)
            }
            return .object(map)
        }
        var object = JSONObject()
        var counts: [Substring: Int] = [:]
        for child in children { counts[child.localName, default: 0] += 1 }
        for child in children {
            let key = String(child.localName)
            if counts[child.localName, default: 0] > 1 {
                // A flattened list: repeated siblings with the same name.
                if let position = object.position(of: key), case .array(var items) = object.value(at: position) {
                    items.append(json(child))
                    object.setValue(.array(items), at: position)
                } else {
                    object.append(key, .array([json(child)]))
                }
            } else {
                object.append(key, json(child))
            }
        }
        return .object(object)
    }
}
