import Foundation

/// A compiled regular expression literal; offsets are UTF-16 units, as JavaScript reports them.
final class RegexMatcher: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to share between threads.
    let regex: NSRegularExpression
    let source: String

    init(pattern: String, flags: String, position: Int) throws(Failure) {
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        source = pattern
        do {
            regex = try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw Failure("S0302", position: position, token: pattern)
        }
    }

    /// The first match at or after UTF-16 offset `from`.
    func exec(_ string: NSString, from: Int) -> NSTextCheckingResult? {
        guard from <= string.length else { return nil }
        return regex.firstMatch(in: string as String, options: [], range: NSRange(location: from, length: string.length - from))
    }
}
