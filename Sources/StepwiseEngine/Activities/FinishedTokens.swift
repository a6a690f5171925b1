/// Tokens of tasks that ended, so that a late answer reads as TaskTimedOut rather than an unknown
/// token. Bounded: past `limit` the oldest are forgotten (and then read as unknown).
struct FinishedTokens {
    private var members: Set<String> = []
    private var order: [String] = []

    func contains(_ token: String) -> Bool { members.contains(token) }

    mutating func insert(_ token: String, limit: Int) {
        guard members.insert(token).inserted else { return }
        order.append(token)
        if order.count > limit {
            let drop = order.count - limit
            for old in order.prefix(drop) { members.remove(old) }
            order.removeFirst(drop)
        }
    }

    /// A token in use again (a task relaunched after a restart keeps its token).
    mutating func remove(_ token: String) {
        members.remove(token)
    }
}
