import JSONValue
import JSONata

/// What a JSONata-mode state's expressions see: `$states` (input, result, errorOutput, context),
/// the workflow variables, and AWS's added functions.
///
/// A class: the bindings are built once and shared by every expression of one field set
/// (an Output object and an Assign block, say).
package final class JSONataScope {
    package let input: JSONValue
    package let result: JSONValue?
    package let errorOutput: JSONValue?
    package let variables: [String: JSONValue]
    package let entropy: any EntropySource
    package let contextSource: any ContextObjectSource
    package let mapItem: (index: Int, value: JSONValue)?

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

    private var cachedBindings: [String: JSONataBinding]?
    private var cachedWithContext = false

    /// The `$states` variable, with the context object only when an expression may read it.
    func statesVariable(withContext: Bool) -> JSONValue {
        var states = JSONObject(minimumCapacity: 4)
        states.append("input", input)
        if let result { states.append("result", result) }
        if let errorOutput { states.append("errorOutput", errorOutput) }
        if withContext { states.append("context", contextSource.contextObject(mapItem: mapItem)) }
        return .object(states)
    }

    /// Every `$name` the expressions see, built on first use.
    func bindings(withContext: Bool) -> [String: JSONataBinding] {
        if var bindings = cachedBindings {
            if withContext, !cachedWithContext {
                bindings["states"] = .value(statesVariable(withContext: true))
                cachedBindings = bindings
                cachedWithContext = true
            }
            return bindings
        }
        var bindings = AWSJSONataFunctions.bindings(entropy: entropy)
        bindings.reserveCapacity(bindings.count + variables.count + 1)
        for (name, value) in variables { bindings[name] = .value(value) }
        bindings["states"] = .value(statesVariable(withContext: withContext))
        cachedBindings = bindings
        cachedWithContext = withContext
        return bindings
    }

    /// Evaluates one expression; anything but a JSON value is States.QueryEvaluationError, located at `field`.
    package func evaluate(_ expression: JSONataExpression, field: String, withContext: Bool = true) throws(StatesError) -> JSONValue {
        let bindings = bindings(withContext: withContext)
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
