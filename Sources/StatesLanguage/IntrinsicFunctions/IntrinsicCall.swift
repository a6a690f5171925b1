import JSONValue

/// A parsed intrinsic function call such as `States.Format('{} x', $.a)`.
package struct IntrinsicCall: Sendable, Hashable {
    package var function: IntrinsicFunction
    package var arguments: [IntrinsicArgument]

    /// The pieces of a `States.Format` template given as a string literal, split where an
    /// unescaped `{}` stands. Kept from parsing because `\{\}` is text, not a placeholder,
    /// and that difference is gone once the literal is unescaped.
    var literalTemplate: FormatTemplate?

    /// A call built directly (not parsed); a literal Format template is then split on every `{}`.
    package init(function: IntrinsicFunction, arguments: [IntrinsicArgument]) {
        self.function = function
        self.arguments = arguments
        self.literalTemplate = nil
    }

    /// Parses the text of a `"key.$"` value that is a function call; throws with a message AWS-like.
    package init(parsing text: String) throws(IntrinsicParseError) {
        var parser = IntrinsicParser(text)
        self = try parser.parseWhole()
    }

    /// True when `text` starts like a call (`States.` prefix), false for paths.
    package static func looksLikeCall(_ text: String) -> Bool {
        text.utf8.starts(with: "States.".utf8)
    }

    /// Every path argument's text, depth first in argument order (nested calls included).
    package var pathArguments: [String] {
        var paths: [String] = []
        collectPaths(into: &paths)
        return paths
    }

    private func collectPaths(into paths: inout [String]) {
        for argument in arguments {
            switch argument {
            case .literal: break
            case .path(let path): paths.append(path)
            case .call(let call): call.collectPaths(into: &paths)
            }
        }
    }

    /// Evaluates; `resolvePath` resolves a path argument's text (`$.a`, `$$.Execution.Id`, `$myVar.x`) and throws
    /// StatesError itself when the path finds nothing. Errors: StatesError with name `States.IntrinsicFailure` or
    /// `States.Runtime` and AWS's cause text (the interpreter adds the "An error occurred while executing the state ..." prefix for States.Runtime).
    package func evaluate(
        resolvePath: (String) throws(StatesError) -> JSONValue,
        entropy: any EntropySource
    ) throws(StatesError) -> JSONValue {
        try evaluateBody(resolvePath: resolvePath, entropy: entropy)
    }
}

/// One argument of an intrinsic call: a literal, a path to resolve, or a nested call.
package indirect enum IntrinsicArgument: Sendable, Hashable {
    /// A string in single quotes (unescaped), a number, `true`, `false` or `null`.
    case literal(JSONValue)
    /// The text of a path starting with `$` (`$.a`, `$$.Execution.Id`, `$var.x`).
    case path(String)
    /// A nested intrinsic call.
    case call(IntrinsicCall)
}

/// Why the text of an intrinsic call could not be parsed, and the UTF-8 offset where that was found.
package struct IntrinsicParseError: Error, Equatable, Sendable, CustomStringConvertible {
    package var message: String
    package var offset: Int

    package init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) (at offset \(offset))" }
}

/// A Format template split at its placeholders: `segments.count - 1` placeholders.
struct FormatTemplate: Sendable, Hashable {
    /// The template text, unescaped, as it appears in the literal argument.
    var source: String
    var segments: [String]

    var placeholderCount: Int { segments.count - 1 }

    /// Splits a template that came from data (a path or a nested call): every `{}` is a placeholder.
    init(splitting text: String) {
        source = text
        segments = []
        var current: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        var pendingBrace = false
        while let b = bytes.next() {
            if pendingBrace {
                pendingBrace = false
                if b == UInt8(ascii: "}") {
                    segments.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                    continue
                }
                current.append(UInt8(ascii: "{"))
            }
            if b == UInt8(ascii: "{") {
                pendingBrace = true
            } else {
                current.append(b)
            }
        }
        if pendingBrace { current.append(UInt8(ascii: "{")) }
        segments.append(String(decoding: current, as: UTF8.self))
    }

    init(source: String, segments: [String]) {
        self.source = source
        self.segments = segments
    }
}
