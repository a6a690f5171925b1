// Placeholders so this branch compiles; the lead replaces this file with the real formatting code.

/// Date/time picture formatting (`$fromMillis`, `$toMillis`, `$now` with a picture).
enum DateTimeFormatting {
    static func formatMillis(_ millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
        throw JSONataError(code: "D3137", message: "pending")
    }

    static func parseToMillis(_ text: String, picture: String?) throws(JSONataError) -> Double? {
        throw JSONataError(code: "D3137", message: "pending")
    }
}

/// Number picture formatting (`$formatNumber`, `$formatInteger`, `$parseInteger`, `$formatBase`).
enum NumberPictureFormatting {
    static func formatNumber(_ value: Double, picture: String, options: [String: String]?) throws(JSONataError) -> String {
        throw JSONataError(code: "D3137", message: "pending")
    }

    static func formatInteger(_ value: Double, picture: String) throws(JSONataError) -> String {
        throw JSONataError(code: "D3137", message: "pending")
    }

    static func parseInteger(_ text: String, picture: String) throws(JSONataError) -> Double? {
        throw JSONataError(code: "D3137", message: "pending")
    }

    static func formatBase(_ value: Double, radix: Int?) throws(JSONataError) -> String {
        throw JSONataError(code: "D3137", message: "pending")
    }
}
