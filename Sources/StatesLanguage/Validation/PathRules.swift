import JSONValue

/// What a `*Path` field may hold.
enum PathKind {
    /// Any JSONPath (InputPath, OutputPath).
    case path
    /// A Reference Path, addressing one node (ResultPath, ItemsPath, Choice Variable, the `*Path` numbers).
    case reference
    /// A JSONPath or an intrinsic function call (ErrorPath, CausePath).
    case pathOrIntrinsic
}

extension ValidationPass {
    /// Checks one path-valued member of `object`, if present.
    mutating func pathField(_ object: JSONObject, _ key: String, in location: String, kind: PathKind, nullable: Bool) {
        guard let value = object[key] else { return }
        let at = Pointer.member(location, key)
        if nullable, value.isNull { return }
        guard expect(.string, value, at: at), let text = value.stringValue else { return }
        if let problem = pathProblem(text, kind: kind) { report(problem, at: at) }
    }

    /// The message AWS gives for `text` used as a path of `kind`, or nil when it is acceptable.
    func pathProblem(_ text: String, kind: PathKind) -> String? {
        switch kind {
        case .path:
            return (try? JSONPath(text)) == nil ? "Value must be a valid JSONPath." : nil
        case .reference:
            guard text.hasPrefix("$") else { return "Value is not a Reference Path: Reference path didn't start with '$'" }
            guard let path = try? JSONPath(text) else { return "Value must be a valid JSONPath." }
            return path.isReferencePath ? nil : "Value is not a Reference Path"
        case .pathOrIntrinsic:
            if IntrinsicCall.looksLikeCall(text) {
                return isValidIntrinsic(text) ? nil : "Value must be a valid JSONPath or a valid intrinsic function call."
            }
            return (try? JSONPath(text)) == nil ? "Value must be a valid JSONPath." : nil
        }
    }

    func isValidIntrinsic(_ text: String) -> Bool {
        guard let call = try? IntrinsicCall(parsing: text) else { return false }
        return call.pathArguments.allSatisfy { (try? JSONPath($0)) != nil }
    }

    /// A JSONPath-mode payload template (Parameters, ResultSelector, ItemSelector, Assign): every
    /// `.$` member must hold a JSONPath or an intrinsic call; AWS reports it at the enclosing object.
    mutating func payloadTemplate(_ value: JSONValue, at location: String) {
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key.hasSuffix(".$") {
                    dynamicMember(key, member, container: location)
                } else {
                    payloadTemplate(member, at: Pointer.member(location, key))
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                payloadTemplate(element, at: Pointer.element(location, index))
            }
        default:
            break
        }
    }

    private mutating func dynamicMember(_ key: String, _ value: JSONValue, container: String) {
        guard case .string(let text) = value else {
            report("The value for the field '\(key)' must be a STRING that contains a JSONPath but was an \(Self.awsTypeName(value))", at: container)
            return
        }
        if IntrinsicCall.looksLikeCall(text) {
            if !isValidIntrinsic(text) {
                report("The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call", at: container)
            }
        } else if (try? JSONPath(text)) == nil {
            report("The value for the field '\(key)' must be a valid JSONPath or a valid intrinsic function call", at: container)
        }
    }

    static func awsTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .number(let n): n.isIntegerLiteral ? "INTEGER" : "NUMBER"
        case .string: "STRING"
        case .array: "ARRAY"
        case .object: "OBJECT"
        }
    }
}
