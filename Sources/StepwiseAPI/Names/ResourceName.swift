/// The naming rule AWS applies to state machines, executions and activities.
///
/// Length (1...80) is a model constraint and so a ValidationException, checked while decoding;
/// the character rule is the service's own and gives InvalidName.
package enum ResourceName {
    package static let maxLength = 80

    /// Characters AWS names as forbidden: brackets, wildcards and the special characters.
    private static let forbidden: Set<Unicode.Scalar> = [
        "<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":", "/",
    ]

    /// True when every character is allowed (length is not checked here).
    package static func hasValidCharacters(_ name: String) -> Bool {
        for scalar in name.unicodeScalars {
            if forbidden.contains(scalar) { return false }
            // Control characters U+0000-001F and U+007F-009F.
            if scalar.value <= 0x1F || (0x7F...0x9F).contains(scalar.value) { return false }
            if scalar.properties.isWhitespace { return false }
        }
        return true
    }

    /// True when the name would be accepted as a resource name: 1...80 characters, none forbidden.
    package static func isValid(_ name: String) -> Bool {
        let length = name.utf16.count
        return length >= 1 && length <= maxLength && hasValidCharacters(name)
    }

    /// Throws InvalidName for a name with a forbidden character.
    package static func validate(_ name: String) throws(APIError) {
        guard hasValidCharacters(name) else { throw .invalidName(name) }
    }
}
