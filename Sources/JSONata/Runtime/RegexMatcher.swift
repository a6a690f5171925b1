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
            regex = try NSRegularExpression(pattern: RegexMatcher.icuPattern(pattern, multiline: flags.contains("m")), options: options)
        } catch {
            throw Failure("S0302", position: position, token: pattern)
        }
    }

    /// Rewrites the JavaScript constructs whose ICU meaning differs: `\d` and `\w` are ASCII-only in
    /// JavaScript, and without the `m` flag `$` matches only at the very end of the input.
    static func icuPattern(_ js: String, multiline: Bool) -> String {
        var out = ""
        var inClass = false
        var chars = js.makeIterator()
        while let c = chars.next() {
            if c == "\\" {
                guard let e = chars.next() else {
                    out.append(c)
                    break
                }
                switch e {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "w": out += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "D" where !inClass: out += "[^0-9]"
                case "W" where !inClass: out += "[^A-Za-z0-9_]"
                default:
                    out.append(c)
                    out.append(e)
                }
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c)
            } else if c == "[" {
                inClass = true
                out.append(c)
            } else if c == "$" && !multiline {
                out += "(?!(?s:.))"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The first match at or after UTF-16 offset `from`.
    func exec(_ string: NSString, from: Int) -> NSTextCheckingResult? {
        guard from <= string.length else { return nil }
        return regex.firstMatch(in: string as String, options: [], range: NSRange(location: from, length: string.length - from))
    }
}
