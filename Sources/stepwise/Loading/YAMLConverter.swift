import JSONValue
import Yams

/// Turns a YAML document into the `JSONValue` the same JSON text would give: key order kept,
/// YAML's ints, floats, bools and nulls as JSON's, quoted scalars always strings, anchors and
/// merge keys (`<<`) expanded. What JSON cannot hold (infinity, non-scalar keys) is an error
/// at the node's line and column.
enum YAMLConverter {
    static func convert(_ text: String, file: String) throws(InputFileError) -> JSONValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw describe(error, file: file)
        } catch {
            throw InputFileError(file: file, place: .file, message: "\(error)")
        }
        // An empty document is YAML's null, as an empty JSON file would be no value at all.
        guard let root else { return .null }
        var converter = NodeConverter(file: file)
        return try converter.value(root)
    }

    /// libyaml's problem and context as one sentence, at the problem's line and column.
    static func describe(_ error: YamlError, file: String) -> InputFileError {
        func sentence(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> InputFileError {
            var message = problem.prefix(1).uppercased() + problem.dropFirst()
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return InputFileError(file: file, place: .text(line: mark.line, column: mark.column), message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return sentence(problem, context, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return InputFileError(
                file: file, place: .text(line: context.mark.line, column: context.mark.column),
                message: "Duplicate key in a mapping: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            let at = offset.map { " at byte \($0)" } ?? ""
            return InputFileError(file: file, place: .file, message: "\(problem)\(at)")
        default:
            return InputFileError(file: file, place: .file, message: "\(error)")
        }
    }
}

/// One conversion: walks the node tree, reporting problems at each node's mark.
private struct NodeConverter {
    let file: String
    let resolver = Resolver.default

    func problem(_ message: String, at node: Node) -> InputFileError {
        guard let mark = node.mark else { return InputFileError(file: file, place: .file, message: message) }
        return InputFileError(file: file, place: .text(line: mark.line, column: mark.column), message: message)
    }

    mutating func value(_ node: Node) throws(InputFileError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try self.scalar(scalar, node: node)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try value(item)) }
            return .array(items)
        case .mapping(let mapping):
            return .object(try object(mapping))
        case .alias:
            // Yams resolves aliases while composing; one left over has nothing to stand for.
            throw problem("An alias that refers to no anchor", at: node)
        }
    }

    mutating func object(_ mapping: Node.Mapping) throws(InputFileError) -> JSONObject {
        var object = JSONObject(minimumCapacity: mapping.count)
        // Keys written in this mapping win over the same keys brought in by a merge, wherever the merge is.
        var explicit: Set<String> = []
        for (key, _) in mapping where resolver.resolveTag(of: key) != .merge {
            if case .scalar(let s) = key { explicit.insert(s.string) }
        }
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                throw problem("A mapping key must be a string, not a list or mapping", at: key)
            }
            if resolver.resolveTag(of: key) == .merge {
                for source in try mergeSources(value) {
                    for (k, v) in source.members where !explicit.contains(k) && !object.contains(k) {
                        object.append(k, v)
                    }
                }
                continue
            }
            // JSON keys are strings: `1: x` or `true: x` keep the text as written.
            let name = keyScalar.string
            guard !object.contains(name) else { throw problem("Duplicate key '\(name)' in a mapping", at: key) }
            object.append(name, try self.value(value))
        }
        return object
    }

    /// The mappings a `<<` key merges: one mapping or a list of them, the earlier ones winning.
    mutating func mergeSources(_ node: Node) throws(InputFileError) -> [JSONObject] {
        switch node {
        case .mapping(let mapping):
            return [try object(mapping)]
        case .sequence(let sequence):
            var out: [JSONObject] = []
            for item in sequence {
                guard case .mapping(let mapping) = item else {
                    throw problem("A merge key ('<<') takes a mapping or a list of mappings", at: item)
                }
                out.append(try object(mapping))
            }
            return out
        default:
            throw problem("A merge key ('<<') takes a mapping or a list of mappings", at: node)
        }
    }

    func scalar(_ scalar: Node.Scalar, node: Node) throws(InputFileError) -> JSONValue {
        switch resolver.resolveTag(of: node) {
        case .null:
            return .null
        case .bool:
            if let b = Bool.construct(from: scalar) { return .bool(b) }
            return .string(scalar.string)
        case .int, .float:
            if let exact = Self.jsonNumber(scalar.string) { return exact }
            // YAML-only spellings (0x1F, 0o17, 1_000, +5, 1:30) become the number they denote.
            if let i = Int64.construct(from: scalar) { return .number(JSONNumber(i)) }
            if let d = Double.construct(from: scalar) {
                guard d.isFinite else { throw problem("JSON has no infinity or NaN; '\(scalar.string)' cannot be used", at: node) }
                return .double(d)
            }
            throw problem("'\(scalar.string)' is not a number JSON can hold", at: node)
        default:
            // Strings, and what JSON has no type for (timestamps, binary): the text as written.
            return .string(scalar.string)
        }
    }

    /// The number as JSON would read the same text, keeping its written form (`1.50` stays `1.50`).
    static func jsonNumber(_ text: String) -> JSONValue? {
        guard let value = try? JSONValue(parsing: text), case .number = value else { return nil }
        return value
    }
}
