/// Access tokens from OAuth client-credentials grants, by connection name, kept until they expire
/// (`expires_in`) or a request with them is refused (401).
package actor OAuthTokenCache {
    /// A token and when it stops being usable.
    struct Entry {
        var token: String
        /// nil: the grant gave no lifetime; the token is kept until a 401.
        var expires: ContinuousClock.Instant?
    }

    var entries: [String: Entry] = [:]
    let clock = ContinuousClock()

    package init() {}

    /// The cached token for a connection, nil when there is none or it expired.
    package func token(for connection: String) -> String? {
        guard let entry = entries[connection] else { return nil }
        if let expires = entry.expires, clock.now >= expires {
            entries[connection] = nil
            return nil
        }
        return entry.token
    }

    /// The longest a token is kept, whatever the token endpoint says.
    static let maximumLifetimeSeconds = 86_400.0

    /// `seconds` is the endpoint's `expires_in`: one that is not a positive finite number is ignored,
    /// and a lifetime is capped at a day.
    package func store(_ token: String, for connection: String, expiresIn seconds: Double?) {
        let lifetime = seconds.flatMap { $0.isFinite && $0 > 0 ? min($0, Self.maximumLifetimeSeconds) : nil }
        entries[connection] = Entry(token: token, expires: lifetime.map { clock.now.advanced(by: .milliseconds(Int64($0 * 1000))) })
    }

    /// Forgets a token the API refused, unless another request already replaced it.
    package func invalidate(_ token: String, for connection: String) {
        if entries[connection]?.token == token { entries[connection] = nil }
    }
}
