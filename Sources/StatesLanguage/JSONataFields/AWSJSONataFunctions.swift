import JSONValue
import JSONata

/// The functions AWS Step Functions adds to JSONata: `$partition`, `$range`, `$hash`, `$random`,
/// `$uuid` and `$parse`, each the JSONata face of the intrinsic function it replaces.
enum AWSJSONataFunctions {
    /// The stateless functions, built once.
    private static let stateless: [String: JSONataBinding] = [
        "partition": intrinsic(.arrayPartition, signature: "<an:a>"),
        "range": intrinsic(.arrayRange, signature: "<nnn:a>"),
        "hash": intrinsic(.hash, signature: "<ss:s>"),
        "parse": .function(
            JSONataNativeFunction(signature: "<s:x>") { (args) throws(JSONataError) -> JSONValue? in
                guard case .string(let text)? = args.first ?? nil else { return nil }
                do {
                    return try JSONValue(parsing: text)
                } catch {
                    throw JSONataError(
                        code: "D3137", message: "The argument of $parse is not valid JSON text: \(text)", value: .string(text))
                }
            }),
    ]

    /// Every function, with `$random` and `$uuid` drawing from the execution's entropy so a replay repeats them.
    static func bindings(entropy: any EntropySource) -> [String: JSONataBinding] {
        let source = SharedEntropy(entropy)
        var all = stateless
        all["uuid"] = .function(JSONataNativeFunction(signature: "<:s>") { _ in .string(source.entropy.uuidString()) })
        all["random"] = .function(
            JSONataNativeFunction(signature: "<n?:n>") { (args) throws(JSONataError) -> JSONValue? in
                guard let seed = args.first ?? nil else { return .double(source.entropy.nextDouble()) }
                guard let n = seed.numberValue?.int64Value else {
                    throw JSONataError(code: "D3137", message: "The seed of $random must be an integer", value: seed)
                }
                var random = JavaRandom(seed: n)
                return .double(random.nextDouble())
            })
        return all
    }

    /// A host function evaluated by the intrinsic of the same meaning, its errors reported as JSONata errors.
    private static func intrinsic(_ function: IntrinsicFunction, signature: String) -> JSONataBinding {
        .function(
            JSONataNativeFunction(signature: signature) { (args) throws(JSONataError) -> JSONValue? in
                if args.contains(where: { $0 == nil }) { return nil }
                let call = IntrinsicCall(function: function, arguments: args.map { .literal($0!) })
                do throws(StatesError) {
                    return try call.evaluate(resolvePath: { (_) throws(StatesError) -> JSONValue in .null }, entropy: NoEntropy())
                } catch {
                    throw JSONataError(code: "D3137", message: error.cause ?? error.name)
                }
            })
    }
}

/// The interpreter's entropy source made callable from JSONata's `@Sendable` host functions.
///
/// Unchecked: an expression is evaluated synchronously on the interpreter's own thread, which is
/// the only one that ever touches the source.
private final class SharedEntropy: @unchecked Sendable {
    let entropy: any EntropySource
    init(_ entropy: any EntropySource) { self.entropy = entropy }
}

/// For intrinsics that draw no random numbers.
private final class NoEntropy: EntropySource {
    func next() -> UInt64 { 0 }
}
