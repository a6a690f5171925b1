import JSONValue

/// A compiled JSONPath expression with Jayway (AWS Step Functions) semantics.
package struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// What the path is evaluated against.
    package enum Root: Sendable, Hashable {
        /// `$` (and Jayway's relative `@`): the state's input.
        case input
        /// `$$`: the context object.
        case context
        /// `$name`: a workflow variable.
        case variable(String)
    }

    /// The compiled path, shared by reference: paths are copied around the interpreter's hot
    /// loop, and one retain is cheaper than one per field.
    private final class Compiled: Sendable {
        let text: String
        let root: Root
        let isDefinite: Bool
        let isReferencePath: Bool
        let normalized: String
        let program: TokenProgram
        let steps: [Step]?

        init(text: String, root: Root, program: TokenProgram, steps: [Step]?) {
            self.text = text
            self.root = root
            self.program = program
            self.steps = steps
            isDefinite = program.isDefinite
            normalized = program.normalized
            isReferencePath = steps != nil && !program.isRelative
        }
    }

    private let compiled: Compiled

    /// The path as written.
    package var text: String { compiled.text }
    package var root: Root { compiled.root }
    /// Only names and single indices (and Jayway's merged `['a','b']` or a closing function):
    /// evaluation yields one bare value rather than a list.
    package var isDefinite: Bool { compiled.isDefinite }
    /// Only `$`, `.name`, `['name']` and `[N]`: the shape AWS allows for ResultPath, OutputPath and the like.
    package var isReferencePath: Bool { compiled.isReferencePath }
    /// Jayway's normalized form, e.g. `$['items'][10]['x']`, used in AWS's error text.
    package var normalized: String { compiled.normalized }

    private var program: TokenProgram { compiled.program }
    /// Names and indices only: evaluated by a tight loop. Nil when the path needs the general walker.
    private var steps: [Step]? { compiled.steps }

    /// One step of a reference path.
    enum Step: Sendable {
        case name(String)
        case index(Int)
    }

    /// Parses `text`, rejecting what Jayway rejects (plus malformed `$$` / `$name` roots).
    package init(_ text: String) throws(JSONPathError) {
        // The States Language only has `$`-rooted paths; Jayway's bare `key` and `@` forms are not paths there.
        guard text.hasPrefix("$") else { throw .invalid(path: text, reason: "A path must start with '$'") }
        let (root, jaywayText, symbol) = try Self.splitRoot(text)
        let program: TokenProgram
        do {
            program = try PathCompiler.compile(jaywayText, rootSymbol: symbol)
        } catch {
            throw .invalid(path: text, reason: error.reason)
        }
        var steps: [Step] = []
        for token in program.tokens {
            switch token {
            case .property(let name): steps.append(.name(name))
            case .index(let i): steps.append(.index(i))
            default: break
            }
        }
        compiled = Compiled(
            text: text, root: root, program: program, steps: steps.count == program.tokens.count ? steps : nil)
    }

    /// Separates our root forms (`$$`, `$name`) from the Jayway path that follows them.
    private static func splitRoot(_ text: String) throws(JSONPathError) -> (Root, String, String?) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "$", scalars.count > 1 else { return (.input, text, nil) }
        if scalars[1] == "$" {
            return (.context, "$" + String(String.UnicodeScalarView(scalars[2...])), "$$")
        }
        guard scalars[1] == "_" || scalars[1].properties.isAlphabetic && scalars[1].isASCII else {
            return (.input, text, nil)
        }
        var end = 1
        while end < scalars.count, scalars[end] == "_" || scalars[end].isASCII && (scalars[end].isDigit || scalars[end].properties.isAlphabetic) {
            end += 1
        }
        let name = String(String.UnicodeScalarView(scalars[1..<end]))
        return (.variable(name), "$" + String(String.UnicodeScalarView(scalars[end...])), "$" + name)
    }

    /// Evaluates against the value of its root. Definite path → the value (`notFound` when missing);
    /// indefinite → an array of matches (possibly empty), Jayway rules.
    package func evaluate(_ rootValue: JSONValue) throws(JSONPathError) -> JSONValue {
        if let steps = compiled.steps, let value = Self.follow(steps, in: rootValue) { return value }
        do {
            return try Evaluator.evaluate(program, on: rootValue, root: rootValue)
        } catch {
            switch error {
            case .notFound(let message): throw .notFound(path: text, message: message)
            case .invalid(let message), .failed(let message): throw .invalid(path: text, reason: message)
            }
        }
    }

    /// The value of a definite path made of names and indices, or nil when it needs the general
    /// evaluator (or finds nothing): the interpreter's fast path, without error handling.
    @inline(__always)
    package func quickValue(in rootValue: JSONValue) -> JSONValue? {
        guard let steps = compiled.steps else { return nil }
        return Self.follow(steps, in: rootValue)
    }

    /// The common case without allocation: nil when a step is missing, so the walker can say why.
    @inline(__always)
    private static func follow(_ steps: [Step], in rootValue: JSONValue) -> JSONValue? {
        // `$.name`, the most common path of all, without the general loop's copies.
        if steps.count == 1, case .name(let name) = steps[0], case .object(let object) = rootValue {
            return object.exactMember(name)
        }
        var current = rootValue
        for step in steps {
            switch step {
            case .name(let name):
                guard case .object(let object) = current, let next = object.exactMember(name) else { return nil }
                current = next
            case .index(let index):
                guard case .array(let array) = current else { return nil }
                let k = index < 0 ? array.count + index : index
                guard k >= 0, k < array.count else { return nil }
                current = array[k]
            }
        }
        return current
    }

    var referenceSteps: [Step]? { steps }

    package var description: String { text }

    package static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }
    package func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
