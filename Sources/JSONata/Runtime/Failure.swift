import JSONValue

/// An error on its way out of the engine: jsonata-js fills in token and position as the error
/// unwinds and only then renders the message, so the fields stay mutable until the API boundary.
///
/// Unchecked: it carries evaluator values, but never leaves the evaluating thread; the API turns
/// it into the Sendable `JSONataError`.
struct Failure: Error, @unchecked Sendable {
    var code: String
    var position: Int?
    var token: String?
    var value: Value?
    var hasValue = false
    var value2: Value?
    var index: Int?
    var type: String?
    var message: String?
    var functionName: String?
    var exponent: Value?
    /// A message already rendered elsewhere (host functions, the formatting functions).
    var rendered: String?

    init(_ code: String, position: Int? = nil, token: String? = nil) {
        self.code = code
        self.position = position
        self.token = token
    }

    init(_ code: String, position: Int? = nil, token: String? = nil, value: Value?) {
        self.code = code
        self.position = position
        self.token = token
        self.value = value
        self.hasValue = true
    }

    /// The public error with jsonata-js's rendered message.
    var publicError: JSONataError {
        JSONataError(
            code: code, message: renderedMessage, position: position, token: token,
            value: hasValue ? value.flatMap { $0.toJSON() } : nil)
    }

