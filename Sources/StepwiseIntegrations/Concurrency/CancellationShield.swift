/// Runs `body` to its end even when the calling task is cancelled, and returns its result: clean-up
/// after a cancellation (stopping containers, a child execution) must not be cut short by it.
func withTaskCancellationShielded<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
    await Task { await body() }.value
}
