/// A function of JSONata's standard library.
struct Builtin: Sendable {
    typealias Implementation = @Sendable (Evaluator, [Value?], Value?, Frame) throws(Failure) -> Value?

    let name: String
    let signature: Signature
    /// The parameter count of the jsonata-js implementation, which decides what `$map` and friends pass.
    let arity: Int
    let implementation: Implementation

    init(_ name: String, _ signature: String, arity: Int, _ implementation: @escaping Implementation) {
        self.name = name
        self.signature = try! Signature(parsing: signature)
        self.arity = arity
        self.implementation = implementation
    }
}

extension Array where Element == Value? {
    /// The argument at `i`, undefined when absent.
    @inline(__always) func at(_ i: Int) -> Value? { i < count ? self[i] : nil }
}