    /// Runs formatting or host code, carrying its `JSONataError` through the evaluator.
    static func bridging<T>(_ body: () throws(JSONataError) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            throw Failure(wrapping: error)
        }
    }

    /// Carries an error raised outside the evaluator, keeping its text.
    init(wrapping error: JSONataError) {
        self.code = error.code
        self.position = error.position
        self.token = error.token
        self.rendered = error.message
        if let v = error.value {
            self.value = Value.wrap(v)
            self.hasValue = true
        }
    }

    var renderedMessage: String {
        if let rendered { return rendered }
        guard let template = Failure.templates[code] else { return message ?? code }
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let nameStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[nameStart...].range(of: triple ? "}}}" : "}}") else { break }
            let name = String(rest[nameStart..<close.lowerBound])
            out += triple ? raw(name) : stringified(name)
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    private func raw(_ name: String) -> String {
        switch name {
        case "message": return message ?? "undefined"
        case "token": return token ?? "undefined"
        case "functionName": return functionName ?? "undefined"
        default: return stringified(name)
        }
    }

    private func stringified(_ name: String) -> String {
        switch name {
        case "token": return token.map { JSONText.quote($0) } ?? "undefined"
        case "value": return hasValue ? (value.map { JSONText.stringify($0) } ?? "undefined") : "undefined"
        case "value2": return value2.map { JSONText.stringify($0) } ?? "undefined"
        case "exp": return exponent.map { JSONText.stringify($0) } ?? "undefined"
        case "index": return index.map(String.init) ?? "undefined"
        case "type": return type.map { JSONText.quote($0) } ?? "undefined"
        case "message": return message.map { JSONText.quote($0) } ?? "undefined"
        default: return "undefined"
        }
    }

    static let templates: [String: String] = [
        "S0101": "String literal must be terminated by a matching quote",
        "S0102": "Number out of range: {{token}}",
        "S0103": "Unsupported escape sequence: \\{{token}}",
        "S0104": "The escape sequence \\u must be followed by 4 hex digits",
        "S0105": "Quoted property name must be terminated with a backquote (`)",
        "S0106": "Comment has no closing tag",
        "S0201": "Syntax error: {{token}}",
        "S0202": "Expected {{value}}, got {{token}}",
        "S0203": "Expected {{value}} before end of expression",
        "S0204": "Unknown operator: {{token}}",
        "S0205": "Unexpected token: {{token}}",
        "S0206": "Unknown expression type: {{token}}",
        "S0207": "Unexpected end of expression",
        "S0208": "Parameter {{value}} of function definition must be a variable name (start with $)",
        "S0209": "A predicate cannot follow a grouping expression in a step",
        "S0210": "Each step can only have one grouping expression",
        "S0211": "The symbol {{token}} cannot be used as a unary operator",
        "S0212": "The left side of := must be a variable name (start with $)",
        "S0213": "The literal value {{value}} cannot be used as a step within a path expression",
        "S0214": "The right side of {{token}} must be a variable name (start with $)",
        "S0215": "A context variable binding must precede any predicates on a step",
        "S0216": "A context variable binding must precede the 'order-by' clause on a step",
        "S0217": "The object representing the 'parent' cannot be derived from this expression",
        "S0301": "Empty regular expressions are not allowed",
        "S0302": "No terminating / in regular expression",
        "S0402": "Choice groups containing parameterized types are not supported",
        "S0401": "Type parameters can only be applied to functions and arrays",
        "S0500": "Attempted to evaluate an expression containing syntax error(s)",
        "T0410": "Argument {{index}} of function {{token}} does not match function signature",
        "T0411": "Context value is not a compatible type with argument {{index}} of function {{token}}",
        "T0412": "Argument {{index}} of function {{token}} must be an array of {{type}}",
        "D1001": "Number out of range: {{value}}",
        "D1002": "Cannot negate a non-numeric value: {{value}}",
        "T1003": "Key in object structure must evaluate to a string; got: {{value}}",
        "D1004": "Regular expression matches zero length string",
        "T1005": "Attempted to invoke a non-function. Did you mean ${{{token}}}?",
        "T1006": "Attempted to invoke a non-function",
        "T1007": "Attempted to partially apply a non-function. Did you mean ${{{token}}}?",
        "T1008": "Attempted to partially apply a non-function",
        "D1009": "Multiple key definitions evaluate to same key: {{value}}",
        "D1010": "Attempted to access the Javascript object prototype",
        "T1010": "The matcher function argument passed to function {{token}} does not return the correct object structure",
        "T2001": "The left side of the {{token}} operator must evaluate to a number",
        "T2002": "The right side of the {{token}} operator must evaluate to a number",
        "T2003": "The left side of the range operator (..) must evaluate to an integer",
        "T2004": "The right side of the range operator (..) must evaluate to an integer",
        "D2005": "The left side of := must be a variable name (start with $)",
        "T2006": "The right side of the function application operator ~> must be a function",
        "T2007": "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause",
        "T2008": "The expressions within an order-by clause must evaluate to numeric or string values",
        "T2009": "The values {{value}} and {{value2}} either side of operator {{token}} must be of the same data type",
        "T2010": "The expressions either side of operator {{token}} must evaluate to numeric or string values",
        "T2011": "The insert/update clause of the transform expression must evaluate to an object: {{value}}",
        "T2012": "The delete clause of the transform expression must evaluate to a string or array of strings: {{value}}",
        "T2013": "The transform expression clones the input object using the $clone() function.  This has been overridden in the current scope by a non-function.",
        "D2014": "The size of the sequence allocated by the range operator (..) must not exceed 1e6.  Attempted to allocate {{value}}.",
        "D3001": "Attempting to invoke string function on Infinity or NaN",
        "D3010": "Second argument of replace function cannot be an empty string",
        "D3011": "Fourth argument of replace function must evaluate to a positive number",
        "D3012": "Attempted to replace a matched string with a non-string value",
        "D3020": "Third argument of split function must evaluate to a positive number",
        "D3030": "Unable to cast value to a number: {{value}}",
        "D3040": "Third argument of match function must evaluate to a positive number",
        "D3050": "The second argument of reduce function must be a function with at least two arguments",
        "D3060": "The sqrt function cannot be applied to a negative number: {{value}}",
        "D3061": "The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{exp}}",
        "D3070": "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function",
        "D3137": "{{{message}}}",
        "D3138": "The $single() function expected exactly 1 matching result.  Instead it matched more.",
        "D3139": "The $single() function expected exactly 1 matching result.  Instead it matched 0.",
        "D3140": "Malformed URL passed to ${{{functionName}}}(): {{value}}",
        "D3141": "{{{message}}}",
        "U1001": "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.",
    ]
}
