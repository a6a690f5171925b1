import JSONValue
import JSONata

/// What a JSONata-mode state's expressions see: `$states` (input, result, errorOutput, context),
/// the workflow variables, and AWS's added functions.
package struct JSONataScope {
    package var input: JSONValue
    package var result: JSONValue?
    package var errorOutput: JSONValue?
    package var variables: [String: JSONValue]
    package var entropy: any EntropySource
    package var contextSource: any ContextObjectSource
    package var mapItem: (index: Int, value: JSONValue)?

    package init(
        input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil, variables: [String: JSONValue],
        entropy: any EntropySource, context: any ContextObjectSource, mapItem: (index: Int, value: JSONValue)? = nil
    ) {
        self.input = input
        self.result = result
        self.errorOutput = errorOutput
        self.variables = variables
        self.entropy = entropy
        self.contextSource = context
        self.mapItem = mapItem
    }

    /// The `$states` variable.
    var statesVariable: JSONValue {
        var states = JSONObject(minimumCapacity: 4)
        states.append("input", input)
        if let result { states.append("result", result) }
        if let errorOutput { states.append("errorOutput", errorOutput) }
        states.append("context", contextSource.contextObject(mapItem: mapItem))
        return .object(states)
    }

    /// Evaluates one expression; anything but a JSON value is States.QueryEvaluationError, located at `field`.
    package func evaluate(_ expression: JSONataExpression, field: String) throws(StatesError) -> JSONValue {
        var bindings = AWSJSONataFunctions.bindings(entropy: entropy)
        bindings.reserveCapacity(bindings.count + variables.count + 1)
        for (name, value) in variables { bindings[name] = .value(value) }
        bindings["states"] = .value(statesVariable)
        let prefix = "The JSONata expression '\(expression.source)' specified for the field '\(field)'"
        let result: JSONataResult
        do {
            result = try expression.evaluate(nil, bindings: bindings)
        } catch {
            throw StatesError.queryEvaluation(
                "\(prefix) threw an error during evaluation. \(error.code): \(error.message)", location: field)
        }
        switch result {
        case .value(let v): return v
        case .undefined: throw StatesError.queryEvaluation("\(prefix) returned nothing (undefined).", location: field)
        case .function: throw StatesError.queryEvaluation("\(prefix) returned an unsupported result type.", location: field)
        }
    }
}
