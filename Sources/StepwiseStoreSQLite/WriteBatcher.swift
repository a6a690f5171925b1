import GRDB
import StepwiseEngine

/// The store's one writer: write operations from any number of callers are queued and applied in
/// batches, one transaction (one fsync under synchronous=FULL) per batch, instead of one per call.
///
/// Each operation runs in its own savepoint inside the batch's transaction, so an operation that
/// fails (a refused commit, a constraint) is rolled back alone and fails only its caller; the others
/// of the batch still commit. Every caller is resumed after its batch's transaction has committed
/// (or failed), never before: a caller that returns normally has its write on disk.
///
/// The batching loop is a task this actor owns: it is started when work arrives, ends when the queue
/// is empty, and `close()` waits for it.
actor WriteBatcher {
    typealias Outcome = Result<any Sendable, StoreError>

    struct Job: Sendable {
        var operation: String
        var work: @Sendable (Database) throws -> any Sendable
        var continuation: CheckedContinuation<Outcome, Never>
    }

    private let pool: DatabasePool
    private let maximumBatchSize: Int
    private var queue: [Job] = []
    private var worker: Task<Void, Never>?
    private var isClosed = false
    /// Transactions written and operations they held, to see how well commits are grouped.
    private(set) var batchCount = 0
    private(set) var operationCount = 0
    private(set) var largestBatch = 0

    init(pool: DatabasePool, maximumBatchSize: Int = 100) {
        self.pool = pool
        self.maximumBatchSize = max(1, maximumBatchSize)
    }

    /// Queues `work` for the next batch and returns its result once that batch is durable.
    func submit<T: Sendable>(_ operation: String, _ work: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            guard !isClosed else {
                continuation.resume(returning: .failure(StoreError(operation: operation, reason: "the store is closed")))
                return
            }
            queue.append(Job(operation: operation, work: { db in try work(db) }, continuation: continuation))
            if worker == nil {
                worker = Task { await self.run() }
            }
        }
        switch outcome {
        case .success(let value):
            guard let value = value as? T else {
                throw StoreError(operation: operation, reason: "internal error: unexpected result type \(type(of: value))")
            }
            return value
        case .failure(let error):
            throw error
        }
    }

    /// Fails whatever is still queued, lets the batch in flight finish, and refuses later work.
    /// (The batch in flight is not cancelled: GRDB would interrupt its transaction, losing writes that
    /// were about to commit.)
    func close() async {
        isClosed = true
        let abandoned = queue
        queue.removeAll()
        for job in abandoned {
            job.continuation.resume(returning: .failure(StoreError(operation: job.operation, reason: "the store is closed")))
        }
        await worker?.value
    }

    private func run() async {
        while !queue.isEmpty {
            let count = min(queue.count, maximumBatchSize)
            let batch = Array(queue[..<count])
            queue.removeFirst(count)
            let outcomes = await Self.write(batch, to: pool)
            batchCount += 1
            operationCount += batch.count
            largestBatch = max(largestBatch, batch.count)
            for (job, outcome) in zip(batch, outcomes) {
                job.continuation.resume(returning: outcome)
            }
        }
        worker = nil
    }

    /// One transaction for the whole batch; one savepoint per operation.
    private static func write(_ batch: [Job], to pool: DatabasePool) async -> [Outcome] {
        let works = batch.map { (operation: $0.operation, work: $0.work) }
        do {
            return try await pool.write { db -> [Outcome] in
                var outcomes: [Outcome] = []
                outcomes.reserveCapacity(works.count)
                for (operation, work) in works {
                    var value: (any Sendable)?
                    do {
                        try db.inSavepoint {
                            value = try work(db)
                            return .commit
                        }
                        if let value {
                            outcomes.append(.success(value))
                        } else {
                            outcomes.append(.failure(StoreError(operation: operation, reason: "internal error: no result")))
                        }
                    } catch let error as StoreError {
                        outcomes.append(.failure(error))
                    } catch {
                        outcomes.append(.failure(StoreError(operation: operation, reason: String(describing: error))))
                    }
                }
                return outcomes
            }
        } catch {
            // The transaction itself failed (I/O, disk full, closed): nothing of the batch was applied.
            return batch.map { .failure(StoreError(operation: $0.operation, reason: String(describing: error))) }
        }
    }
}
