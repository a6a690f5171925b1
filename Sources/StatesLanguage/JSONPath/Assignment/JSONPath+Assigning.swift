import JSONValue

extension JSONPath {
    /// ResultPath semantics: returns `rootValue` with `value` placed at this (reference) path.
    ///
    /// - `$` alone replaces the whole value.
    /// - A missing member on the way is created as `{}`, as AWS does (`$.a.b` on `{}` gives `{"a":{"b":…}}`).
    /// - `[N]` replaces an existing element (negative N counts from the end, as in evaluation).
    /// - A step that cannot be taken — a name on a non-object, an index on a non-array or out of range —
    ///   throws `notFound`; AWS reports it as `States.ResultPathMatchFailure`.
    /// - A path that is not a reference path throws `invalid`.
    package func assigning(_ value: JSONValue, into rootValue: JSONValue) throws(JSONPathError) -> JSONValue {
        guard isReferencePath, let steps = referenceSteps else {
            throw .invalid(path: text, reason: "ResultPath must be a reference path (only names and single indices)")
        }
        // `ResultPath: "$.name"` into an object, the common case, in one copy of the members.
        if steps.count == 1, case .name(let name) = steps[0], case .object(var object) = rootValue {
            if let i = object.position(of: name) { object.setValue(value, at: i) } else { object.append(name, value) }
            return .object(object)
        }
        var result = rootValue
        try place(value, at: steps[...], in: &result, input: rootValue)
        return result
    }

    private func place(
        _ value: JSONValue, at steps: ArraySlice<Step>, in target: inout JSONValue, input: JSONValue
    ) throws(JSONPathError) {
        guard let step = steps.first else {
            target = value
            return
        }
        let rest = steps.dropFirst()
        switch step {
        case .name(let name):
            guard case .object(var object) = target else { throw matchFailure(input) }
            // Drop the enclosing reference first so the object and the child stay uniquely referenced.
            target = .null
            var child = object[name] ?? .object(JSONObject())
            if !rest.isEmpty { object[name] = .null }
            try place(value, at: rest, in: &child, input: input)
            object[name] = child
            target = .object(object)
        case .index(let index):
            guard case .array(var array) = target else { throw matchFailure(input) }
            let k = index < 0 ? array.count + index : index
            guard k >= 0, k < array.count else { throw matchFailure(input) }
            target = .null
            var child = array[k]
            array[k] = .null
            try place(value, at: rest, in: &child, input: input)
            array[k] = child
            target = .array(array)
        }
    }

    private func matchFailure(_ input: JSONValue) -> JSONPathError {
        .notFound(path: text, message: "Unable to apply ReferencePath \(text) to input \(input.serialized())")
    }
}
