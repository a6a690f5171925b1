import JSONValue

/// A state's (or Choice rule's, or catcher's) `Assign` block, compiled in its query language.
package enum Assignment: Sendable {
    /// JSONPath mode: a payload template whose keys (without `.$`) are the variable names.
    case jsonPath(PayloadTemplate)
    /// JSONata mode: an object whose values may be `{% %}` expressions.
    case jsonata(JSONataTemplate)
}

/// AWS's limits on workflow variables.
package enum VariableLimits {
    /// The largest serialized size of one variable's value, and of all values one `Assign` sets.
    package static let maxBytes = 262_144
    /// The largest serialized size of all the variables an execution holds at once.
    package static let maxTotalBytes = 10 * 1_048_576
}
