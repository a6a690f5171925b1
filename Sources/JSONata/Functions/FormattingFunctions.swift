extension Functions {
    /// Date/time and picture-string functions; the formatting itself lives in Formatting/.
    static let formatting: [Builtin] = [
        Builtin("fromMillis", "<n-s?s?:s>", arity: 3) { _, args, _, _ throws(Failure) in
            guard case .number(let millis)? = args.at(0) else { return nil }
            return try Failure.bridging { () throws(JSONataError) in
                .string(
                    try DateTimeFormatting.formatMillis(millis, picture: args.at(1)?.stringValue, timezone: args.at(2)?.stringValue))
            }
        },
        Builtin("toMillis", "<s-s?:n>", arity: 2) { ev, args, _, _ throws(Failure) in
            guard case .string(let text)? = args.at(0) else { return nil }
            return try Failure.bridging { () throws(JSONataError) in
                // Parts a picture leaves out come from the evaluation's one timestamp, as `$now()` does.
                try DateTimeFormatting.parseToMillis(text, picture: args.at(1)?.stringValue, now: ev.timestamp).map { .number($0) }
            }
        },
        Builtin("formatNumber", "<n-so?:s>", arity: 3) { _, args, _, _ throws(Failure) in
            guard case .number(let value)? = args.at(0) else { return nil }
            var options: [String: String]?
            if case .object(let o)? = args.at(2) {
                var dict: [String: String] = [:]
                for (k, v) in o.members {
                    if case .string(let s) = v { dict[k] = s } else { dict[k] = JSONText.stringify(v) }
                }
                options = dict
            }
            return try Failure.bridging { () throws(JSONataError) in
                .string(
                    try NumberPictureFormatting.formatNumber(value, picture: args.at(1)?.stringValue ?? "", options: options))
            }
        },
        Builtin("formatInteger", "<n-s:s>", arity: 2) { _, args, _, _ throws(Failure) in
            guard case .number(let value)? = args.at(0) else { return nil }
            return try Failure.bridging { () throws(JSONataError) in
                .string(try NumberPictureFormatting.formatInteger(value, picture: args.at(1)?.stringValue ?? ""))
            }
        },
        Builtin("parseInteger", "<s-s:n>", arity: 2) { _, args, _, _ throws(Failure) in
            guard case .string(let text)? = args.at(0) else { return nil }
            return try Failure.bridging { () throws(JSONataError) in
                try NumberPictureFormatting.parseInteger(text, picture: args.at(1)?.stringValue ?? "").map { .number($0) }
            }
        },
        Builtin("formatBase", "<n-n?:s>", arity: 2) { _, args, _, _ throws(Failure) in
            guard case .number(let value)? = args.at(0) else { return nil }
            return try Failure.bridging { () throws(JSONataError) in
                .string(try NumberPictureFormatting.formatBase(value, radixNumber: args.at(1)?.numberValue))
            }
        },
    ]
}
