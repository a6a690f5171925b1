import JSONValue

extension Interpreter {
    /// What a JSONata-mode field of the frame's current state sees.
    func jsonataScope(
        _ fid: Int, input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil,
        mapItem: (index: Int, value: JSONValue)? = nil
    ) -> JSONataScope {
        let frame = frames[fid]!
        return JSONataScope(
            input: input, result: result, errorOutput: errorOutput, variables: frame.variables, entropy: entropy, context: frame,
            mapItem: mapItem)
    }

    /// The variables a JSONPath-mode `Assign` sets, its paths read from `jsonPathInput` (the state's result).
    func assignedVariables(_ assignment: Assignment?, fid: Int, jsonPathInput: JSONValue) throws(StatesError) -> JSONObject? {
        guard let assignment else { return nil }
        switch assignment {
        case .jsonPath(let template):
            return try checkedVariables(template.evaluate(in: scope(fid, input: jsonPathInput)), fid: fid)
        case .jsonata(let template):
            return try checkedVariables(template.evaluate(in: jsonataScope(fid, input: jsonPathInput), field: "Assign"), fid: fid)
        }
    }

    /// The variables a JSONata-mode `Assign` sets.
    func assignedVariables(_ assignment: Assignment?, fid: Int, jsonata scope: JSONataScope) throws(StatesError) -> JSONObject? {
        guard let assignment else { return nil }
        switch assignment {
        case .jsonata(let template):
            return try checkedVariables(template.evaluate(in: scope, field: "Assign"), fid: fid)
        case .jsonPath(let template):
            return try checkedVariables(template.evaluate(in: self.scope(fid, input: scope.result ?? scope.input)), fid: fid)
        }
    }

    /// Enforces AWS's size limits: 256 KiB for one variable and for all that one `Assign` sets,
    /// 10 MiB for all the variables the frame would then hold.
    private func checkedVariables(_ value: JSONValue, fid: Int) throws(StatesError) -> JSONObject? {
        guard case .object(let assigned) = value else { return nil }
        let frame = frames[fid]!
        var total = 0
        var held = frame.variablesBytes
        for (name, v) in assigned.members {
            let size = v.serializedSize
            if size > VariableLimits.maxBytes {
                throw StatesError.runtime(
                    "The value assigned to the variable '\(name)' is \(size) bytes, over the limit of \(VariableLimits.maxBytes) bytes for one variable.")
            }
            total += size
            held += size - (frame.variableSizes[name] ?? 0)
        }
        if total > VariableLimits.maxBytes {
            throw StatesError.runtime(
                "The variables assigned by the state are \(total) bytes together, over the limit of \(VariableLimits.maxBytes) bytes for one Assign.")
        }
        if held > VariableLimits.maxTotalBytes {
            throw StatesError.runtime(
                "The execution's variables would be \(held) bytes together, over the limit of \(VariableLimits.maxTotalBytes) bytes.")
        }
        return assigned
    }

    /// `base` with `overrides` set over it (a Choice rule's Assign over its state's).
    static func merged(_ base: JSONObject?, _ overrides: JSONObject) -> JSONObject {
        guard var out = base else { return overrides }
        for (k, v) in overrides.members { out[k] = v }
        return out
    }

    /// States.QueryEvaluationError for an expression whose value has the wrong type.
    func unexpectedType(_ template: JSONataTemplate, field: String, expected: String, value: JSONValue) -> StatesError {
        StatesError.queryEvaluation(
            "The JSONata expression '\(template.sourceText)' specified for the field '\(field)' returned an unexpected result type. Expected '\(expected)', but was '\(value.typeName)' for value: \(value.serialized())",
            location: field)
    }
}
