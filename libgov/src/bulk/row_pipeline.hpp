#pragma once
// Private to libgov: the rows of an import file read and checked on a
// second thread while the caller's thread writes the ones before them.
//
// Why: a roster import of a million rows spent about a seventh of its time
// reading CSV and checking fields — work that needs no database — and the
// machines gov runs on have at least two cores. The reading thread fills
// batches of rows ahead (a few at most, so memory stays flat however long
// the file) and the writer takes them in file order, so everything the
// import reports comes out as if one thread had done it all.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace gov::detail {

/// Runs `read(row)` on a helper thread until it returns false, handing the
/// rows over in order through next(). Row objects are reused, so strings
/// in them keep their buffers. What `read` throws is thrown by next() where
/// the file would have thrown when read on one thread: after the rows
/// before it. `read` must not touch what the caller's thread uses.
template <class Row>
class row_pipeline {
  public:
    explicit row_pipeline(std::function<bool(Row&)> read, std::size_t batch_rows = 512,
                          std::size_t batches = 4)
        : m_read(std::move(read)), m_batches(batches) {
        for (auto& b : m_batches) b.rows.resize(batch_rows);
        m_thread = std::thread([this] { produce(); });
    }

    ~row_pipeline() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    row_pipeline(const row_pipeline&) = delete;
    row_pipeline& operator=(const row_pipeline&) = delete;

    /// The next row, or nullptr after the last. The row stays valid until
    /// the next call.
    Row* next() {
        for (;;) {
            if (m_taking && m_taken < m_batches[m_take].count)
                return &m_batches[m_take].rows[m_taken++];
            std::unique_lock lock(m_mutex);
            if (m_taking) {  // that batch is done with: the reader may fill it again
                m_batches[m_take].full = false;
                m_take = (m_take + 1) % m_batches.size();
                m_taking = false;
                m_changed.notify_all();
            }
            m_changed.wait(lock, [&] { return m_batches[m_take].full || m_ended; });
            if (m_batches[m_take].full) {
                m_taking = true;
                m_taken = 0;
                continue;
            }
            // Ended, and every filled batch taken.
            if (m_error) std::rethrow_exception(std::exchange(m_error, nullptr));
            return nullptr;
        }
    }

    /// Whether the row next() returned last is the last of its batch: the
    /// next call hands the batch's rows back to the reading thread, so
    /// nothing may point into them after it.
    bool batch_done() const { return m_taking && m_taken == m_batches[m_take].count; }

  private:
    struct batch {
        std::vector<Row> rows;
        std::size_t count = 0;
        bool full = false;  // filled, not yet taken back by next()
    };

    void produce() {
        for (std::size_t fill = 0;; fill = (fill + 1) % m_batches.size()) {
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return !m_batches[fill].full || m_stop; });
                if (m_stop) return;
            }
            batch& b = m_batches[fill];
            b.count = 0;
            bool more = true;
            std::exception_ptr error;
            try {
                while (b.count < b.rows.size() && (more = m_read(b.rows[b.count]))) ++b.count;
            } catch (...) {
                error = std::current_exception();
                more = false;
            }
            {
                std::lock_guard lock(m_mutex);
                b.full = b.count > 0;  // the rows read before an error still count
                m_ended = !more;
                m_error = error;
            }
            m_changed.notify_all();
            if (!more) return;
        }
    }

    std::function<bool(Row&)> m_read;
    std::vector<batch> m_batches;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stop = false, m_ended = false;
    std::exception_ptr m_error;
    // The caller's side: the batch being taken and how far.
    std::size_t m_take = 0, m_taken = 0;
    bool m_taking = false;
    std::thread m_thread;  // last: started once everything above exists
};

}  // namespace gov::detail
