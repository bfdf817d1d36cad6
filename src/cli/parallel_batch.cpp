#include "parallel_batch.h"

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

} // namespace

BatchTotals evaluate_in_parallel(const Trial& trial, std::FILE* in, unsigned workers, const std::function<bool(const std::string&)>& write)
{
    BatchTotals totals;
    const size_t ring = std::max(2u, workers) * 3;
    std::vector<Slot> slots(ring);
    std::mutex mutex;
    std::condition_variable changed;
    size_t next_to_take = 0, filled = 0;
    bool finished = false;

    auto work = [&] {
        BatchEvaluator batch(trial);
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock, [&] { return finished && next_to_take == filled ? true : next_to_take < filled && slots[next_to_take % ring].state == Slot::State::ready; });
            if (next_to_take == filled) return;  // finished, nothing left
            Slot& slot = slots[next_to_take++ % ring];
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
            changed.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < std::max(1u, workers); ++w) threads.emplace_back(work);

    // Write, in order, every chunk that is done; with `all`, wait for them.
    size_t next_to_write = 0;
    auto drain = [&](bool all) {
        std::unique_lock lock(mutex);
        while (next_to_write < filled) {
            Slot& slot = slots[next_to_write % ring];
            if (slot.state != Slot::State::done) {
                if (!all && filled - next_to_write < ring) return;  // room to read on
                changed.wait(lock, [&] { return slot.state == Slot::State::done; });
            }
            lock.unlock();
            totals.write_failed |= !write(slot.output);
            totals.lines = std::max(totals.lines, slot.lines);
            totals.bad_lines += slot.bad_lines;
            lock.lock();
            slot.state = Slot::State::free;
            ++next_to_write;
        }
    };

    std::string carry;
    std::vector<char> buffer(kChunkBytes);
    long lines_before = 0;
    bool at_end = false;
    while (!at_end) {
        drain(false);
        Slot& slot = slots[filled % ring];  // free: drain keeps fewer than `ring` in flight
        std::string& chunk = slot.input;
        chunk.swap(carry);
        carry.clear();
        while (chunk.size() < kChunkBytes || chunk.find('\n') == std::string::npos) {
            const size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
            if (n == 0) {
                at_end = true;
                break;
            }
            chunk.append(buffer.data(), n);
        }
        if (!at_end) {
            const size_t last_newline = chunk.rfind('\n');
            carry.assign(chunk, last_newline + 1, std::string::npos);
            chunk.resize(last_newline + 1);
        }
        slot.first_line = lines_before;
        lines_before += static_cast<long>(std::count(chunk.begin(), chunk.end(), '\n'));
        {
            std::lock_guard lock(mutex);
            slot.state = Slot::State::ready;
            ++filled;
        }
        changed.notify_all();
    }
    totals.read_failed = std::ferror(in) != 0;
    {
        std::lock_guard lock(mutex);
        finished = true;
    }
    changed.notify_all();
    drain(true);
    for (std::thread& t : threads) t.join();
    return totals;
}

} // namespace elig
