import Foundation
import JSONValue

/// A compiled JSONata expression, evaluated any number of times against different inputs.
public struct JSONataExpression: Sendable {
    /// The expression text as written (between `{%` and `%}` in ASL).
    public let source: String
    private let ast: CompiledAST

    /// Compiles `source`; syntax errors carry JSONata's `S0xxx` codes and the position.
    public init(_ source: String) throws(JSONataError) {
        self.source = source
        do {
            ast = CompiledAST(try Parser.parse(source))
        } catch {
            throw error.publicError
        }
    }

    /// Evaluates against `input` (nil: no input at all), with `bindings` as `$name` variables.
    ///
    /// `nowMillis` fixes what `$now()` and `$millis()` return (nil reads the clock once per evaluation).
    public func evaluate(
        _ input: JSONValue?, bindings: [String: JSONataBinding] = [:], limits: JSONataLimits = JSONataLimits(),
        nowMillis: Double? = nil
    ) throws(JSONataError) -> JSONataResult {
        let timestamp = nowMillis ?? (Date().timeIntervalSince1970 * 1000).rounded(.down)
        let evaluator = Evaluator(limits: limits, timestamp: timestamp)
        var root = input.map(Value.wrap)
        if case .array(let a)? = root {
            // A top-level array is one input document, not a sequence of them.
            let wrapper = JArray.sequence(.array(a))
            wrapper.outerWrapper = true
            root = .array(wrapper)
        }
        var host = bindings
        if host.keys.contains(where: { $0.hasPrefix("$") }) {
            host = Dictionary(bindings.map { (String($0.key.drop(while: { $0 == "$" })), $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        let env = Frame(parent: nil, host: host)
        env.bind("$", root)
        do {
            guard let result = try evaluator.eval(ast.root, root, env) else { return .undefined }
            if case .function = result { return .function }
            return result.toJSON().map { .value($0) } ?? .undefined
        } catch {
            throw error.publicError
        }
    }
}

/// The syntax tree, immutable once parsed, so sharing it between threads is safe.
final class CompiledAST: @unchecked Sendable {
    let root: Node
    init(_ root: Node) { self.root = root }
}

/// What an expression produced: JSON has no `undefined` and no functions, so callers decide.
public enum JSONataResult: Sendable, Equatable {
    case undefined
    case value(JSONValue)
    /// A lambda or built-in function (ASL rejects it as an unsupported result type).
    case function
}

/// A `$name` the host binds before evaluation.
public enum JSONataBinding: Sendable {
    case value(JSONValue)
    case function(JSONataNativeFunction)
}

/// A host function callable from expressions (AWS's `$partition`, `$hash`, `$uuid`...).
public struct JSONataNativeFunction: Sendable {
    /// JSONata signature text such as `<a<j>n:a>`, checked before `body` runs; nil checks nothing.
    public let signature: String?
    /// Arguments as evaluated; nil is `undefined`.
    public let body: @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?

    public init(signature: String?, _ body: @escaping @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?) {
        self.signature = signature
        self.body = body
    }
}

/// Guards against runaway evaluation: both end in `U1001`.
public struct JSONataLimits: Sendable {
    /// Deepest nesting of evaluation steps (tail calls do not nest).
    public var maxDepth: Int
    /// Most evaluation steps in one evaluation.
    public var maxSteps: Int

    public init(maxDepth: Int = 1_000, maxSteps: Int = 50_000_000) {
        self.maxDepth = maxDepth
        self.maxSteps = maxSteps
    }
}

/// A failure to compile or evaluate, with JSONata's code (`S0201`, `T2001`, `D3030`...).
public struct JSONataError: Error, Sendable, Equatable {
    public var code: String
    /// JSONata's English message, without code or position (AWS prints `code: message`).
    public var message: String
    /// Character offset in the source where it went wrong, when known.
    public var position: Int?
    /// The offending token, when there is one.
    public var token: String?
    /// The offending value, when there is one.
    public var value: JSONValue?

    public init(code: String, message: String, position: Int? = nil, token: String? = nil, value: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.position = position
        self.token = token
        self.value = value
    }
}
