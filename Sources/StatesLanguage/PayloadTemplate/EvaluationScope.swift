import JSONValue

/// What the paths of one state's fields resolve against: `$` the (effective) input, `$$` the
/// context object (built only when a path asks for it), `$name` the workflow variables.
package struct EvaluationScope {
    package var input: JSONValue
    package var variables: [String: JSONValue]
    package var entropy: any EntropySource
    /// Builds the context object, only when a path reads it.
    package var contextSource: any ContextObjectSource
    /// `$$.Map.Item` while a Map state builds an iteration's input.
    package var mapItem: (index: Int, value: JSONValue)?

    package init(
        input: JSONValue, variables: [String: JSONValue] = [:], entropy: any EntropySource,
        context: any ContextObjectSource, mapItem: (index: Int, value: JSONValue)? = nil
    ) {
        self.input = input
        self.variables = variables
        self.entropy = entropy
        self.contextSource = context
        self.mapItem = mapItem
    }

    package var context: JSONValue { contextSource.contextObject(mapItem: mapItem) }

    /// The path's value, or JSONPathError when a definite path matches nothing. An indefinite
    /// path that finds nothing gives `[]`, as AWS answers (`$.missing[*]` on `{}`).
    package func value(of path: JSONPath) throws(JSONPathError) -> JSONValue {
        do {
            return try rawValue(of: path)
        } catch {
            if !path.isDefinite, case .notFound = error { return .array([]) }
            throw error
        }
    }

    private func rawValue(of path: JSONPath) throws(JSONPathError) -> JSONValue {
        switch path.root {
        case .input: return try path.evaluate(input)
        case .context: return try path.evaluate(context)
        case .variable(let name):
            guard let v = variables[name] else {
                throw JSONPathError.notFound(path: path.text, message: "Variable '\(name)' is not defined")
            }
            return try path.evaluate(v)
        }
    }

    /// The path's value, or nil when it matches nothing (Choice rules, IsPresent).
    package func optionalValue(of path: JSONPath) -> JSONValue? {
        try? value(of: path)
    }

    /// The JSON text of the value a path is evaluated against, for error messages.
    package func rootText(for path: JSONPath) -> String {
        switch path.root {
        case .input: input.serialized()
        case .context: context.serialized()
        case .variable(let name): variables[name]?.serialized() ?? "null"
        }
    }

    /// Resolves an intrinsic function's path argument.
    package func resolveIntrinsicPath(_ text: String) throws(StatesError) -> JSONValue {
        let path: JSONPath
        do {
            path = try JSONPath(text)
        } catch {
            throw StatesError.runtime("The JSONPath '\(text)' is not valid")
        }
        do {
            return try value(of: path)
        } catch {
            throw StatesError.runtime(
                "The JSONPath '\(text)' could not be found in the input '\(rootText(for: path))'")
        }
    }
}
