#include "cli/parallel_batch.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace elig {

namespace {

// About 128 KB of input a chunk: its ~10x larger output stays in cache.
constexpr size_t kChunkBytes = 1 << 17;

struct Slot {
    enum class State { free, ready, working, done };
    State state = State::free;
    long first_line = 0;     // lines of the input before this chunk
    std::string input, output;
    long lines = 0, bad_lines = 0;
};

// The chunks in flight, a ring of slots: the reader fills them in input
// order, the workers evaluate any that is ready, the writer writes them out
// in input order again.
class ParallelBatch {
public:
    ParallelBatch(const Trial& trial, unsigned workers, const std::function<bool(const std::string&)>& write)
        : trial_(trial), workers_(std::max(1u, workers)), ring_(std::max(2u, workers) * 3), slots_(ring_), write_(write)
    {
    }

    BatchTotals run(std::FILE* in)
    {
        std::vector<std::thread> threads;
        for (unsigned w = 0; w < workers_; ++w) threads.emplace_back([this] { work(); });
        read_all(in);
        {
            std::lock_guard lock(mutex_);
            finished_ = true;
        }
        changed_.notify_all();
        drain(true);
        for (std::thread& t : threads) t.join();
        return totals_;
    }

private:
    const Trial& trial_;
    const unsigned workers_;
    const size_t ring_;
    std::vector<Slot> slots_;
    const std::function<bool(const std::string&)>& write_;
    std::mutex mutex_;
    std::condition_variable changed_;
    size_t next_to_take_ = 0, next_to_write_ = 0, filled_ = 0;
    bool finished_ = false;
    BatchTotals totals_;

    void work()
    {
        BatchEvaluator batch(trial_);
        std::unique_lock lock(mutex_);
        for (;;) {
            changed_.wait(lock, [&] {
                return finished_ && next_to_take_ == filled_ ? true : next_to_take_ < filled_ && slots_[next_to_take_ % ring_].state == Slot::State::ready;
            });
            if (next_to_take_ == filled_) return;  // finished, nothing left
            Slot& slot = slots_[next_to_take_++ % ring_];
            slot.state = Slot::State::working;
            lock.unlock();
            slot.output.clear();
            batch.start_at_line(slot.first_line);
            batch.feed(slot.input, slot.output);
            batch.finish(slot.output);
            slot.lines = batch.lines();
            slot.bad_lines = batch.bad_lines();
            lock.lock();
            slot.state = Slot::State::done;
            changed_.notify_all();
        }
    }

    // Writes, in order, every chunk that is done; with `all`, waits for them.
    void drain(bool all)
    {
        std::unique_lock lock(mutex_);
        while (next_to_write_ < filled_) {
            Slot& slot = slots_[next_to_write_ % ring_];
            if (slot.state != Slot::State::done) {
                if (!all && filled_ - next_to_write_ < ring_) return;  // room to read on
                changed_.wait(lock, [&] { return slot.state == Slot::State::done; });
            }
            lock.unlock();
            totals_.write_failed |= !write_(slot.output);
            totals_.lines = std::max(totals_.lines, slot.lines);
            totals_.bad_lines += slot.bad_lines;
            lock.lock();
            slot.state = Slot::State::free;
            ++next_to_write_;
        }
    }

    // Reads chunks of whole lines into free slots until the input ends.
    void read_all(std::FILE* in)
    {
        std::string carry;
        std::vector<char> buffer(kChunkBytes);
        long lines_before = 0;
        bool at_end = false;
        while (!at_end) {
            drain(false);
            Slot& slot = slots_[filled_ % ring_];  // free: drain keeps fewer than `ring_` in flight
            std::string& chunk = slot.input;
            chunk.swap(carry);
            carry.clear();
            at_end = fill_chunk(in, buffer, chunk);
            if (!at_end) {
                const size_t last_newline = chunk.rfind('\n');
                carry.assign(chunk, last_newline + 1, std::string::npos);
                chunk.resize(last_newline + 1);
            }
            slot.first_line = lines_before;
            lines_before += static_cast<long>(std::count(chunk.begin(), chunk.end(), '\n'));
            {
                std::lock_guard lock(mutex_);
                slot.state = Slot::State::ready;
                ++filled_;
            }
            changed_.notify_all();
        }
        totals_.read_failed = std::ferror(in) != 0;
    }

    // Appends input until the chunk is big enough and holds a line end;
    // true at the end of the input.
    static bool fill_chunk(std::FILE* in, std::vector<char>& buffer, std::string& chunk)
    {
        while (chunk.size() < kChunkBytes || chunk.find('\n') == std::string::npos) {
            const size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
            if (n == 0) return true;
            chunk.append(buffer.data(), n);
        }
        return false;
    }
};

} // namespace

BatchTotals evaluate_in_parallel(const Trial& trial, std::FILE* in, unsigned workers, const std::function<bool(const std::string&)>& write)
{
    return ParallelBatch(trial, workers, write).run(in);
}

} // namespace elig
